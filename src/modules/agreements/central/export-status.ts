import { type Column, toXlsx } from '../../../platform/spreadsheet/write.ts';
import { formatDateLong } from '../../../platform/views/format.ts';
import { fileSlug } from '../../../platform/http/send-download.ts';
import { MUNICIPAL_STATUS_LABELS } from '../labels.ts';
import type { agreementMatrixDetail, MatrixDetailRow } from './matrix-queries.ts';
import type { StatusOverviewRow } from './notes-queries.ts';
import type { StatusFilterKey } from '../outstanding-text.ts';
import type { StatusRow } from '../status.ts';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** "Underskrevet", or "Erstattet af K98-aftalen fra 3. juni 2025" with the day of the K98 signature. */
export function statusText(r: Pick<StatusRow, 'status' | 'replacedBy'>): string {
  if (r.status === 'replaced' && r.replacedBy) return `${MUNICIPAL_STATUS_LABELS.replaced} fra ${formatDateLong(r.replacedBy.from)}`;
  return MUNICIPAL_STATUS_LABELS[r.status];
}

/** A note in a cell or a table: the first 200 characters on one line. */
export function noteExcerpt(body: string, max = 200): string {
  const line = body.replace(/\s+/g, ' ').trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

const statusColumns: Column<StatusOverviewRow>[] = [
  { header: 'Kommune', value: (r) => r.municipalityName, width: 22 },
  { header: 'Kommunekode', value: (r) => r.municipalityCode },
  { header: 'Status', value: statusText, width: 44 },
  { header: 'Version', value: (r) => r.signature?.versionNumber ?? null },
  { header: 'Underskrevet', value: (r) => r.signature?.signedAt ?? null, width: 14 },
  { header: 'Underskriver', value: (r) => r.signature?.signerName ?? '', width: 28 },
  { header: 'Stilling', value: (r) => r.signature?.signerTitle ?? '', width: 24 },
  { header: 'I dialog', value: (r) => r.inDialogue },
  { header: 'Seneste note', value: (r) => (r.lastNote ? noteExcerpt(r.lastNote.body, 1000) : ''), width: 60 },
];

/** The status page's table as a sheet; the filter decides the rows and names the sheet ("Alle", "Mangler", …). */
export function buildStatusExport(rows: StatusOverviewRow[], filter: StatusFilterKey): Promise<Buffer> {
  const sheet = filter === 'all' ? 'Alle' : filter === 'outstanding' ? 'Mangler' : MUNICIPAL_STATUS_LABELS[filter];
  return toXlsx(sheet, statusColumns, rows);
}

/** "aftale-byg-og-miljoe-databehandleraftale-mangler.xlsx" */
export const statusFilename = (title: string, filter: StatusFilterKey) =>
  `aftale-${fileSlug(title) || 'uden-titel'}-${filter === 'outstanding' ? 'mangler' : filter === 'all' ? 'status' : fileSlug(MUNICIPAL_STATUS_LABELS[filter])}.xlsx`;

/** Column headers must differ (readTable and Excel's filters need that): a repeated title gets " (2)". */
function uniqueTitles(titles: string[]): string[] {
  const taken = new Set(['kommune', 'kommunekode']);
  return titles.map((title) => {
    let header = title;
    for (let n = 2; taken.has(header.toLowerCase()); n++) header = `${title} (${n})`;
    taken.add(header.toLowerCase());
    return header;
  });
}

/** The matrix as a sheet: one row per municipality, one column per agreement with the full status ("–" not sent). */
export function buildMatrixExport(matrix: Awaited<ReturnType<typeof agreementMatrixDetail>>): Promise<Buffer> {
  const headers = uniqueTitles(matrix.agreements.map((a) => a.title));
  const columns: Column<MatrixDetailRow>[] = [
    { header: 'Kommune', value: (r) => r.name, width: 22 },
    { header: 'Kommunekode', value: (r) => r.code },
    ...matrix.agreements.map(
      (_a, i): Column<MatrixDetailRow> => ({
        header: headers[i]!,
        value: (r) => {
          const c = r.cells[i];
          return c ? statusText(c) : '–';
        },
        width: Math.min(44, Math.max(16, headers[i]!.length + 2)),
      }),
    ),
  ];
  return toXlsx('Overblik', columns, matrix.rows);
}
