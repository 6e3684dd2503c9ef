import { and, eq, isNull, ne, sql } from 'drizzle-orm';
import type { Actor, Ctx } from '../../platform/context.ts';
import { conflict, invalid, parseInput } from '../../platform/errors.ts';
import { findPersonIn, inGalleryTx } from './gallery-tx.ts';
import { assignRoleInput } from './inputs.ts';
import { authorize } from './policy.ts';
import { grantRole } from './gallery-writes.ts';
import { roleAssignment, roleType, solution } from '../../platform/identity/schema.ts';

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

    if (type.maxPerMunicipality !== null) {
      // Holders other than this person: asking again for a role one already holds is not a new holder.
      const [{ n } = { n: 0 }] = await tx
        .select({ n: sql<number>`count(*)::int` })
        .from(roleAssignment)
        .where(
          and(
            eq(roleAssignment.municipalityCode, municipalityCode),
            eq(roleAssignment.roleTypeKey, type.key),
            ne(roleAssignment.personId, personId),
            isNull(roleAssignment.removedAt),
          ),
        );
      if (n >= type.maxPerMunicipality) {
        const max = type.maxPerMunicipality === 2 ? 'to' : String(type.maxPerMunicipality);
        throw conflict(
          `Kommunen har allerede ${max} med rollen ${type.labelDa}, som er det højeste antal. Fjern rollen fra en af dem først.`,
          { roleTypeKey: `Der kan højst være ${max} med rollen ${type.labelDa} i kommunen` },
        );
      }
    }
    return grantRole(tx, ctx, {
      municipalityCode,
      personId,
      personName: who.name,
      roleTypeKey: type.key,
      solutionKey,
      primary: input.isPrimary === true,
    });
  });
}
