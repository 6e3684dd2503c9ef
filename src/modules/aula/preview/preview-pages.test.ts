import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildAulaFiles, buildAulaRuleSet, clearAula, setAulaRelevance } from '../../../../test/factories/aula.ts';
import { danishDay } from '../../../platform/days.ts';
import { readTable } from '../../../platform/spreadsheet/read.ts';
import { formatDeadline } from '../../../platform/views/format.ts';

/**
 * The page, the journaliseringsliste and the API over a hand-made inventory (the worked example of
 * deletion-preview.test.ts with two more files). Rules from 2024-01-01: 36 months for every category
 * but Referater (12). On 1 March 2027 the cutoff is 1 March 2024 (Referater 1 March 2026).
 *
 * Faxe (0320):
 *  F1 handleplaner 2024-03-01, 101          → due (on the boundary: deadline 2027-03-01), at risk
 *  F2 handleplaner 2024-03-02, 101          → not due
 *  F3 observationer 2023-06-01 journalised, 202 → due, journalised
 *  F4 dagsordener 2023-01-01, 101           → due; Dagsordener is not journalised by default: not at risk
 *  F5 referater 2026-03-01, 202             → due (12 months, deadline 2027-03-01), at risk
 *  F6 indstillinger no trigger, 101         → never due
 *  F7 observationer 2022-01-01, 202         → due; Faxe marked Observationer not relevant: not at risk
 *  F8 handleplaner 2023-05-31, 101          → due (deadline 2026-05-31), at risk
 *  F9 indstillinger 2021-08-31, 101         → due (deadline 2024-08-31), at risk
 * On 1 March 2027: 7 due, 1 journalised, 4 at risk (F1, F5, F8, F9). The day before, F1 and F5 are
 * not due yet: 5 due, 2 at risk. Institution 303 "Aakanten" has no files (and sorts last: Aa is Å).
 */
const FAXE = '0320';
const LOLLAND = '0360';
const page = (q = '') => `/aula/kommuner/${FAXE}/sletning${q}`;

/** The number the page's summary shows for one of its three figures. */
const figure = (body: string, key: string) => /data-tal="([a-z-]+)"[^>]*>([^<]*)</g.exec(body.slice(body.indexOf(`data-tal="${key}"`)))?.[2];
/** A table's row as its cells' text. */
function row(body: string, attribute: string): string[] {
  const start = body.indexOf(attribute);
  const html = body.slice(start, body.indexOf('</tr>', start));
  return [...html.matchAll(/<t[hd][^>]*>(?:<[^>]+>)*([^<]*)/g)].map((m) => m[1]!.trim());
}

