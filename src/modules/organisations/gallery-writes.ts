import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { rolesWithPrimary } from '../../db/reference/role-types.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Ctx } from '../../platform/context.ts';
import { currentPrimary, demote } from './primary.ts';
import { person, roleAssignment } from '../../platform/identity/schema.ts';

/**
 * The writes behind the gallery's use cases, shared by the single-person forms and the file
 * import. Callers have checked the policy and the input, and hold the municipality lock
 * (inGalleryTx), so the rules here (one primary, no duplicate role) hold under concurrency.
 */

type PersonFields = { name: string; email: string; title: string; phone: string };

export async function insertPerson(tx: Db, ctx: Ctx, municipalityCode: string, fields: PersonFields) {
  const [created] = await tx
    .insert(person)
    .values({ ...fields, municipalityCode, createdAt: ctx.now, updatedAt: ctx.now })
    .returning();
  await recordAudit(tx, ctx, { action: 'person.created', entityType: 'person', entityId: created!.id, municipalityCode, after: fields });
  return created!;
}

/** Writes the new fields when any differs; returns whether something changed. */
export async function changePerson(tx: Db, ctx: Ctx, municipalityCode: string, before: PersonFields & { id: string }, next: PersonFields) {
  const same = before.name === next.name && before.email === next.email && before.title === next.title && before.phone === next.phone;
  if (same) return false;
  await tx
    .update(person)
    .set({ ...next, updatedAt: ctx.now })
    .where(eq(person.id, before.id));
  await recordAudit(tx, ctx, {
    action: 'person.updated',
    entityType: 'person',
    entityId: before.id,
    municipalityCode,
    before: { name: before.name, email: before.email, title: before.title, phone: before.phone },
    after: next,
  });
  return true;
}

export type Grant = {
  municipalityCode: string;
  personId: string;
  personName: string;
  roleTypeKey: string;
  solutionKey: string | null;
  /** Asked to be the primary holder; the first holder of a slot is primary regardless. */
  primary: boolean;
};

/**
 * Gives a person a role. Holding it already is a no-op unless the request makes them primary,
 * which moves the primary from the previous holder. Returns the assignment and whether anything
 * was written, so a repeated request neither writes nor audits.
 */
export async function grantRole(tx: Db, ctx: Ctx, g: Grant) {
  const slot = { municipalityCode: g.municipalityCode, roleTypeKey: g.roleTypeKey, solutionKey: g.solutionKey };
  const [existing] = await tx
    .select()
    .from(roleAssignment)
    .where(
      and(
        eq(roleAssignment.personId, g.personId),
        eq(roleAssignment.roleTypeKey, g.roleTypeKey),
        g.solutionKey === null ? isNull(roleAssignment.solutionKey) : eq(roleAssignment.solutionKey, g.solutionKey),
        isNull(roleAssignment.removedAt),
      ),
    );
  const hasPrimary = rolesWithPrimary.includes(g.roleTypeKey);
  if (existing && (!hasPrimary || !g.primary || existing.isPrimary)) return { assignment: existing, changed: false };

  const previous = hasPrimary ? await currentPrimary(tx, slot) : null;
  const isPrimary = hasPrimary && (!previous || g.primary);
  if (previous && isPrimary) await demote(tx, previous.id);

  if (existing) {
    const [updated] = await tx.update(roleAssignment).set({ isPrimary: true }).where(eq(roleAssignment.id, existing.id)).returning();
    await recordAudit(tx, ctx, {
      action: 'role.primary_changed',
      entityType: 'role_assignment',
      entityId: existing.id,
      municipalityCode: g.municipalityCode,
      before: { primaryAssignmentId: previous?.id ?? null },
      after: { primaryAssignmentId: existing.id, personId: g.personId, roleTypeKey: g.roleTypeKey, solutionKey: g.solutionKey },
    });
    return { assignment: updated!, changed: true };
  }

  const [created] = await tx
    .insert(roleAssignment)
    .values({ ...slot, personId: g.personId, isPrimary, createdAt: ctx.now })
    .returning();
  await recordAudit(tx, ctx, {
    action: 'role.assigned',
    entityType: 'role_assignment',
    entityId: created!.id,
    municipalityCode: g.municipalityCode,
    after: { personId: g.personId, personName: g.personName, roleTypeKey: g.roleTypeKey, solutionKey: g.solutionKey, isPrimary },
  });
  return { assignment: created!, changed: true };
}
