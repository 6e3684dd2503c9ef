/** One line of an entry's before/after: the field, its old value and its new one ('' when absent). */
export type ChangedField = { field: string; from: string; to: string };

/** Keys that hold an IP address; only central administrators may see them. */
const IP_KEYS = new Set(['ip', 'ipAddress']);

const FIELD_LABELS: Record<string, string> = {
  name: 'Navn',
  title: 'Titel',
  email: 'E-mail',
  phone: 'Telefon',
  code: 'Kode',
  status: 'Status',
  deadline: 'Frist',
  description: 'Beskrivelse',
  body: 'Tekst',
  ip: 'IP-adresse',
  ipAddress: 'IP-adresse',
  signerName: 'Underskriver',
  signerTitle: 'Underskrivers titel',
  versionNumber: 'Version',
  roleTypeKey: 'Rolle',
  solutionKey: 'Løsning',
  isPrimary: 'Primær',
  digestMode: 'Notifikationsvalg',
  reason: 'Begrundelse',
};

export const fieldLabel = (key: string) => FIELD_LABELS[key] ?? key;

function show(v: unknown): string {
  if (v === undefined) return '';
  if (v === null) return '–';
  if (typeof v === 'boolean') return v ? 'ja' : 'nej';
  if (v === '') return '(tom)';
  if (typeof v === 'string' || typeof v === 'number') return String(v);
  return JSON.stringify(v);
}

const asRecord = (v: unknown): Record<string, unknown> =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : v === null || v === undefined ? {} : { værdi: v };

/** The fields whose value differs between before and after, in the order they first appear. */
export function changedFields(before: unknown, after: unknown, showIp: boolean): ChangedField[] {
  const b = asRecord(before);
  const a = asRecord(after);
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])].filter((k) => showIp || !IP_KEYS.has(k));
  return keys
    .map((k) => ({ field: fieldLabel(k), from: show(b[k]), to: show(a[k]) }))
    .filter((c) => c.from !== c.to);
}

/** The before/after as the API sends it: unchanged, except that IP addresses are left out for all but central administrators. */
export function withoutIp(v: unknown, showIp: boolean): unknown {
  if (showIp || v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  return Object.fromEntries(Object.entries(v).filter(([k]) => !IP_KEYS.has(k)));
}
