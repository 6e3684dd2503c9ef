import { and, eq, isNull, sql } from 'drizzle-orm';
import { rolesWithPrimary } from '../../db/reference/role-types.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { conflict, invalid, parseInput } from '../../platform/errors.ts';
import { findPersonIn, inGalleryTx } from './gallery-tx.ts';
import { assignRoleInput } from './inputs.ts';
import { authorize } from './policy.ts';
import { currentPrimary, demote } from './primary.ts';
import { roleAssignment, roleType, solution } from './schema.ts';

/**
 * Gives a person a role (per solution where the role requires it). Repeating the same request
 * returns the existing assignment and changes nothing, so a double click is harmless.
 */
export async function assignRole(ctx: Ctx & { actor: Actor }, municipalityCode: string, personId: string, raw: unknown) {
  // Permission first: someone who may not change the gallery gets 403/404, never a form with errors.
  authorize(ctx.actor, 'manage', municipalityCode);
  const input = parseInput(assignRoleInput, raw);
  return inGalleryTx(ctx, municipalityCode, async (tx) => {
    const who = await findPersonIn(tx, municipalityCode, personId);
    if (!who.active) throw conflict('Personen er deaktiveret og kan ikke få nye roller.');
    const [type] = await tx.select().from(roleType).where(eq(roleType.key, input.roleTypeKey));
    if (!type || type.scope !== 'municipal') throw invalid({ roleTypeKey: 'Vælg en af kommunens roller' });
    const solutionKey = type.perSolution ? (input.solutionKey ?? null) : null;
    if (type.perSolution) {
      if (!solutionKey) throw invalid({ solutionKey: `Vælg hvilken løsning personen er ${type.labelDa.toLowerCase()} for` });
      const [known] = await tx.select({ key: solution.key }).from(solution).where(eq(solution.key, solutionKey));
      if (!known) throw invalid({ solutionKey: 'Vælg en løsning fra listen' });
    } else if (input.solutionKey) {
      throw invalid({ solutionKey: `Rollen ${type.labelDa} gælder hele kommunen og har ingen løsning` });
    }

    const [existing] = await tx
      .select()
      .from(roleAssignment)
      .where(
        and(
          eq(roleAssignment.personId, personId),
          eq(roleAssignment.roleTypeKey, type.key),
          solutionKey === null ? isNull(roleAssignment.solutionKey) : eq(roleAssignment.solutionKey, solutionKey),
          isNull(roleAssignment.removedAt),
        ),
      );
    const slot = { municipalityCode, roleTypeKey: type.key, solutionKey };
    const hasPrimary = rolesWithPrimary.includes(type.key);

    if (existing) {
      if (!hasPrimary || !input.isPrimary || existing.isPrimary) return { assignment: existing, changed: false };
      // Same role, now asked to be primary: that is a change of primary, not a new assignment.
      const previous = await currentPrimary(tx, slot);
      if (previous) await demote(tx, previous.id);
      const [updated] = await tx.update(roleAssignment).set({ isPrimary: true }).where(eq(roleAssignment.id, existing.id)).returning();
      await recordAudit(tx, ctx, {
        action: 'role.primary_changed',
        entityType: 'role_assignment',
        entityId: existing.id,
        municipalityCode,
        before: { primaryAssignmentId: previous?.id ?? null },
        after: { primaryAssignmentId: existing.id, personId, roleTypeKey: type.key, solutionKey },
      });
      return { assignment: updated!, changed: true };
    }

    if (type.maxPerMunicipality !== null) {
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(roleAssignment)
        .where(
          and(
            eq(roleAssignment.municipalityCode, municipalityCode),
            eq(roleAssignment.roleTypeKey, type.key),
            isNull(roleAssignment.removedAt),
          ),
        );
      if (n >= type.maxPerMunicipality) {
        throw conflict(
          `Kommunen har allerede ${type.maxPerMunicipality === 2 ? 'to' : type.maxPerMunicipality} med rollen ${type.labelDa}, som er det højeste antal. Fjern rollen fra en af dem først.`,
          { roleTypeKey: `Der kan højst være ${type.maxPerMunicipality === 2 ? 'to' : type.maxPerMunicipality} med rollen ${type.labelDa} i kommunen` },
        );
      }
    }

    let isPrimary = false;
    if (hasPrimary) {
      const previous = await currentPrimary(tx, slot);
      // The first holder is primary by necessity; later holders only when asked to be.
      isPrimary = !previous || input.isPrimary === true;
      if (previous && isPrimary) await demote(tx, previous.id);
    }
    const [created] = await tx
      .insert(roleAssignment)
      .values({ personId, municipalityCode, roleTypeKey: type.key, solutionKey, isPrimary, createdAt: ctx.now })
      .returning();
    await recordAudit(tx, ctx, {
      action: 'role.assigned',
      entityType: 'role_assignment',
      entityId: created!.id,
      municipalityCode,
      after: { personId, personName: who.name, roleTypeKey: type.key, solutionKey, isPrimary },
    });
    return { assignment: created!, changed: true };
  });
}
