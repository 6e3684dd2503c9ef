import ExcelJS from 'exceljs';
import { AppError, invalid } from '../errors.ts';
import { detectSeparator, parseCsv, UnterminatedQuoteError } from './csv.ts';
import { booleanText, KEY_SHEET } from './write.ts';

/** A file the user uploaded could not be turned into a table; the message is shown to them as is. */
export class SpreadsheetError extends AppError {
  constructor(message = 'Filen kunne ikke læses som CSV eller XLSX.') {
    super(422, 'spreadsheet_unreadable', message);
    this.name = 'SpreadsheetError';
  }
}

export type TableRow = {
  /** Row number as Excel shows it: the header is normally line 1, the first data row line 2. */
  line: number;
  /** Keyed by lower-cased header; every header has an entry, '' when the cell is empty. */
  values: Record<string, string>;
};

export type Table = {
  /** Trimmed and lower-cased, in file order; these are the keys of `values`. */
  headers: string[];
  rows: TableRow[];
};

const GENERIC_MESSAGE = 'Filen kunne ikke læses som CSV eller XLSX.';

/**
 * Reads the first sheet of an XLSX file or a CSV file (semicolon, comma or tab separated) into trimmed strings.
 *
 * Header matching is case-insensitive: header names are trimmed and lower-cased, so callers must look
 * values up by lower-case keys (`values['navn']`, whether the file says "Navn" or "NAVN").
 * The first non-empty row is the header; completely empty rows are skipped but still counted in `line`.
 * Cells in columns without a header are ignored.
 */
export async function readTable(file: Buffer, filename: string): Promise<Table> {
  if (file.length === 0) throw new SpreadsheetError('Filen er tom.');
  if (isOleCompound(file)) {
    throw new SpreadsheetError('Gamle Excel-filer (.xls) kan ikke læses. Gem filen som .xlsx eller CSV og prøv igen.');
  }
  const grid = isZip(file) || /\.xlsx$/i.test(filename) ? await readXlsxGrid(file) : readCsvGrid(file);
  return toTable(grid);
}

type Grid = { line: number; cells: string[] }[];

const isZip = (b: Buffer) => b.length >= 4 && b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
// .xls and other legacy Office files; worth a specific message because "save as .xlsx" fixes it.
const isOleCompound = (b: Buffer) =>
  b.length >= 8 && b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]));

function toTable(grid: Grid): Table {
  const headerIndex = grid.findIndex((r) => r.cells.some((c) => c !== ''));
  if (headerIndex < 0) throw new SpreadsheetError('Filen er tom.');
  const headerCells = grid[headerIndex]!.cells.map((h) => h.toLowerCase());

  const headers: string[] = [];
  const columns: { key: string; index: number }[] = [];
  headerCells.forEach((key, index) => {
    if (key === '') return;
    // Lower-casing can merge "Navn" and "navn"; silently keeping one would lose data.
    if (headers.includes(key)) throw new SpreadsheetError(`Kolonnen "${key}" findes mere end én gang i filen.`);
    headers.push(key);
    columns.push({ key, index });
  });

  const rows: TableRow[] = [];
  for (const { line, cells } of grid.slice(headerIndex + 1)) {
    if (cells.every((c) => c === '')) continue;
    const values: Record<string, string> = {};
    for (const { key, index } of columns) values[key] = cells[index] ?? '';
    rows.push({ line, values });
  }
  return { headers, rows };
}

// XLSX XML loses CR anyway and Excel's own line break (Alt+Enter) is LF, so callers only ever see \n.
const cleanText = (text: string) => text.replace(/\r\n?/g, '\n').trim();

// ---------- CSV ----------

function readCsvGrid(file: Buffer): Grid {
  const text = decodeText(file);
  if (text.trim() === '') throw new SpreadsheetError('Filen er tom.');
  if (looksBinary(text)) throw new SpreadsheetError(GENERIC_MESSAGE);
  let records: string[][];
  try {
    records = parseCsv(text, detectSeparator(text));
  } catch (err) {
    if (err instanceof UnterminatedQuoteError) {
      throw new SpreadsheetError(
        `Filen kunne ikke læses som CSV: et felt, der begynder i linje ${err.record}, mangler et afsluttende anførselstegn (").`,
      );
    }
    throw err;
  }
  return records.map((fields, i) => ({ line: i + 1, cells: fields.map(cleanText) }));
}

/**
 * Danish Excel's plain "CSV (semikolonsepareret)" is Windows-1252, not UTF-8, and "Unicode-tekst" is UTF-16LE;
 * decoding only UTF-8 would turn æøå into replacement characters.
 */
function decodeText(file: Buffer): string {
  if (file[0] === 0xef && file[1] === 0xbb && file[2] === 0xbf) return new TextDecoder('utf-8').decode(file.subarray(3));
  if (file[0] === 0xff && file[1] === 0xfe) return new TextDecoder('utf-16le').decode(file.subarray(2));
  if (file[0] === 0xfe && file[1] === 0xff) return new TextDecoder('utf-16be').decode(file.subarray(2));
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(file);
  } catch {
    return new TextDecoder('windows-1252').decode(file);
  }
}

// Text never holds NULs and hardly any other control characters; binary data (images, PDFs, random bytes) does.
function looksBinary(text: string): boolean {
  let controls = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0) return true;
    if (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) controls++;
  }
  return controls > text.length / 100;
}

// ---------- XLSX ----------

async function readXlsxGrid(file: Buffer): Promise<Grid> {
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs types its input as its own ArrayBuffer-like "Buffer"; at runtime it takes Node Buffers fine.
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new SpreadsheetError(GENERIC_MESSAGE);
  }
  const sheet = workbook.worksheets[0];
  if (!sheet) throw new SpreadsheetError('Filen indeholder ingen ark.');
  return sheetGrid(sheet);
}

