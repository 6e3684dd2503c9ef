import { toCsv, toXlsx, type Column } from '../../../platform/spreadsheet/write.ts';
import { fileSlug } from '../../../platform/http/send-download.ts';
import type { ExportFormat } from '../../../platform/spreadsheet/formats.ts';
import type { OverviewColumn, OverviewRow } from './queries.ts';
import { TARGET_STATUS_DA } from '../status.ts';

export { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat } from '../../../platform/spreadsheet/formats.ts';

/** The status as the overview shows it: "Ikke startet (forsinket)". */
export const statusText = (r: Pick<OverviewRow, 'status' | 'overdue'>) => `${TARGET_STATUS_DA[r.status]}${r.overdue ? ' (forsinket)' : ''}`;

/** The overview's table as a sheet: fixed columns, then one column per step (the AftaleID column is copied from here). */
export function overviewColumns(steps: OverviewColumn[]): Column<OverviewRow>[] {
  return [
    { header: 'Kommunekode', value: (r) => r.code },
    { header: 'Kommune', value: (r) => r.name, width: 22 },
    { header: 'Status', value: statusText, width: 24 },
    { header: 'Ansvarlig', value: (r) => r.responsible?.name ?? '', width: 28 },
    { header: 'Seneste aktivitet', value: (r) => r.lastActivityAt, width: 18 },
    ...uniqueHeaders(steps).map(
      ({ step, header }): Column<OverviewRow> => ({ header, value: (r) => r.answers[step.stepId]?.text ?? '', width: Math.max(14, header.length + 4) }),
    ),
  ];
}

/** Column headers of the steps; readTable (and Excel users) need distinct ones, so a repeated label gets "(trin n)". */
export function uniqueHeaders(steps: OverviewColumn[]) {
  const taken = new Set(['kommunekode', 'kommune', 'status', 'ansvarlig', 'seneste aktivitet']);
  return steps.map((step) => {
    let header = step.header;
    if (taken.has(header.toLowerCase())) header = `${header} (trin ${step.position})`;
    taken.add(header.toLowerCase());
    return { step, header };
  });
}

export async function buildTaskOverviewExport(format: ExportFormat, steps: OverviewColumn[], rows: OverviewRow[]): Promise<Buffer> {
  const columns = overviewColumns(steps);
  return format === 'csv' ? toCsv(columns, rows) : toXlsx('Overblik', columns, rows);
}

/** "opgave-klik-kr-mi-02-overblik.xlsx", "…-mangler.csv" with the missing filter. */
export const taskOverviewFilename = (code: string, missingOnly: boolean, format: ExportFormat) =>
  `opgave-${fileSlug(code) || 'uden-kode'}-${missingOnly ? 'mangler' : 'overblik'}.${format}`;
