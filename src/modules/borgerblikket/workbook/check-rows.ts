import { AppError, invalid } from '../../../platform/errors.ts';
import type { KeyedSheet } from '../../../platform/spreadsheet/read.ts';
import { formatDeadline, formatNumber, sameDanishText } from '../../../platform/views/format.ts';
import { canonical, checkSettings, sameSettings } from '../settings-input.ts';
import type { KleConfiguration, KleSettings } from '../visibility/effective-entry.ts';
import { normaliseKle } from '../visibility/kle-number.ts';
import { cellSetting, headerOf, KLE_COLUMN, SETTING_COLUMNS, SETTINGS_SHEET, TITLE_COLUMN } from './columns.ts';

/**
 * Reads the settings sheet of a configuration workbook and checks every row against the plan and
 * the settings rules, without touching the database: either every row is good and each becomes the
 * number's new entry, or the whole file is refused with a report per row.
 */

export type PlanNumber = { number: string; title: string; expiredOn: string | null };
export type RowIssue = { row: number; kle: string; column: string; message: string };
export type RowChange = 'ny' | 'ændret' | 'fjernet' | 'uændret';
export type CheckedRow = { row: number; kle: string; settings: Partial<KleSettings> | null; change: RowChange };

/** A refused file: the report per row, and as the API's field errors `linje-<række>` like every import. */
export class WorkbookImportRejected extends AppError {
  constructor(readonly issues: RowIssue[]) {
    const fieldErrors: Record<string, string> = {};
    for (const i of issues) {
      const key = `linje-${i.row}`;
      const text = `${i.kle ? `KLE ${i.kle}, ` : ''}${i.column}: ${i.message}`;
      fieldErrors[key] = fieldErrors[key] ? `${fieldErrors[key]} ${text}` : text;
    }
    const rows = Object.keys(fieldErrors).length;
    super(422, 'validation_failed', `Filen har fejl i ${formatNumber(rows)} ${rows === 1 ? 'række' : 'rækker'}. Intet er ændret; ret fejlene og prøv igen.`, fieldErrors);
  }
}

export const MAX_ROWS = 10_000;

const KNOWN = [KLE_COLUMN, TITLE_COLUMN, ...SETTING_COLUMNS.map((c) => ({ key: c.key as string, header: c.header }))];
// A header typed by hand often has a hyphen where the file had an en dash ("Unge 15-17").
const plainHeader = (h: string) => h.replace(/[\u2010-\u2015]/g, '-').replace(/\s+/g, ' ').trim();

/** The sheet «Opsætning»; a CSV file or a workbook of one sheet is read as it. */
export function settingsSheet(sheets: KeyedSheet[]): KeyedSheet {
  const sheet = sheets.find((s) => sameDanishText(s.name, SETTINGS_SHEET.name)) ?? (sheets.length === 1 ? sheets[0] : undefined);
  if (!sheet) throw invalid({ fil: `Filen har intet ark, der hedder «${SETTINGS_SHEET.name}».` }, `Filen har intet ark, der hedder «${SETTINGS_SHEET.name}». Hent kommunens opsætning som XLSX og brug den som skabelon.`);
  return sheet;
}

/** Each known column's position: by the file's own column key, else by its header, else by the key listed for its position. */
function resolveColumns(sheet: KeyedSheet): Map<string, number> {
  const byKey = (k: string | null) => (k ? KNOWN.find((c) => c.key.toLowerCase() === k.toLowerCase())?.key : undefined);
  const byHeader = (h: string) => KNOWN.find((c) => sameDanishText(plainHeader(c.header), plainHeader(h)) || c.key.toLowerCase() === h.trim().toLowerCase())?.key;
  const found = new Map<string, number>();
  const twice: string[] = [];
  for (const c of sheet.columns) {
    const key = byKey(c.namedKey) ?? byHeader(c.header) ?? byKey(c.listedKey);
    if (!key) continue;
    if (found.has(key)) twice.push(headerOf(key));
    else found.set(key, c.index);
  }
  const quoted = (headers: string[]) => headers.map((h) => `«${h}»`).join(', ');
  if (twice.length > 0) throw invalid({ fil: `Kolonnen ${quoted(twice)} står mere end én gang i arket.` }, 'Filen har en kolonne to gange.');
  // Every settings column is required: a column left out would otherwise turn every row's value into "inherited".
  const missing = [KLE_COLUMN.key, ...SETTING_COLUMNS.map((c) => c.key)].filter((k) => !found.has(k)).map(headerOf);
  if (missing.length > 0) {
    throw invalid(
      { fil: `Arket mangler ${missing.length === 1 ? 'kolonnen' : 'kolonnerne'} ${quoted(missing)} i første række.` },
      'Filen mangler kolonner. Hent kommunens opsætning som XLSX og brug den som skabelon.',
    );
  }
  return found;
}

