import ExcelJS from 'exceljs';
import { danishDay } from '../views/format.ts';
import { DEFAULT_SEPARATOR, serializeCsv } from './csv.ts';

export type CellValue = string | number | boolean | Date | null | undefined;

export type Column<T> = {
  header: string;
  value: (row: T) => CellValue;
  /** Width in Excel character units (XLSX only); defaults to fit the header. */
  width?: number;
};

const UTF8_BOM = Buffer.from([0xef, 0xbb, 0xbf]);

// Timestamps are stored in UTC, but the user thinks of the day in Danish time; a Date made at
// Copenhagen midnight would otherwise become the previous day. UTC-midnight dates land on the same day too.
/** yyyy-mm-dd of the Danish calendar day, or null for an invalid Date. */
export function isoDay(date: Date): string | null {
  return Number.isNaN(date.getTime()) ? null : danishDay(date);
}

export const booleanText = (value: boolean): string => (value ? 'Ja' : 'Nej');

// Excel evaluates these as formulas (or DDE payloads) when the CSV is opened; OWASP's remedy is a leading apostrophe.
const FORMULA_TRIGGER = /^[=+\-@\t\r]/;

export function guardFormula(text: string): string {
  return FORMULA_TRIGGER.test(text) ? `'${text}` : text;
}

function csvCell(value: CellValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return booleanText(value);
  if (value instanceof Date) return isoDay(value) ?? '';
  if (typeof value === 'number') {
    // Danish Excel reads "1.5" as a date (1. maj), so decimals need a comma. Numbers are never
    // guarded: a negative number is data, not a formula.
    return Number.isFinite(value) ? String(value).replace('.', ',') : '';
  }
  return guardFormula(value);
}

/** Semicolon-separated, UTF-8 with BOM (so Danish Excel detects the encoding), CRLF line ends. */
export function toCsv<T>(columns: Column<T>[], rows: T[]): Buffer {
  const records = [
    columns.map((c) => guardFormula(c.header)),
    ...rows.map((row) => columns.map((c) => csvCell(c.value(row)))),
  ];
  return Buffer.concat([UTF8_BOM, Buffer.from(serializeCsv(records, DEFAULT_SEPARATOR), 'utf8')]);
}

function xlsxCell(value: CellValue): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  // Excel would show TRUE/FALSE as SAND/FALSK; Ja/Nej matches the CSV and reads back identically.
  if (typeof value === 'boolean') return booleanText(value);
  if (value instanceof Date) {
    const day = isoDay(value);
    // exceljs writes Dates as UTC serials, so pin the Danish day to UTC midnight to keep it from shifting.
    return day === null ? null : new Date(`${day}T00:00:00Z`);
  }
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  // Strings are written as string cells, never formulas, so XLSX needs no injection guard.
  // Excel's in-cell line break is LF; a CR would survive only as a stray _x000D_.
  return value.replace(/\r\n?/g, '\n');
}

// Excel rejects sheet names over 31 characters or containing any of these; exceljs would throw.
function safeSheetName(name: string): string {
  const cleaned = name
    .replace(/[[\]:*?/\\]/g, ' ')
    .replace(/^'+|'+$/g, '')
    .trim()
    .slice(0, 31)
    .trim();
  return cleaned || 'Ark1';
}

export async function toXlsx<T>(sheetName: string, columns: Column<T>[], rows: T[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(safeSheetName(sheetName), {
    views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }],
  });
  sheet.columns = columns.map((c) => ({ width: c.width ?? Math.max(10, c.header.length + 4) }));

  const header = sheet.addRow(columns.map((c) => c.header));
  header.font = { bold: true };
  for (const row of rows) {
    const added = sheet.addRow(columns.map((c) => xlsxCell(c.value(row))));
    added.eachCell((cell) => {
      if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
      // Without wrapping Excel shows multi-line text on one line.
      else if (typeof cell.value === 'string' && cell.value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
    });
  }
  if (columns.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: rows.length + 1, column: columns.length } };
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A column of a workbook sheet: `key` is stable across releases (a file's columns are found by it, whatever the header says). */
export type KeyedColumn<T> = Column<T> & { key: string };

export type WorkbookSheet<T> = { name: string; key: string; columns: KeyedColumn<T>[]; rows: T[] };
/** A sheet whose columns have been checked against its rows' type, ready to join sheets of other row types. */
export type TypedSheet = { readonly checked: WorkbookSheet<unknown> };
export const typedSheet = <T>(s: WorkbookSheet<T>): TypedSheet => ({ checked: s as unknown as WorkbookSheet<unknown> });

/** The hidden sheet that lists every sheet's columns with their keys, for whoever reads the file by program. */
export const KEY_SHEET = 'Kolonnenøgler';

/** The workbook name a header cell gets, so its key follows the column if a user moves it or renames the header. */
export const columnKeyName = (sheetKey: string, columnKey: string) => `kol.${sheetKey}.${columnKey}`;

const columnLetter = (n: number): string => (n <= 26 ? String.fromCharCode(64 + n) : columnLetter(Math.floor((n - 1) / 26)) + String.fromCharCode(65 + ((n - 1) % 26)));

/**
 * Several sheets in one workbook, each with a bold frozen header row, an autofilter and set widths.
 * Each column's key is kept twice: as a workbook name on its header cell (Excel moves it with the
 * column) and as a row of the hidden sheet "Kolonnenøgler" (sheet, column, key, header).
 */
export async function toXlsxWorkbook(sheets: TypedSheet[]): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const listed: [string, string, string, string][] = [];
  for (const { checked: s } of sheets) {
    const name = safeSheetName(s.name);
    const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
    sheet.columns = s.columns.map((c) => ({ key: c.key, width: c.width ?? Math.max(10, c.header.length + 4) }));
    const header = sheet.addRow(s.columns.map((c) => c.header));
    header.font = { bold: true };
    s.columns.forEach((c, i) => {
      const letter = columnLetter(i + 1);
      workbook.definedNames.add(`'${name}'!$${letter}$1`, columnKeyName(s.key, c.key));
      listed.push([name, letter, c.key, c.header]);
    });
    for (const row of s.rows) {
      const added = sheet.addRow(s.columns.map((c) => xlsxCell(c.value(row))));
      added.eachCell((cell) => {
        if (cell.value instanceof Date) cell.numFmt = 'yyyy-mm-dd';
        else if (typeof cell.value === 'string' && cell.value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
      });
    }
    if (s.columns.length > 0) sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: s.rows.length + 1, column: s.columns.length } };
  }
  const keys = workbook.addWorksheet(KEY_SHEET, { state: 'hidden' });
  keys.columns = [{ width: 28 }, { width: 10 }, { width: 28 }, { width: 40 }];
  keys.addRow(['Ark', 'Kolonne', 'Nøgle', 'Overskrift']).font = { bold: true };
  for (const row of listed) keys.addRow(row);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
