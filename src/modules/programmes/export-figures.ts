import { CONTENT_TYPES, type ExportFormat } from '../../platform/spreadsheet/formats.ts';
import { toCsv, toXlsx, type Column } from '../../platform/spreadsheet/write.ts';
import type { Figure } from './load-programmes.ts';

type PointRow = { figure: Figure; on: string; value: number };

const columns: Column<PointRow>[] = [
  { header: 'Nøgletal', value: (r) => r.figure.name, width: 36 },
  { header: 'Enhed', value: (r) => r.figure.unit },
  // The day as written, so Excel and the CSV show the same åååå-mm-dd whatever the reader's locale.
  { header: 'Dato', value: (r) => r.on, width: 12 },
  { header: 'Værdi', value: (r) => r.value, width: 14 },
  { header: 'Mål', value: (r) => r.figure.target, width: 14 },
];

/**
 * Every point of every key figure of a programme, one row each: the page's tables show a value a
 * month once a figure has many points, and this file has all of them.
 */
export async function exportFigures(figures: Figure[], format: ExportFormat): Promise<{ content: Buffer; contentType: string }> {
  const rows = figures.flatMap((figure) => figure.points.map((p) => ({ figure, on: p.on, value: p.value })));
  const content = format === 'csv' ? toCsv(columns, rows) : await toXlsx('Nøgletal', columns, rows);
  // sendDownload lets text/csv through as itself; the BOM tells Excel it is UTF-8.
  return { content, contentType: format === 'csv' ? 'text/csv' : CONTENT_TYPES.xlsx };
}
