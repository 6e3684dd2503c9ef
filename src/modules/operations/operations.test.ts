import { count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { auditEvent } from '../../platform/audit/schema.ts';
import { seedDemoOperations } from './demo.ts';
import { parseMonth, parseRange } from './inputs.ts';
import { operationsIncident, operationsMeasure, operationsRcaItem, operationsSla } from './schema.ts';

/** The day after the May 2025 program leader meeting's deck. */
const NOW = new Date('2025-06-02T10:00:00Z');

/** The rows of the chart's table as the reader sees them: [month, met, not met, share]. */
function tallyRows(html: string): string[][] {
  const start = html.indexOf('data-sla-tally');
  const body = html.slice(html.indexOf('<tbody>', start), html.indexOf('</tbody>', start));
  return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((m) => [...m[1]!.matchAll(/<t[hd][^>]*>([^<]*)<\/t[hd]>/g)].map((c) => c[1]!));
}

/** The chart's bars: month → [met, missed], from the SVG's data attributes. */
function bars(html: string): Record<string, [number, number]> {
  return Object.fromEntries([...html.matchAll(/data-maaned="([\d-]+)" data-met="(\d+)" data-missed="(\d+)"/g)].map((m) => [m[1]!, [Number(m[2]), Number(m[3])]]));
}

describe('operations: /drift, the editors and the API', () => {
  let t: TestApp;
  let consultant: Client;
  let faxe: Client;
  const db = () => t.database.db;
  const audits = async (action: string) => (await db().select({ n: count() }).from(auditEvent).where(eq(auditEvent.action, action)))[0]!.n;
  const snapshot = async () =>
    JSON.stringify({
      sla: await db().select().from(operationsSla).orderBy(operationsSla.solutionKey, operationsSla.month, operationsSla.measure),
      incidents: await db().select().from(operationsIncident).orderBy(operationsIncident.id),
      rca: await db().select().from(operationsRcaItem).orderBy(operationsRcaItem.id),
      measures: await db().select().from(operationsMeasure).orderBy(operationsMeasure.id),
      audit: (await db().select({ n: count() }).from(auditEvent))[0]!.n,
    });

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(NOW);
    await seedDemoOperations(db(), NOW);
    const once = await snapshot();
    await seedDemoOperations(db(), NOW);
    expect(await snapshot()).toBe(once);
    consultant = await loginAs(t.app, DEMO.consultant);
    faxe = await loginAs(t.app, DEMO.programLeader('0320'));
  });
  afterAll(async () => t.close());

  it("shows the deck's numbers: stable since April, all targets met in May, 21 RCA items of which 4 are open, KMD's measures", async () => {
    const res = await faxe.get('/drift?fra=01.2025&til=05.2025');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('maj 2025: SLA-målene opfyldt for 12 af 12 løsninger.');
    expect(res.body).toContain('RCA-opfølgningspunkter: 21 i alt, 4 udestår (2 åbne, 2 i gang).');
    expect(res.body).toMatch(/data-rca-state="lukket">\s*<h3[^>]*>Lukket \(17\)/);
    expect(res.body).toContain('Databaseanalyse (MongoDB, indekser, SAPA)');
    expect(res.body).toContain('Afsluttes juni.');
    expect(res.body).toContain('data-title="Afsluttes">juni 2025</td>');
    expect(res.body).toContain('Skifte af infrastrukturleverandør');
    // Met or not is written, not only coloured.
    expect(res.body).toContain('Ikke opfyldt');
    expect(res.body).toContain('98,64 %');
    expect(res.body).toContain('Nedbrud i Fordelingskomponenten');
    // Incidents newest first.
    expect(res.body.indexOf('Nedbrud opdaget sent')).toBeLessThan(res.body.indexOf('Nedbrud i Fordelingskomponenten'));
    expect(res.body).not.toContain('href="/drift/sla"');
    expect(res.body).toContain('role="img"');
  });

  it("draws the chart from the same numbers as its table and the API's", async () => {
    const res = await faxe.get('/drift?fra=01.2025&til=05.2025');
    // 13 targets a month: 12 solutions' uptime and the infrastructure's response time.
    expect(tallyRows(res.body)).toEqual([
      ['januar 2025', '11', '2', '85 %'],
      ['februar 2025', '10', '3', '77 %'],
      ['marts 2025', '12', '1', '92 %'],
      ['april 2025', '13', '0', '100 %'],
      ['maj 2025', '13', '0', '100 %'],
    ]);
    expect(bars(res.body)).toEqual({ '2025-01': [11, 2], '2025-02': [10, 3], '2025-03': [12, 1], '2025-04': [13, 0], '2025-05': [13, 0] });
    const api = (await faxe.api('GET', '/api/v1/operations?from=2025-01&to=2025-05')).json();
    expect(api.summary.monthly.map((m: { month: string; met: number; missed: number }) => [m.month, m.met, m.missed])).toEqual([
      ['2025-01', 11, 2],
      ['2025-02', 10, 3],
      ['2025-03', 12, 1],
      ['2025-04', 13, 0],
      ['2025-05', 13, 0],
    ]);
    const missed = api.sla.filter((r: { met: boolean }) => r.met === false).map((r: { solutionKey: string; month: string; measure: string }) => `${r.solutionKey}/${r.month}/${r.measure}`);
    expect(missed.sort()).toEqual(['infrastruktur/2025-01/Oppetid', 'infrastruktur/2025-02/Oppetid', 'infrastruktur/2025-02/Svartid (95 %)', 'infrastruktur/2025-03/Oppetid', 'ky/2025-02/Oppetid', 'sapa/2025-01/Oppetid']);
  });

  it('answers the API in its shape, the last 12 months by default, and refuses a period it cannot read', async () => {
    const res = await faxe.api('GET', '/api/v1/operations');
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.from).toBe('2024-06');
    expect(body.to).toBe('2025-05');
    expect(body.months).toHaveLength(12);
    expect(Object.keys(body).sort()).toEqual(['from', 'incidents', 'incidentsTotal', 'measures', 'months', 'rcaItems', 'sla', 'summary', 'to']);
    expect(body.sla[0]).toEqual({ solutionKey: expect.any(String), solutionName: expect.any(String), month: expect.stringMatching(/^\d{4}-\d{2}$/), measure: expect.any(String), unit: expect.any(String), target: expect.any(Number), achieved: expect.any(Number), higherIsBetter: expect.any(Boolean), met: expect.any(Boolean), note: expect.any(String) });
    expect(body.summary).toMatchObject({ latestMonth: '2025-05', solutionsMet: 12, solutionsReported: 12, rcaTotal: 21, rcaOpen: 4, rcaByState: { aaben: 2, i_gang: 2, lukket: 17 } });
    expect(body.measures.find((m: { title: string }) => m.title === 'Alarmering og kapacitet')).toMatchObject({ owner: 'KMD', state: 'i_gang', endMonth: '2025-05' });
    expect(body.incidents.map((i: { startedAt: string }) => i.startedAt)).toEqual([...body.incidents.map((i: { startedAt: string }) => i.startedAt)].sort().reverse());
    const bad = await faxe.api('GET', '/api/v1/operations?from=2025-13&to=2025-01');
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fieldErrors.from).toContain('mm.åååå');
    expect((await faxe.api('GET', '/api/v1/operations?from=2020-01&to=2025-01')).statusCode).toBe(422);
  });

  it('records an SLA figure once, validated in Danish and audited; municipalities get 403 and nothing changes', async () => {
    const unchanged = await snapshot();
    const bad = await consultant.post('/drift/sla', { solutionKey: 'aula', month: '13.2025', target: '120', achieved: 'meget' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Skriv måneden som mm.åååå, fx 05.2025');
    expect(bad.body).toContain('Skriv det opnåede som et tal');
    const percent = await consultant.post('/drift/sla', { solutionKey: 'aula', month: '06.2025', target: '120', achieved: '99,9' });
    expect(percent.statusCode).toBe(422);
    expect(percent.body).toContain('En procent skal være mellem 0 og 100');
    expect(bad.body).toContain('value="meget"');
    const unknown = await consultant.api('PUT', '/api/v1/operations/sla', { solutionKey: 'findes-ikke', month: '2025-06', target: 99.5 });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().fieldErrors.solutionKey).toBeDefined();
    expect((await faxe.post('/drift/sla', { solutionKey: 'aula', month: '06.2025', target: '99,5' })).statusCode).toBe(403);
    expect((await faxe.api('PUT', '/api/v1/operations/sla', { solutionKey: 'aula', month: '2025-06', target: 99.5 })).statusCode).toBe(403);
    expect((await faxe.get('/drift/sla')).statusCode).toBe(403);
    expect(await snapshot()).toBe(unchanged);

    const before = await audits('operations.sla_saved');
    const form = { solutionKey: 'aula', month: '06.2025', target: '99,5', achieved: '', higherIsBetter: 'true' };
    expect((await consultant.post('/drift/sla', form)).headers.location).toBe('/drift/sla?besked=gemt');
    expect((await consultant.post('/drift/sla', form)).headers.location).toBe('/drift/sla?besked=uaendret');
    const put = await consultant.api('PUT', '/api/v1/operations/sla', { solutionKey: 'aula', month: '2025-06', target: 99.5, achieved: 99.31 });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ solutionName: 'Aula', month: '2025-06', measure: 'Oppetid', achieved: 99.31, met: false });
    expect(await audits('operations.sla_saved')).toBe(before + 2);
    const edit = await consultant.get('/drift/sla?loesning=aula&maaned=06.2025');
    expect(edit.body).toContain('value="99,31"');
    const page = await faxe.get('/drift?fra=06.2025&til=06.2025');
    expect(page.body).toContain('juni 2025: SLA-målene opfyldt for 0 af 1 løsninger.');
  });

  it('records an incident once per request key and marks it resolved once', async () => {
    const form = { requestKey: 'haendelse-1', solutionKey: 'ky', title: 'KY svarer langsomt', severity: 'alvorlig', startedOn: '01.06.2025', startedTime: '9.15' };
    expect((await consultant.post('/drift/haendelser', form)).headers.location).toBe('/drift/haendelser?besked=oprettet');
    expect((await consultant.post('/drift/haendelser', form)).headers.location).toBe('/drift/haendelser?besked=oprettet');
    const rows = await db().select().from(operationsIncident).where(eq(operationsIncident.title, 'KY svarer langsomt'));
    expect(rows).toHaveLength(1);
    expect(rows[0]!.startedAt.toISOString()).toBe('2025-06-01T07:15:00.000Z');
    const bad = await consultant.post('/drift/haendelser', { solutionKey: 'ky', title: '', severity: 'slem', startedOn: '32.05.2025', startedTime: '25.00' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Skriv hændelsens titel');
    expect(bad.body).toContain('Skriv klokkeslættet som tt.mm');

    const before = await audits('operations.incident_saved');
    const id = rows[0]!.id;
    expect((await faxe.post(`/drift/haendelser/${id}/loest`)).statusCode).toBe(403);
    expect((await consultant.post(`/drift/haendelser/${id}/loest`)).headers.location).toBe('/drift/haendelser?besked=gemt');
    const again = await consultant.api('PUT', `/api/v1/operations/incidents/${id}/resolved`);
    expect(again.statusCode).toBe(200);
    expect(again.json().resolvedAt).toBe(NOW.toISOString());
    expect(await audits('operations.incident_saved')).toBe(before + 1);
    const viaApi = { solutionKey: 'aula', title: 'Aula nede', severity: 'kritisk', startedOn: '2025-06-02' };
    const first = await consultant.api('POST', '/api/v1/operations/incidents', viaApi, { 'idempotency-key': 'api-haendelse' });
    const second = await consultant.api('POST', '/api/v1/operations/incidents', viaApi, { 'idempotency-key': 'api-haendelse' });
    expect([first.statusCode, second.statusCode]).toEqual([201, 200]);
    expect(second.json().id).toBe(first.json().id);
  });

  it('closes an RCA item with today as its day and reopening clears it; the open count follows', async () => {
    const created = await consultant.api('POST', '/api/v1/operations/rca-items', { title: 'Dokumentér failover', owner: 'KMD', dueOn: '2025-07-01' }, { 'idempotency-key': 'rca-1' });
    expect(created.statusCode).toBe(201);
    const id = created.json().id;
    expect((await consultant.api('POST', '/api/v1/operations/rca-items', { title: 'Dokumentér failover', owner: 'KMD', dueOn: '2025-07-01' }, { 'idempotency-key': 'rca-1' })).json().id).toBe(id);
    expect((await faxe.api('GET', '/api/v1/operations')).json().summary).toMatchObject({ rcaTotal: 22, rcaOpen: 5 });

    const before = await audits('operations.rca_item_saved');
    expect((await consultant.post(`/drift/rca/${id}/tilstand`, { state: 'lukket' })).headers.location).toBe('/drift/rca?besked=gemt');
    expect((await consultant.post(`/drift/rca/${id}/tilstand`, { state: 'lukket' })).headers.location).toBe('/drift/rca?besked=uaendret');
    const [closed] = await db().select().from(operationsRcaItem).where(eq(operationsRcaItem.id, id));
    expect(closed).toMatchObject({ state: 'lukket', closedOn: '2025-06-02' });
    const reopened = await consultant.api('PUT', `/api/v1/operations/rca-items/${id}/state`, { state: 'i_gang' });
    expect(reopened.json()).toMatchObject({ state: 'i_gang', closedOn: null });
    expect(await audits('operations.rca_item_saved')).toBe(before + 2);
    const bad = await consultant.post('/drift/rca', { title: '', owner: '', dueOn: '2025-02-30' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Skriv hvem der ejer punktet');
    expect((await faxe.api('PUT', `/api/v1/operations/rca-items/${id}/state`, { state: 'lukket' })).statusCode).toBe(403);
  });

  it("adds a measure and changes its state and end month, shown in Danish months", async () => {
    const form = { requestKey: 'tiltag-1', title: 'Ny backupstrategi', owner: 'KMD', state: 'planlagt', endMonth: '08.2025' };
    expect((await consultant.post('/drift/tiltag', form)).headers.location).toBe('/drift/tiltag?besked=oprettet');
    expect((await consultant.post('/drift/tiltag', form)).headers.location).toBe('/drift/tiltag?besked=oprettet');
    const rows = await db().select().from(operationsMeasure).where(eq(operationsMeasure.title, 'Ny backupstrategi'));
    expect(rows).toHaveLength(1);
    const id = rows[0]!.id;
    expect((await consultant.post(`/drift/tiltag/${id}`, { state: 'i_gang', endMonth: '9.2025' })).headers.location).toBe('/drift/tiltag?besked=gemt');
    expect((await consultant.api('PUT', `/api/v1/operations/measures/${id}`, { state: 'i_gang', endMonth: '2025-09' })).json()).toMatchObject({ state: 'i_gang', endMonth: '2025-09' });
    const bad = await consultant.post(`/drift/tiltag/${id}`, { state: 'faerdig', endMonth: 'september' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Vælg planlagt, i gang eller gennemført');
    const page = await faxe.get('/drift');
    expect(page.body).toMatch(/Ny backupstrategi[\s\S]*?"Tilstand">I gang<\/td><td data-title="Afsluttes">september 2025<\/td>/);
    expect((await faxe.get('/drift/tiltag')).statusCode).toBe(403);
  });

  it('seeds the three months before the seeding day too, so /drift is current on any date', async () => {
    const later = new Date('2026-12-06T09:00:00Z');
    await seedDemoOperations(db(), later);
    t.setNow(later);
    // A year and a half on, the old session has expired.
    const reader = await loginAs(t.app, DEMO.programLeader('0320'));
    const api = (await reader.api('GET', '/api/v1/operations')).json();
    expect([api.from, api.to]).toEqual(['2025-12', '2026-11']);
    expect(api.summary).toMatchObject({ latestMonth: '2026-11', solutionsMet: 12, solutionsReported: 12 });
    expect(api.summary.monthly.filter((m: { reported: number }) => m.reported > 0).map((m: { month: string }) => m.month)).toEqual(['2026-09', '2026-10', '2026-11']);
    expect((await reader.get('/drift')).body).toContain('november 2026: SLA-målene opfyldt for 12 af 12 løsninger.');
    t.setNow(NOW);
  });

  it('reads months and periods as people write them', () => {
    expect(['05.2025', '5.2025', '2025-05', '05-2025'].map(parseMonth)).toEqual(['2025-05-01', '2025-05-01', '2025-05-01', '2025-05-01']);
    expect(['13.2025', '00.2025', 'maj', ''].map(parseMonth)).toEqual([null, null, null, null]);
    const fallback = { from: '2024-06-01', to: '2025-05-01' };
    expect(parseRange('01.2025', undefined, fallback, 36)).toMatchObject({ from: '2025-01-01', to: '2025-12-01', errors: {} });
    expect(parseRange('05.2025', '01.2025', fallback, 36).errors.to).toBe('Til-måneden ligger før fra-måneden');
  });
});
