import { eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { Actor } from '../../../platform/context.ts';
import { notFound } from '../../../platform/errors.ts';
import { municipality, solution } from '../../../platform/identity/schema.ts';
import { byDanishName } from '../../../platform/views/format.ts';
import { authorizeBackupOverview, authorizeBackupReport, backupReportScope, mayManageLogins } from '../policy.ts';
import { byValgThenName, groupMissing } from './group-missing.ts';
import { backupCounts, missingBackup, withBackup } from './load-backup-state.ts';
import type { OverviewView } from './views/overview-page.tsx';
import type { ReportView } from './views/report-page.tsx';

/** Rows a page lists at most; the XLSX takes up to EXPORT_LIMIT. */
export const PAGE_LIMIT = 1000;
export const EXPORT_LIMIT = 20_000;
/**
 * The central list across the 98 shows fewer: the counts per municipality carry the overview, a
 * municipality's own page and the XLSX the full lists (a 1,000-row page measured far above target).
 */
export const OVERVIEW_LIMIT = 200;

/** The municipality's name, after the read check (another municipality 404 for its users, an unknown code 404 for all). */
export async function reportMunicipality(db: Db, actor: Actor, code: string): Promise<{ code: string; name: string }> {
  authorizeBackupReport(actor, code);
  const [m] = await db.select({ code: municipality.code, name: municipality.name }).from(municipality).where(eq(municipality.code, code));
  if (!m) throw notFound('Kommunen findes ikke.');
  return m;
}

/** One municipality's report page: four statements. */
export async function loadReport(db: Db, actor: Actor, code: string): Promise<ReportView> {
  const m = await reportMunicipality(db, actor, code);
  const filter = { code, scope: backupReportScope(actor) };
  const [counts] = await backupCounts(db, filter);
  const missing = await missingBackup(db, filter, PAGE_LIMIT + 1);
  const linked = await withBackup(db, filter, PAGE_LIMIT + 1);
  return {
    ...m,
    groups: groupMissing(missing.slice(0, PAGE_LIMIT)),
    missing: counts?.missing ?? 0,
    withBackup: counts?.withBackup ?? 0,
    linked: linked.slice(0, PAGE_LIMIT).sort(byDanishName),
    cut: missing.length > PAGE_LIMIT || linked.length > PAGE_LIMIT,
    mayManage: mayManageLogins(actor, code),
  };
}

/** The central overview across the 98: three statements. */
export async function loadOverview(db: Db, actor: Actor, solutionKey: string | undefined): Promise<OverviewView> {
  authorizeBackupOverview(actor);
  const solutions = await db.select({ key: solution.key, name: solution.name, sort: solution.sort }).from(solution);
  const known = solutionKey && solutions.some((s) => s.key === solutionKey) ? solutionKey : undefined;
  const filter = { solutionKey: known, scope: backupReportScope(actor) };
  const counts = await backupCounts(db, filter);
  const people = await missingBackup(db, filter, OVERVIEW_LIMIT + 1);
  return {
    counts,
    people: people.slice(0, OVERVIEW_LIMIT).sort(byValgThenName),
    cut: people.length > OVERVIEW_LIMIT,
    solutionKey: known,
    solutions: solutions.sort((a, b) => a.sort - b.sort).map((s) => ({ key: s.key, name: s.name })),
  };
}
