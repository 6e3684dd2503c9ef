import { and, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { conflict } from '../../../platform/errors.ts';
import { economyPublication } from '../schema.ts';

/**
 * A year's prices, unit prices, usage and population period are what its published invoices were
 * computed from; once the invoices are out, changing any of them would make the stored data
 * disagree with what the municipalities were sent. The documents themselves are frozen copies, so
 * the lock is about keeping the inputs honest, not about the documents.
 */
export const lockedMessage = (year: number) => `Priserne for ${year} er låst, fordi årets fakturaer er offentliggjort.`;

/** True once the year's invoices (kind 'faktura') are published. */
export async function isYearLocked(db: Db, year: number): Promise<boolean> {
  const rows = await db
    .select({ year: economyPublication.year })
    .from(economyPublication)
    .where(and(eq(economyPublication.year, year), eq(economyPublication.kind, 'faktura')))
    .limit(1);
  return rows.length > 0;
}

/** Which of the given years are locked, in one statement (for pages listing several years). */
export async function lockedYears(db: Db, years: readonly number[]): Promise<Set<number>> {
  if (years.length === 0) return new Set();
  const rows = await db
    .select({ year: economyPublication.year })
    .from(economyPublication)
    .where(and(inArray(economyPublication.year, [...years]), eq(economyPublication.kind, 'faktura')));
  return new Set(rows.map((r) => r.year));
}

/**
 * Refuses (409, in Danish) any change to a locked year. Call it inside the writing transaction, so
 * a change that started before the invoices were published and commits after is still checked
 * against the publication row as the transaction sees it.
 */
export async function assertYearOpen(db: Db, year: number): Promise<void> {
  if (await isYearLocked(db, year)) throw conflict(lockedMessage(year), { aar: lockedMessage(year) });
}