function sheetGrid(sheet: ExcelJS.Worksheet): Grid {
  const grid: Grid = [];
  sheet.eachRow({ includeEmpty: false }, (row) => {
    const cells: string[] = [];
    row.eachCell({ includeEmpty: true }, (cell, col) => {
      cells[col - 1] = cellText(cell.value);
    });
    grid.push({ line: row.number, cells: Array.from(cells, (c) => c ?? '') });
  });
  return grid;
}

function cellText(value: unknown): string {
  return cleanText(rawCellText(value));
}

function rawCellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return booleanText(value);
  if (value instanceof Date) return dateText(value);
  if (typeof value === 'object') {
    const v = value as Record<string, unknown>;
    if (Array.isArray(v.richText)) return v.richText.map((part: { text?: unknown }) => String(part.text ?? '')).join('');
    if ('formula' in v || 'sharedFormula' in v) return rawCellText(v.result);
    // Hyperlink cells; their text may itself be rich text.
    if ('text' in v) return rawCellText(v.text);
    if (typeof v.error === 'string') return v.error;
  }
  return '';
}

function numberText(n: number): string {
  // Excel keeps 15 significant digits, so 0.1+0.2 stored by Excel should read as 0.3, not 0.30000000000000004.
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : '';
}

function dateText(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  // exceljs decodes Excel serials as UTC wall-clock; serials carry float noise, hence rounding to the second.
  const d = new Date(Math.round(date.getTime() / 1000) * 1000);
  const day = d.toISOString().slice(0, 10);
  const time = d.toISOString().slice(11, 19);
  if (time === '00:00:00') return day;
  return `${day} ${time.endsWith(':00') ? time.slice(0, 5) : time}`;
}

/** readTable for an uploaded form field: an unreadable file becomes a field error on that field. */
export async function readUploadedTable(file: Buffer, filename: string, field = 'fil'): Promise<Table> {
  try {
    return await readTable(file, filename);
  } catch (error) {
    if (error instanceof SpreadsheetError) throw invalid({ [field]: error.message }, error.message);
    throw error;
  }
}

// ---------- workbooks with column keys ----------

export type KeyedSheetColumn = {
  /** 0-based position in the sheet */
  index: number;
  /** the header as written (trimmed) */
  header: string;
  /** the key from the workbook name on the header cell (see toXlsxWorkbook), when the file has one */
  namedKey: string | null;
  /** the key the hidden "Kolonnenøgler" sheet lists for this position, when the file has one */
  listedKey: string | null;
};

export type KeyedSheet = {
  /** the sheet's name; '' for a CSV file */
  name: string;
  columns: KeyedSheetColumn[];
  /** data rows below the header, empty rows left out; `cells[column.index]` */
  rows: { line: number; cells: string[] }[];
};

/**
 * Every visible sheet of an XLSX file (or a CSV file as one sheet named ''), with each column's
 * header and the keys the file itself gives it, so a reader can find its columns even when a user
 * has renamed a header (the listed key) or also moved the column (the workbook name).
 */
export async function readKeyedWorkbook(file: Buffer, filename: string): Promise<KeyedSheet[]> {
  if (file.length === 0) throw new SpreadsheetError('Filen er tom.');
  if (isOleCompound(file)) throw new SpreadsheetError('Gamle Excel-filer (.xls) kan ikke læses. Gem filen som .xlsx eller CSV og prøv igen.');
  if (!isZip(file) && !/\.xlsx$/i.test(filename)) return [keyedSheet('', readCsvGrid(file), new Map(), new Map())];
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(file as unknown as ArrayBuffer);
  } catch {
    throw new SpreadsheetError(GENERIC_MESSAGE);
  }
  const named = new Map<string, string>();
  for (const { name, ranges } of workbook.definedNames.model as { name: string; ranges: string[] }[]) {
    const m = /^kol\.[^.]+\.(.+)$/i.exec(name);
    const at = ranges.length === 1 ? /^'?(.+?)'?!\$?([A-Z]+)\$?1$/.exec(ranges[0]!) : null;
    if (m && at) named.set(`${at[1]!.replace(/''/g, "'")}!${at[2]}`, m[1]!);
  }
  const listed = new Map<string, string>();
  const keySheet = workbook.getWorksheet(KEY_SHEET);
  if (keySheet) for (const { cells } of sheetGrid(keySheet).slice(1)) if (cells[0] && cells[1] && cells[2]) listed.set(`${cells[0]}!${cells[1]}`, cells[2]);
  return workbook.worksheets.filter((s) => s.name !== KEY_SHEET && s.state === 'visible').map((s) => keyedSheet(s.name, sheetGrid(s), named, listed));
}

const letterOf = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : letterOf(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

function keyedSheet(name: string, grid: Grid, named: Map<string, string>, listed: Map<string, string>): KeyedSheet {
  const headerIndex = grid.findIndex((r) => r.cells.some((c) => c !== ''));
  if (headerIndex < 0) return { name, columns: [], rows: [] };
  const columns: KeyedSheetColumn[] = [];
  grid[headerIndex]!.cells.forEach((header, index) => {
    const at = `${name}!${letterOf(index + 1)}`;
    if (header === '' && !named.has(at)) return;
    columns.push({ index, header, namedKey: named.get(at) ?? null, listedKey: listed.get(at) ?? null });
  });
  const rows = grid.slice(headerIndex + 1).filter((r) => r.cells.some((c) => c !== ''));
  return { name, columns, rows };
}
