import { inArray } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import type { FieldErrors } from '../../../platform/errors.ts';
import { cleanFilename, type UploadedFile } from '../../../platform/http/buffered-multipart.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { readTable, SpreadsheetError, type Table } from '../../../platform/spreadsheet/read.ts';
import { formatNumber } from '../../../platform/views/format.ts';
import { codeFromFilename } from '../../tasks/index.ts';
import { kleNumber } from '../schema.ts';
import { normaliseKle } from '../visibility/kle-number.ts';

/**
 * The per-municipality extracts of KLE numbers with youth data: one spreadsheet per municipality
 * whose name begins with its code ("0320-faxe-udtraek.xlsx", the rule the task's attachments use),
 * with the columns KLE-nummer and Antal sager med unge (a title column is read and ignored: the
 * plan's title is the one shown). Every file is read before anything is decided, so the report
 * lists every problem of every file at once.
 */

export type ExtractRow = { kle: string; youthCases: number; line: number };
export type Extract = { municipalityCode: string; municipalityName: string; filename: string; rows: ExtractRow[] };
export type ExtractProblem = { filename: string; line: number | null; message: string };

const KLE_HEADERS = ['kle-nummer', 'kle nummer', 'klenummer', 'kle-nr', 'kle nr.', 'kle'];
const COUNT_HEADERS = ['antal sager med unge', 'sager med unge', 'antal sager', 'antal'];
/** More than this and the report would be a wall: the first ones say what is wrong. */
const MAX_PROBLEMS = 200;
export const MAX_ROWS_PER_FILE = 5000;

const headerOf = (t: Table, names: readonly string[]) => names.find((n) => t.headers.includes(n)) ?? null;

/** "1.234", "1234" and " 12 " are counts; "12,5", "-1" and "mange" are not. */
function parseCount(raw: string): number | null {
  const s = raw.replace(/\s/g, '');
  if (!/^\d{1,3}(\.\d{3})*$|^\d+$/.test(s)) return null;
  const n = Number(s.replace(/\./g, ''));
  return Number.isSafeInteger(n) && n <= 10_000_000 ? n : null;
}

function readRows(t: Table, filename: string, problems: ExtractProblem[]): ExtractRow[] {
  const kleHeader = headerOf(t, KLE_HEADERS);
  const countHeader = headerOf(t, COUNT_HEADERS);
  if (!kleHeader || !countHeader) {
    const missing = [kleHeader ? null : 'KLE-nummer', countHeader ? null : 'Antal sager med unge'].filter(Boolean).join(' og ');
    problems.push({ filename, line: 1, message: `Kolonnen ${missing} mangler i overskriften` });
    return [];
  }
  if (t.rows.length > MAX_ROWS_PER_FILE) {
    problems.push({ filename, line: null, message: `Filen har ${formatNumber(t.rows.length)} rækker; højst ${formatNumber(MAX_ROWS_PER_FILE)}` });
    return [];
  }
  const rows: ExtractRow[] = [];
  const seen = new Map<string, number>();
  for (const { line, values } of t.rows) {
    const rawKle = values[kleHeader] ?? '';
    const kle = normaliseKle(rawKle);
    const count = parseCount(values[countHeader] ?? '');
    if (!kle) problems.push({ filename, line, message: rawKle === '' ? 'KLE-nummeret mangler' : `${rawKle} er ikke et KLE-nummer (fx 27.12.04)` });
    if (count === null) problems.push({ filename, line, message: 'Antal sager med unge skal være et helt tal, 0 eller derover' });
    if (!kle || count === null) continue;
    const first = seen.get(kle);
    if (first !== undefined) {
      problems.push({ filename, line, message: `${kle} står også i linje ${first}` });
      continue;
    }
    seen.set(kle, line);
    rows.push({ kle, youthCases: count, line });
  }
  if (rows.length === 0 && t.rows.length === 0) problems.push({ filename, line: null, message: 'Filen har ingen KLE-numre' });
  return rows;
}

/** Reads every file; an extract is only usable when `problems` is empty. Two statements: the municipalities and the numbers in the plan. */
export async function readExtracts(db: Db, files: readonly UploadedFile[]): Promise<{ extracts: Extract[]; problems: ExtractProblem[] }> {
  const problems: ExtractProblem[] = [];
  const names = new Map((await db.select({ code: municipality.code, name: municipality.name }).from(municipality)).map((m) => [m.code, m.name]));
  const extracts: Extract[] = [];
  const byCode = new Map<string, string>();
  for (const f of files) {
    const filename = cleanFilename(f.filename);
    const code = codeFromFilename(filename);
    if (!code) {
      problems.push({ filename, line: null, message: 'Filnavnet skal begynde med kommunekoden, fx 0320-faxe-udtraek.xlsx' });
      continue;
    }
    if (!names.has(code)) {
      problems.push({ filename, line: null, message: `${code} er ikke en kommunekode` });
      continue;
    }
    const other = byCode.get(code);
    if (other) {
      problems.push({ filename, line: null, message: `Der er to filer for ${names.get(code)} Kommune (også ${other}); send én fil pr. kommune` });
      continue;
    }
    byCode.set(code, filename);
    let table: Table;
    try {
      table = await readTable(f.content, filename);
    } catch (error) {
      if (!(error instanceof SpreadsheetError)) throw error;
      problems.push({ filename, line: null, message: error.message });
      continue;
    }
    extracts.push({ municipalityCode: code, municipalityName: names.get(code)!, filename, rows: readRows(table, filename, problems) });
  }

  const wanted = [...new Set(extracts.flatMap((e) => e.rows.map((r) => r.kle)))];
  const known = new Set<string>();
  for (let i = 0; i < wanted.length; i += 2000) {
    const part = wanted.slice(i, i + 2000);
    for (const r of await db.select({ number: kleNumber.number }).from(kleNumber).where(inArray(kleNumber.number, part))) known.add(r.number);
  }
  for (const e of extracts) for (const r of e.rows) if (!known.has(r.kle)) problems.push({ filename: e.filename, line: r.line, message: `${r.kle} findes ikke i KLE-planen` });
  return { extracts, problems: problems.slice(0, MAX_PROBLEMS) };
}

/** The report as an API's field errors and a form's error summary: one entry per file and line. */
export function problemErrors(problems: readonly ExtractProblem[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const p of problems) {
    const key = p.line === null ? p.filename : `${p.filename}, linje ${p.line}`;
    errors[key] = errors[key] ? `${errors[key]}; ${p.message}` : p.message;
  }
  return errors;
}
