import type { Db } from '../../db/client.ts';
import { danishTime } from '../../platform/days.ts';
import type { YearTotals } from './demo-prices.ts';
import { costActual, costBudget } from './schema.ts';

/**
 * The cost budgets and the 2025 actual costs. The total budget of each solution is what its prices
 * charge the municipalities, so the year overview's check (the shares add up to the budgeted cost)
 * passes; the preliminary budget came in a little lower. The split and the deviations are illustrative.
 */

const KR = 100;
/** Whole kroner: budgets are set in kroner, not øre. */
const kroner = (ore: number) => Math.round(ore / KR) * KR;

/** Only the K98 solutions pay into the prioritisation pool; FLIS and DUBU keep their own agreements. */
const OUTSIDE_POOL = new Set(['flis', 'dubu']);

/** Operation takes what is left, so the four parts add up to the total exactly. */
export function splitBudget(solutionKey: string, totalOre: number) {
  const poolOre = OUTSIDE_POOL.has(solutionKey) ? 0 : kroner((totalOre * 125) / 10_000);
  const developmentOre = solutionKey === 'dubu' ? 0 : kroner((totalOre * 6) / 100);
  const maintenanceOre = kroner((totalOre * 12) / 100);
  return { operationOre: totalOre - poolOre - developmentOre - maintenanceOre, maintenanceOre, developmentOre, poolOre };
}

/** Actual 2025 cost: the total budget moved by −3,1 % to +2,4 %, the same on every machine. */
const DEVIATION_PER_MILLE = [-31, 12, -8, 24, -15, 5, 19, -22, 9, -4, 16, -11, 3, -27];

export async function seedEconomyBudgets(tx: Db, opts: { totals: YearTotals; draftYear: number | null; draftSince: Date; economist: string; now: Date }): Promise<void> {
  const updatedBy = opts.economist;
  // History never lies in the future of the day the demo is seeded.
  const at = (day: string) => new Date(Math.min(danishTime(day, 10).getTime(), opts.now.getTime()));
  const rows: (typeof costBudget.$inferInsert)[] = [];
  for (const year of [2025, 2026]) {
    for (const [solutionKey, totalOre] of opts.totals.get(year)!) {
      rows.push({ year, solutionKey, stage: 'foreloebigt', ...splitBudget(solutionKey, kroner((totalOre * 97) / 100)), updatedAt: at(`${year - 1}-05-20`), updatedBy });
      rows.push({ year, solutionKey, stage: 'samlet', ...splitBudget(solutionKey, totalOre), updatedAt: at(`${year - 1}-09-12`), updatedBy });
    }
  }
  // The coming year has only its preliminary budget: the total one is the economy consultant's work.
  if (opts.draftYear) {
    for (const [solutionKey, totalOre] of opts.totals.get(opts.draftYear)!) {
      rows.push({ year: opts.draftYear, solutionKey, stage: 'foreloebigt', ...splitBudget(solutionKey, kroner(totalOre)), updatedAt: opts.draftSince, updatedBy });
    }
  }
  await tx.insert(costBudget).values(rows);
  await tx.insert(costActual).values(
    [...opts.totals.get(2025)!].map(([solutionKey, totalOre], i) => ({
      year: 2025,
      solutionKey,
      actualOre: kroner((totalOre * (1000 + DEVIATION_PER_MILLE[i % DEVIATION_PER_MILLE.length]!)) / 1000),
      updatedAt: at('2026-02-20'),
      updatedBy,
    })),
  );
}

/** The year's pool: the sum of the solutions' pool parts in the total budget (the preliminary one for the draft year). */
export function poolOre(totals: YearTotals, year: number): number | null {
  const t = totals.get(year);
  if (!t) return null;
  return [...t].reduce((sum, [solutionKey, totalOre]) => sum + splitBudget(solutionKey, year > 2026 ? kroner(totalOre) : totalOre).poolOre, 0);
}
