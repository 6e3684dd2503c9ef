import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { aulaMunicipality, aulaReadinessEvent, aulaRelevantCategory } from '../schema.ts';
import { loadMunicipalities } from './load-municipality.ts';

const FAXE = '0320';
const BRONDBY = '0153';
const page = `/aula/kommuner/${FAXE}`;
const apiUrl = `/api/v1/aula/municipalities/${FAXE}`;

describe("a municipality's Aula registration", () => {
  let t: TestApp;
  let keeper: Client;
  let faxeUser: Client;
  let brondby: Client;
  let consultant: Client;

  const audits = async (action: string) =>
    (await t.database.db.select({ n: count() }).from(auditEvent).where(and(eq(auditEvent.action, action), eq(auditEvent.municipalityCode, FAXE))))[0]!.n;
  const registration = async () => (await t.database.db.select().from(aulaMunicipality).where(eq(aulaMunicipality.municipalityCode, FAXE)))[0];

  beforeAll(async () => {
    t = await startTestApp();
    keeper = await loginAs(t.app, DEMO.programLeader(FAXE));
    faxeUser = await loginAs(t.app, DEMO.klikAdmin(FAXE));
    brondby = await loginAs(t.app, DEMO.programLeader(BRONDBY));
    consultant = await loginAs(t.app, DEMO.consultant);
  });
  afterAll(async () => t.close());

  it('starts with nothing registered: defaults for the categories, nothing ticked', async () => {
    const res = await faxeUser.get(apiUrl);
    expect(res.statusCode).toBe(200);
    const m = res.json();
    expect(m).toMatchObject({ code: FAXE, name: 'Faxe', esdh: { system: null, other: null, vendorInTest: null }, integrationState: 'ikke_startet', archive: { kind: null, state: 'ikke_planlagt' } });
    expect(m.relevantCategories.filter((c: { relevant: boolean }) => c.relevant).map((c: { key: string }) => c.key)).toEqual([
      'handleplaner',
      'indstillinger',
      'magtanvendelsesskemaer',
      'observationer',
      'referater',
      'rive-kradseskema',
    ]);
    expect(m.readiness.map((r: { done: boolean }) => r.done)).toEqual([false, false, false]);
  });

  it("Faxe's programleder saves ESDH and integration on the page; the same again changes nothing", async () => {
    await keeper.get(page);
    const form = { esdhSystem: 'andet', esdhOther: 'KMD Nova', vendorInTest: 'nej', integrationState: 'leverandoer_kontaktet' };
    const res = await keeper.post(`${page}/esdh`, form);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${page}?besked=esdh-gemt#esdh`);
    expect(await registration()).toMatchObject({ esdhSystem: 'andet', esdhOther: 'KMD Nova', vendorInTest: false, integrationState: 'leverandoer_kontaktet' });
    expect(await audits('aula.municipality_saved')).toBe(1);
    const again = await keeper.post(`${page}/esdh`, form);
    expect(again.headers.location).toBe(`${page}?besked=uaendret#esdh`);
    expect(await audits('aula.municipality_saved')).toBe(1);
    const shown = await faxeUser.get(page);
    expect(shown.body).toContain('Andet: KMD Nova');
    expect(shown.body).toContain('Leverandør kontaktet');
    expect(shown.body).not.toContain('Gem ESDH og integration');
  });

  it('saves the archive without touching ESDH, and refuses bad input in Danish with nothing changed', async () => {
    const ok = await keeper.post(`${page}/arkiv`, { archiveKind: 'paragraf7', archiveName: 'Faxe Stadsarkiv', archivePlannedOn: '01.03.2026', archiveState: 'planlagt' });
    expect(ok.statusCode).toBe(303);
    const saved = await registration();
    expect(saved).toMatchObject({ esdhSystem: 'andet', esdhOther: 'KMD Nova', archiveKind: 'paragraf7', archiveName: 'Faxe Stadsarkiv', archivePlannedOn: '2026-03-01', archiveState: 'planlagt' });
    const auditsBefore = await audits('aula.municipality_saved');

    const noName = await keeper.post(`${page}/arkiv`, { archiveKind: 'paragraf7', archiveName: ' ', archivePlannedOn: '', archiveState: 'i_gang' });
    expect(noName.statusCode).toBe(422);
    expect(noName.body).toContain('Skriv navnet på § 7-arkivet');
    const badDate = await keeper.post(`${page}/arkiv`, { archiveKind: 'rigsarkivet', archivePlannedOn: '31.02.2026', archiveState: 'i_gang' });
    expect(badDate.statusCode).toBe(422);
    expect(badDate.body).toContain('Skriv datoen som dd.mm.åååå');
    expect(badDate.body).toContain('value="31.02.2026"');
    const otherWithoutName = await keeper.post(`${page}/esdh`, { esdhSystem: 'andet', esdhOther: '', vendorInTest: 'ja', integrationState: 'i_drift' });
    expect(otherWithoutName.statusCode).toBe(422);
    expect(otherWithoutName.body).toContain('Skriv navnet på kommunens ESDH-system');
    const api = await keeper.api('PUT', apiUrl, { esdhSystem: 'sbsys', vendorInTest: true, integrationState: 'i_drift', archiveKind: 'rigsarkivet', archivePlannedOn: 'snart', archiveState: 'planlagt' });
    expect(api.statusCode).toBe(422);
    expect(api.json().fieldErrors.archivePlannedOn).toMatch(/Skriv datoen/);

    expect(await registration()).toEqual(saved);
    expect(await audits('aula.municipality_saved')).toBe(auditsBefore);
  });

  it('saves the relevant categories as nine rows, shown on the page and in the API', async () => {
    const res = await keeper.post(`${page}/kategorier`, { categories: 'dagsordener' });
    expect(res.statusCode).toBe(303);
    const rows = await t.database.db.select().from(aulaRelevantCategory).where(eq(aulaRelevantCategory.municipalityCode, FAXE));
    expect(rows).toHaveLength(9);
    expect(rows.filter((r) => r.relevant).map((r) => r.category)).toEqual(['dagsordener']);
    expect((await faxeUser.get(page)).body).toMatch(/Dagsordener<\/th>\s*<td[^>]*>Ja<\/td>/);

    const put = await keeper.api('PUT', `${apiUrl}/relevant-categories`, { categories: ['handleplaner', 'dagsordener'] });
    expect(put.statusCode).toBe(200);
    const m = put.json();
    expect(m.relevantCategories.find((c: { key: string }) => c.key === 'dagsordener')).toEqual({ key: 'dagsordener', name: 'Dagsordener', relevant: true, isDefault: false });
    expect(m.relevantCategories.find((c: { key: string }) => c.key === 'referater')).toMatchObject({ relevant: false, isDefault: true });
    expect(await audits('aula.relevant_categories_saved')).toBe(2);

    const same = await keeper.api('PUT', `${apiUrl}/relevant-categories`, { categories: ['dagsordener', 'handleplaner'] });
    expect(same.statusCode).toBe(200);
    expect(await audits('aula.relevant_categories_saved')).toBe(2);
    const bad = await keeper.api('PUT', `${apiUrl}/relevant-categories`, { categories: ['handleplaner', 'boernenes-navne'] });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fieldErrors.categories).toContain('Ukendt kategori');
    const relevant = await t.database.db.select().from(aulaRelevantCategory).where(and(eq(aulaRelevantCategory.municipalityCode, FAXE), eq(aulaRelevantCategory.relevant, true)));
    expect(relevant.map((r) => r.category).sort()).toEqual(['dagsordener', 'handleplaner']);
  });

  it('keeps the readiness checklist as history; a double submit makes one event', async () => {
    const tick = { item: 'integration_i_drift', done: 'true', note: 'Sat i drift efter test' };
    expect((await keeper.post(`${page}/parathed`, tick)).headers.location).toBe(`${page}?besked=parathed-gemt#parathed`);
    expect((await keeper.post(`${page}/parathed`, tick)).headers.location).toBe(`${page}?besked=uaendret#parathed`);
    const api = await keeper.api('POST', `${apiUrl}/readiness`, { item: 'integration_i_drift', done: false, note: 'Fejl fundet' });
    expect(api.statusCode).toBe(200);
    expect(api.json().readiness[0]).toMatchObject({ item: 'integration_i_drift', done: false, by: 'Programleder Faxe', note: 'Fejl fundet' });
    const events = await t.database.db.select().from(aulaReadinessEvent).where(eq(aulaReadinessEvent.municipalityCode, FAXE));
    expect(events).toHaveLength(2);
    expect(await audits('aula.readiness_changed')).toBe(2);

    const body = (await faxeUser.get(page)).body;
    const history = body.slice(body.indexOf('<h3>Historik</h3>'));
    expect(history.indexOf('Fejl fundet')).toBeGreaterThan(0);
    expect(history.indexOf('Fejl fundet')).toBeLessThan(history.indexOf('Sat i drift efter test'));
    expect(history).toContain('Programleder Faxe');
    expect(history).toContain('Markeret som ikke klaret');

    const bad = await keeper.api('POST', `${apiUrl}/readiness`, { item: 'alt_er_godt', done: true });
    expect(bad.statusCode).toBe(422);
    expect((await t.database.db.select().from(aulaReadinessEvent).where(eq(aulaReadinessEvent.municipalityCode, FAXE))).length).toBe(2);
  });

  it('a Faxe user without the keeper roles reads but may not write', async () => {
    expect((await faxeUser.get(page)).statusCode).toBe(200);
    expect((await faxeUser.get(apiUrl)).statusCode).toBe(200);
    expect((await faxeUser.post(`${page}/esdh`, { esdhSystem: 'sbsys', vendorInTest: 'ja', integrationState: 'i_drift' })).statusCode).toBe(403);
    expect((await faxeUser.api('PUT', `${apiUrl}/relevant-categories`, { categories: [] })).statusCode).toBe(403);
    expect((await faxeUser.api('POST', `${apiUrl}/readiness`, { item: 'filer_journaliseret', done: true })).statusCode).toBe(403);
    expect((await registration())!.esdhSystem).toBe('andet');
  });

  it("Brøndby's programleder finds no Faxe page or API; the consultant reads every municipality and writes none", async () => {
    await brondby.get(`/aula/kommuner/${BRONDBY}`);
    expect((await brondby.get(page)).statusCode).toBe(404);
    expect((await brondby.get(apiUrl)).statusCode).toBe(404);
    expect((await brondby.post(`${page}/esdh`, { esdhSystem: 'sbsys', vendorInTest: 'ja', integrationState: 'i_drift' })).statusCode).toBe(404);
    expect((await brondby.api('PUT', apiUrl, {})).statusCode).toBe(404);

    const faxe = await consultant.get(page);
    expect(faxe.statusCode).toBe(200);
    expect(faxe.body).toContain('Faxe Stadsarkiv');
    expect((await consultant.get(`/api/v1/aula/municipalities/${BRONDBY}`)).json()).toMatchObject({ code: BRONDBY, name: 'Brøndby', integrationState: 'ikke_startet' });
    expect((await consultant.get('/api/v1/aula/municipalities/9999')).statusCode).toBe(404);
    expect((await consultant.post(`${page}/arkiv`, { archiveKind: 'rigsarkivet', archiveState: 'afleveret' })).statusCode).toBe(403);
    expect((await consultant.api('POST', `${apiUrl}/readiness`, { item: 'filer_journaliseret', done: true })).statusCode).toBe(403);
  });

  it('reads many municipalities with the same statements as one, each with its own values', async () => {
    const db = t.database.db;
    await db.insert(aulaMunicipality).values({ municipalityCode: BRONDBY, esdhSystem: 'sbsys', vendorInTest: true, integrationState: 'i_test' });
    const start = t.database.queries.count;
    const one = await loadMunicipalities(db, [FAXE]);
    const oneCount = t.database.queries.count - start;
    const both = await loadMunicipalities(db, [BRONDBY, FAXE, '9999']);
    expect(t.database.queries.count - start - oneCount).toBe(oneCount);
    expect(both.map((m) => m.code)).toEqual([BRONDBY, FAXE]);
    expect(both[1]).toEqual(one[0]);
    expect(both[0]).toMatchObject({ esdh: { system: 'sbsys', vendorInTest: true }, integrationState: 'i_test', archive: { kind: null } });
    expect(both[0]!.relevantCategories.filter((c) => c.relevant)).toHaveLength(6);
    expect(both[0]!.readiness.every((r) => !r.done && r.at === null)).toBe(true);
    expect(both[1]!.relevantCategories.filter((c) => c.relevant).map((c) => c.key)).toEqual(['dagsordener', 'handleplaner']);
  });
});
