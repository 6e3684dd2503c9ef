import { formatDeadline } from '../../../platform/views/format.ts';
import { ARCHIVE_KIND_LABEL, ARCHIVE_STATE_LABEL, ESDH_LABEL, INTEGRATION_LABEL } from '../municipal/labels.ts';
import { READINESS_ITEMS, type OverviewRow } from './load-overview.ts';

/** The overview's cells as text, the same on the page and in the workbook. */

export const esdhText = (r: OverviewRow) => (r.esdh.system === 'andet' ? `Andet: ${r.esdh.other ?? ''}` : r.esdh.system ? ESDH_LABEL[r.esdh.system] : 'Ikke oplyst');
export const vendorInTestText = (r: OverviewRow) => (r.esdh.vendorInTest === true ? 'ja' : r.esdh.vendorInTest === false ? 'nej' : 'ukendt');
export const integrationText = (r: OverviewRow) => INTEGRATION_LABEL[r.integrationState];
export const archiveText = (r: OverviewRow) =>
  r.archive.kind === 'paragraf7' ? `§ 7-arkiv: ${r.archive.name ?? ''}` : r.archive.kind ? ARCHIVE_KIND_LABEL[r.archive.kind] : 'Ikke oplyst';
export const archiveStateText = (r: OverviewRow) =>
  r.archive.plannedOn ? `${ARCHIVE_STATE_LABEL[r.archive.state]}, planlagt ${formatDeadline(r.archive.plannedOn)}` : ARCHIVE_STATE_LABEL[r.archive.state];
export const readinessText = (r: OverviewRow) => `${r.readinessDone} af ${READINESS_ITEMS}`;
export const readyText = (r: OverviewRow) => (r.ready ? 'Klar til sletteregler' : 'Ikke klar');
