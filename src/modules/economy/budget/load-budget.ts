import { asc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { solution } from '../../../platform/identity/schema.ts';
import { costActual, costBudget } from '../schema.ts';
import { partsTotal, type SolutionBudget, type StageBudget } from './budget-sums.ts';

export type YearBudget = { year: number; solutions: SolutionBudget[] };

/**
 * Every solution (in the portfolio's order) with its preliminary and total budget and its actual
 * cost for the year: three statements, whatever the number of solutions.
 */
export async function loadYearBudget(db: Db, year: number): Promise<YearBudget> {
  const [solutions, budgets, actuals] = await Promise.all([
    db.select({ key: solution.key, name: solution.name }).from(solution).orderBy(asc(solution.sort), asc(solution.key)),
    db.select().from(costBudget).where(eq(costBudget.year, year)),
    db.select({ solutionKey: costActual.solutionKey, actualOre: costActual.actualOre }).from(costActual).where(eq(costActual.year, year)),
  ]);
  const stageOf = new Map<string, StageBudget>();
  for (const b of budgets) {
    const parts = { operationOre: b.operationOre, maintenanceOre: b.maintenanceOre, developmentOre: b.developmentOre, poolOre: b.poolOre };
    stageOf.set(`${b.solutionKey}:${b.stage}`, { stage: b.stage, ...parts, totalOre: partsTotal(parts), updatedAt: b.updatedAt });
  }
  const actualOf = new Map(actuals.map((a) => [a.solutionKey, a.actualOre]));
  return {
    year,
    solutions: solutions.map((s) => ({
      solutionKey: s.key,
      solutionName: s.name,
      preliminary: stageOf.get(`${s.key}:foreloebigt`) ?? null,
      final: stageOf.get(`${s.key}:samlet`) ?? null,
      actualOre: actualOf.get(s.key) ?? null,
    })),
  };
}

/** One solution's name, or null when there is no such solution. */
export async function solutionName(db: Db, key: string): Promise<string | null> {
  const [row] = await db.select({ name: solution.name }).from(solution).where(eq(solution.key, key));
  return row?.name ?? null;
}

export const MIN_YEAR = 2000;
export const MAX_YEAR = 2100;
export const isBudgetYear = (year: number) => Number.isInteger(year) && year >= MIN_YEAR && year <= MAX_YEAR;
