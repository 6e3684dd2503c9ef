import { toXlsxWorkbook, typedSheet, type KeyedColumn } from '../../../platform/spreadsheet/write.ts';
import { BUDGET_PARTS, budgeted, STAGE_LABEL, STAGE_WORD, type SolutionBudget, type StageBudget } from './budget-sums.ts';
import { solutionCheck } from './overview-check.ts';
import type { OverviewMunicipality, OverviewSolution, YearOverview } from './year-overview.ts';

/**
 * The year overview as a workbook: the check per solution, every municipality's share of every
 * solution (the matrix that is too wide for a page), and the budget split into its parts. Amounts
 * are kroner as numbers, so they add up in Excel; column keys are stable (change a header freely,
 * never a key).
 */

/** Øre to kroner for a cell: exact, since a whole number of øre divided by 100 prints back as written. */
const kr = (ore: number | null | undefined) => (ore === null || ore === undefined ? null : ore / 100);

type BudgetRow = { solution: SolutionBudget; budget: StageBudget };

export async function overviewWorkbook(o: YearOverview): Promise<Buffer> {
  const solutionColumns: KeyedColumn<OverviewSolution>[] = [
    { key: 'solutionKey', header: 'Nøgle', value: (s) => s.solutionKey, width: 18 },
    { key: 'solution', header: 'Løsning', value: (s) => s.solutionName, width: 32 },
    { key: 'budgetStage', header: 'Budget', value: (s) => (s.budgetStage ? STAGE_WORD[s.budgetStage] : 'intet budget'), width: 14 },
    { key: 'budgetKr', header: 'Budget (kr.)', value: (s) => kr(s.budgetOre), width: 18 },
    { key: 'allocatedKr', header: 'Fordelt på kommunerne (kr.)', value: (s) => kr(s.allocatedOre), width: 26 },
    { key: 'differenceKr', header: 'Forskel (kr.)', value: (s) => kr(s.differenceOre), width: 18 },
    { key: 'check', header: 'Kontrol', value: (s) => (s.allocatedOre === null ? `Kan ikke beregnes: ${o.allocationError ?? ''}` : solutionCheck(s).text), width: 60 },
  ];
  const municipalityColumns: KeyedColumn<OverviewMunicipality>[] = [
    { key: 'code', header: 'Kommunekode', value: (m) => m.code, width: 14 },
    { key: 'name', header: 'Kommune', value: (m) => m.name, width: 22 },
    { key: 'population', header: `Indbyggere (${o.populationPeriod ?? ''})`, value: (m) => m.population, width: 18 },
    ...o.solutions.map((s, i): KeyedColumn<OverviewMunicipality> => ({ key: `solution.${s.solutionKey}`, header: `${s.solutionName} (kr.)`, value: (m) => kr(m.amounts[i]), width: 18 })),
    { key: 'totalKr', header: 'I alt (kr.)', value: (m) => kr(m.totalOre), width: 18 },
  ];
  const budgetRows: BudgetRow[] = o.budget.flatMap((s) =>
    [s.preliminary, s.final].filter((b): b is StageBudget => b !== null).map((budget) => ({ solution: s, budget })),
  );
  const budgetColumns: KeyedColumn<BudgetRow>[] = [
    { key: 'solution', header: 'Løsning', value: (r) => r.solution.solutionName, width: 32 },
    { key: 'stage', header: 'Budget', value: (r) => STAGE_LABEL[r.budget.stage], width: 18 },
    ...BUDGET_PARTS.map((part): KeyedColumn<BudgetRow> => ({ key: part.field, header: `${part.label} (kr.)`, value: (r) => kr(r.budget[part.key]), width: 20 })),
    { key: 'totalKr', header: 'I alt (kr.)', value: (r) => kr(r.budget.totalOre), width: 18 },
    { key: 'counts', header: 'Året regner med', value: (r) => budgeted(r.solution)?.stage === r.budget.stage, width: 16 },
  ];
  return toXlsxWorkbook([
    typedSheet({ name: 'Løsninger', key: 'loesninger', columns: solutionColumns, rows: o.solutions }),
    typedSheet({ name: 'Kommuner', key: 'kommuner', columns: municipalityColumns, rows: o.municipalities }),
    typedSheet({ name: 'Budget', key: 'budget', columns: budgetColumns, rows: budgetRows }),
  ]);
}
