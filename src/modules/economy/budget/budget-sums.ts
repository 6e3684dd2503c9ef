import { sumOre } from '../../../platform/money.ts';
import type { CostBudgetStage } from '../schema.ts';

/** The four parts a solution's cost budget is split into, each in øre. */
export type BudgetParts = { operationOre: number; maintenanceOre: number; developmentOre: number; poolOre: number };
export type PartKey = keyof BudgetParts;

/** The parts in the order the pages, the workbook and the API show them, with their Danish names. */
export const BUDGET_PARTS: readonly { key: PartKey; label: string; field: string }[] = [
  { key: 'operationOre', label: 'Drift', field: 'drift' },
  { key: 'maintenanceOre', label: 'Vedligehold', field: 'vedligehold' },
  { key: 'developmentOre', label: 'Udvikling', field: 'udvikling' },
  { key: 'poolOre', label: 'Prioriteringspulje', field: 'pulje' },
];

export const STAGE_LABEL: Record<CostBudgetStage, string> = { foreloebigt: 'Foreløbigt budget', samlet: 'Samlet budget' };
/** "samlet" and "foreløbigt" inside a sentence. */
export const STAGE_WORD: Record<CostBudgetStage, string> = { foreloebigt: 'foreløbigt', samlet: 'samlet' };

export type StageBudget = BudgetParts & { stage: CostBudgetStage; totalOre: number; updatedAt: Date };

export type SolutionBudget = {
  solutionKey: string;
  solutionName: string;
  preliminary: StageBudget | null;
  final: StageBudget | null;
  actualOre: number | null;
};

export const ZERO_PARTS: BudgetParts = { operationOre: 0, maintenanceOre: 0, developmentOre: 0, poolOre: 0 };

export const partsTotal = (p: BudgetParts): number => sumOre(BUDGET_PARTS.map((part) => p[part.key]));

/** What the year counts on for a solution: the total budget once there is one, until then the preliminary. */
export function budgeted(s: SolutionBudget): StageBudget | null {
  return s.final ?? s.preliminary;
}

/** The column sums of one stage over the solutions (a solution without that stage counts as nothing). */
export function stageSums(solutions: readonly SolutionBudget[], stage: CostBudgetStage): BudgetParts & { totalOre: number } {
  const rows = solutions.map((s) => (stage === 'samlet' ? s.final : s.preliminary) ?? { ...ZERO_PARTS, totalOre: 0 });
  const sums = Object.fromEntries(BUDGET_PARTS.map((part) => [part.key, sumOre(rows.map((r) => r[part.key]))])) as BudgetParts;
  return { ...sums, totalOre: sumOre(rows.map((r) => r.totalOre)) };
}

/** Preliminary to total, in øre; null until both stages are there. */
export function stageChange(s: SolutionBudget): number | null {
  return s.preliminary && s.final ? s.final.totalOre - s.preliminary.totalOre : null;
}

/** The year's prioritisation pool: each solution's pool part from the budget the year counts on. Mirrors poolAmountForYear. */
export function yearPool(solutions: readonly SolutionBudget[]): number {
  return sumOre(solutions.map((s) => budgeted(s)?.poolOre ?? 0));
}

/** "+12,5 %", "-3,0 %"; null where there is nothing to compare with. */
export function changePercent(fromOre: number, toOre: number): string | null {
  if (fromOre === 0) return null;
  const tenths = Math.round(((toOre - fromOre) * 1000) / fromOre);
  const abs = Math.abs(tenths);
  return `${tenths > 0 ? '+' : tenths < 0 ? '-' : ''}${Math.floor(abs / 10)},${abs % 10} %`;
}
