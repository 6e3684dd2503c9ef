import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { readKeyedWorkbook, readTable, SpreadsheetError } from './read.ts';
import { KEY_SHEET, toCsv, toXlsx, toXlsxWorkbook, typedSheet, type Column } from './write.ts';

type Person = { name: string; note: string | null; count: number; active: boolean; born: Date | null };

const columns: Column<Person>[] = [
  { header: 'Navn', value: (p) => p.name, width: 30 },
  { header: 'Bemærkning', value: (p) => p.note },
  { header: 'Antal', value: (p) => p.count },
  { header: 'Aktiv', value: (p) => p.active },
  { header: 'Født', value: (p) => p.born },
];

const people: Person[] = [
  { name: 'Søren Ærø-Åberg', note: 'Siger "hej"; altid', count: 3, active: true, born: new Date('1980-02-29T00:00:00Z') },
  { name: 'Line', note: 'Første linje\nAnden linje\r\nTredje', count: -12, active: false, born: null },
  { name: 'Bo, junior', note: null, count: 2.5, active: true, born: new Date('2024-06-01T22:30:00Z') },
];

// What a reader should see for `people`; only the decimal mark differs between CSV and XLSX.
const expectedValues = (decimal: string) => [
  { navn: 'Søren Ærø-Åberg', bemærkning: 'Siger "hej"; altid', antal: '3', aktiv: 'Ja', født: '1980-02-29' },
  // Line breaks come back as LF whatever the file used.
  { navn: 'Line', bemærkning: 'Første linje\nAnden linje\nTredje', antal: '-12', aktiv: 'Nej', født: '' },
  // 22:30 UTC on 1 June is already 2 June in Copenhagen.
  { navn: 'Bo, junior', bemærkning: '', antal: `2${decimal}5`, aktiv: 'Ja', født: '2024-06-02' },
];

// exceljs's typings want an ArrayBuffer-like; a Node Buffer works at runtime.
const loadXlsx = async (file: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
};

const csv = (text: string, encoding: BufferEncoding = 'utf8') => Buffer.from(text, encoding);

function pseudoRandomBytes(length: number, seed = 42): Buffer {
  const out = Buffer.alloc(length);
  let x = seed;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out[i] = x >> 16;
  }
  return out;
}

describe('toCsv', () => {
  const out = toCsv(columns, people);

  it('starts with a UTF-8 BOM and uses semicolons and CRLF', () => {
    expect([...out.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = out.subarray(3).toString('utf8');
    expect(text.startsWith('Navn;Bemærkning;Antal;Aktiv;Født\r\n')).toBe(true);
    expect(text.endsWith('\r\n')).toBe(true);
  });

  it('quotes per RFC 4180 and writes Danish booleans, ISO dates and decimal commas', () => {
    const lines = out.subarray(3).toString('utf8');
    expect(lines).toContain('Søren Ærø-Åberg;"Siger ""hej""; altid";3;Ja;1980-02-29\r\n');
    expect(lines).toContain('Line;"Første linje\nAnden linje\r\nTredje";-12;Nej;\r\n');
    expect(lines).toContain('Bo, junior;;2,5;Ja;2024-06-02\r\n');
  });

  it('prefixes text that Excel would run as a formula, but not numbers', () => {
    const cols: Column<{ v: string | number }>[] = [{ header: 'V', value: (r) => r.v }];
    const text = toCsv(cols, [
      { v: '=HYPERLINK("http://x")' },
      { v: '+4512345678' },
      { v: '-1+1' },
      { v: '@SUM(A1)' },
      { v: '\tx' },
      { v: '\rx' },
      { v: -5 },
      { v: 'a=b' },
    ])
      .subarray(3)
      .toString('utf8');
    expect(text.split('\r\n')).toEqual([
      'V',
      `"'=HYPERLINK(""http://x"")"`,
      "'+4512345678",
      "'-1+1",
      "'@SUM(A1)",
      "'\tx",
      `"'\rx"`,
      '-5',
      'a=b',
      '',
    ]);
  });
});

describe('round trip', () => {
  it('CSV written by toCsv reads back with the same values', async () => {
    const table = await readTable(toCsv(columns, people), 'eksport.csv');
    expect(table.headers).toEqual(['navn', 'bemærkning', 'antal', 'aktiv', 'født']);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3, 4]);
    // CSV keeps the decimal comma Danish Excel needs.
    expect(table.rows.map((r) => r.values)).toEqual(expectedValues(','));
  });

  it('XLSX written by toXlsx reads back with the same values', async () => {
    const table = await readTable(await toXlsx('Personer', columns, people), 'eksport.xlsx');
    expect(table.headers).toEqual(['navn', 'bemærkning', 'antal', 'aktiv', 'født']);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3, 4]);
    expect(table.rows.map((r) => r.values)).toEqual(expectedValues('.'));
  });
});

