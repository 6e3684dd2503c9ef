import type { DeletionTrigger } from '../schema.ts';

/** What starts a category's deletion period, as the pages say it. */
export const TRIGGER_LABELS: Record<DeletionTrigger, string> = {
  barnet_fratraeder: 'Barnet fratræder institutionen',
  oprettet: 'Filen er oprettet',
  sidst_aendret: 'Filen er sidst ændret',
};

/** "36 måneder (3 år)", "18 måneder", "1 måned (…)" – years shown only when the period is whole years. */
export function formatPeriod(months: number): string {
  const m = months === 1 ? '1 måned' : `${String(months)} måneder`;
  if (months % 12 !== 0) return m;
  const years = months / 12;
  return `${m} (${String(years)} år)`;
}
