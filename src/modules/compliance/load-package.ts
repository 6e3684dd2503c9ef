import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { solution } from '../../db/schema.ts';
import type { Actor } from '../../platform/context.ts';
import { notFound } from '../../platform/errors.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { authorizePackage, type PackageAction, type PackageFacts } from './policy.ts';
import { compliancePackage, compliancePackageTarget } from './schema.ts';

export type PackageRow = Omit<typeof compliancePackage.$inferSelect, 'publishedContent'> & {
  solutionName: string;
  title: string;
  facts: PackageFacts;
};

/** "Compliancepakke 2025 – Aula": the name the deck and the municipalities use. */
export const packageTitle = (year: number, solutionName: string) => `Compliancepakke ${year} – ${solutionName}`;

/**
 * Loads a package (without its frozen content) and checks the policy in one statement. Whether it
 * was delivered to the actor's municipality is part of the query, so another municipality's
 * package, or one not yet published, answers 404.
 */
export async function loadPackage(db: Db, actor: Actor, packageId: string, action: PackageAction): Promise<PackageRow> {
  if (!isUuid(packageId)) throw notFound('Compliancepakken findes ikke.');
  const code = actor.municipalityCode;
  const [row] = await db
    .select({
      // every column but the frozen content, which only the pages that show it read
      pkg: {
        id: compliancePackage.id,
        solutionKey: compliancePackage.solutionKey,
        year: compliancePackage.year,
        status: compliancePackage.status,
        scaleKey: compliancePackage.scaleKey,
        introduction: compliancePackage.introduction,
        principles: compliancePackage.principles,
        securityMeasures: compliancePackage.securityMeasures,
        copiedFromId: compliancePackage.copiedFromId,
        publishedAt: compliancePackage.publishedAt,
        publishedBy: compliancePackage.publishedBy,
        createdBy: compliancePackage.createdBy,
        createdAt: compliancePackage.createdAt,
        updatedAt: compliancePackage.updatedAt,
      },
      solutionName: solution.name,
      delivered: code
        ? sql<boolean>`exists(select 1 from ${compliancePackageTarget} where ${compliancePackageTarget.packageId} = ${compliancePackage.id} and ${compliancePackageTarget.municipalityCode} = ${code})`
        : sql<boolean>`false`,
    })
    .from(compliancePackage)
    .innerJoin(solution, eq(solution.key, compliancePackage.solutionKey))
    .where(eq(compliancePackage.id, packageId));
  if (!row) throw notFound('Compliancepakken findes ikke.');
  const facts: PackageFacts = { status: row.pkg.status, deliveredToActorMunicipality: Boolean(row.delivered) };
  authorizePackage(actor, action, facts);
  return { ...row.pkg, solutionName: row.solutionName, title: packageTitle(row.pkg.year, row.solutionName), facts };
}
