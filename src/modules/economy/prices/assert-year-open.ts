import { and, eq, inArray, sql } from 'drizzle-orm';
import { rawRows, type Db } from '../../../db/client.ts';
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
 * Holds the year's inputs until the transaction ends. Publishing the invoices takes the same lock
 * before it computes them, so a price change and the publishing of its year never overlap: either
 * the change commits first and the invoices include it, or the publication commits first and the
 * change sees it and is refused.
 */
export async function lockYearInputs(db: Db, year: number): Promise<void> {
  await rawRows(db, sql`select pg_advisory_xact_lock(hashtext('economy_year_inputs'), ${year}::int)`);
}

/**
 * Refuses (409, in Danish) any change to a locked year. Call it inside the writing transaction: it
 * takes the year's lock first (lockYearInputs), so the answer holds until the change commits.
 */
export async function assertYearOpen(db: Db, year: number): Promise<void> {
  await lockYearInputs(db, year);
  if (await isYearLocked(db, year)) throw conflict(lockedMessage(year), { aar: lockedMessage(year) });
}
