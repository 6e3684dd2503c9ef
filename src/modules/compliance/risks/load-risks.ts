import { asc, eq, inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { type ContentRisk, loadPackageContent } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { loadRiskScales, type RiskScale } from '../risk-scales.ts';
import { complianceRisk, complianceRiskMeasure } from '../schema.ts';

/** The package's risk scale (the scales are few: one statement per scale table). */
export async function loadPackageScale(db: Db, pkg: Pick<PackageRow, 'scaleKey'>): Promise<RiskScale> {
  const scale = (await loadRiskScales(db)).find((s) => s.key === pkg.scaleKey);
  if (!scale) throw new Error(`Risikoskalaen ${pkg.scaleKey} findes ikke`);
  return scale;
}

/**
 * The package's risks in the content shape. A published package's are its frozen copy (through
 * loadPackageContent, one row); a draft's are read from the risk and measure tables only (two
 * statements), not the whole content, which would read all of Skema 1 and the suppliers as well.
 */
export async function loadPackageRisks(db: Db, pkg: Pick<PackageRow, 'id' | 'status'>): Promise<ContentRisk[]> {
  if (pkg.status === 'published') return (await loadPackageContent(db, pkg.id)).risks;
  const risks = await db.select().from(complianceRisk).where(eq(complianceRisk.packageId, pkg.id)).orderBy(asc(complianceRisk.sort), asc(complianceRisk.ref));
  if (risks.length === 0) return [];
  const measures = await db
    .select()
    .from(complianceRiskMeasure)
    .where(inArray(complianceRiskMeasure.riskId, risks.map((r) => r.id)))
    .orderBy(asc(complianceRiskMeasure.sort));
  return risks.map((r) => ({
    id: r.id,
    ref: r.ref,
    threat: r.threat,
    impact: r.impact,
    likelihood: r.likelihood,
    consequence: r.consequence,
    existingMeasures: r.existingMeasures,
    measures: measures.filter((m) => m.riskId === r.id).map((m) => ({ id: m.id, description: m.description, owner: m.owner, deadline: m.deadline })),
    residualLikelihood: r.residualLikelihood,
    residualConsequence: r.residualConsequence,
    treatment: r.treatment,
    rationale: r.rationale,
  }));
}

/** One risk of the package; a risk of another package (or none) is 404. */
export async function loadPackageRisk(db: Db, pkg: Pick<PackageRow, 'id' | 'status'>, riskId: string): Promise<ContentRisk> {
  if (!isUuid(riskId)) throw notFound('Risikoen findes ikke.');
  const risk = (await loadPackageRisks(db, pkg)).find((r) => r.id === riskId);
  if (!risk) throw notFound('Risikoen findes ikke i pakken.');
  return risk;
}
