import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { solution } from '../../../platform/identity/schema.ts';
import type { Actor } from '../../../platform/context.ts';
import { isCentral } from '../../../platform/context.ts';
import { danishCompare } from '../../../platform/views/format.ts';
import { packageTitle } from '../load-package.ts';
import { packageListedFor } from '../policy.ts';
import { compliancePackage, compliancePackageTarget, type PackageStatus } from '../schema.ts';

export type PackageFilter = { year: number | null; solutionKey: string | null };

export interface PackageListItem {
  id: string;
  title: string;
  solutionKey: string;
  solutionName: string;
  year: number;
  status: PackageStatus;
  publishedAt: Date | null;
  copiedFromId: string | null;
  /** The delivery to the actor's own municipality; null for central staff. */
  delivery: { deliveredAt: Date; firstOpenedAt: Date | null; acknowledgedAt: Date | null } | null;
}

/** ?aar=2025 and ?loesning=aula (the API: ?year= and ?solution=); what cannot be read is no filter. */
export function parsePackageFilter(q: { year?: unknown; solution?: unknown }): PackageFilter {
  const y = typeof q.year === 'string' && /^\d{4}$/.test(q.year.trim()) ? Number(q.year.trim()) : null;
  const s = typeof q.solution === 'string' && q.solution.trim() !== '' ? q.solution.trim() : null;
  return { year: y, solutionKey: s };
}

/** Newest year first, and within a year the solutions in Danish order. */
export const byYearThenSolution = (a: { year: number; solutionName: string }, b: { year: number; solutionName: string }) =>
  b.year - a.year || danishCompare(a.solutionName, b.solutionName);

/**
 * The packages the actor may see (policy.ts packageListedFor), filtered, in one statement however
 * many there are; a municipality's own delivery state comes along in the same join.
 */
export async function listPackages(db: Db, actor: Actor, filter: PackageFilter): Promise<PackageListItem[]> {
  const code = actor.municipalityCode;
  const conditions: SQL[] = [packageListedFor(actor)];
  if (filter.year !== null) conditions.push(eq(compliancePackage.year, filter.year));
  if (filter.solutionKey !== null) conditions.push(eq(compliancePackage.solutionKey, filter.solutionKey));
  const rows = await db
    .select({
      id: compliancePackage.id,
      solutionKey: compliancePackage.solutionKey,
      solutionName: solution.name,
      year: compliancePackage.year,
      status: compliancePackage.status,
      publishedAt: compliancePackage.publishedAt,
      copiedFromId: compliancePackage.copiedFromId,
      deliveredAt: compliancePackageTarget.deliveredAt,
      firstOpenedAt: compliancePackageTarget.firstOpenedAt,
      acknowledgedAt: compliancePackageTarget.acknowledgedAt,
    })
    .from(compliancePackage)
    .innerJoin(solution, eq(solution.key, compliancePackage.solutionKey))
    .leftJoin(
      compliancePackageTarget,
      and(eq(compliancePackageTarget.packageId, compliancePackage.id), code === null ? sql`false` : eq(compliancePackageTarget.municipalityCode, code)),
    )
    .where(and(...conditions));
  return rows
    .map((r) => ({
      id: r.id,
      title: packageTitle(r.year, r.solutionName),
      solutionKey: r.solutionKey,
      solutionName: r.solutionName,
      year: r.year,
      status: r.status,
      publishedAt: r.publishedAt,
      copiedFromId: r.copiedFromId,
      delivery:
        isCentral(actor) || r.deliveredAt === null ? null : { deliveredAt: r.deliveredAt, firstOpenedAt: r.firstOpenedAt, acknowledgedAt: r.acknowledgedAt },
    }))
    .sort(byYearThenSolution);
}

/**
 * Every (solution, year) the actor may see, unfiltered, in one statement: the filter's choice of
 * years and, for the author, whether next year's package already exists.
 */
export async function packageYears(db: Db, actor: Actor): Promise<{ solutionKey: string; year: number }[]> {
  return db.select({ solutionKey: compliancePackage.solutionKey, year: compliancePackage.year }).from(compliancePackage).where(packageListedFor(actor));
}

/** The solutions, in Danish order (one statement): for the filter and the create form. */
export async function solutionOptions(db: Db): Promise<{ key: string; name: string }[]> {
  const rows = await db.select({ key: solution.key, name: solution.name }).from(solution);
  return rows.sort((a, b) => danishCompare(a.name, b.name));
}
