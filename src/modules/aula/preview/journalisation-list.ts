import { fileSlug } from '../../../platform/http/send-download.ts';
import type { ExportFormat } from '../../../platform/spreadsheet/formats.ts';
import { toCsv, toXlsx, type Column } from '../../../platform/spreadsheet/write.ts';
import { categoryName } from '../categories.ts';
import type { AtRiskFile } from './at-risk-files.ts';

/** A day as a date cell: Excel can filter and sort it, and the CSV writes it as yyyy-mm-dd. */
const day = (d: string) => new Date(`${d}T00:00:00Z`);

/**
 * The journaliseringsliste's columns: what an ESDH (or the person journalising by hand) needs to find
 * each file in Aula, and an empty ESDH-reference column to fill in as the files are journalised.
 */
const columns: Column<AtRiskFile>[] = [
  { header: 'Fil-id', value: (f) => f.fileId, width: 20 },
  { header: 'Institutionsnummer', value: (f) => f.institutionNumber, width: 20 },
  { header: 'Institution', value: (f) => f.institutionName ?? '', width: 34 },
  { header: 'Kategori', value: (f) => categoryName(f.category), width: 24 },
  { header: 'Oprettet', value: (f) => day(f.createdOn), width: 12 },
  { header: 'Udløsende dato', value: (f) => day(f.triggerOn), width: 16 },
  { header: 'Slettefrist', value: (f) => day(f.deadline), width: 12 },
  { header: 'ESDH-reference', value: () => '', width: 24 },
];

export async function buildJournalisationList(format: ExportFormat, files: AtRiskFile[]): Promise<Buffer> {
  return format === 'csv' ? toCsv(columns, files) : toXlsx('Journaliseringsliste', columns, files);
}

/** journaliseringsliste-faxe-2027-03-01.xlsx */
export const journalisationListFilename = (municipalityName: string, day: string, format: ExportFormat) => `journaliseringsliste-${fileSlug(municipalityName)}-${day}.${format}`;
