import { and, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../../db/client.ts';
import { bbConfigChange, bbConfigChangeEntry, type ConfigChangeKind } from '../schema.ts';
import type { KleSettings } from '../visibility/effective-entry.ts';

export const HISTORY_PAGE_SIZE = 25;
/** The numbers shown under each change of a history page; a bulk change of 2,000 numbers says how many more there are. */
export const NUMBERS_PER_CHANGE = 20;
/** A number's own history on its edit page: the newest changes. */
export const NUMBER_HISTORY_LIMIT = 50;

export type ChangedNumber = { kle: string; before: Partial<KleSettings> | null; after: Partial<KleSettings> | null };

export type HistoryChange = {
  id: string;
  kind: ConfigChangeKind;
  reason: string;
  changedAt: Date;
  changedByName: string;
  numbers: number;
  entries: ChangedNumber[];
};

export type HistoryPage = { changes: HistoryChange[]; total: number; page: number; pages: number };

/**
 * A municipality's changes, newest first, a page at a time, each with the first numbers it changed
 * (before and after): three statements whatever the size of the history or of a bulk change.
 */
export async function loadHistory(db: Db, code: string, page: number, perChange = NUMBERS_PER_CHANGE): Promise<HistoryPage> {
  const [{ total }] = (await db.select({ total: count() }).from(bbConfigChange).where(eq(bbConfigChange.municipalityCode, code))) as [{ total: number }];
  const pages = Math.max(1, Math.ceil(total / HISTORY_PAGE_SIZE));
  const current = Math.min(Math.max(1, page), pages);
  const changes = await db
    .select({
      id: bbConfigChange.id,
      kind: bbConfigChange.kind,
      reason: bbConfigChange.reason,
      changedAt: bbConfigChange.changedAt,
      changedByName: bbConfigChange.changedByName,
      numbers: bbConfigChange.numbers,
    })
    .from(bbConfigChange)
    .where(eq(bbConfigChange.municipalityCode, code))
    .orderBy(desc(bbConfigChange.changedAt), desc(bbConfigChange.id))
    .limit(HISTORY_PAGE_SIZE)
    .offset((current - 1) * HISTORY_PAGE_SIZE);
  const ids = changes.map((c) => c.id);
  const entries =
    ids.length === 0
      ? []
      : await rawRows<ChangedNumber & { changeId: string }>(
          db,
          sql`select change_id as "changeId", kle, before, after from (
                select change_id, kle, before, after, row_number() over (partition by change_id order by kle collate "C") as n
                from ${bbConfigChangeEntry} where ${inArray(bbConfigChangeEntry.changeId, ids)}
              ) x where n <= ${perChange} order by kle collate "C"`,
        );
  const byChange = new Map<string, ChangedNumber[]>();
  for (const e of entries) {
    const list = byChange.get(e.changeId) ?? [];
    list.push({ kle: e.kle, before: e.before, after: e.after });
    byChange.set(e.changeId, list);
  }
  return { changes: changes.map((c) => ({ ...c, entries: byChange.get(c.id) ?? [] })), total, page: current, pages };
}

export type NumberChange = Omit<HistoryChange, 'entries' | 'numbers'> & ChangedNumber & { numbers: number };

/** One number's changes in a municipality, newest first (the edit page), in one statement. */
export async function loadNumberHistory(db: Db, code: string, kle: string): Promise<NumberChange[]> {
  return db
    .select({
      id: bbConfigChange.id,
      kind: bbConfigChange.kind,
      reason: bbConfigChange.reason,
      changedAt: bbConfigChange.changedAt,
      changedByName: bbConfigChange.changedByName,
      numbers: bbConfigChange.numbers,
      kle: bbConfigChangeEntry.kle,
      before: bbConfigChangeEntry.before,
      after: bbConfigChangeEntry.after,
    })
    .from(bbConfigChangeEntry)
    .innerJoin(bbConfigChange, eq(bbConfigChange.id, bbConfigChangeEntry.changeId))
    .where(and(eq(bbConfigChangeEntry.municipalityCode, code), eq(bbConfigChangeEntry.kle, kle)))
    .orderBy(desc(bbConfigChange.changedAt), desc(bbConfigChange.id))
    .limit(NUMBER_HISTORY_LIMIT);
}
