import { count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildAulaFiles, buildAulaRuleSet, clearAula } from '../../../../test/factories/aula.ts';
import { rawRows } from '../../../db/client.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { readKeyedWorkbook } from '../../../platform/spreadsheet/read.ts';
import { task } from '../../tasks/index.ts';
import { aulaMunicipality, aulaReadinessEvent } from '../schema.ts';

/**
 * The overview of the 98 over a small hand-made registration: Faxe uses Acadre (vendor in the
 * test, integration in test, a § 7 archive) and has ticked two of three checklist items including
 * "ready"; Brøndby uses another system whose vendor is not in the test; København uses SBSYS with
 * the vendor unknown. On 1 March 2027, under 36-month rules from the child leaving, Faxe has four
 * files past the deadline: one journalised, one in a category it does not journalise, and two at
 * risk (one of them exactly on the boundary day); Brøndby has one at risk.
 */
const FAXE = '0320';
const BRONDBY = '0153';
const KBH = '0101';
const DAY = '2027-03-01';

type Fields = Record<string, string | string[]>;

/** A form post with repeated fields (checkboxes), as a browser sends it. */
async function postForm(c: Client, url: string, fields: Fields) {
  const body = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...fields, _csrf: c.csrf })) for (const one of [v].flat()) body.append(k, one);
  return c.app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

