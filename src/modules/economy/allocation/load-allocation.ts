import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { solution } from '../../../platform/identity/schema.ts';
import { sumOre } from '../../../platform/money.ts';
import { formatKroner } from '../../../platform/views/format.ts';
import { allocateYear } from './allocate-year.ts';

export type AllocationLineView = { solution: string; solutionName: string; modelId: string; model: string; amountOre: number; calculation: string };
export type MunicipalityAllocation = { code: string; name: string; population: number; amountOre: number; calculation: string; lines: AllocationLineView[] };
export type AllocationView = {
  year: number;
  populationPeriod: string;
  /** The one solution asked for, or null for all. */
  solution: { key: string; name: string } | null;
  totalOre: number;
  /** Each priced solution's total (the one asked for even without models). */
  solutions: { key: string; name: string; totalOre: number }[];
  /** Every municipality in Danish order, with one line per price model. */
  municipalities: MunicipalityAllocation[];
};

export const unknownSolution = () => notFound('Løsningen findes ikke.');

/**
 * The year's allocation turned around: per municipality, the lines of every solution (or of the
 * one asked for) with its total and the sum in words. Throws the 422 of allocateYear when the year
 * has no population, and 404 for a solution not in the solution table.
 */
export async function loadAllocation(db: Db, year: number, solutionKey?: string): Promise<AllocationView> {
  let chosen: { key: string; name: string } | null = null;
  if (solutionKey !== undefined) {
    const [row] = await db.select({ key: solution.key, name: solution.name }).from(solution).where(eq(solution.key, solutionKey));
    if (!row) throw unknownSolution();
    chosen = row;
  }
  const a = await allocateYear(db, year, chosen ? { solutionKey: chosen.key } : {});
  const municipalities = a.municipalities.map((m, i) => {
    const shares = a.solutions.map((s) => ({ s, share: s.municipalities[i]! }));
    const lines = shares.flatMap(({ s, share }) =>
      share.lines.map((l) => ({ solution: s.solutionKey, solutionName: s.solutionName, modelId: l.modelId, model: l.model, amountOre: l.amountOre, calculation: l.calculation })),
    );
    const amountOre = sumOre(shares.map((x) => x.share.amountOre));
    const calculation =
      shares.length === 0 ? 'Ingen prismodeller' : shares.length === 1 ? shares[0]!.share.calculation : shares.map((x) => `${x.s.solutionName}: ${formatKroner(x.share.amountOre)}`).join(' + ');
    return { code: m.code, name: m.name, population: m.population, amountOre, calculation, lines };
  });
  const solutions = a.solutions.map((s) => ({ key: s.solutionKey, name: s.solutionName, totalOre: s.totalOre }));
  if (chosen && solutions.length === 0) solutions.push({ ...chosen, totalOre: 0 });
  return {
    year,
    populationPeriod: a.populationPeriod,
    solution: chosen,
    totalOre: sumOre(solutions.map((s) => s.totalOre)),
    solutions,
    municipalities,
  };
}
