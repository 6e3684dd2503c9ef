import readline from 'node:readline';
import type { Readable } from 'node:stream';
import { parseDay } from '../../../platform/days.ts';
import { detectSeparator, parseCsv, type Separator } from '../../../platform/spreadsheet/csv.ts';
import type { ExtractCase } from './impact.ts';
import { normaliseKle } from './kle-number.ts';

/**
 * A municipality's anonymised case extract for the impact of a change (issue #13 point 4), one line
 * at a time: CSV as Danish Excel writes it (semicolons, or commas or tabs as the header shows; a
 * BOM; quoted fields), the header naming the columns in any order. Pure: it reads the stream and
 * yields a case or a Danish error per line, holding nothing but the current line.
 *
 * The extract must never identify a citizen: a column named like a CPR number, or a value that
 * looks like one anywhere on a line, is refused with its line number.
 */
export const EXTRACT_COLUMNS = { kle: 'kle-nummer', sourceSystem: 'kildesystem', created: 'oprettet', active: 'aktiv', age: 'alder' } as const;
export const EXTRACT_HEADER = 'KLE-nummer;Kildesystem;Oprettet;Aktiv;Alder';

/** `fatal`: the header could not be read, so nothing after it can be. */
export type ParsedExtractLine = { line: number; case: ExtractCase } | { line: number; error: string; fatal?: true };

/** Ten digits as a CPR number is written (ddmmåå-xxxx, the dash optional), not inside a longer run of digits. */
const CPR_LIKE = /(?<!\d)(0[1-9]|[12]\d|3[01])(0[1-9]|1[0-2])\d{2}-?\d{4}(?!\d)/;
const CPR_COLUMN = /cpr|personnummer|person-nummer|personnr/i;

const YES = new Set(['ja', 'j', '1', 'true', 'sand', 'aktiv']);
const NO = new Set(['nej', 'n', '0', 'false', 'falsk', 'afsluttet', 'inaktiv']);

const MAX_AGE = 130;

type Columns = { -readonly [K in keyof typeof EXTRACT_COLUMNS]: number };

function fieldsOf(text: string, separator: Separator): string[] {
  // Most lines quote nothing: split them natively (a large extract spends its time here).
  const raw = text.includes('"') ? (parseCsv(text, separator)[0] ?? []) : text.split(separator);
  return raw.map((f) => f.trim());
}

/** The header's columns, or the Danish reason the file cannot be read. */
export function readHeader(text: string, separator: Separator): Columns | string {
  const names = fieldsOf(text, separator).map((h) => h.toLowerCase());
  const cpr = names.find((h) => CPR_COLUMN.test(h));
  if (cpr !== undefined) return `Kolonnen «${cpr}» ligner CPR-numre; udtrækket må ikke indeholde CPR-numre, kun borgerens alder`;
  const missing: string[] = [];
  const columns = {} as Columns;
  for (const [key, name] of Object.entries(EXTRACT_COLUMNS) as [keyof Columns, string][]) {
    const at = names.indexOf(name);
    if (at < 0) missing.push(name);
    else columns[key] = at;
  }
  if (missing.length > 0) return `Første linje skal have kolonnerne ${EXTRACT_HEADER}; ${missing.join(', ')} mangler`;
  return columns;
}

/** An extract has few distinct days and many lines: each day is read once per file. */
const MAX_DAYS_KEPT = 50_000;
function dayOf(text: string, days: Map<string, string | null>): string | null {
  let day = days.get(text);
  if (day === undefined) {
    day = parseDay(text);
    if (days.size < MAX_DAYS_KEPT) days.set(text, day);
  }
  return day;
}

/** One data line to a case, or the Danish reason it is refused. */
export function parseExtractLine(text: string, separator: Separator, columns: Columns, days: Map<string, string | null> = new Map()): ExtractCase | string {
  if (text.includes('\uFFFD')) return 'Linjen er ikke UTF-8 (fx æ, ø og å gemt som Windows-tegn); gem filen som «CSV UTF-8» og prøv igen';
  if (CPR_LIKE.test(text)) return 'Linjen ligner et CPR-nummer; udtrækket må ikke indeholde CPR-numre';
  const fields = fieldsOf(text, separator);
  const at = (key: keyof Columns) => fields[columns[key]] ?? '';
  const kleText = at('kle');
  const kle = normaliseKle(kleText);
  if (!kle) return kleText === '' ? 'KLE-nummeret mangler' : `KLE-nummeret «${kleText}» skal skrives som fx 27.12.04`;
  const sourceSystem = at('sourceSystem');
  if (sourceSystem === '') return 'Kildesystemet mangler';
  if (sourceSystem.length > 40) return 'Kildesystemets navn er længere end 40 tegn';
  const createdText = at('created');
  const created = dayOf(createdText, days);
  if (!created) return `Oprettet «${createdText}» er ikke en dato (åååå-mm-dd eller dd.mm.åååå)`;
  const activeText = at('active').toLowerCase();
  const active = YES.has(activeText) ? true : NO.has(activeText) ? false : null;
  if (active === null) return `Aktiv skal være ja eller nej, ikke «${at('active')}»`;
  const ageText = at('age');
  const age = /^\d{1,3}$/.test(ageText) ? Number(ageText) : NaN;
  if (!(age <= MAX_AGE)) return `Alder «${ageText}» skal være et helt antal år (0–${MAX_AGE})`;
  return { kle, sourceSystem, created, active, age };
}

/**
 * Every line of the extract as a case or an error, numbered from 1 (the header). A header that
 * cannot be read ends the file: the columns would be read as the wrong fields. Empty lines are
 * skipped but counted, so the numbers match what Excel shows.
 */
export async function* parseExtract(input: Readable): AsyncGenerator<ParsedExtractLine> {
  input.setEncoding('utf8');
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let n = 0;
  let separator: Separator = ';';
  let columns: Columns | null = null;
  const days = new Map<string, string | null>();
  for await (const raw of lines) {
    n++;
    if (columns === null) {
      const text = raw.replace(/^\uFEFF/, '');
      if (text.trim() === '') continue;
      separator = detectSeparator(text);
      const header = readHeader(text, separator);
      if (typeof header === 'string') {
        yield { line: n, error: header, fatal: true };
        lines.close();
        return;
      }
      columns = header;
      continue;
    }
    if (raw.trim() === '') continue;
    const parsed = parseExtractLine(raw, separator, columns, days);
    yield typeof parsed === 'string' ? { line: n, error: parsed } : { line: n, case: parsed };
  }
  if (columns === null) yield { line: Math.max(n, 1), error: 'Filen er tom', fatal: true };
}
