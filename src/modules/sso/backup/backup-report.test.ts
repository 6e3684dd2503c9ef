import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/client.ts';
import { readTable } from '../../../platform/spreadsheet/read.ts';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildContextHandlerUser, linkMitidRow, type ContextHandlerUser } from '../../../../test/factories/sso.ts';
import { ssoIdentity } from '../schema.ts';

/**
 * Who has no backup login (issue #15 point 4): the municipality's report, its XLSX and the API,
 * the central overview, the administrator's link and unlink, and the KLIK-administrator's
 * front-page item. No broker is needed: the rows are what Context Handler logins leave.
 */
const FAXE = '0320';
const BRONDBY = '0153';
const ITEM = /(\d+) brugere? mangler MitID Erhverv som reservelogin/;

describe('who has no MitID Erhverv backup login', () => {
  let t: TestApp;
  let klik: Client;
  let consultant: Client;
  let programleder: Client;
  let aulaUser: ContextHandlerUser;
  let plain: ContextHandlerUser;
  let brondbyUser: ContextHandlerUser;

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    // Created in an order that is not the expected one: the report must put VALG's system owner first.
    plain = await buildContextHandlerUser(db, { code: FAXE, name: 'Anders Almen', roles: [{ roleTypeKey: 'programleder' }], professionalUuid: randomUUID() });
    aulaUser = await buildContextHandlerUser(db, { code: FAXE, name: 'Birte Aula', roles: [{ roleTypeKey: 'superbruger', solutionKey: 'aula' }] });
    await buildContextHandlerUser(db, { code: FAXE, name: 'Åse Valg', roles: [{ roleTypeKey: 'systemansvarlig', solutionKey: 'valg' }] });
    await buildContextHandlerUser(db, { code: FAXE, name: 'Bo Valgsekretær', roles: [{ roleTypeKey: 'superbruger', solutionKey: 'valg' }] });
    const linked = await buildContextHandlerUser(db, { code: FAXE, name: 'Cecilie Har', roles: [{ roleTypeKey: 'superbruger', solutionKey: 'aula' }] });
    await linkMitidRow(db, linked.personId, randomUUID());
    brondbyUser = await buildContextHandlerUser(db, { code: BRONDBY, name: 'Brøndby Bruger', roles: [{ roleTypeKey: 'systemansvarlig', solutionKey: 'valg' }] });
    klik = await loginAs(t.app, DEMO.klikAdmin(FAXE));
    consultant = await loginAs(t.app, DEMO.consultant);
    programleder = await loginAs(t.app, DEMO.programLeader(FAXE));
  });
  afterAll(() => t?.close());

  const headings = (html: string) => [...html.matchAll(/<h2 id="gruppe-[^"]+">([^<]+)<\/h2>/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));

  it('lists the Context Handler users without a backup per solution, Valg first with its system owner on top', async () => {
    const res = await klik.get(`/kommuner/${FAXE}/reservelogin`);
    expect(res.statusCode).toBe(200);
    expect(headings(res.body)).toEqual(['Valg (2)', 'Aula (1)', 'Alle løsninger (1)']);
    const valgSection = res.body.slice(res.body.indexOf('id="gruppe-valg"'), res.body.indexOf('id="gruppe-aula"'));
    expect(valgSection.indexOf('Åse Valg')).toBeLessThan(valgSection.indexOf('Bo Valgsekretær'));
    expect(res.body).toContain('4 mangler reservelogin');
    expect(res.body).toContain('1 har MitID Erhverv som reservelogin');
    expect(res.body).toContain('Cecilie Har');
    expect(res.body).not.toContain('Brøndby Bruger');
    // Anders' UUID is known from Context Handler: his first backup login links him.
    expect(res.body).toContain('Ja – tilknyttes ved første log ind med MitID Erhverv');
  });

  it('gives the same list as XLSX and through the API, VALG system owners first; another municipality is 404', async () => {
    const xlsx = await klik.get(`/kommuner/${FAXE}/reservelogin.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toContain('reservelogin-0320-faxe.xlsx');
    const rows = (await readTable(xlsx.rawPayload, 'x.xlsx')).rows.map((r) => r.values);
    expect(rows.map((r) => r.navn)).toEqual(['Åse Valg', 'Anders Almen', 'Birte Aula', 'Bo Valgsekretær']);
    expect(rows[0]!['systemansvarlig for valg']).toBe('Ja');

    const api = await klik.api('GET', `/api/v1/sso/backup-missing?municipality=${FAXE}`);
    expect(api.statusCode).toBe(200);
    const body = api.json<{ people: { name: string; valgSystemOwner: boolean }[]; municipalities: { code: string; missing: number; withBackup: number }[] }>();
    expect(body.people[0]).toMatchObject({ name: 'Åse Valg', valgSystemOwner: true });
    expect(body.people).toHaveLength(4);
    expect(body.municipalities).toEqual([{ code: FAXE, name: 'Faxe', missing: 4, withBackup: 1 }]);
    expect((await klik.api('GET', '/api/v1/sso/backup-missing')).json<{ people: unknown[] }>().people).toHaveLength(4);

    expect((await klik.get(`/kommuner/${BRONDBY}/reservelogin`)).statusCode).toBe(404);
    expect((await klik.get(`/kommuner/${BRONDBY}/reservelogin.xlsx`)).statusCode).toBe(404);
    expect((await klik.api('GET', `/api/v1/sso/backup-missing?municipality=${BRONDBY}`)).statusCode).toBe(404);
    expect((await programleder.get(`/kommuner/${FAXE}/reservelogin`)).statusCode).toBe(403);
  });

  it('shows central staff all municipalities, filtered by solution', async () => {
    const all = await consultant.get('/sso/reservelogin');
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Brøndby Bruger');
    expect(all.body).toContain('Åse Valg');
    const aula = await consultant.get('/sso/reservelogin?loesning=aula');
    expect(aula.body).toContain('Birte Aula');
    expect(aula.body).not.toContain('Åse Valg');
    const xlsx = await consultant.get('/sso/reservelogin.xlsx?loesning=valg');
    const names = (await readTable(xlsx.rawPayload, 'x.xlsx')).rows.map((r) => r.values.navn);
    expect(names.slice(0, 2).sort()).toEqual(['Brøndby Bruger', 'Åse Valg'].sort());
    expect(names).toContain('Bo Valgsekretær');
    expect((await klik.get('/sso/reservelogin')).statusCode).toBe(403);
  });

  it('shows the KLIK-administrator a front-page item while anyone lacks a backup, on their own municipality only', async () => {
    const front = await klik.get('/');
    expect(ITEM.exec(front.body)?.[1]).toBe('4');
    expect(front.body).toContain(`href="/kommuner/${FAXE}/reservelogin"`);
    expect((await programleder.get('/')).body).not.toMatch(ITEM);
  });

  it('lets the KLIK-administrator link an identifier: bad input refused in Danish, another municipality 404, a double submit writes once', async () => {
    const url = `/kommuner/${FAXE}/reservelogin/personer/${aulaUser.personId}/tilknyt`;
    const bad = await klik.post(url, { identifikator: 'Birte Aula' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Identifikatoren skal være et UUID');
    const empty = await klik.post(url, { identifikator: ' ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Skriv MitID Erhverv-identifikatoren');
    expect(await t.database.db.select().from(ssoIdentity).where(and(eq(ssoIdentity.provider, 'mitid-erhverv'), eq(ssoIdentity.personId, aulaUser.personId)))).toHaveLength(0);

    const subject = randomUUID();
    expect((await klik.post(`/kommuner/${BRONDBY}/reservelogin/personer/${brondbyUser.personId}/tilknyt`, { identifikator: subject })).statusCode).toBe(404);
    expect((await klik.post(`/kommuner/${FAXE}/reservelogin/personer/${brondbyUser.personId}/tilknyt`, { identifikator: subject })).statusCode).toBe(404);
    expect((await programleder.post(url, { identifikator: subject })).statusCode).toBe(403);

    const first = await klik.post(url, { identifikator: subject.toUpperCase() });
    expect(first.headers.location).toBe(`/kommuner/${FAXE}/reservelogin?besked=tilknyttet`);
    const second = await klik.post(url, { identifikator: subject });
    expect(second.headers.location).toBe(`/kommuner/${FAXE}/reservelogin?besked=uaendret`);
    const rows = await t.database.db.select().from(ssoIdentity).where(and(eq(ssoIdentity.provider, 'mitid-erhverv'), eq(ssoIdentity.personId, aulaUser.personId)));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ subject, linkedVia: 'admin' });
    const audits = await rawRows(t.database.db, sql`select 1 from audit_event where action = 'sso.backup_linked' and entity_id = ${rows[0]!.id}`);
    expect(audits).toHaveLength(1);

    // The same identifier for someone else in Faxe is refused; another identifier for Birte too.
    const clash = await klik.post(`/kommuner/${FAXE}/reservelogin/personer/${plain.personId}/tilknyt`, { identifikator: subject });
    expect(clash.statusCode).toBe(409);
    expect(clash.body).toContain('allerede tilknyttet en anden bruger i kommunen');
    expect((await klik.post(url, { identifikator: randomUUID() })).statusCode).toBe(409);

    const page = await klik.get(`/kommuner/${FAXE}/reservelogin?besked=tilknyttet`);
    expect(page.body).toContain('MitID Erhverv er tilknyttet.');
    expect(page.body).toContain('3 mangler reservelogin');
  });

  it('unlinks after a confirmation, audited, and a second confirmation changes nothing', async () => {
    const path = `/kommuner/${FAXE}/reservelogin/personer/${aulaUser.personId}/fjern`;
    const confirm = await klik.get(path);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Ja, fjern tilknytningen');
    expect((await klik.post(path)).headers.location).toBe(`/kommuner/${FAXE}/reservelogin?besked=fjernet`);
    expect((await klik.post(path)).headers.location).toBe(`/kommuner/${FAXE}/reservelogin?besked=ingen`);
    const audits = await rawRows(t.database.db, sql`select 1 from audit_event where action = 'sso.backup_unlinked' and municipality_code = ${FAXE}`);
    expect(audits).toHaveLength(1);
    expect((await klik.get(`/kommuner/${BRONDBY}/reservelogin/personer/${brondbyUser.personId}/fjern`)).statusCode).toBe(404);
  });

  it('runs the same number of statements for the report with many more people (bounded)', async () => {
    const count = async () => {
      const start = t.database.queries.count;
      expect((await klik.get(`/kommuner/${FAXE}/reservelogin`)).statusCode).toBe(200);
      return t.database.queries.count - start;
    };
    const few = await count();
    for (let i = 0; i < 30; i++) {
      await buildContextHandlerUser(t.database.db, { code: FAXE, name: `Ekstra ${String(i)}`, roles: [{ roleTypeKey: 'superbruger', solutionKey: i % 2 ? 'aula' : 'valg' }] });
    }
    expect(await count()).toBe(few);
  });

  it('takes the front-page item away once everyone has a backup', async () => {
    const missing = await rawRows<{ person_id: string }>(
      t.database.db,
      sql`select ch.person_id from sso_identity ch join person p on p.id = ch.person_id where ch.provider = 'context-handler' and p.municipality_code = ${FAXE}
          and not exists (select 1 from sso_identity m where m.person_id = ch.person_id and m.provider = 'mitid-erhverv')`,
    );
    for (const m of missing) await klik.post(`/kommuner/${FAXE}/reservelogin/personer/${m.person_id}/tilknyt`, { identifikator: randomUUID() });
    const front = await klik.get('/');
    expect(front.body).not.toMatch(ITEM);
    const report = await klik.get(`/kommuner/${FAXE}/reservelogin`);
    expect(report.body).toContain('0 mangler reservelogin');
    expect(report.body).toContain('Alle brugere, der har logget ind med Context Handler, har MitID Erhverv som reservelogin.');
  });
});