describe('toXlsx', () => {
  it('writes typed cells, a bold frozen header, autofilter and widths', async () => {
    const wb = await loadXlsx(await toXlsx('Roller: [alle]/aktive og mange flere tegn end tilladt', columns, people));
    const ws = wb.worksheets[0]!;
    expect(ws.name.length).toBeLessThanOrEqual(31);
    expect(ws.getRow(1).getCell(1).font?.bold).toBe(true);
    expect(ws.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(ws.autoFilter).toBeTruthy();
    expect(ws.getColumn(1).width).toBe(30);
    expect(ws.getCell('A2').value).toBe('Søren Ærø-Åberg');
    expect(ws.getCell('C2').value).toBe(3);
    expect(ws.getCell('C4').value).toBe(2.5);
    expect(ws.getCell('E2').value).toEqual(new Date('1980-02-29T00:00:00Z'));
    expect(ws.getCell('E2').numFmt).toBe('yyyy-mm-dd');
    // Text that looks like a formula stays text in XLSX.
    const formulaLike = await toXlsx('X', [{ header: 'V', value: (r: string) => r }], ['=1+1']);
    const wb2 = await loadXlsx(formulaLike);
    expect(wb2.worksheets[0]!.getCell('A2').value).toBe('=1+1');
  });
});

describe('readTable – CSV', () => {
  it('detects comma separators', async () => {
    const t = await readTable(csv('Navn,By\r\n"Hansen, Ole",Århus\r\n'), 'x.csv');
    expect(t.rows).toEqual([{ line: 2, values: { navn: 'Hansen, Ole', by: 'Århus' } }]);
  });

  it('detects tab separators', async () => {
    const t = await readTable(csv('Navn\tBy\nOle;Hansen\tOdense\n'), 'x.txt');
    expect(t.rows).toEqual([{ line: 2, values: { navn: 'Ole;Hansen', by: 'Odense' } }]);
  });

  it('counts lines as Excel rows: quoted newlines stay in one row, empty rows are skipped but counted', async () => {
    const t = await readTable(csv('Navn;Note\r\nA;"to\r\nlinjer"\r\n\r\n;\r\nB;x\r\n'), 'x.csv');
    expect(t.rows).toEqual([
      { line: 2, values: { navn: 'A', note: 'to\nlinjer' } },
      { line: 5, values: { navn: 'B', note: 'x' } },
    ]);
  });

  it('matches headers case-insensitively, trims, and fills missing cells', async () => {
    const t = await readTable(csv('\uFEFF  NAVN ; E-mail \nOle\n'), 'x.csv');
    expect(t.headers).toEqual(['navn', 'e-mail']);
    expect(t.rows[0]!.values).toEqual({ navn: 'Ole', 'e-mail': '' });
  });

  it('reads Windows-1252 files saved by Danish Excel', async () => {
    const t = await readTable(Buffer.from([...csv('By;N\r\n'), 0xc6, 0x72, 0xf8, 0x3b, 0x31, 0x0d, 0x0a]), 'x.csv');
    expect(t.rows[0]!.values).toEqual({ by: 'Ærø', n: '1' });
  });

  it('reads UTF-16 "Unicode-tekst" files', async () => {
    const t = await readTable(Buffer.concat([Buffer.from([0xff, 0xfe]), csv('By\tN\r\nÅbenrå\t2\r\n', 'utf16le')]), 'x.txt');
    expect(t.rows[0]!.values).toEqual({ by: 'Åbenrå', n: '2' });
  });

  it('rejects duplicate headers and unterminated quotes', async () => {
    await expect(readTable(csv('Navn;navn\r\nA;B\r\n'), 'x.csv')).rejects.toThrow(/mere end én gang/);
    await expect(readTable(csv('Navn\r\nA\r\n"B\r\n'), 'x.csv')).rejects.toThrow(/linje 3/);
  });
});

describe('readTable – XLSX', () => {
  it('converts rich text, hyperlinks, formulas, dates and numbers to trimmed strings', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Ark1');
    ws.addRow([' Navn ', 'LINK', 'Sum', 'Dato', 'Tal', 'Bool']);
    ws.addRow([]);
    ws.addRow([
      { richText: [{ text: 'Fed ', font: { bold: true } }, { text: 'tekst ' }] },
      { text: 'Kommunen', hyperlink: 'https://kl.dk' },
      { formula: 'SUM(1,2)', result: 3 },
      new Date('2023-12-24T00:00:00Z'),
      0.1 + 0.2,
      false,
    ]);
    wb.addWorksheet('Ignoreret').addRow(['andet']);
    const t = await readTable(Buffer.from(await wb.xlsx.writeBuffer()), 'upload.bin');
    expect(t.headers).toEqual(['navn', 'link', 'sum', 'dato', 'tal', 'bool']);
    expect(t.rows).toEqual([
      { line: 3, values: { navn: 'Fed tekst', link: 'Kommunen', sum: '3', dato: '2023-12-24', tal: '0.3', bool: 'Nej' } },
    ]);
  });
});

