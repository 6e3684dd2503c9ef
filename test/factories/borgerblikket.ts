import { sql } from 'drizzle-orm';
import type { Db } from '../../src/db/client.ts';
import { bbConfigEntry, kleNumber } from '../../src/modules/borgerblikket/schema.ts';
import type { KleSettings } from '../../src/modules/borgerblikket/visibility/effective-entry.ts';

/**
 * Puts KLE numbers straight into the plan (the KLE-XML import is tested on its own): every number
 * given and the levels above it, titled "Emne 27.12.04" and so on unless `titles` names them.
 */
export async function buildKleNumbers(db: Db, numbers: readonly string[], titles: Record<string, string> = {}): Promise<void> {
  const all = new Set<string>();
  for (const n of numbers) {
    const parts = n.split('.');
    for (let i = 1; i <= parts.length; i++) all.add(parts.slice(0, i).join('.'));
  }
  const levels = ['hovedgruppe', 'gruppe', 'emne'] as const;
  const rows = [...all].map((number) => {
    const depth = number.split('.').length;
    const level = levels[depth - 1]!;
    const word = level === 'hovedgruppe' ? 'Hovedgruppe' : level === 'gruppe' ? 'Gruppe' : 'Emne';
    return { number, level, parent: depth === 1 ? null : number.split('.').slice(0, -1).join('.'), title: titles[number] ?? `${word} ${number}`, createdOn: '2000-01-01' };
  });
  for (let i = 0; i < rows.length; i += 2000) await db.insert(kleNumber).values(rows.slice(i, i + 2000)).onConflictDoNothing();
}

/** A plan of `mainGroups` main groups × `groups` groups × `topics` topics (e.g. 20×10×10 = 2,000 topics). */
export async function buildKlePlanOfSize(db: Db, o: { mainGroups: number; groups: number; topics: number }): Promise<string[]> {
  const topics: string[] = [];
  const two = (n: number) => String(n).padStart(2, '0');
  for (let h = 0; h < o.mainGroups; h++) for (let g = 0; g < o.groups; g++) for (let e = 1; e <= o.topics; e++) topics.push(`${two(h)}.${two(g)}.${two(e)}`);
  await buildKleNumbers(db, topics);
  return topics;
}

/** Writes a municipality's entries straight into its configuration (no history row; the use cases are tested on their own). */
export async function setKleEntries(db: Db, code: string, entries: Record<string, Partial<KleSettings>>): Promise<void> {
  const rows = Object.entries(entries).map(([kle, settings]) => ({ municipalityCode: code, kle, settings }));
  if (rows.length === 0) return;
  await db
    .insert(bbConfigEntry)
    .values(rows)
    .onConflictDoUpdate({ target: [bbConfigEntry.municipalityCode, bbConfigEntry.kle], set: { settings: sql`excluded.settings` } });
}
