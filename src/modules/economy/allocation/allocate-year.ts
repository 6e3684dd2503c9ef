import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { invalid } from '../../../platform/errors.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { byDanishName, formatNumber } from '../../../platform/views/format.ts';
import { loadPriceModels } from '../prices/load-prices.ts';
import { economyYearSetting, population } from '../schema.ts';
import { allocate, type MunicipalityPopulation, type SolutionAllocation } from './allocate.ts';

export type YearAllocation = {
  year: number;
  populationPeriod: string;
  /** every municipality, in Danish order of the name */
  municipalities: MunicipalityPopulation[];
  solutions: SolutionAllocation[];
};

/**
 * The year's population (from the period chosen for the year) in Danish name order, or a 422 in
 * words when no period is chosen or it lacks a municipality: a share computed without one would
 * move its part onto the others.
 */
export async function yearPopulation(db: Db, year: number): Promise<{ period: string; municipalities: MunicipalityPopulation[] }> {
  const [setting] = await db.select().from(economyYearSetting).where(eq(economyYearSetting.year, year));
  if (!setting) {
    throw invalid({ aar: `Vælg under Befolkningstal, hvilken periode ${year} bruger.` }, `Der er ikke valgt befolkningstal for ${year}.`);
  }
  const rows = await db
    .select({ code: municipality.code, name: municipality.name, population: population.population })
    .from(municipality)
    .leftJoin(population, and(eq(population.municipalityCode, municipality.code), eq(population.period, setting.populationPeriod)));
  const missing = rows.filter((r) => r.population === null || r.population === 0);
  if (missing.length > 0) {
    const names = missing.map((r) => r.name).sort((a, b) => byDanishName({ name: a }, { name: b }));
    throw invalid(
      { aar: `Befolkningstallet for ${setting.populationPeriod} mangler for ${formatNumber(missing.length)} kommuner: ${names.slice(0, 5).join(', ')}${names.length > 5 ? ' m.fl.' : ''}.` },
      `Befolkningstallene for ${year} er ikke fuldstændige.`,
    );
  }
  const municipalities = rows.map((r) => ({ code: r.code, name: r.name, population: r.population! })).sort(byDanishName);
  return { period: setting.populationPeriod, municipalities };
}

/** The whole year's allocation (optionally one solution's): every municipality × the year's price models, in five statements. */
export async function allocateYear(db: Db, year: number, opts: { solutionKey?: string } = {}): Promise<YearAllocation> {
  // Sequential: publishing allocates inside its transaction, whose one connection runs one statement at a time.
  const { period, municipalities } = await yearPopulation(db, year);
  const models = await loadPriceModels(db, year, opts.solutionKey);
  return { year, populationPeriod: period, municipalities, solutions: allocate(models, municipalities) };
}
