import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { applyConfigChanges, type AppliedChange } from '../apply-changes.ts';
import { authorizeBorgerblikketMunicipality } from '../policy.ts';
import { bbConfigEntry } from '../schema.ts';
import { draftEntries, type ImpactDraft } from './impact-draft.ts';

export const MAX_REASON = 1000;

/** Why the configuration changes: required, as every change keeps who, when and why. */
export function checkReason(raw: unknown): string {
  const reason = typeof raw === 'string' ? raw.trim() : '';
  if (reason === '') throw invalid({ reason: 'Skriv, hvorfor opsætningen ændres' }, 'Ændringen er ikke gemt.');
  if (reason.length > MAX_REASON) throw invalid({ reason: `Højst ${MAX_REASON} tegn` }, 'Ændringen er ikke gemt.');
  return reason;
}

/**
 * Saves a draft whose impact was shown: each number's entry as the draft makes it, as one change
 * (kind «rediger») with the reason, through applyConfigChanges. The entries are worked out inside
 * the transaction from the numbers' entries as they are then, under lock, so a change saved meanwhile by someone else
 * is kept. The same form sent twice, or a draft that changes nothing, writes nothing more.
 */
export async function saveImpactDraft(ctx: Ctx & { actor: Actor }, code: string, draft: ImpactDraft, rawReason: unknown, clientKey?: string): Promise<AppliedChange> {
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
  if (draft.kle.length === 0) throw invalid({ kle: 'Skriv de KLE-numre, ændringen gælder' }, 'Ændringen er ikke gemt.');
  const reason = checkReason(rawReason);
  const identity = requestIdentity('borgerblikket-impact-draft', ctx.actor.userId, clientKey, { code, draft, reason });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<AppliedChange>(tx, identity, ctx.now);
    if (first) return first;
    // Locked before the entries are worked out, so a change saved meanwhile is merged with, not overwritten.
    const own = await tx
      .select({ kle: bbConfigEntry.kle, settings: bbConfigEntry.settings })
      .from(bbConfigEntry)
      .where(and(eq(bbConfigEntry.municipalityCode, code), inArray(bbConfigEntry.kle, draft.kle)))
      .for('update');
    const current = new Map(own.map((e) => [e.kle, e.settings]));
    const applied = await applyConfigChanges(tx, ctx, code, { kind: 'rediger', reason, entries: draftEntries(current, draft) });
    return answerRequest(tx, identity, applied);
  });
}