const YES_NO = 'Skriv Ja eller Nej, eller lad cellen stå tom, så værdien arves.';

/** checkSettings' messages, said as a spreadsheet user needs them. */
function cellMessage(key: keyof KleSettings, message: string): string {
  if (key === 'fromDate') return `${message}, «Ingen» for ingen fradato, eller en tom celle, så fradatoen arves.`;
  if (key === 'sourceSystems') return message;
  return YES_NO;
}

/**
 * Every row of the sheet checked: the number (normalised, in the plan, once in the file), each
 * setting (checkSettings, with today's year for the from-date), and a number that has expired may
 * keep or lose its entry but not get new settings. Throws the whole report if any row is wrong.
 */
export function checkRows(sheet: KeyedSheet, plan: ReadonlyMap<string, PlanNumber>, current: KleConfiguration, today: string): CheckedRow[] {
  if (sheet.rows.length > MAX_ROWS) throw invalid({ fil: `Arket må højst have ${formatNumber(MAX_ROWS)} rækker.` }, 'Filen er for stor.');
  const cols = resolveColumns(sheet);
  const issues: RowIssue[] = [];
  const checked: CheckedRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, cells } of sheet.rows) {
    const cell = (key: string) => cells[cols.get(key)!] ?? '';
    const rawKle = cell(KLE_COLUMN.key);
    const kle = rawKle === '' ? null : normaliseKle(rawKle);
    const before = issues.length;
    const issue = (key: string, message: string) => issues.push({ row: line, kle: kle ?? rawKle.slice(0, 20), column: headerOf(key), message });
    if (rawKle === '') issue(KLE_COLUMN.key, 'KLE-nummeret mangler.');
    else if (!kle) issue(KLE_COLUMN.key, 'Det er ikke et KLE-nummer. Skriv nummeret som tekst, fx 27.12.04.');
    // Excel turns a group typed as 27.10 into the number 27.1; read as 27.01 it would change another group.
    else if (/^\d{1,2}\.\d$/.test(rawKle.trim())) issue(KLE_COLUMN.key, `${rawKle.trim()} kan være gruppen ${rawKle.trim()}0, som Excel har gjort til et tal. Skriv nummeret som tekst med to cifre pr. niveau, fx 27.10.`);
    else if (!plan.has(kle)) issue(KLE_COLUMN.key, `KLE-nummeret ${kle} findes ikke i KLE-planen.`);
    else if (seen.has(kle)) issue(KLE_COLUMN.key, `KLE-nummeret står også i række ${seen.get(kle)}.`);
    else seen.set(kle, line);

    const raw: Partial<Record<keyof KleSettings, unknown>> = {};
    for (const c of SETTING_COLUMNS) {
      const v = cellSetting(c.key, cell(c.key));
      if (v !== undefined) raw[c.key] = v;
    }
    const { settings, errors } = checkSettings(raw, today);
    for (const c of SETTING_COLUMNS) if (errors[c.key]) issue(c.key, cellMessage(c.key, errors[c.key]!));
    if (issues.length > before || !kle) continue;

    const next = canonical(settings);
    const was = current.get(kle) ?? null;
    const same = sameSettings(was, next);
    const expiredOn = plan.get(kle)!.expiredOn;
    if (expiredOn && next !== null && !same) {
      issue(KLE_COLUMN.key, `KLE-nummeret er udgået af KLE-planen (${formatDeadline(expiredOn)}) og kan ikke få nye indstillinger. Lad rækken stå som i den hentede fil, eller tøm cellerne for at fjerne indstillingen.`);
      continue;
    }
    checked.push({ row: line, kle, settings: next, change: same ? 'uændret' : next === null ? 'fjernet' : was === null ? 'ny' : 'ændret' });
  }
  if (issues.length > 0) throw new WorkbookImportRejected(issues);
  return checked;
}
