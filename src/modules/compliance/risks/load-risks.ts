import type { Db } from '../../../db/client.ts';
import { notFound } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { type ContentRisk, loadPackageContent, loadRiskRows } from '../content.ts';
import type { PackageRow } from '../load-package.ts';
import { loadRiskScale, type RiskScale } from '../risk-scales.ts';

/** The package's risk scale (the scales are few: one statement per scale table). */
export async function loadPackageScale(db: Db, pkg: Pick<PackageRow, 'scaleKey'>): Promise<RiskScale> {
  return loadRiskScale(db, pkg.scaleKey);
}

/**
 * The package's risks in the content shape. A published package's are its frozen copy (through
 * loadPackageContent, one row); a draft's are read from the risk and measure tables only (two
 * statements), not the whole content, which would read all of Skema 1 and the suppliers as well.
 */
export async function loadPackageRisks(db: Db, pkg: Pick<PackageRow, 'id' | 'status'>): Promise<ContentRisk[]> {
  if (pkg.status === 'published') return (await loadPackageContent(db, pkg.id)).risks;
  return loadRiskRows(db, pkg.id);
}

/** One risk of the package; a risk of another package (or none) is 404. */
export async function loadPackageRisk(db: Db, pkg: Pick<PackageRow, 'id' | 'status'>, riskId: string): Promise<ContentRisk> {
  if (!isUuid(riskId)) throw notFound('Risikoen findes ikke.');
  const risk = (await loadPackageRisks(db, pkg)).find((r) => r.id === riskId);
  if (!risk) throw notFound('Risikoen findes ikke i pakken.');
  return risk;
}
