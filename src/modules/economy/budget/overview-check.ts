import { formatKroner } from '../../../platform/views/format.ts';
import type { OverviewSolution, YearOverview } from './year-overview.ts';

export const MATCHES = 'Kommunernes andele svarer til budgettet';

export type CheckResult = { text: string; status: 'ok' | 'afviger' | 'ukendt' };

/** "Afviger med 1.234,00 kr." and which way. */
export function deviation(differenceOre: number): string {
  const way = differenceOre > 0 ? 'kommunerne betaler mere end budgettet' : 'kommunerne betaler mindre end budgettet';
  return `Afviger med ${formatKroner(Math.abs(differenceOre))} (${way})`;
}

/** The check of one solution in words. */
export function solutionCheck(s: Pick<OverviewSolution, 'budgetStage' | 'allocatedOre' | 'differenceOre'>): CheckResult {
  if (s.differenceOre === null) return { text: 'Kan ikke beregnes', status: 'ukendt' };
  if (s.budgetStage === null && s.allocatedOre === 0) return { text: 'Hverken budget eller priser', status: 'ok' };
  return s.differenceOre === 0 ? { text: MATCHES, status: 'ok' } : { text: deviation(s.differenceOre), status: 'afviger' };
}

/** The year's check: every solution must agree; differences that cancel out over the year do not make it agree. */
export function yearCheck(o: YearOverview): CheckResult {
  if (o.total.differenceOre === null) return { text: 'Kan ikke beregnes', status: 'ukendt' };
  const off = o.solutions.filter((s) => s.matches === false).length;
  if (off === 0) return { text: MATCHES, status: 'ok' };
  if (o.total.differenceOre === 0) return { text: `Afviger for ${off === 1 ? '1 løsning' : `${off} løsninger`}, selv om summen for året svarer til budgettet`, status: 'afviger' };
  return { text: deviation(o.total.differenceOre), status: 'afviger' };
}
