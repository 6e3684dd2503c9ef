import { and, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { type Actor, isCentral } from '../../../platform/context.ts';
import { loadChoices, type Choices } from '../choices.ts';
import { loadPackageContent, type PackageContent } from '../content.ts';
import { packageTitle, type PackageRow } from '../load-package.ts';
import type { RiskScale } from '../risk-scales.ts';
import { compliancePackage } from '../schema.ts';
import { diffPackages, type PackageDiff } from './diff.ts';

export interface PackageChanges {
  /** The same solution's package of the year before, if there is one the actor may compare with. */
  previous: { id: string; year: number; title: string } | null;
  /** The year compared with (the package's year − 1), named even when there is no package for it. */
  previousYear: number;
  diff: PackageDiff | null;
  choices: Choices;
}

/**
 * What changed since last year: the same solution's package of the year before (a municipality
 * compares only with a published one, the version it could have received), diffed against this
 * one with the choice lists' labels and each year's scale. A fixed number of statements.
 */
export async function loadChanges(db: Db, actor: Actor, pkg: PackageRow, scales: RiskScale[], current?: PackageContent): Promise<PackageChanges> {
  const previousYear = pkg.year - 1;
  const [prev] = await db
    .select({ id: compliancePackage.id, year: compliancePackage.year, status: compliancePackage.status, scaleKey: compliancePackage.scaleKey })
    .from(compliancePackage)
    .where(and(eq(compliancePackage.solutionKey, pkg.solutionKey), eq(compliancePackage.year, previousYear)));
  const choices = await loadChoices(db);
  const comparable = prev && (isCentral(actor) || prev.status === 'published');
  if (!comparable) return { previous: null, previousYear, diff: null, choices };
  const before = await loadPackageContent(db, prev.id);
  const now = current ?? (await loadPackageContent(db, pkg.id));
  const diff = diffPackages(before, now, {
    choice: (list, key) => choices.label(list, key),
    previousScale: scales.find((s) => s.key === prev.scaleKey),
    currentScale: scales.find((s) => s.key === pkg.scaleKey),
  });
  return { previous: { id: prev.id, year: prev.year, title: packageTitle(prev.year, pkg.solutionName) }, previousYear, diff, choices };
}
