import { and, eq, inArray, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildKleNumbers, buildKlePlanOfSize, setKleEntries } from '../../../../test/factories/borgerblikket.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { loadConfiguration } from '../load-configuration.ts';
import { bbConfigChange, bbConfigChangeEntry, bbConfigEntry, kleNumber } from '../schema.ts';

const FAXE = '0320';
const BRONDBY = '0153';
// Main groups the demo's synthetic plan does not use, so the test owns these numbers whatever the demo seeds.
const NUMBERS = ['97.01.01', '97.01.02', '97.02.01', '98.01.01'];
const EXPIRED = '98.01.01';
const HEADER = 'KLE-nummer;Titel;Vises;Unge 15–17;Fradato;Aktive sager før fradato;Kildesystemer;Sagstitel i stedet for KLE-titel;Dokumenttitler';

function multipart(fields: Record<string, string>, file: Buffer, filename: string) {
  const boundary = `----samspil${Math.random().toString(16).slice(2)}`;
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="fil"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`));
  parts.push(file, Buffer.from(`\r\n--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

/** The file to the page (a form with _csrf) or, with `api`, to the API (session and CSRF header). */
async function upload(c: Client, code: string, file: Buffer, opts: { api?: boolean; fields?: Record<string, string>; query?: string; headers?: Record<string, string> } = {}) {
  const { payload, contentType } = multipart(opts.api ? { ...opts.fields } : { _csrf: c.csrf, ...opts.fields }, file, 'opsaetning.xlsx');
  const headers: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': contentType, ...opts.headers };
  if (opts.api) headers['x-csrf-token'] = c.csrf;
  const url = opts.api ? `/api/v1/borgerblikket/municipalities/${code}/configuration/import${opts.query ?? ''}` : `/borgerblikket/kommuner/${code}/opsaetning/import`;
  return c.app.inject({ method: 'POST', url, headers, payload });
}

const loadXlsx = async (file: Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(file as unknown as ArrayBuffer);
  return wb;
};
const cellText = (v: ExcelJS.CellValue) => (v === null || v === undefined ? '' : v instanceof Date ? v.toISOString().slice(0, 10) : String(v));
const rowValues = (sheet: ExcelJS.Worksheet, n: number) => Array.from({ length: sheet.columnCount }, (_, i) => cellText(sheet.getRow(n).getCell(i + 1).value));
const rowOf = (sheet: ExcelJS.Worksheet, kle: string) => {
  let found = 0;
  sheet.eachRow((row, n) => {
    if (row.getCell(1).value === kle) found = n;
  });
  if (!found) throw new Error(`no row for ${kle}`);
  return sheet.getRow(found);
};
const csvFile = (...lines: string[]) => Buffer.from(`\uFEFF${[HEADER, ...lines].join('\r\n')}\r\n`);

describe('a municipality configuration as a workbook', () => {
  let t: TestApp;
  let keeper: Client; // Faxe's programleder
  let klikAdmin: Client; // Faxe's KLIK-administrator: reads, does not keep the configuration
  let consultant: Client; // central: reads every municipality, writes none
  let brondby: Client; // Brøndby's programleder
  let exported: Buffer;

  const faxeConfig = async () => Object.fromEntries([...(await loadConfiguration(t.database.db, FAXE))].filter(([k]) => k.startsWith('97') || k.startsWith('98')));
  const changes = async () =>
    (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(bbConfigChange).where(and(eq(bbConfigChange.municipalityCode, FAXE), eq(bbConfigChange.kind, 'import'))))[0]!.n;
  const audits = async () =>
    (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(eq(auditEvent.action, 'borgerblikket.configuration_changed')))[0]!.n;

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(new Date('2025-09-15T10:00:00Z'));
    const db = t.database.db;
    await buildKleNumbers(db, NUMBERS, { '97': 'Prøvegruppe', '97.01': 'Prøveemner', '97.01.01': 'Hjælp til unge', [EXPIRED]: 'Gammelt emne' });
    await db.update(kleNumber).set({ expiredOn: '2025-01-01', expiredNote: 'Udgået i KLE' }).where(eq(kleNumber.number, EXPIRED));
    // The demo may have configured Faxe; the test starts from a known configuration.
    await db.delete(bbConfigEntry).where(eq(bbConfigEntry.municipalityCode, FAXE));
    await setKleEntries(db, FAXE, {
      '97': { shown: true, sourceSystems: [] },
      '97.01': { youth: false, fromDate: '2025-01-01', fromDateOffForActive: true },
      '97.01.01': { sourceSystems: ['KY', 'SBSYS'], youth: true, fromDate: null },
      [EXPIRED]: { shown: true },
    });
    await setKleEntries(db, BRONDBY, { '97': { shown: false } });
    keeper = await loginAs(t.app, DEMO.programLeader(FAXE));
    klikAdmin = await loginAs(t.app, DEMO.klikAdmin(FAXE));
    consultant = await loginAs(t.app, DEMO.consultant);
    brondby = await loginAs(t.app, DEMO.programLeader(BRONDBY));
  });
  afterAll(() => t?.close());

  it('exports the entries (blank where inherited, Ja/Nej, dates, «Ingen» and «Alle») and every number of the plan with the values that hold and where they come from', async () => {
    const res = await klikAdmin.get(`/borgerblikket/kommuner/${FAXE}/opsaetning.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toContain('kle-opsaetning-0320-faxe-2025-09-15.xlsx');
    exported = res.rawPayload;
    const wb = await loadXlsx(exported);
    expect(wb.worksheets.map((s) => [s.name, s.state])).toEqual([
      ['Opsætning', 'visible'],
      ['Gældende (læses ikke ind)', 'visible'],
      ['Kolonnenøgler', 'hidden'],
    ]);
    const entries = wb.getWorksheet('Opsætning')!;
    expect(rowValues(entries, 1)).toEqual(HEADER.split(';'));
    expect(entries.rowCount).toBe(5);
    expect(rowValues(entries, 2)).toEqual(['97', 'Prøvegruppe', 'Ja', '', '', '', 'Alle', '', '']);
    expect(rowValues(entries, 3)).toEqual(['97.01', 'Prøveemner', '', 'Nej', '2025-01-01', 'Ja', '', '', '']);
    expect(rowValues(entries, 4)).toEqual(['97.01.01', 'Hjælp til unge', '', 'Ja', 'Ingen', '', 'KY; SBSYS', '', '']);
    expect(rowValues(entries, 5)).toEqual([EXPIRED, 'Gammelt emne', 'Ja', '', '', '', '', '', '']);

    const effective = wb.getWorksheet('Gældende (læses ikke ind)')!;
    const planSize = (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(kleNumber))[0]!.n;
    expect(effective.rowCount).toBe(planSize + 1);
    expect(rowValues(effective, 1)).toEqual(['KLE-nummer', 'Titel', 'Udgået', ...HEADER.split(';').slice(2), 'Værdierne kommer fra']);
    const values = (kle: string) => rowValues(effective, rowOf(effective, kle).number);
    expect(values('97.01.01')).toEqual(['97.01.01', 'Hjælp til unge', '', 'Ja', 'Ja', 'Ingen', 'Ja', 'KY; SBSYS', 'Nej', 'Nej', 'nummeret selv, 97.01, 97 og standard']);
    expect(values('97.01.02')).toEqual(['97.01.02', 'Emne 97.01.02', '', 'Ja', 'Nej', '2025-01-01', 'Ja', 'Alle', 'Nej', 'Nej', '97.01, 97 og standard']);
    expect(values('97.02.01')).toEqual(['97.02.01', 'Emne 97.02.01', '', 'Ja', 'Ja', 'Ingen', 'Nej', 'Alle', 'Nej', 'Nej', '97 og standard']);
    expect(values(EXPIRED)).toEqual([EXPIRED, 'Gammelt emne', '2025-01-01', 'Ja', 'Ja', 'Ingen', 'Nej', 'Alle', 'Nej', 'Nej', 'nummeret selv og standard']);

    // Central staff read every municipality; another municipality's users find nothing.
    expect((await consultant.get(`/borgerblikket/kommuner/${FAXE}/opsaetning.xlsx`)).statusCode).toBe(200);
    expect((await brondby.get(`/borgerblikket/kommuner/${FAXE}/opsaetning.xlsx`)).statusCode).toBe(404);
    expect((await consultant.get('/borgerblikket/kommuner/9999/opsaetning.xlsx')).statusCode).toBe(404);
  });

  it('reads the exported file back without changing anything, even with a renamed header; a dry run needs no reason', async () => {
    const before = { changes: await changes(), audits: await audits(), config: await faxeConfig() };
    const res = await upload(keeper, FAXE, exported, { api: true, fields: { reason: 'Samme fil igen' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ dryRun: false, changeId: null, created: 0, updated: 0, removed: 0, unchanged: 4 });

    const wb = await loadXlsx(exported);
    wb.getWorksheet('Opsætning')!.getCell('C1').value = 'Åben for borgeren';
    const renamed = Buffer.from(await wb.xlsx.writeBuffer());
    const dry = await upload(keeper, FAXE, renamed, { api: true, query: '?dryRun=true' });
    expect(dry.statusCode).toBe(200);
    expect(dry.json()).toMatchObject({ dryRun: true, unchanged: 4, created: 0 });
    const page = await upload(keeper, FAXE, renamed, { fields: { handling: 'importer', reason: 'Samme fil, ny overskrift' } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe(`/borgerblikket/kommuner/${FAXE}/opsaetning/import?besked=uaendret`);
    expect({ changes: await changes(), audits: await audits(), config: await faxeConfig() }).toEqual(before);
  });

  it('saves an edited file as one change with its reason, history and audit; a double submit saves once', async () => {
    const wb = await loadXlsx(exported);
    const sheet = wb.getWorksheet('Opsætning')!;
    // 97.01: every setting blank → the entry goes, all inherited
    const group = rowOf(sheet, '97.01');
    for (let c = 3; c <= 9; c++) group.getCell(c).value = null;
    // 97.01.01: other source systems
    rowOf(sheet, '97.01.01').getCell(7).value = 'KY';
    // 97.02.01: new, closed for youth, typed by hand as Excel would keep it (lower case, a Danish date)
    sheet.addRow(['97.2.1', '', 'ja', 'nej', '01.03.2025', '', '', '', '']);
    // the expired number keeps its entry unchanged
    const edited = Buffer.from(await wb.xlsx.writeBuffer());
    const before = { changes: await changes(), audits: await audits() };

    const preview = await upload(keeper, FAXE, edited, { fields: { handling: 'kontroller', reason: '' } });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('1 ny, 1 ændret, 1 fjernet, 2 uændrede.');
    expect(await changes()).toBe(before.changes);

    const fields = { handling: 'importer', reason: 'Unge må ikke se 97.02.01 endnu', requestKey: 'dobbeltklik-1' };
    const first = await upload(keeper, FAXE, edited, { fields });
    const second = await upload(keeper, FAXE, edited, { fields });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/borgerblikket/kommuner/${FAXE}/opsaetning/import?besked=indlaest&nye=1&aendrede=1&fjernede=1&uaendrede=2&beholdt=0`);
    expect(second.headers.location).toBe(first.headers.location);
    expect(await changes()).toBe(before.changes + 1);
    expect(await audits()).toBe(before.audits + 1);

    expect(await faxeConfig()).toEqual({
      '97': { shown: true, sourceSystems: [] },
      '97.01.01': { fromDate: null, sourceSystems: ['KY'], youth: true },
      '97.02.01': { fromDate: '2025-03-01', shown: true, youth: false },
      [EXPIRED]: { shown: true },
    });
    const [change] = await t.database.db.select().from(bbConfigChange).where(and(eq(bbConfigChange.municipalityCode, FAXE), eq(bbConfigChange.kind, 'import'))).orderBy(sql`changed_at desc`).limit(1);
    expect(change).toMatchObject({ reason: 'Unge må ikke se 97.02.01 endnu', numbers: 3, changedByName: expect.any(String) });
    const history = await t.database.db.select().from(bbConfigChangeEntry).where(eq(bbConfigChangeEntry.changeId, change!.id));
    expect(Object.fromEntries(history.map((h) => [h.kle, [h.before, h.after]]))).toEqual({
      '97.01': [{ youth: false, fromDate: '2025-01-01', fromDateOffForActive: true }, null],
      '97.01.01': [{ fromDate: null, sourceSystems: ['KY', 'SBSYS'], youth: true }, { fromDate: null, sourceSystems: ['KY'], youth: true }],
      '97.02.01': [null, { fromDate: '2025-03-01', shown: true, youth: false }],
    });
    const done = await keeper.get(first.headers.location as string);
    expect(done.body).toContain('Opsætningen er indlæst: 1 ny, 1 ændret, 1 fjernet, 2 uændrede.');
  });

  it('refuses a file with bad rows as a whole, with a report per row (row, KLE, column, message)', async () => {
    const before = { changes: await changes(), config: await faxeConfig() };
    const file = csvFile(
      '97.01.02;;Ja;;;;;;', // good, but the file as a whole is refused
      '96.01.01;;Ja;;;;;;', // not in the plan
      'abc;;Ja;;;;;;', // not a number
      '97.01.02;;Nej;;;;;;', // twice
      '97.02.01;;Måske;;;;;;', // not Ja/Nej
      '97.01.01;;;;01.01.2026;;;;', // from-date after this year
      '97;;;;;;"KY, <script>";;', // source system with characters not allowed
      `${EXPIRED};;Nej;;;;;;`, // new settings on an expired number
      ';Uden nummer;Ja;;;;;;',
      '97.1;;Ja;;;;;;', // the group 97.10 as Excel turns it into a number
    );
    const res = await upload(keeper, FAXE, file, { api: true, fields: { reason: 'Fejl' } });
    expect(res.statusCode).toBe(422);
    const body = res.json() as { message: string; fieldErrors: Record<string, string> };
    expect(body.message).toBe('Filen har fejl i 9 rækker. Intet er ændret; ret fejlene og prøv igen.');
    expect(body.fieldErrors).toEqual({
      'linje-3': 'KLE 96.01.01, KLE-nummer: KLE-nummeret 96.01.01 findes ikke i KLE-planen.',
      'linje-4': 'KLE abc, KLE-nummer: Det er ikke et KLE-nummer. Skriv nummeret som tekst, fx 27.12.04.',
      'linje-5': 'KLE 97.01.02, KLE-nummer: KLE-nummeret står også i række 2.',
      'linje-6': 'KLE 97.02.01, Vises: Skriv Ja eller Nej, eller lad cellen stå tom, så værdien arves.',
      'linje-7': 'KLE 97.01.01, Fradato: Fradatoen må højst være 31.12.2025, «Ingen» for ingen fradato, eller en tom celle, så fradatoen arves.',
      'linje-8': expect.stringMatching(/^KLE 97, Kildesystemer: Ugyldigt navn på kildesystem: <script>/),
      'linje-9': expect.stringMatching(/^KLE 98\.01\.01, KLE-nummer: KLE-nummeret er udgået af KLE-planen \(01\.01\.2025\)/),
      'linje-10': 'KLE-nummer: KLE-nummeret mangler.',
      'linje-11': 'KLE 97.01, KLE-nummer: 97.1 kan være gruppen 97.10, som Excel har gjort til et tal. Skriv nummeret som tekst med to cifre pr. niveau, fx 27.10.',
    });

    const page = await upload(keeper, FAXE, file, { fields: { handling: 'importer', reason: 'Fejl' } });
    expect(page.statusCode).toBe(422);
    expect(page.body).toContain('Fejlrapport: 9 rækker med fejl');
    expect(page.body).toContain('<td data-title="KLE-nummer">97.02.01</td><td data-title="Kolonne">Vises</td>');
    expect(page.body).not.toContain('<script> (');
    expect(page.body).toContain('&lt;script> (');
    expect({ changes: await changes(), config: await faxeConfig() }).toEqual(before);
  });

  it('refuses what is not the configuration: no file, no reason, missing columns, no settings sheet, not a spreadsheet', async () => {
    const none = await upload(keeper, FAXE, Buffer.alloc(0), { api: true });
    expect(none.statusCode).toBe(422);
    expect(none.json().fieldErrors).toEqual({ fil: 'Vælg en XLSX- eller CSV-fil med opsætningen', reason: 'Skriv, hvorfor opsætningen ændres' });

    const missing = await upload(keeper, FAXE, Buffer.from('KLE-nummer;Vises;Unge 15-17\r\n97;Ja;Nej\r\n'), { api: true, fields: { reason: 'x' } });
    expect(missing.statusCode).toBe(422);
    expect(missing.json().fieldErrors.fil).toBe('Arket mangler kolonnerne «Fradato», «Aktive sager før fradato», «Kildesystemer», «Sagstitel i stedet for KLE-titel», «Dokumenttitler» i første række.');

    const wb = new ExcelJS.Workbook();
    wb.addWorksheet('Ark1').addRow(['KLE-nummer']);
    wb.addWorksheet('Ark2').addRow(['KLE-nummer']);
    const noSheet = await upload(keeper, FAXE, Buffer.from(await wb.xlsx.writeBuffer()), { api: true, fields: { reason: 'x' } });
    expect(noSheet.json().fieldErrors.fil).toBe('Filen har intet ark, der hedder «Opsætning».');

    const pdf = await upload(keeper, FAXE, Buffer.from('%PDF-1.4\x00\x01\x02\x03'), { fields: { handling: 'importer', reason: 'x' } });
    expect(pdf.statusCode).toBe(422);
    expect(pdf.body).toContain('Filen kunne ikke læses som CSV eller XLSX.');
  });

  it('reads a CSV file too (a hyphen for the en dash in a header), and removes an entry from an all-blank row', async () => {
    const file = Buffer.from(`${HEADER.replace('–', '-')}\r\n97.02.01;;;;;;;;\r\n97.01.02;;;Nej;;;Alle;Ja;Ja\r\n`);
    const res = await upload(keeper, FAXE, file, { api: true, fields: { reason: 'CSV fra regnearket' }, headers: { 'idempotency-key': 'csv-1' } });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ created: 1, removed: 1, kept: 3, rows: [{ row: 2, kle: '97.02.01', change: 'fjernet' }, { row: 3, kle: '97.01.02', change: 'ny' }] });
    const config = await faxeConfig();
    expect(config['97.02.01']).toBeUndefined();
    expect(config['97.01.02']).toEqual({ caseTitleInsteadOfKle: true, documentTitles: true, sourceSystems: [], youth: false });
  });

  it('lets only the keepers import: the page shows the form to them alone, and others are refused', async () => {
    const own = await keeper.get(`/borgerblikket/kommuner/${FAXE}/opsaetning/import`);
    expect(own.statusCode).toBe(200);
    expect(own.body).toContain('enctype="multipart/form-data"');
    expect(own.body).toContain(`href="/borgerblikket/kommuner/${FAXE}/opsaetning.xlsx"`);
    const reader = await klikAdmin.get(`/borgerblikket/kommuner/${FAXE}/opsaetning/import`);
    expect(reader.statusCode).toBe(200);
    expect(reader.body).not.toContain('enctype="multipart/form-data"');
    expect(reader.body).toContain('Kun kommunens systemansvarlige for Borgerblikket og programlederen kan indlæse opsætningen.');

    const before = await faxeConfig();
    const file = csvFile('97.02.01;;Nej;;;;;;');
    expect((await upload(klikAdmin, FAXE, file, { api: true, fields: { reason: 'x' } })).statusCode).toBe(403);
    expect((await upload(consultant, FAXE, file, { api: true, fields: { reason: 'x' } })).statusCode).toBe(403);
    expect((await upload(brondby, FAXE, file, { api: true, fields: { reason: 'x' } })).statusCode).toBe(404);
    expect(await faxeConfig()).toEqual(before);
    const brondbyEntries = await t.database.db.select().from(bbConfigEntry).where(and(eq(bbConfigEntry.municipalityCode, BRONDBY), inArray(bbConfigEntry.kle, ['97', '97.02.01'])));
    expect(brondbyEntries.map((e) => [e.kle, e.settings])).toEqual([['97', { shown: false }]]);
  });

  it('exports and imports in the same number of statements for a few numbers as for hundreds', async () => {
    const statements = async (run: () => Promise<{ statusCode: number }>) => {
      const start = t.database.queries.count;
      const res = await run();
      expect(res.statusCode).toBeLessThan(400);
      return t.database.queries.count - start;
    };
    const exportOnce = () => keeper.get(`/borgerblikket/kommuner/${FAXE}/opsaetning.xlsx`);
    const importRows = (numbers: string[], key: string) =>
      upload(keeper, FAXE, csvFile(...numbers.map((n) => `${n};;Ja;Nej;;;;;`)), { api: true, fields: { reason: 'Mange numre' }, headers: { 'idempotency-key': key } });
    const small = { export: await statements(exportOnce), import: await statements(() => importRows(['97.02.01'], 'lille')) };
    const topics = await buildKlePlanOfSize(t.database.db, { mainGroups: 2, groups: 5, topics: 30 });
    const large = { export: await statements(exportOnce), import: await statements(() => importRows(topics, 'stor')) };
    expect(large).toEqual(small);
    expect((await loadConfiguration(t.database.db, FAXE)).get(topics[299]!)).toEqual({ shown: true, youth: false });
  });
});
