import { and, asc, eq, isNotNull, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { bbConfigEntry, kleNumber } from '../schema.ts';
import type { KleSettings } from '../visibility/effective-entry.ts';

/** A municipality's setting on a KLE number the plan no longer has in force: kept, and listed until someone reviews it. */
export type ExpiredConfiguredEntry = {
  municipalityCode: string;
  municipalityName: string;
  kle: string;
  title: string;
  expiredOn: string;
  /** "Udgået i KLE" or "Ikke med i planen af 15.01.2026". */
  expiredNote: string;
  settings: Partial<KleSettings>;
};

/**
 * The configuration entries on expired numbers, of one municipality or (null) of all, by
 * municipality code and number. One statement. A plan import never drops these: the municipality
 * or KOMBIT decides, on the configuration page's review, whether to remove them. Authorisation is
 * the caller's (policy.ts): the list names settings of the municipalities it covers.
 */
export async function expiredConfiguredEntries(db: Db, municipalityCode: string | null): Promise<ExpiredConfiguredEntry[]> {
  const conditions: SQL[] = [isNotNull(kleNumber.expiredOn)];
  if (municipalityCode !== null) conditions.push(eq(bbConfigEntry.municipalityCode, municipalityCode));
  const rows = await db
    .select({
      municipalityCode: bbConfigEntry.municipalityCode,
      municipalityName: municipality.name,
      kle: bbConfigEntry.kle,
      title: kleNumber.title,
      expiredOn: kleNumber.expiredOn,
      expiredNote: kleNumber.expiredNote,
      settings: bbConfigEntry.settings,
    })
    .from(bbConfigEntry)
    .innerJoin(kleNumber, eq(kleNumber.number, bbConfigEntry.kle))
    .innerJoin(municipality, eq(municipality.code, bbConfigEntry.municipalityCode))
    .where(and(...conditions))
    .orderBy(asc(bbConfigEntry.municipalityCode), asc(bbConfigEntry.kle));
  return rows.map((r) => ({ ...r, expiredOn: r.expiredOn!, expiredNote: r.expiredNote ?? 'Udgået i KLE' }));
}