describe('readTable – unreadable input', () => {
  it.each([
    ['an empty file', Buffer.alloc(0), 'x.csv'],
    ['only a BOM and blank lines', csv('\uFEFF\r\n\r\n'), 'x.csv'],
    ['random bytes', pseudoRandomBytes(2048), 'x.csv'],
    ['a broken zip', Buffer.concat([Buffer.from('PK\x03\x04'), pseudoRandomBytes(512)]), 'x.csv'],
    ['text named .xlsx', csv('Navn;By\r\nA;B\r\n'), 'x.xlsx'],
    ['a legacy .xls file', Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), pseudoRandomBytes(512)]), 'x.xls'],
  ])('throws SpreadsheetError for %s', async (_label, buffer, name) => {
    const error = await readTable(buffer, name).then(
      () => null,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SpreadsheetError);
    expect((error as SpreadsheetError).status).toBe(422);
    expect((error as SpreadsheetError).message).toMatch(/^[A-ZÆØÅ].*\.$/);
  });
});

describe('toXlsxWorkbook and readKeyedWorkbook', () => {
  type Row = { ref: string; name: string };
  const sheet = typedSheet<Row>({
    name: 'Skema 1',
    key: 'skema1',
    columns: [
      { key: 'ref', header: 'Ref.', value: (r) => r.ref, width: 8 },
      { key: 'name', header: 'Navn', value: (r) => r.name },
    ],
    rows: [
      { ref: 'B1', name: 'Første' },
      { ref: 'B2', name: 'Anden\nlinje' },
    ],
  });

  it('writes each sheet with a frozen header, an autofilter, widths, and the keys in a hidden sheet and on the header cells', async () => {
    const wb = await loadXlsx(await toXlsxWorkbook([sheet]));
    const s = wb.getWorksheet('Skema 1')!;
    expect(s.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(s.autoFilter).toBe('A1:B3');
    expect(s.getColumn(1).width).toBe(8);
    expect(wb.getWorksheet(KEY_SHEET)!.state).toBe('hidden');
    expect(wb.definedNames.model).toEqual(expect.arrayContaining([{ name: 'kol.skema1.ref', ranges: ["'Skema 1'!$A$1"] }]));
  });

  it('reads each column with the key the file gives it, also under a renamed header, and without the names by the listed position', async () => {
    const wb = await loadXlsx(await toXlsxWorkbook([sheet]));
    wb.getWorksheet('Skema 1')!.getCell('B1').value = 'Behandling (omdøbt)';
    const named = await readKeyedWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(named.map((s) => s.name)).toEqual(['Skema 1']);
    expect(named[0]!.columns).toEqual([
      { index: 0, header: 'Ref.', namedKey: 'ref', listedKey: 'ref' },
      { index: 1, header: 'Behandling (omdøbt)', namedKey: 'name', listedKey: 'name' },
    ]);
    expect(named[0]!.rows).toEqual([
      { line: 2, cells: ['B1', 'Første'] },
      { line: 3, cells: ['B2', 'Anden\nlinje'] },
    ]);
    wb.definedNames.remove("'Skema 1'!$A$1", 'kol.skema1.ref');
    wb.definedNames.remove("'Skema 1'!$B$1", 'kol.skema1.name');
    const listed = await readKeyedWorkbook(Buffer.from(await wb.xlsx.writeBuffer()), 'x.xlsx');
    expect(listed[0]!.columns.map((c) => [c.namedKey, c.listedKey])).toEqual([
      [null, 'ref'],
      [null, 'name'],
    ]);
  });

  it('reads a CSV file as one sheet without keys', async () => {
    const [only] = await readKeyedWorkbook(csv('Ref.;Navn\r\nB1;Første\r\n'), 'x.csv');
    expect(only).toEqual({ name: '', columns: [{ index: 0, header: 'Ref.', namedKey: null, listedKey: null }, { index: 1, header: 'Navn', namedKey: null, listedKey: null }], rows: [{ line: 2, cells: ['B1', 'Første'] }] });
  });
});
