import { and, eq, isNotNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { bbConfigEntry, kleNumber } from '../schema.ts';
import type { KleSettings } from '../visibility/effective-entry.ts';
import { byNumber } from './load-configuration-view.ts';

export type ExpiredEntry = { kle: string; title: string; expiredOn: string; expiredNote: string | null; settings: Partial<KleSettings> };

/**
 * A municipality's entries on numbers a newer plan expired or left out, for review: one statement.
 * (The plan import lists the same across the 98 in its report.)
 */
export async function expiredEntriesOf(db: Db, code: string): Promise<ExpiredEntry[]> {
  const rows = await db
    .select({ kle: bbConfigEntry.kle, title: kleNumber.title, expiredOn: kleNumber.expiredOn, expiredNote: kleNumber.expiredNote, settings: bbConfigEntry.settings })
    .from(bbConfigEntry)
    .innerJoin(kleNumber, eq(kleNumber.number, bbConfigEntry.kle))
    .where(and(eq(bbConfigEntry.municipalityCode, code), isNotNull(kleNumber.expiredOn)));
  return rows.map((r) => ({ ...r, number: r.kle, expiredOn: r.expiredOn! })).sort(byNumber);
}
