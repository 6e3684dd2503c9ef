import { and, eq, inArray } from 'drizzle-orm';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { applyConfigChanges } from '../apply-changes.ts';
import { authorizeBorgerblikketMunicipality } from '../policy.ts';
import { bbConfigEntry } from '../schema.ts';
import type { KleSettings } from '../visibility/effective-entry.ts';
import type { Saved } from './edit-kle-entry.ts';
import { mergeEntry, type BulkChange } from './entry-input.ts';

/**
 * One change to many numbers (the plan page's ticked rows, the API's bulk call): on each, the fields
 * given are set and the fields named to inherit are taken out of its entry, the rest of the entry is
 * kept. One change row of kind "masseaendring", one reason, one audit entry; numbers whose entry
 * would stay the same are not part of it.
 */
export async function bulkEditEntries(ctx: Ctx & { actor: Actor }, code: string, change: BulkChange, clientKey: string | undefined): Promise<Saved> {
  authorizeBorgerblikketMunicipality(ctx.actor, code, 'edit');
  const identity = requestIdentity('borgerblikket-bulk-edit', ctx.actor.userId, clientKey, { code, ...change });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<Saved>(tx, identity, ctx.now);
    if (first) return first;
    const entries = new Map<string, Partial<KleSettings>>();
    for (let i = 0; i < change.numbers.length; i += 2000) {
      const part = change.numbers.slice(i, i + 2000);
      const rows = await tx
        .select({ kle: bbConfigEntry.kle, settings: bbConfigEntry.settings })
        .from(bbConfigEntry)
        .where(and(eq(bbConfigEntry.municipalityCode, code), inArray(bbConfigEntry.kle, part)))
        .for('update');
      for (const r of rows) entries.set(r.kle, r.settings);
    }
    const applied = await applyConfigChanges(tx, ctx, code, {
      kind: 'masseaendring',
      reason: change.reason,
      entries: change.numbers.map((kle) => ({ kle, settings: mergeEntry(entries.get(kle) ?? null, change) })),
    });
    return answerRequest(tx, identity, { changed: applied.changed > 0, numbers: applied.changed });
  });
}
