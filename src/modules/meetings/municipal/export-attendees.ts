import { fileSlug } from '../../../platform/http/send-download.ts';
import type { ExportFormat } from '../../../platform/spreadsheet/formats.ts';
import { toCsv, toXlsx, type Column } from '../../../platform/spreadsheet/write.ts';
import { danishDay } from '../../../platform/views/format.ts';
import type { MeetingHead } from '../sections.ts';
import { attendanceLabel } from './inputs.ts';
import type { AttendeeRow } from './queries.ts';

const columns: Column<AttendeeRow>[] = [
  { header: 'Kommunekode', value: (r) => r.municipalityCode, width: 14 },
  { header: 'Kommune', value: (r) => r.municipalityName, width: 22 },
  { header: 'Navn', value: (r) => r.name, width: 30 },
  { header: 'E-mail', value: (r) => r.email, width: 34 },
  { header: 'Deltager', value: (r) => attendanceLabel(r.online), width: 12 },
  { header: 'Tilmeldt', value: (r) => r.registeredAt, width: 12 },
];

/** The meeting's registrations as the page lists them, by municipality name and attendee name. */
export function buildAttendeeExport(format: ExportFormat, rows: AttendeeRow[]): Promise<Buffer> | Buffer {
  return format === 'csv' ? toCsv(columns, rows) : toXlsx('Deltagere', columns, rows);
}

export const attendeeExportFilename = (m: MeetingHead, format: ExportFormat) => `deltagere-${fileSlug(m.title)}-${danishDay(m.startsAt)}.${format}`;
