import { toCsv, toXlsx, type Column } from '../../platform/spreadsheet/write.ts';
import type { GalleryPerson, OverviewRow } from './queries.ts';
import { fileSlug } from '../../platform/http/send-download.ts';

import type { ExportFormat } from '../../platform/spreadsheet/formats.ts';

export { CONTENT_TYPES, EXPORT_FORMATS, type ExportFormat } from '../../platform/spreadsheet/formats.ts';

type GalleryRow = { person: GalleryPerson; role: GalleryPerson['roles'][number] | null };

/** The import reads these same headers, so an export is also the template for an import. */
export const GALLERY_HEADERS = {
  name: 'Navn',
  email: 'E-mail',
  title: 'Titel',
  phone: 'Telefon',
  role: 'Rolle',
  solution: 'Løsning',
  primary: 'Primær',
} as const;

const galleryColumns: Column<GalleryRow>[] = [
  { header: GALLERY_HEADERS.name, value: (r) => r.person.name, width: 30 },
  { header: GALLERY_HEADERS.email, value: (r) => r.person.email, width: 34 },
  { header: GALLERY_HEADERS.title, value: (r) => r.person.title, width: 26 },
  { header: GALLERY_HEADERS.phone, value: (r) => r.person.phone, width: 16 },
  { header: GALLERY_HEADERS.role, value: (r) => r.role?.roleLabel ?? '', width: 28 },
  { header: GALLERY_HEADERS.solution, value: (r) => r.role?.solutionName ?? '', width: 30 },
  { header: GALLERY_HEADERS.primary, value: (r) => (r.role ? r.role.isPrimary : null) },
];

/** One row per active person and current role; a person without roles still gets a row so they survive a round trip. */
export function galleryRows(people: GalleryPerson[]): GalleryRow[] {
  return people
    .filter((p) => p.active)
    .flatMap((person): GalleryRow[] => (person.roles.length === 0 ? [{ person, role: null }] : person.roles.map((role) => ({ person, role }))));
}

const overviewColumns: Column<OverviewRow>[] = [
  { header: 'Kommunekode', value: (r) => r.code },
  { header: 'Kommune', value: (r) => r.name, width: 22 },
  { header: 'Region', value: (r) => r.region, width: 22 },
  { header: 'Status', value: (r) => (r.holders.length === 0 ? 'Ingen' : 'Dækket') },
  { header: 'Personer', value: (r) => r.holders.map((h) => `${h.name}${h.isPrimary ? ' (primær)' : ''}`).join(', '), width: 40 },
  { header: 'E-mail', value: (r) => r.holders.map((h) => h.email).join(', '), width: 40 },
];

async function build<T>(format: ExportFormat, sheet: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  return format === 'csv' ? toCsv(columns, rows) : toXlsx(sheet, columns, rows);
}

export const buildGalleryExport = (format: ExportFormat, people: GalleryPerson[]) =>
  build(format, 'Rollegalleri', galleryColumns, galleryRows(people));

export const buildOverviewExport = (format: ExportFormat, rows: OverviewRow[]) => build(format, 'Rolleoverblik', overviewColumns, rows);

export const galleryFilename = (m: { code: string; name: string }, format: ExportFormat) =>
  `rollegalleri-${m.code}-${fileSlug(m.name)}.${format}`;

export const overviewFilename = (roleTypeKey: string, solutionKey: string | null, format: ExportFormat) =>
  `rolleoverblik-${[roleTypeKey, solutionKey].filter(Boolean).map((s) => fileSlug(s!)).join('-')}.${format}`;
