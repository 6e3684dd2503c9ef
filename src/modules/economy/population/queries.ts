import { asc, count, desc, eq, sql, sum } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { byDanishName } from '../../../platform/views/format.ts';
import { economyYearSetting, population } from '../schema.ts';

export type PeriodSummary = { period: string; municipalities: number; population: number };

/** Every period present, newest first, with how many municipalities and citizens it holds. */
export async function periodSummaries(db: Db): Promise<PeriodSummary[]> {
  const rows = await db
    .select({ period: population.period, municipalities: count(), population: sum(population.population).mapWith(Number) })
    .from(population)
    .groupBy(population.period)
    .orderBy(desc(population.period));
  return rows.map((r) => ({ period: r.period, municipalities: r.municipalities, population: r.population ?? 0 }));
}

export async function yearSettings(db: Db): Promise<{ year: number; populationPeriod: string }[]> {
  return db.select().from(economyYearSetting).orderBy(asc(economyYearSetting.year));
}

export async function municipalityCount(db: Db): Promise<number> {
  const [row] = await db.select({ n: count() }).from(municipality);
  return row?.n ?? 0;
}

/** One period's figures per municipality, in Danish alphabetical order of the name. */
export async function populationForPeriod(db: Db, period: string): Promise<{ code: string; name: string; population: number }[]> {
  const rows = await db
    .select({ code: municipality.code, name: municipality.name, population: population.population })
    .from(population)
    .innerJoin(municipality, eq(municipality.code, population.municipalityCode))
    .where(eq(population.period, period));
  return rows.sort(byDanishName);
}

export const periodExists = async (db: Db, period: string) =>
  (await db.select({ n: sql<number>`1` }).from(population).where(eq(population.period, period)).limit(1)).length > 0;
