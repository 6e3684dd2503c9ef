import type { Column } from '../../../platform/spreadsheet/write.ts';
import { toXlsx } from '../../../platform/spreadsheet/write.ts';
import { isValgOwner, rolesText } from './group-missing.ts';
import type { MissingPerson } from './load-backup-state.ts';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

const columns: Column<MissingPerson>[] = [
  { header: 'Kommune', value: (p) => p.municipalityName, width: 18 },
  { header: 'Navn', value: (p) => p.name, width: 28 },
  { header: 'E-mail', value: (p) => p.email, width: 32 },
  { header: 'Roller', value: (p) => rolesText(p), width: 48 },
  { header: 'Systemansvarlig for Valg', value: (p) => isValgOwner(p) },
  { header: 'Seneste log ind med Context Handler', value: (p) => p.lastContextHandlerLoginAt },
  { header: 'MitID Erhverv kendt fra Context Handler', value: (p) => p.professionalUuidKnown },
];

/** The people without a backup login as XLSX, in the order given (VALG's system owners first). */
export async function backupWorkbook(filename: string, people: MissingPerson[]) {
  return { filename, contentType: XLSX, content: await toXlsx('Mangler reservelogin', columns, people) };
}
