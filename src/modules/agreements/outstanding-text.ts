import { danishCompare, danishList } from '../../platform/views/format.ts';
import { type MunicipalStatus, OUTSTANDING } from './status.ts';

export type OutstandingRow = { municipalityCode: string; municipalityName: string; status: MunicipalStatus };

/** The outstanding municipalities (not signed or in dialogue) in Danish order. */
export function outstandingRows<T extends OutstandingRow>(rows: T[]): T[] {
  return rows.filter((r) => OUTSTANDING.includes(r.status)).sort((a, b) => danishCompare(a.municipalityName, b.municipalityName));
}

/**
 * The list central staff paste into mails and minutes, worded as in the deck:
 *
 *   KOMBIT ser fortsat frem til at modtage underskrevne aftaler fra følgende:
 *   Albertslund
 *   Syddjurs *)
 *
 *   *) dialog pågår ml. Syddjurs og KOMBIT
 *
 * With several in dialogue the footnote reads "dialog pågår ml. KOMBIT og hhv. A og B".
 */
export function outstandingText(rows: OutstandingRow[], organisationName: string): string {
  const outstanding = outstandingRows(rows);
  if (outstanding.length === 0) return `${organisationName} har modtaget underskrevne aftaler fra alle de adresserede kommuner.`;
  const lines = [`${organisationName} ser fortsat frem til at modtage underskrevne aftaler fra følgende:`];
  for (const r of outstanding) lines.push(r.status === 'in_dialogue' ? `${r.municipalityName} *)` : r.municipalityName);
  const inDialogue = outstanding.filter((r) => r.status === 'in_dialogue').map((r) => r.municipalityName);
  if (inDialogue.length === 1) lines.push('', `*) dialog pågår ml. ${inDialogue[0]} og ${organisationName}`);
  else if (inDialogue.length > 1) lines.push('', `*) dialog pågår ml. ${organisationName} og hhv. ${danishList(inDialogue)}`);
  return lines.join('\n');
}

/** The status page's filter: one status, the outstanding ones, or all. */
export type StatusFilterKey = MunicipalStatus | 'outstanding' | 'all';

export const STATUS_FILTER_LABELS: Record<StatusFilterKey, string> = {
  all: 'Alle kommuner',
  outstanding: 'Mangler (ikke underskrevet eller i dialog)',
  signed: 'Underskrevet',
  replaced: 'Erstattet af K98-aftalen',
  pending: 'Modtaget – afventer godkendelse',
  in_dialogue: 'I dialog',
  not_signed: 'Ikke underskrevet',
};

/** An unknown value shows everything rather than an error: the filter is a convenience in a link. */
export function parseStatusFilter(value: unknown): StatusFilterKey {
  return typeof value === 'string' && Object.hasOwn(STATUS_FILTER_LABELS, value) ? (value as StatusFilterKey) : 'all';
}

export function applyStatusFilter<T extends { status: MunicipalStatus }>(rows: T[], filter: StatusFilterKey): T[] {
  if (filter === 'all') return rows;
  if (filter === 'outstanding') return rows.filter((r) => OUTSTANDING.includes(r.status));
  return rows.filter((r) => r.status === filter);
}
