import type { Actor, Ctx } from '../../../platform/context.ts';
import { fileSlug } from '../../../platform/http/send-download.ts';
import { CONTENT_TYPES } from '../../../platform/spreadsheet/formats.ts';
import { toXlsxWorkbook } from '../../../platform/spreadsheet/write.ts';
import { loadChoices } from '../choices.ts';
import { loadPackageContent } from '../content.ts';
import { logAccess } from '../delivery/log-access.ts';
import { loadPackage, type PackageRow } from '../load-package.ts';
import { loadRiskScale, type RiskScale } from '../risk-scales.ts';
import { packagePdf } from './package-pdf.ts';
import { packageSheets } from './sheets.ts';

export type PackageFileFormat = 'xlsx' | 'pdf';

/** "compliancepakke-2025-aula.xlsx": ASCII, so the name survives every mail client and header. */
export const packageFileName = (pkg: Pick<PackageRow, 'year' | 'solutionName'>, format: PackageFileFormat) =>
  `compliancepakke-${pkg.year}-${fileSlug(pkg.solutionName) || 'loesning'}.${format}`;

export const scaleOf = (ctx: Ctx, scaleKey: string): Promise<RiskScale> => loadRiskScale(ctx.db, scaleKey);

/**
 * The package as XLSX or PDF for whoever may read it (central staff; the municipality's recipients
 * once delivered). A municipal download goes into the municipality's access log.
 */
export async function downloadPackage(ctx: Ctx & { actor: Actor }, packageId: string, format: PackageFileFormat) {
  const pkg = await loadPackage(ctx.db, ctx.actor, packageId, 'read');
  const filename = packageFileName(pkg, format);
  const content = await frozenFile(pkg, format, () => renderPackageFile(ctx, pkg, format));
  if (ctx.actor.municipalityCode !== null) await logAccess(ctx.db, ctx.actor, pkg, 'download', filename);
  return { filename, contentType: format === 'xlsx' ? CONTENT_TYPES.xlsx : 'application/pdf', content };
}

async function renderPackageFile(ctx: Ctx, pkg: PackageRow, format: PackageFileFormat): Promise<Buffer> {
  const content = await loadPackageContent(ctx.db, pkg.id);
  const choices = await loadChoices(ctx.db);
  const scale = await scaleOf(ctx, pkg.scaleKey);
  return format === 'xlsx' ? toXlsxWorkbook(packageSheets(content, choices, scale)) : packagePdf(pkg, content, choices, scale);
}

/**
 * A published package's files are kept once made: its content is frozen, its scale cannot change
 * once published, and the choice labels only change when a new version starts. Building the XLSX
 * or PDF of a large package is tens of milliseconds of CPU per download, which ninety-eight
 * municipalities' recipients fetching it in the same August week would otherwise repeat. Drafts
 * change with every save and are always built afresh. At most FILES_KEPT files (small: tens of KB
 * each), the oldest dropped first.
 */
const FILES_KEPT = 48;
const kept = new Map<string, Promise<Buffer>>();

function frozenFile(pkg: PackageRow, format: PackageFileFormat, make: () => Promise<Buffer>): Promise<Buffer> {
  if (pkg.status !== 'published' || !pkg.publishedAt) return make();
  const key = `${pkg.id}:${pkg.publishedAt.toISOString()}:${format}`;
  const hit = kept.get(key);
  if (hit) return hit;
  const made = make();
  kept.set(key, made);
  // A failed build is not kept: the next download tries again.
  made.catch(() => kept.delete(key));
  while (kept.size > FILES_KEPT) kept.delete(kept.keys().next().value!);
  return made;
}
