import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { keptUntilWrite } from '../../../platform/kept-until-write.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { loadConfiguration } from '../load-configuration.ts';
import { kleNumber, kleLevels } from '../schema.ts';
import type { KleSettings } from '../visibility/effective-entry.ts';

export type PlanNumber = {
  number: string;
  level: (typeof kleLevels)[number];
  parent: string | null;
  title: string;
  expiredOn: string | null;
  expiredNote: string | null;
};

/** Text order of KLE numbers is tree order ("27" < "27.12" < "27.12.04" < "27.13"); compared by code unit, not by the database's collation. */
export const byNumber = (a: { number: string }, b: { number: string }) => (a.number < b.number ? -1 : a.number > b.number ? 1 : 0);

/**
 * The whole plan in tree order, one statement. It changes only when a plan is imported, so on the
 * embedded database it is kept until the next write (every municipality's page reads the same ~2,200 rows).
 */
export function loadPlan(db: Db): Promise<PlanNumber[]> {
  return keptUntilWrite(db, 'borgerblikket-plan', async () => {
    const rows = await db
      .select({ number: kleNumber.number, level: kleNumber.level, parent: kleNumber.parent, title: kleNumber.title, expiredOn: kleNumber.expiredOn, expiredNote: kleNumber.expiredNote })
      .from(kleNumber);
    return rows.sort(byNumber);
  });
}

export type MunicipalityRef = { code: string; name: string };

export async function loadMunicipalityRef(db: Db, code: string): Promise<MunicipalityRef> {
  const [m] = await db.select({ code: municipality.code, name: municipality.name }).from(municipality).where(eq(municipality.code, code));
  if (!m) throw notFound('Kommunen findes ikke.');
  return m;
}

export type ConfigurationView = { municipality: MunicipalityRef; plan: PlanNumber[]; entries: Map<string, Partial<KleSettings>> };

/** A municipality's configuration with the plan it applies to: three statements whatever the size (the municipality, the plan, its entries). */
export async function loadConfigurationView(db: Db, code: string): Promise<ConfigurationView> {
  const [m, plan, entries] = await Promise.all([loadMunicipalityRef(db, code), loadPlan(db), loadConfiguration(db, code)]);
  return { municipality: m, plan, entries };
}
