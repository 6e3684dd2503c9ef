import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { conflict, invalid } from '../../platform/errors.ts';
import { bbConfigChange, bbConfigChangeEntry, bbConfigEntry, kleNumber, type ConfigChangeKind } from './schema.ts';
import { canonical, entryVersion, sameSettings } from './settings-input.ts';
import type { KleSettings } from './visibility/effective-entry.ts';

/**
 * One number's new entry: the settings written on it (checked), or null to remove its entry so all
 * is inherited. `basedOn`, when given, is the fingerprint (entryVersion) of the entry the writer
 * showed: the change is refused if the entry has changed since.
 */
export type EntryChange = { kle: string; settings: Partial<KleSettings> | null; basedOn?: string | undefined };

export const STALE_ENTRY =
  'Nummerets indstilling er ændret, siden du åbnede siden (af en anden bruger, en masseændring eller en vurdering). Se de nye værdier nedenfor og gem igen.';

export type AppliedChange = { changeId: string | null; changed: number; unchanged: number };

const CHUNK = 2000;

/**
 * The one way a municipality's configuration changes — a form, a bulk edit, an XLSX import, the
 * assessment, the review of expired numbers — inside the caller's transaction: the entries, one
 * change row with who, when and why, one row per changed number with before and after, and one
 * audit row. Numbers whose entry would stay the same are left alone; when nothing changes nothing
 * is written (a repeated request is a no-op). The rows of the numbers are locked first, so two
 * concurrent changes to the same numbers are serialised and each records the right "before".
 * Authorisation is the caller's (policy.ts); numbers must exist in the plan. An entry given with
 * the fingerprint of what its writer saw is refused (409) when the entry has changed since.
 */
export async function applyConfigChanges(
  tx: Db,
  ctx: Ctx & { actor: Actor },
  municipalityCode: string,
  change: { kind: ConfigChangeKind; reason: string; entries: readonly EntryChange[] },
): Promise<AppliedChange> {
  const wanted = new Map(change.entries.map((e) => [e.kle, canonical(e.settings)]));
  const numbers = [...wanted.keys()];
  if (numbers.length === 0) return { changeId: null, changed: 0, unchanged: 0 };
  const before = new Map<string, Partial<KleSettings>>();
  const known = new Set<string>();
  for (let i = 0; i < numbers.length; i += CHUNK) {
    const part = numbers.slice(i, i + CHUNK);
    for (const r of await tx.select({ number: kleNumber.number }).from(kleNumber).where(inArray(kleNumber.number, part))) known.add(r.number);
    const rows = await tx
      .select({ kle: bbConfigEntry.kle, settings: bbConfigEntry.settings })
      .from(bbConfigEntry)
      .where(and(eq(bbConfigEntry.municipalityCode, municipalityCode), inArray(bbConfigEntry.kle, part)))
      .for('update');
    for (const r of rows) before.set(r.kle, r.settings);
  }
  const unknown = numbers.filter((n) => !known.has(n));
  if (unknown.length > 0) throw invalid({ kle: `Findes ikke i KLE-planen: ${unknown.slice(0, 10).join(', ')}${unknown.length > 10 ? ' …' : ''}` });
  // Checked under the lock just taken, so nothing can change the entry between the check and the write.
  if (change.entries.some((e) => e.basedOn !== undefined && entryVersion(before.get(e.kle) ?? null) !== e.basedOn)) throw conflict(STALE_ENTRY);

  const changed = numbers.filter((kle) => !sameSettings(before.get(kle) ?? null, wanted.get(kle) ?? null));
  if (changed.length === 0) return { changeId: null, changed: 0, unchanged: numbers.length };

  const [row] = await tx
    .insert(bbConfigChange)
    .values({ municipalityCode, kind: change.kind, reason: change.reason, changedAt: ctx.now, changedBy: ctx.actor.userId, changedByName: ctx.actor.name, numbers: changed.length })
    .returning({ id: bbConfigChange.id });
  const changeId = row!.id;
  const upserts = changed.filter((kle) => wanted.get(kle) !== null);
  const removals = changed.filter((kle) => wanted.get(kle) === null);
  for (let i = 0; i < upserts.length; i += CHUNK) {
    await tx
      .insert(bbConfigEntry)
      .values(upserts.slice(i, i + CHUNK).map((kle) => ({ municipalityCode, kle, settings: wanted.get(kle)!, updatedAt: ctx.now, updatedBy: ctx.actor.userId })))
      .onConflictDoUpdate({
        target: [bbConfigEntry.municipalityCode, bbConfigEntry.kle],
        set: { settings: sql`excluded.settings`, updatedAt: ctx.now, updatedBy: ctx.actor.userId },
      });
  }
  for (let i = 0; i < removals.length; i += CHUNK) {
    await tx.delete(bbConfigEntry).where(and(eq(bbConfigEntry.municipalityCode, municipalityCode), inArray(bbConfigEntry.kle, removals.slice(i, i + CHUNK))));
  }
  for (let i = 0; i < changed.length; i += CHUNK) {
    await tx
      .insert(bbConfigChangeEntry)
      .values(changed.slice(i, i + CHUNK).map((kle) => ({ changeId, municipalityCode, kle, before: before.get(kle) ?? null, after: wanted.get(kle) ?? null })));
  }
  await recordAudit(tx, ctx, {
    action: 'borgerblikket.configuration_changed',
    entityType: 'borgerblikket_configuration',
    entityId: changeId,
    municipalityCode,
    after: { kind: change.kind, reason: change.reason, numbers: changed.length, kle: changed.slice(0, 50) },
  });
  return { changeId, changed: changed.length, unchanged: numbers.length - changed.length };
}
