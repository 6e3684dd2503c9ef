import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { applyConfigChanges } from '../apply-changes.ts';
import { authorizeBorgerblikketMunicipality } from '../policy.ts';
import { kleNumber } from '../schema.ts';
import type { KleSettings } from '../visibility/effective-entry.ts';

/** What a saved change did: whether anything changed, and how many numbers. */
export type Saved = { changed: boolean; numbers: number };

async function numberExists(db: Db, kle: string): Promise<boolean> {
  const [n] = await db.select({ number: kleNumber.number }).from(kleNumber).where(eq(kleNumber.number, kle));
  return n !== undefined;
}

/**
 * Writes one number's entry as the edit form or the API's PUT gives it (fields left out are
 * inherited; null removes the entry), with the reason, as one change of kind "rediger". Given
 * `basedOn` (the form's fingerprint of the entry it showed), a save over an entry changed meanwhile
 * is refused with 409 rather than writing the old values back. A repeat of
 * the same request (its key, or the same content within seconds) answers as the first did; the same
 * values again change nothing either way.
 */
export async function editKleEntry(
  ctx: Ctx & { actor: Actor },
  code: string,
  kle: string,
  input: { settings: Partial<KleSettings> | null; reason: string; basedOn?: string | undefined },
  clientKey: string | undefined,
): Promise<Saved> {
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
  if (!(await numberExists(ctx.db, kle))) throw notFound('KLE-nummeret findes ikke i planen.');
  const identity = requestIdentity('borgerblikket-edit-entry', ctx.actor.userId, clientKey, { code, kle, ...input });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<Saved>(tx, identity, ctx.now);
    if (first) return first;
    const applied = await applyConfigChanges(tx, ctx, code, { kind: 'rediger', reason: input.reason, entries: [{ kle, settings: input.settings, basedOn: input.basedOn }] });
    return answerRequest(tx, identity, { changed: applied.changed > 0, numbers: applied.changed });
  });
}
