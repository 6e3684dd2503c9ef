import { and, eq, inArray, isNotNull } from 'drizzle-orm';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { applyConfigChanges } from '../apply-changes.ts';
import { authorizeBorgerblikketMunicipality } from '../policy.ts';
import { bbConfigEntry, kleNumber } from '../schema.ts';
import type { Saved } from './edit-kle-entry.ts';

/**
 * The review of numbers a newer plan expired: "fjern indstillingen" takes the municipality's entry
 * off each chosen expired number, as one change of kind "gennemgang". Only numbers that are expired
 * and have an entry may be named; anything else is refused and nothing changes.
 */
export async function removeExpiredEntries(ctx: Ctx & { actor: Actor }, code: string, numbers: string[], reason: string, clientKey: string | undefined): Promise<Saved> {
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
  const identity = requestIdentity('borgerblikket-remove-expired', ctx.actor.userId, clientKey, { code, numbers, reason });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<Saved>(tx, identity, ctx.now);
    if (first) return first;
    const expired = await tx
      .select({ kle: bbConfigEntry.kle })
      .from(bbConfigEntry)
      .innerJoin(kleNumber, eq(kleNumber.number, bbConfigEntry.kle))
      .where(and(eq(bbConfigEntry.municipalityCode, code), inArray(bbConfigEntry.kle, numbers), isNotNull(kleNumber.expiredOn)));
    const known = new Set(expired.map((e) => e.kle));
    const other = numbers.filter((n) => !known.has(n));
    if (other.length > 0) throw invalid({ kle: `Ikke et udgået nummer med en indstilling: ${other.slice(0, 10).join(', ')}` }, 'Intet er fjernet.');
    const applied = await applyConfigChanges(tx, ctx, code, { kind: 'gennemgang', reason, entries: numbers.map((kle) => ({ kle, settings: null })) });
    return answerRequest(tx, identity, { changed: applied.changed > 0, numbers: applied.changed });
  });
}