const shownCodes = (html: string) => [...html.matchAll(/<tr data-kommune="(\d{4})"/g)].map((m) => m[1]!);
const rowOf = (html: string, code: string) => /<tr data-kommune="\d{4}"[\s\S]*?<\/tr>/g.exec(html.slice(html.indexOf(`<tr data-kommune="${code}"`)))?.[0] ?? '';
/** A count table's line as numbers: municipalities, ready, files at risk. */
const countLine = (html: string, caption: string, key: string) => {
  const table = html.slice(html.indexOf(caption));
  const row = new RegExp(`<tr data-count="${key}">([\\s\\S]*?)</tr>`).exec(table)?.[1] ?? '';
  return [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => Number(m[1]!.replace(/\./g, '')));
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the overview of the 98 municipalities', () => {
  let t: TestApp;
  let consultant: Client;
  let faxe: Client;
  let regionCount: Map<string, number>;

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    await clearAula(db);
    await buildAulaRuleSet(db, { activationDate: '2020-01-01' });
    await db.insert(aulaMunicipality).values([
      { municipalityCode: FAXE, esdhSystem: 'acadre', vendorInTest: true, integrationState: 'i_test', archiveKind: 'paragraf7', archiveName: 'Faxe Stadsarkiv', archivePlannedOn: '2026-03-01', archiveState: 'planlagt' },
      { municipalityCode: BRONDBY, esdhSystem: 'andet', esdhOther: 'KMD Nova', vendorInTest: false, integrationState: 'ikke_startet' },
      { municipalityCode: KBH, esdhSystem: 'sbsys', vendorInTest: null, integrationState: 'leverandoer_kontaktet', archiveKind: 'rigsarkivet' },
    ]);
    await db.insert(aulaReadinessEvent).values([
      { municipalityCode: FAXE, item: 'integration_i_drift', done: true, at: new Date('2026-10-01T10:00:00Z') },
      { municipalityCode: FAXE, item: 'klar_til_sletteregler', done: false, at: new Date('2026-10-01T10:00:00Z') },
      { municipalityCode: FAXE, item: 'klar_til_sletteregler', done: true, at: new Date('2026-11-01T10:00:00Z') },
      { municipalityCode: BRONDBY, item: 'klar_til_sletteregler', done: true, at: new Date('2026-10-01T10:00:00Z') },
      { municipalityCode: BRONDBY, item: 'klar_til_sletteregler', done: false, at: new Date('2026-11-01T10:00:00Z') },
    ]);
    await buildAulaFiles(db, FAXE, [
      { id: 'f1', category: 'handleplaner', trigger: '2024-03-01' },
      { id: 'f2', category: 'observationer', trigger: '2023-05-01' },
      { id: 'f3', category: 'referater', trigger: '2023-01-01', journalised: true },
      { id: 'f4', category: 'dagsordener', trigger: '2023-01-01' },
      { id: 'f5', category: 'handleplaner', trigger: '2024-03-02' },
      { id: 'f6', category: 'handleplaner', trigger: null },
    ]);
    await buildAulaFiles(db, BRONDBY, [{ id: 'b1', category: 'indstillinger', trigger: '2023-06-01' }], { '201': 'Vuggestuen Mælkebøtten' });
    const regions = await rawRows<{ region: string; n: number }>(db, sql`select region, count(*)::int as n from municipality group by region`);
    regionCount = new Map(regions.map((r) => [r.region, r.n]));
    consultant = await loginAs(t.app, DEMO.consultant);
    faxe = await loginAs(t.app, DEMO.programLeader(FAXE));
  });
  afterAll(async () => t.close());

  it("lists all 98 Danish-sorted with a registered municipality's states, readiness and files at risk", async () => {
    const res = await consultant.get(`/aula?dato=01.03.2027`);
    expect(res.statusCode).toBe(200);
    const codes = shownCodes(res.body);
    expect(codes).toHaveLength(98);
    expect(codes.indexOf('0580')).toBeGreaterThan(codes.indexOf('0492')); // Aabenraa is sorted as Å, after Ærø
    expect(res.body).toContain('href="/aula/sletteregler"');
    const faxeRow = text(rowOf(res.body, FAXE));
    for (const shown of ['Faxe', 'Region Sjælland', 'Acadre', ' ja ', 'I test', '§ 7-arkiv: Faxe Stadsarkiv', 'Planlagt, planlagt 01.03.2026', '2 af 3, klar til sletteregler']) expect(faxeRow).toContain(shown);
    expect(faxeRow.trim().endsWith(' 2')).toBe(true); // f1 (boundary day) and f2; f3 is journalised, f4 not journalised there, f5 a day short
    expect(rowOf(res.body, FAXE)).toContain(`href="/aula/kommuner/${FAXE}"`);
    const brondbyRow = text(rowOf(res.body, BRONDBY));
    for (const shown of ['Andet: KMD Nova', ' nej ', 'Ikke startet', '0 af 3, ikke klar']) expect(brondbyRow).toContain(shown);
    expect(text(rowOf(res.body, KBH))).toContain(' ukendt ');
  });

  it('filters narrow the list as the filters say', async () => {
    const shown = async (q: string) => shownCodes((await consultant.get(`/aula?dato=01.03.2027&${q}`)).body);
    expect(await shown('ikkeKlar=on')).toHaveLength(97);
    expect(await shown('ikkeKlar=on')).not.toContain(FAXE);
    const notInTest = await shown('ikkeITest=on');
    expect(notInTest).toHaveLength(97);
    expect(notInTest).toContain(BRONDBY);
    expect(notInTest).toContain(KBH);
    expect(await shown('esdh=acadre')).toEqual([FAXE]);
    expect(await shown('esdh=andet')).toEqual([BRONDBY]);
    expect(await shown('integration=i_test')).toEqual([FAXE]);
    expect(await shown(`region=${encodeURIComponent('Region Sjælland')}`)).toHaveLength(regionCount.get('Region Sjælland')!);
    expect(await shown(`esdh=ikke-oplyst&region=${encodeURIComponent('Region Hovedstaden')}`)).toHaveLength(regionCount.get('Region Hovedstaden')! - 2);
    expect(await shown('ikkeKlar=on&ikkeITest=on&esdh=sbsys')).toEqual([KBH]);
  });

  it('counts by ESDH vendor and by region, for all or for the filtered set', async () => {
    const all = (await consultant.get(`/aula?dato=01.03.2027`)).body;
    expect(all).toContain('Tallene gælder alle 98 kommuner');
    const byEsdh = 'Efter ESDH-system og leverandør';
    expect(countLine(all, byEsdh, 'acadre')).toEqual([1, 1, 2]);
    expect(countLine(all, byEsdh, 'andet')).toEqual([1, 0, 1]);
    expect(countLine(all, byEsdh, 'sbsys')).toEqual([1, 0, 0]);
    expect(countLine(all, byEsdh, 'edoc')).toEqual([0, 0, 0]);
    expect(countLine(all, byEsdh, 'ikke-oplyst')).toEqual([95, 0, 0]);
    expect(countLine(all, 'Efter region', 'Region Sjælland')).toEqual([regionCount.get('Region Sjælland'), 1, 2]);
    expect(countLine(all, 'Efter region', 'Region Hovedstaden')).toEqual([regionCount.get('Region Hovedstaden'), 0, 1]);
    const filtered = (await consultant.get(`/aula?dato=01.03.2027&ikkeKlar=on`)).body;
    expect(filtered).toContain('Tallene gælder de 97 viste kommuner');
    expect(countLine(filtered, byEsdh, 'acadre')).toEqual([0, 0, 0]);
    expect(countLine(filtered, 'Efter region', 'Region Sjælland')).toEqual([regionCount.get('Region Sjælland')! - 1, 0, 0]);
    // A day earlier f1 has not passed its deadline: the date field decides.
    expect(countLine((await consultant.get(`/aula?dato=28.02.2027`)).body, byEsdh, 'acadre')).toEqual([1, 1, 1]);
  });

  it('a date that is not one is said so in Danish (422 on the page and export, 400 in the API)', async () => {
    const res = await consultant.get('/aula?dato=31.02.2027');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Skriv en gyldig dato');
    expect((await consultant.get('/aula/oversigt.xlsx?dato=31.02.2027')).statusCode).toBe(422);
    expect((await consultant.api('GET', '/api/v1/aula/municipalities?date=2027-02-31')).statusCode).toBe(400);
  });

  it('the workbook holds the filtered rows', async () => {
    const res = await consultant.get(`/aula/oversigt.xlsx?dato=2027-03-01&ikkeKlar=on&region=${encodeURIComponent('Region Hovedstaden')}`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-disposition']).toContain('.xlsx');
    const [sheet] = await readKeyedWorkbook(res.rawPayload, 'oversigt.xlsx');
    expect(sheet!.name).toBe('Kommuner');
    expect(sheet!.rows).toHaveLength(regionCount.get('Region Hovedstaden')!);
    const col = (key: string) => sheet!.columns.find((c) => c.listedKey === key || c.namedKey === key)!.index;
    const brondby = sheet!.rows.find((r) => r.cells[col('code')] === BRONDBY)!;
    expect(brondby.cells[col('esdh')]).toBe('Andet: KMD Nova');
    expect(brondby.cells[col('vendorInTest')]).toBe('nej');
    expect(brondby.cells[col('atRisk')]).toBe('1');
    expect(sheet!.rows.map((r) => r.cells[col('code')])).not.toContain(FAXE);
  });

  it('the API lists all 98 with the readiness summary and the files at risk on the date', async () => {
    const res = await consultant.api('GET', `/api/v1/aula/municipalities?date=${DAY}`);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.date).toBe(DAY);
    expect(body.municipalities).toHaveLength(98);
    const f = body.municipalities.find((m: { code: string }) => m.code === FAXE);
    expect(f).toMatchObject({
      region: 'Region Sjælland',
      esdh: { system: 'acadre', vendorInTest: true },
      integrationState: 'i_test',
      archive: { kind: 'paragraf7', name: 'Faxe Stadsarkiv', plannedOn: '2026-03-01', state: 'planlagt' },
      readiness: { done: 2, of: 3, readyForRules: true },
      atRisk: { total: 4, journalised: 1, atRisk: 2 },
    });
  });

  it("a municipality's users get their landing page on /aula and 404 on the overview's other addresses", async () => {
    const landing = await faxe.get('/aula');
    expect(landing.statusCode).toBe(200);
    expect(shownCodes(landing.body)).toEqual([]);
    expect(landing.body).toContain(`href="/aula/kommuner/${FAXE}"`);
    expect((await faxe.get('/aula/oversigt.xlsx')).statusCode).toBe(404);
    expect((await faxe.api('GET', '/api/v1/aula/municipalities')).statusCode).toBe(404);
    expect((await postForm(faxe, '/aula/opgave/ny', { kommuner: [FAXE] })).statusCode).toBe(404);
    expect((await postForm(faxe, '/aula/opgave', { code: 'X', title: 'X', deadline: '01.06.2099', kommuner: [FAXE] })).statusCode).toBe(404);
    expect((await faxe.api('POST', '/api/v1/aula/readiness-tasks', { code: 'X', title: 'X', deadline: '2099-06-01', municipalityCodes: [FAXE] })).statusCode).toBe(404);
  });

  it('creates one published task to the chosen municipalities’ Aula system owners, once on a double submit', async () => {
    const overview = await consultant.get('/aula?ikkeKlar=on');
    expect(overview.body).toContain('Vælg alle viste kommuner (97)');
    const form = await postForm(consultant, '/aula/opgave/ny', { kommuner: [BRONDBY, KBH], viste: [BRONDBY, KBH, FAXE], filtre: 'ikkeKlar=on' });
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Aula: gør klar til de reviderede sletteregler');
    expect(text(form.body)).toContain('De valgte kommuner (2)');
    const value = (name: string) => new RegExp(`name="${name}"[^>]*value="([^"]*)"`).exec(form.body)?.[1] ?? '';
    const code = value('code');
    expect(code).toBe('KLIK - AULA SLET 01');
    const fields = { requestKey: value('requestKey'), code, title: 'Aula: gør klar til de reviderede sletteregler', description: 'Journalisér og bekræft.', deadline: value('deadline'), kommuner: [BRONDBY, KBH] };

    const refused = await postForm(consultant, '/aula/opgave', { ...fields, deadline: '31.02.2027' });
    expect(refused.statusCode).toBe(422);
    expect(refused.body).toContain('Skriv en gyldig dato');
    expect((await t.database.db.select({ n: count() }).from(task).where(eq(task.code, code)))[0]!.n).toBe(0);

    const first = await postForm(consultant, '/aula/opgave', fields);
    const second = await postForm(consultant, '/aula/opgave', fields);
    expect(first.statusCode).toBe(303);
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe(first.headers.location);
    const tasks = await t.database.db.select().from(task).where(eq(task.code, code));
    expect(tasks).toHaveLength(1);
    expect(first.headers.location).toBe(`/opgaver/${tasks[0]!.id}/overblik?besked=publiceret`);
    expect(tasks[0]).toMatchObject({ status: 'published', audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'aula', title: fields.title });
    const targets = await rawRows<{ code: string }>(t.database.db, sql`select municipality_code as code from task_target where task_id = ${tasks[0]!.id}`);
    expect(targets.map((x) => x.code).sort()).toEqual([KBH, BRONDBY].sort());

    // "Vælg alle viste" takes every shown municipality; the next code is proposed.
    const all = await postForm(consultant, '/aula/opgave/ny', { alleViste: 'on', viste: [BRONDBY, KBH, FAXE] });
    expect(text(all.body)).toContain('De valgte kommuner (3)');
    expect(all.body).toContain('value="KLIK - AULA SLET 02"');
    expect((await t.database.db.select({ n: count() }).from(municipality))[0]!.n).toBe(98);
  });

  it('creates the same task through the API: 201, once per Idempotency-Key, a used code 409, nothing chosen 422', async () => {
    const body = { code: 'KLIK - AULA API 01', title: 'Aula: gør klar', description: 'Journalisér og bekræft.', deadline: '2099-06-01', municipalityCodes: [FAXE, KBH] };
    const headers = { 'idempotency-key': 'aula-api-1' };
    const first = await consultant.api('POST', '/api/v1/aula/readiness-tasks', body, headers);
    const again = await consultant.api('POST', '/api/v1/aula/readiness-tasks', body, headers);
    expect(first.statusCode).toBe(201);
    expect(again.json()).toEqual(first.json());
    const tasks = await t.database.db.select().from(task).where(eq(task.code, body.code));
    expect(tasks.map((x) => [x.id, x.status])).toEqual([[first.json().id, 'published']]);
    const reused = await consultant.api('POST', '/api/v1/aula/readiness-tasks', body, { 'idempotency-key': 'aula-api-2' });
    expect(reused.statusCode).toBe(409);
    const none = await consultant.api('POST', '/api/v1/aula/readiness-tasks', { ...body, code: 'KLIK - AULA API 02', municipalityCodes: [] });
    expect(none.statusCode).toBe(422);
    expect(none.json().fieldErrors).toEqual({ kommuner: 'Vælg mindst én kommune i oversigten' });
    expect((await t.database.db.select({ n: count() }).from(task).where(eq(task.code, 'KLIK - AULA API 02')))[0]!.n).toBe(0);
  });
});
