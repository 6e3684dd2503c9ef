import { asc, desc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { person, userAccount } from '../../../platform/identity/schema.ts';
import { klePlanImport, kleNumber } from '../schema.ts';
import type { KleLevel } from '../visibility/kle-number.ts';

export type KlePlanImportSummary = {
  id: string;
  publishedOn: string;
  filename: string;
  importedAt: Date;
  /** Null when imported from the command line. */
  importedByName: string | null;
  mainGroups: number;
  groups: number;
  topics: number;
  newlyExpired: number;
};

/** The plan in force: the import with the newest UdgivelsesDato (the newest import among equals). One statement. */
export async function latestKlePlanImport(db: Db): Promise<KlePlanImportSummary | null> {
  const [row] = await db
    .select({
      id: klePlanImport.id,
      publishedOn: klePlanImport.publishedOn,
      filename: klePlanImport.filename,
      importedAt: klePlanImport.importedAt,
      importedByName: person.name,
      mainGroups: klePlanImport.mainGroups,
      groups: klePlanImport.groups,
      topics: klePlanImport.topics,
      newlyExpired: klePlanImport.newlyExpired,
    })
    .from(klePlanImport)
    .leftJoin(userAccount, eq(userAccount.id, klePlanImport.importedBy))
    .leftJoin(person, eq(person.id, userAccount.personId))
    .orderBy(desc(klePlanImport.publishedOn), desc(klePlanImport.importedAt))
    .limit(1);
  return row ?? null;
}

export type KleNumberRow = {
  number: string;
  level: KleLevel;
  parent: string | null;
  title: string;
  createdOn: string | null;
  changedOn: string | null;
  expiredOn: string | null;
  expiredNote: string | null;
};

/**
 * Every number of the plan in number order ("27" < "27.12" < "27.12.04" < "28": the numbers are
 * zero-padded, so text order is the plan's order). One statement; the real plan is ~2,500 rows.
 */
export async function loadKleNumbers(db: Db, opts: { includeExpired: boolean }): Promise<KleNumberRow[]> {
  const query = db
    .select({
      number: kleNumber.number,
      level: kleNumber.level,
      parent: kleNumber.parent,
      title: kleNumber.title,
      createdOn: kleNumber.createdOn,
      changedOn: kleNumber.changedOn,
      expiredOn: kleNumber.expiredOn,
      expiredNote: kleNumber.expiredNote,
    })
    .from(kleNumber);
  return (opts.includeExpired ? query : query.where(isNull(kleNumber.expiredOn))).orderBy(asc(kleNumber.number));
}
