import type { Actor, Ctx } from '../../../platform/context.ts';
import { fileSlug } from '../../../platform/http/send-download.ts';
import { CONTENT_TYPES } from '../../../platform/spreadsheet/formats.ts';
import { toXlsxWorkbook } from '../../../platform/spreadsheet/write.ts';
import { loadChoices } from '../choices.ts';
import { loadPackageContent } from '../content.ts';
import { logAccess } from '../delivery/log-access.ts';
import { loadPackage, type PackageRow } from '../load-package.ts';
import { loadRiskScales, type RiskScale } from '../risk-scales.ts';
import { packagePdf } from './package-pdf.ts';
import { packageSheets } from './sheets.ts';

export type PackageFileFormat = 'xlsx' | 'pdf';

/** "compliancepakke-2025-aula.xlsx": ASCII, so the name survives every mail client and header. */
export const packageFileName = (pkg: Pick<PackageRow, 'year' | 'solutionName'>, format: PackageFileFormat) =>
  `compliancepakke-${pkg.year}-${fileSlug(pkg.solutionName) || 'loesning'}.${format}`;

export async function scaleOf(ctx: Ctx, scaleKey: string): Promise<RiskScale> {
  const scale = (await loadRiskScales(ctx.db)).find((s) => s.key === scaleKey);
  if (!scale) throw new Error(`compliance package scale ${scaleKey} does not exist`);
  return scale;
}

/**
 * The package as XLSX or PDF for whoever may read it (central staff; the municipality's recipients
 * once delivered). A municipal download goes into the municipality's access log.
 */
export async function downloadPackage(ctx: Ctx & { actor: Actor }, packageId: string, format: PackageFileFormat) {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'read');
  const content = await loadPackageContent(ctx.db, pkg.id);
  const choices = await loadChoices(ctx.db);
  const scale = await scaleOf(ctx, pkg.scaleKey);
  const filename = packageFileName(pkg, format);
  const file =
    format === 'xlsx'
      ? { filename, contentType: CONTENT_TYPES.xlsx, content: await toXlsxWorkbook(packageSheets(content, choices, scale)) }
      : { filename, contentType: 'application/pdf', content: await packagePdf(pkg, content, choices, scale) };
  if (ctx.actor.municipalityCode !== null) await logAccess(ctx.db, ctx.actor, pkg, 'download', filename);
  return file;
}
