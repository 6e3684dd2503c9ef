import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { byDanishName } from '../../../platform/views/format.ts';
import { loadRuleSets, rulesInForce, type RuleSet } from '../rules/in-force.ts';
import { deletionPreview, previewByMonth, type InstitutionPreviewRow, type PreviewMonth, type PreviewRow } from './deletion-preview.ts';

/** How far ahead the chart looks: the coming two years, month by month. */
export const CHART_MONTHS = 24;

export type PreviewPageData = {
  day: string;
  ruleSet: RuleSet | null;
  totals: { total: number; journalised: number; atRisk: number };
  institutions: InstitutionPreviewRow[];
  categories: PreviewRow[];
  months: PreviewMonth[];
};

/**
 * Everything the page shows for a municipality on a day, in four statements however many
 * institutions and files: the rule versions once, then the counts by institution, by category and
 * by month. The totals are the categories' sum (every file has one category).
 */
export async function loadPreviewPage(db: Db, actor: Actor, code: string, day: string): Promise<PreviewPageData> {
  const sets = await loadRuleSets(db);
  const scope = { municipalityCode: code };
  const institutions = (await deletionPreview(db, actor, day, 'institution', scope, sets)) as InstitutionPreviewRow[];
  const categories = await deletionPreview(db, actor, day, 'category', scope, sets);
  const months = await previewByMonth(db, actor, day, CHART_MONTHS, scope, sets);
  const totals = categories.reduce((t, c) => ({ total: t.total + c.total, journalised: t.journalised + c.journalised, atRisk: t.atRisk + c.atRisk }), { total: 0, journalised: 0, atRisk: 0 });
  return { day, ruleSet: rulesInForce(sets, day), totals, institutions: institutions.sort(byDanishName), categories: categories.sort(byDanishName), months };
}