describe('the deletion preview page, the journaliseringsliste and the API', () => {
  let t: TestApp;
  let keeper: Client;
  let brondby: Client;
  let consultant: Client;

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    await clearAula(db);
    await buildAulaRuleSet(db, { activationDate: '2024-01-01', name: 'Sletteregler 2024', periods: { referater: 12 } });
    await buildAulaFiles(
      db,
      FAXE,
      [
        { id: 'F1', category: 'handleplaner', trigger: '2024-03-01', institution: '101', created: '2023-11-02' },
        { id: 'F2', category: 'handleplaner', trigger: '2024-03-02', institution: '101' },
        { id: 'F3', category: 'observationer', trigger: '2023-06-01', journalised: true, institution: '202' },
        { id: 'F4', category: 'dagsordener', trigger: '2023-01-01', institution: '101' },
        { id: 'F5', category: 'referater', trigger: '2026-03-01', institution: '202' },
        { id: 'F6', category: 'indstillinger', trigger: null, institution: '101' },
        { id: 'F7', category: 'observationer', trigger: '2022-01-01', institution: '202' },
        { id: 'F8', category: 'handleplaner', trigger: '2023-05-31', institution: '101' },
        { id: 'F9', category: 'indstillinger', trigger: '2021-08-31', institution: '101' },
      ],
      { '101': 'Børnehuset Solsikken', '202': 'Skovbrynets Skole', '303': 'Aakanten' },
    );
    await setAulaRelevance(db, FAXE, 'observationer', false);
    await buildAulaFiles(db, LOLLAND, [{ id: 'L1', category: 'handleplaner', trigger: '2020-01-01' }], { '9': 'Lolland Børnehus' });
    keeper = await loginAs(t.app, DEMO.programLeader(FAXE));
    brondby = await loginAs(t.app, DEMO.programLeader('0153'));
    consultant = await loginAs(t.app, DEMO.consultant);
  });
  afterAll(async () => t?.close());

  it('shows the hand-counted numbers on 1 March 2027, the boundary day included, by institution and category in Danish order', async () => {
    const res = await keeper.get(page('?dato=01.03.2027'));
    expect(res.statusCode).toBe(200);
    const body = res.body;
    expect([figure(body, 'i-alt'), figure(body, 'journaliseret'), figure(body, 'i-risiko')]).toEqual(['7', '1', '4']);
    expect(body).toContain('i risiko for at blive slettet uden journalisering');
    expect(body).toContain('Reglerne «Sletteregler 2024», der gælder fra 1. januar 2024');
    expect(body).toContain('href="/aula/sletteregler"');
    expect(row(body, 'data-institution="101"')).toEqual(['Børnehuset Solsikken', '101', '4', '0', '3']);
    expect(row(body, 'data-institution="202"')).toEqual(['Skovbrynets Skole', '202', '3', '1', '1']);
    expect(row(body, 'data-institution="303"')).toEqual(['Aakanten', '303', '0', '0', '0']);
    const order = ['101', '202', '303'].map((n) => body.indexOf(`data-institution="${n}"`));
    expect(order).toEqual([...order].sort((a, b) => a - b));
    expect(row(body, 'data-kategori="observationer"')).toEqual(['Observationer', '36 måneder (3 år) efter: barnet fratræder institutionen', '2', '1', '0']);
    expect(row(body, 'data-kategori="referater"').slice(2)).toEqual(['1', '0', '1']);
    expect(body.indexOf('data-kategori="oevrige-noter"')).toBeGreaterThan(body.indexOf('data-kategori="rive-kradseskema"'));
    expect(body).toContain(`href="/aula/kommuner/${FAXE}/journaliseringsliste.xlsx?dato=2027-03-01"`);
    expect(body).toContain(`href="/aula/kommuner/${FAXE}/journaliseringsliste.csv?dato=2027-03-01"`);
    expect(body).toContain('<a href="/aula/kommuner/0320" class="breadcrumbs__link">Faxe</a>');

    // The same day written as yyyy-mm-dd; the day before, F1 and F5 have not passed their deadline.
    expect(figure((await keeper.get(page('?dato=2027-03-01'))).body, 'i-risiko')).toBe('4');
    const before = (await keeper.get(page('?dato=28.02.2027'))).body;
    expect([figure(before, 'i-alt'), figure(before, 'journaliseret'), figure(before, 'i-risiko')]).toEqual(['5', '1', '2']);
  });

  it('draws the coming 24 months as an SVG with a table of the same numbers', async () => {
    const body = (await keeper.get(page('?dato=01.02.2027'))).body;
    expect(body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="sletning-graf-title sletning-graf-desc"/);
    expect(body.match(/<g data-maaned=/g)).toHaveLength(24);
    expect(row(body, '<tr data-maaned="2027-02"')).toEqual(['februar 2027', '5', '1', '2', '2']);
    // By 31 March F1, F2 (March 2024) and F5 (March 2026) have passed too.
    expect(row(body, '<tr data-maaned="2027-03"')).toEqual(['marts 2027', '8', '1', '5', '2']);
    expect(body).toContain('data-maaned="2029-01"');
    expect(body).not.toContain('data-maaned="2029-02"');
  });

  it('says plainly when no rules are in force, and defaults to today', async () => {
    const body = (await keeper.get(page('?dato=01.06.2023'))).body;
    expect(body).toContain('Der er ingen sletteregler i kraft denne dag.');
    expect(figure(body, 'i-alt')).toBe('0');
    // Without a date the page shows today's Danish day (the test keeps the real clock: a session lives in real time).
    const today = (await keeper.get(page())).body;
    expect(today).toContain(`value="${formatDeadline(danishDay(new Date()))}"`);
  });

  it('refuses a date it cannot read with the page, a Danish message and 422', async () => {
    const res = await keeper.get(page('?dato=31.02.2027'));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Skriv datoen som dd.mm.åååå');
    expect(res.body).toContain('value="31.02.2027"');
    expect(res.body).not.toContain('data-tal=');
    expect((await keeper.get(`/aula/kommuner/${FAXE}/journaliseringsliste.csv?dato=i%20morgen`)).statusCode).toBe(422);
  });

  it('lists the at-risk files for the ESDH as XLSX and CSV, ordered by institution, category and deadline', async () => {
    const xlsx = await keeper.get(`/aula/kommuner/${FAXE}/journaliseringsliste.xlsx?dato=01.03.2027`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-type']).toContain('spreadsheetml');
    expect(xlsx.headers['content-disposition']).toContain('journaliseringsliste-faxe-2027-03-01.xlsx');
    const csv = await keeper.get(`/aula/kommuner/${FAXE}/journaliseringsliste.csv?dato=2027-03-01`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('journaliseringsliste-faxe-2027-03-01.csv');
    const expected = [
      ['F8', '101', 'Børnehuset Solsikken', 'Handleplaner', '2020-01-01', '2023-05-31', '2026-05-31', ''],
      ['F1', '101', 'Børnehuset Solsikken', 'Handleplaner', '2023-11-02', '2024-03-01', '2027-03-01', ''],
      ['F9', '101', 'Børnehuset Solsikken', 'Indstillinger', '2020-01-01', '2021-08-31', '2024-08-31', ''],
      ['F5', '202', 'Skovbrynets Skole', 'Referater', '2020-01-01', '2026-03-01', '2027-03-01', ''],
    ];
    for (const [file, name] of [
      [xlsx.rawPayload, 'liste.xlsx'],
      [csv.rawPayload, 'liste.csv'],
    ] as const) {
      const table = await readTable(file, name);
      expect(table.headers).toEqual(['fil-id', 'institutionsnummer', 'institution', 'kategori', 'oprettet', 'udløsende dato', 'slettefrist', 'esdh-reference']);
      // F4 (Dagsordener, not journalised by default) and F7 (Observationer, marked not relevant) are never on the list; nor is Lolland's file.
      expect(table.rows.map((r) => table.headers.map((h) => r.values[h]))).toEqual(expected);
    }
    const dayBefore = await readTable((await keeper.get(`/aula/kommuner/${FAXE}/journaliseringsliste.csv?dato=28.02.2027`)).rawPayload, 'liste.csv');
    expect(dayBefore.rows.map((r) => r.values['fil-id'])).toEqual(['F8', 'F9']);
  });

  it("shows a municipality only its own preview: another's code is 404, central staff read every one", async () => {
    for (const url of [`/aula/kommuner/${FAXE}/sletning`, `/aula/kommuner/${FAXE}/journaliseringsliste.xlsx`, `/aula/kommuner/${FAXE}/journaliseringsliste.csv`]) {
      expect((await brondby.get(url)).statusCode, url).toBe(404);
      expect((await consultant.get(url)).statusCode, url).toBe(200);
    }
    expect((await consultant.get('/aula/kommuner/9999/sletning')).statusCode).toBe(404);
    expect((await brondby.api('GET', `/api/v1/aula/deletion-preview?municipality=${FAXE}`)).statusCode).toBe(404);
    expect((await brondby.api('GET', `/api/v1/aula/deletion-preview/months?municipality=${FAXE}`)).statusCode).toBe(404);
    expect((await consultant.api('GET', '/api/v1/aula/deletion-preview?municipality=9999')).statusCode).toBe(404);
    const own = await keeper.api('GET', '/api/v1/aula/deletion-preview?date=2027-03-01');
    expect(own.json().rows).toEqual([{ key: FAXE, name: 'Faxe', total: 7, journalised: 1, atRisk: 4 }]);
  });

  it('answers the API with the same numbers, grouped as asked', async () => {
    const all = (await consultant.api('GET', '/api/v1/aula/deletion-preview?date=2027-03-01&groupBy=municipality')).json();
    expect(all).toMatchObject({ date: '2027-03-01', groupBy: 'municipality', ruleSet: { name: 'Sletteregler 2024', activationDate: '2024-01-01' } });
    expect(all.rows).toHaveLength(98);
    expect(all.rows.find((r: { key: string }) => r.key === FAXE)).toEqual({ key: FAXE, name: 'Faxe', total: 7, journalised: 1, atRisk: 4 });
    expect(all.rows.find((r: { key: string }) => r.key === LOLLAND)).toMatchObject({ total: 1, atRisk: 1 });
    const inst = (await keeper.api('GET', `/api/v1/aula/deletion-preview?date=2027-03-01&groupBy=institution&municipality=${FAXE}`)).json();
    expect(inst.rows).toEqual([
      { key: '0320:101', name: 'Børnehuset Solsikken', municipalityCode: FAXE, institutionNumber: '101', total: 4, journalised: 0, atRisk: 3 },
      { key: '0320:202', name: 'Skovbrynets Skole', municipalityCode: FAXE, institutionNumber: '202', total: 3, journalised: 1, atRisk: 1 },
      { key: '0320:303', name: 'Aakanten', municipalityCode: FAXE, institutionNumber: '303', total: 0, journalised: 0, atRisk: 0 },
    ]);
    const cat = (await keeper.api('GET', '/api/v1/aula/deletion-preview?date=2027-03-01&groupBy=category')).json();
    expect(cat.rows).toHaveLength(9);
    expect(cat.rows.find((r: { key: string }) => r.key === 'observationer')).toEqual({ key: 'observationer', name: 'Observationer', total: 2, journalised: 1, atRisk: 0 });
    const none = (await keeper.api('GET', '/api/v1/aula/deletion-preview?date=2023-12-31')).json();
    expect(none.ruleSet).toBeNull();
    expect(none.rows).toEqual([{ key: FAXE, name: 'Faxe', total: 0, journalised: 0, atRisk: 0 }]);
    const months = (await keeper.api('GET', `/api/v1/aula/deletion-preview/months?from=2027-02-01&municipality=${FAXE}`)).json();
    expect(months.from).toBe('2027-02-01');
    expect(months.months).toHaveLength(24);
    expect(months.months.slice(0, 2)).toEqual([
      { monthEnd: '2027-02-28', total: 5, journalised: 1, atRisk: 2 },
      { monthEnd: '2027-03-31', total: 8, journalised: 1, atRisk: 5 },
    ]);
  });

  it('refuses a bad date, grouping or municipality code with a structured 400', async () => {
    for (const [url, field] of [
      ['/api/v1/aula/deletion-preview?date=01.03.2027', 'date'],
      ['/api/v1/aula/deletion-preview?date=2027-02-30', 'date'],
      ['/api/v1/aula/deletion-preview?groupBy=region', 'groupBy'],
      ['/api/v1/aula/deletion-preview?municipality=32', 'municipality'],
      ['/api/v1/aula/deletion-preview/months?from=marts', 'from'],
    ] as const) {
      const res = await keeper.api('GET', url);
      expect(res.statusCode, url).toBe(400);
      expect(res.json(), url).toMatchObject({ code: 'bad_request', fieldErrors: { [field]: expect.any(String) } });
    }
  });

  it("links the preview from the municipality's Aula page", async () => {
    expect((await keeper.get(`/aula/kommuner/${FAXE}`)).body).toContain(`href="/aula/kommuner/${FAXE}/sletning"`);
  });
});
