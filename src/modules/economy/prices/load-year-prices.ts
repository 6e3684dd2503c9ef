import { asc, count, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { solution } from '../../../platform/identity/schema.ts';
import { allocate, type MunicipalityPopulation } from '../allocation/allocate.ts';
import { yearPopulation } from '../allocation/allocate-year.ts';
import { priceModel } from '../schema.ts';
import { lockedYears } from './assert-year-open.ts';
import { loadPriceModels, type StoredPriceModel } from './load-prices.ts';

/** The municipality whose line the prices page shows as the example: the largest, where the kink shows. */
export const EXAMPLE_MUNICIPALITY = '0101';

export type SolutionPrices = { key: string; name: string; models: StoredPriceModel[] };
export type YearPrices = {
  year: number;
  locked: boolean;
  /** Next year already has models, or is locked: the copy button is then not offered. */
  nextYearHasModels: boolean;
  nextYearLocked: boolean;
  solutions: SolutionPrices[];
  /** The example municipality's line per model id, or why there is none (no population for the year). */
  example: { period: string; municipality: MunicipalityPopulation; lines: Map<string, { amountOre: number; calculation: string }> } | { missing: string };
};

/** Every solution of the solution table (bounded: 14), in the portfolio's order. */
export async function allSolutions(db: Db): Promise<{ key: string; name: string }[]> {
  return db.select({ key: solution.key, name: solution.name }).from(solution).orderBy(asc(solution.sort), asc(solution.key));
}

/**
 * What the prices page and API show for a year: every solution with its models, whether the year
 * is locked, and an example line per model. A fixed number of statements however many models.
 */
export async function loadYearPrices(db: Db, year: number, opts: { example?: boolean } = {}): Promise<YearPrices> {
  const [solutions, models, locked, [next]] = await Promise.all([
    allSolutions(db),
    loadPriceModels(db, year),
    lockedYears(db, [year, year + 1]),
    db.select({ n: count() }).from(priceModel).where(eq(priceModel.year, year + 1)),
  ]);
  const bySolution = new Map(solutions.map((s) => [s.key, { ...s, models: [] as StoredPriceModel[] }]));
  for (const m of models) bySolution.get(m.solutionKey)?.models.push(m);
  let example: YearPrices['example'] = { missing: '' };
  if (opts.example !== false) {
    try {
      const { period, municipalities } = await yearPopulation(db, year);
      const at = municipalities.findIndex((m) => m.code === EXAMPLE_MUNICIPALITY);
      const lines = new Map<string, { amountOre: number; calculation: string }>();
      if (at >= 0) {
        for (const s of allocate(models, municipalities)) for (const l of s.municipalities[at]!.lines) lines.set(l.modelId, { amountOre: l.amountOre, calculation: l.calculation });
      }
      example = { period, municipality: municipalities[at] ?? municipalities[0]!, lines };
    } catch (error) {
      if (!(error instanceof AppError) || error.status !== 422) throw error;
      example = { missing: error.message };
    }
  }
  return {
    year,
    locked: locked.has(year),
    nextYearHasModels: (next?.n ?? 0) > 0,
    nextYearLocked: locked.has(year + 1),
    solutions: [...bySolution.values()],
    example,
  };
}
