import type { Db } from '../../../db/client.ts';
import { AppError } from '../../../platform/errors.ts';
import { keptUntilWrite } from '../../../platform/kept-until-write.ts';
import { sumOre } from '../../../platform/money.ts';
import { allocateYear } from '../allocation/allocate-year.ts';
import type { CostBudgetStage } from '../schema.ts';
import { budgeted, type SolutionBudget } from './budget-sums.ts';
import { loadYearBudget } from './load-budget.ts';

/** The check of one solution: what the year budgets for it against what the year's prices charge the municipalities. */
export type OverviewSolution = {
  solutionKey: string;
  solutionName: string;
  /** which budget the year counts on: the total once there is one, else the preliminary; null when neither */
  budgetStage: CostBudgetStage | null;
  budgetOre: number;
  /** the sum of the 98 shares; null when the allocation could not be made */
  allocatedOre: number | null;
  /** allocated − budget: positive when the municipalities pay more than the budget */
  differenceOre: number | null;
  matches: boolean | null;
};

export type OverviewMunicipality = {
  code: string;
  name: string;
  population: number;
  totalOre: number;
  /** the share per solution, in the order of the overview's solutions */
  amounts: number[];
};

export type YearOverview = {
  year: number;
  populationPeriod: string | null;
  /** why the allocation could not be made, in Danish (no population period chosen, figures missing); null when it was */
  allocationError: string | null;
  solutions: OverviewSolution[];
  total: Omit<OverviewSolution, 'solutionKey' | 'solutionName' | 'budgetStage'>;
  /** in Danish order of the name; empty when the allocation could not be made */
  municipalities: OverviewMunicipality[];
  /** the budget rows the overview was made from, for the workbook */
  budget: SolutionBudget[];
};

/**
 * The year's overview: per solution the budget, the municipalities' shares by the year's prices and
 * whether they agree to the øre; per municipality its population and total. A fixed number of
 * statements (the budget's three and the allocation's) whatever the number of price models and
 * budgets; the 98 × 14 shares are added up here, not in SQL. When the year cannot be allocated the
 * overview still carries the budget, with the reason instead of the shares.
 *
 * On the embedded database the overview is kept until the next write (any budget, price, usage or
 * population change moves the count), since there the reads and the allocation hold up every other
 * request; the page, its workbook and the API share it. The kept value must not be changed.
 */
export function loadYearOverview(db: Db, year: number): Promise<YearOverview> {
  return keptUntilWrite(db, `economy-year-overview:${year}`, () => buildYearOverview(db, year));
}

async function buildYearOverview(db: Db, year: number): Promise<YearOverview> {
  const [{ solutions: budget }, allocation] = await Promise.all([
    loadYearBudget(db, year),
    allocateYear(db, year).then(
      (a) => ({ ok: true as const, a }),
      (error: unknown) => {
        if (error instanceof AppError && error.status === 422) return { ok: false as const, reason: [error.message, ...Object.values(error.fieldErrors)].join(' ') };
        throw error;
      },
    ),
  ]);
  const allocated = new Map(allocation.ok ? allocation.a.solutions.map((s) => [s.solutionKey, s]) : []);
  const solutions: OverviewSolution[] = budget.map((s) => {
    const b = budgeted(s);
    const budgetOre = b?.totalOre ?? 0;
    const allocatedOre = allocation.ok ? (allocated.get(s.solutionKey)?.totalOre ?? 0) : null;
    const differenceOre = allocatedOre === null ? null : allocatedOre - budgetOre;
    return { solutionKey: s.solutionKey, solutionName: s.solutionName, budgetStage: b?.stage ?? null, budgetOre, allocatedOre, differenceOre, matches: differenceOre === null ? null : differenceOre === 0 };
  });
  const budgetOre = sumOre(solutions.map((s) => s.budgetOre));
  const allocatedOre = allocation.ok ? sumOre(solutions.map((s) => s.allocatedOre ?? 0)) : null;
  const total = {
    budgetOre,
    allocatedOre,
    differenceOre: allocatedOre === null ? null : allocatedOre - budgetOre,
    matches: allocation.ok ? solutions.every((s) => s.matches) : null,
  };
  if (!allocation.ok) return { year, populationPeriod: null, allocationError: allocation.reason, solutions, total, municipalities: [], budget };
  // Shares by municipality: allocate() lists each solution's shares in the order of the year's municipalities.
  const perSolution = solutions.map((s) => allocated.get(s.solutionKey)?.municipalities ?? null);
  const municipalities = allocation.a.municipalities.map((m, i) => {
    const amounts = perSolution.map((shares) => (shares ? shares[i]!.amountOre : 0));
    return { code: m.code, name: m.name, population: m.population, totalOre: sumOre(amounts), amounts };
  });
  return { year, populationPeriod: allocation.a.populationPeriod, allocationError: null, solutions, total, municipalities, budget };
}
