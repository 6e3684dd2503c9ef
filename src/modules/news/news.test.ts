import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../test/app.ts';
import { auditEvent } from '../../platform/audit/schema.ts';
import { person } from '../../platform/identity/schema.ts';
import { project } from '../tasks/index.ts';
import { seedDemoNews } from './demo.ts';
import { programmeNews } from './queries.ts';
import { event, newsItem, newsItemProgramme } from './schema.ts';

const actorOf = (code: string | null) => ({ userId: '', personId: '', name: '', email: '', municipalityCode: code, municipalityName: code ? 'Faxe' : null, roles: [] });

const FAXE = '0320';
const BRONDBY = '0153';
/** The day of the May 2025 program leader meeting: the items below are dated around it. */
const NOW = new Date('2025-05-28T10:00:00Z');

describe('news and events', () => {
  let t: TestApp;
  let admin: Client, consultant: Client, faxe: Client, brondby: Client;
  const db = () => t.database.db;
  const ids = { flis: '', draft: '', aula: '', general: '', contact: '' };
  const newsRows = async () => (await db().select({ n: count() }).from(newsItem))[0]!.n;
  const audits = (action: string, id: string) =>
    db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, action), eq(auditEvent.entityId, id)));

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(NOW);
    [admin, consultant, faxe, brondby] = await Promise.all([
      loginAs(t.app, DEMO.admin),
      loginAs(t.app, DEMO.consultant),
      loginAs(t.app, DEMO.programLeader(FAXE)),
      loginAs(t.app, DEMO.programLeader(BRONDBY)),
    ]);
    ids.contact = (await db().select({ id: person.id }).from(person).where(eq(person.email, DEMO.consultant)))[0]!.id;
  }, 120_000);
  afterAll(() => t.close());

  it('lets a central editor write an item through the form, once however often it is sent, audited', async () => {
    const form = {
      requestKey: 'nyhed-flis-1',
      title: 'FLIS: 3 kommuner mangler AftaleID & <adgang>',
      body: 'Husk **trin 3** senest den 28. maj.\n\n<script>alert(1)</script>',
      contactPersonId: ids.contact,
      publishOn: '26.05.2025',
      solutions: 'flis',
    };
    const first = await admin.post('/nyt', form);
    expect(first.statusCode).toBe(303);
    ids.flis = /^\/nyt\/([0-9a-f-]{36})\?besked=oprettet$/.exec(String(first.headers.location))![1]!;
    const again = await admin.post('/nyt', form);
    expect(again.headers.location).toBe(first.headers.location);
    expect(await newsRows()).toBe(1);
    expect(await audits('news.item_saved', ids.flis)).toHaveLength(1);

    const page = await faxe.get(`/nyt/${ids.flis}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<strong>trin 3</strong>');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.body).toContain('&lt;script&gt;');
    expect(page.body).toContain('Karsten Konsulent');
    expect(page.body).toContain(`mailto:${DEMO.consultant}`);
    expect(page.body).toContain('FLIS');
  });

  it('refuses bad input with Danish field errors and writes nothing; municipalities cannot write', async () => {
    const before = await newsRows();
    const bad = await admin.api('POST', '/api/v1/news', { title: '', publishOn: '31.02.2025', contactPersonId: ids.contact.replace(/.$/, '0'), solutions: ['findes-ikke'] });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json().fieldErrors)).toEqual(expect.arrayContaining(['title', 'publishOn']));
    const badRefs = await admin.api('POST', '/api/v1/news', { title: 'Ok', publishOn: '2025-05-27', contactPersonId: '00000000-0000-4000-8000-000000000000', solutions: ['findes-ikke'] });
    expect(badRefs.statusCode).toBe(422);
    expect(badRefs.json().fieldErrors).toMatchObject({ contactPersonId: expect.any(String), solutions: expect.any(String) });
    const formError = await admin.post('/nyt', { title: '', publishOn: '2025-05-27' });
    expect(formError.statusCode).toBe(422);
    expect(formError.body).toContain('Skriv nyhedens titel');
    expect((await faxe.api('POST', '/api/v1/news', { title: 'Fra Faxe', publishOn: '2025-05-27' })).statusCode).toBe(403);
    expect((await faxe.post('/nyt', { title: 'Fra Faxe', publishOn: '2025-05-27' })).statusCode).toBe(403);
    expect(await newsRows()).toBe(before);
  });

  it('keeps an item waiting for its publish day from municipalities (404) and marks it for central staff', async () => {
    const body = { title: 'Kladde om FLIS', body: 'Kommer snart', publishOn: '2025-06-10', solutions: ['flis'] };
    const first = await consultant.api('POST', '/api/v1/news', body, { 'idempotency-key': 'kladde-1' });
    expect(first.statusCode).toBe(201);
    ids.draft = first.json().id;
    expect(first.json().published).toBe(false);
    const again = await consultant.api('POST', '/api/v1/news', body, { 'idempotency-key': 'kladde-1' });
    expect(again.json().id).toBe(ids.draft);

    expect((await faxe.get(`/nyt/${ids.draft}`)).statusCode).toBe(404);
    expect((await faxe.api('GET', `/api/v1/news/${ids.draft}`)).statusCode).toBe(404);
    expect((await faxe.get('/nyt')).body).not.toContain('Kladde om FLIS');
    expect((await faxe.api('GET', '/api/v1/news')).json().items.map((i: { id: string }) => i.id)).toEqual([ids.flis]);
    const central = await admin.get('/nyt');
    expect(central.body).toContain('Kladde om FLIS');
    expect(central.body).toContain('Vises fra 10.06.2025');
    expect((await admin.get(`/nyt/${ids.draft}`)).statusCode).toBe(200);
  });

  it('filters by solution and shows each municipality the recent news for the solutions its people hold roles for', async () => {
    ids.aula = (await admin.api('POST', '/api/v1/news', { title: 'Aula: sikre filer', publishOn: '2025-05-20', solutions: ['aula'] })).json().id;
    ids.general = (await admin.api('POST', '/api/v1/news', { title: 'Til alle kommuner', publishOn: '2025-05-21' })).json().id;
    const old = (await admin.api('POST', '/api/v1/news', { title: 'Gammel FLIS-nyhed', publishOn: '2025-03-01', solutions: ['flis'] })).json().id;

    const aulaOnly = await faxe.get('/nyt?loesning=aula');
    expect(aulaOnly.body).toContain('Aula: sikre filer');
    expect(aulaOnly.body).not.toContain('3 kommuner mangler');
    const flisApi = (await faxe.api('GET', '/api/v1/news?solution=flis')).json();
    expect(flisApi.items.map((i: { id: string }) => i.id)).toEqual([ids.flis, old]);

    // Faxe has a FLIS system owner, Brøndby has Aula's: each front page shows its own, both the general item; none the old or the draft.
    const faxeFront = (await faxe.get('/')).body;
    expect(faxeFront).toContain('3 kommuner mangler');
    expect(faxeFront).toContain('Til alle kommuner');
    expect(faxeFront).not.toContain('Aula: sikre filer');
    expect(faxeFront).not.toContain('Gammel FLIS-nyhed');
    expect(faxeFront).not.toContain('Kladde om FLIS');
    const brondbyFront = (await brondby.get('/')).body;
    expect(brondbyFront).toContain('Aula: sikre filer');
    expect(brondbyFront).not.toContain('3 kommuner mangler');
    const api = (await faxe.api('GET', '/api/v1/me/attention')).json();
    expect(JSON.stringify(api)).toContain('news.recent');
  });

  it('serves published items as a valid Atom feed without a login, with nothing unpublished or personal', async () => {
    const res = await t.app.inject('/nyt/feed.atom');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const xml = res.body;
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="utf-8"\?>\n<feed xmlns="http:\/\/www.w3.org\/2005\/Atom"/);
    for (const tag of ['id', 'title', 'updated']) expect(xml).toMatch(new RegExp(`^  <${tag}[ >]`, 'm'));
    const entries = xml.split('<entry>').slice(1);
    expect(entries).toHaveLength(4);
    for (const e of entries) for (const tag of ['<id>', '<title type="text">', '<updated>', '<link rel="alternate"', '<summary type="text">']) expect(e).toContain(tag);
    expect(xml).toContain('FLIS: 3 kommuner mangler AftaleID &amp; &lt;adgang&gt;');
    expect(xml).toContain('&lt;strong&gt;trin 3&lt;/strong&gt;');
    expect(xml).not.toContain('<script>');
    expect(xml).not.toContain('Kladde om FLIS');
    expect(xml).not.toContain(DEMO.consultant);
    expect(xml).toContain(`<updated>2025-05-28T10:00:00.000Z</updated>`);
  });

  it('edits and deletes through the same use cases, audited, a repeat changing nothing', async () => {
    expect((await faxe.get(`/nyt/${ids.general}/rediger`)).statusCode).toBe(403);
    const form = { title: 'Til alle kommuner', body: 'Rettet', publishOn: '2025-05-21', contactPersonId: '', solutions: 'aula' };
    expect((await consultant.post(`/nyt/${ids.general}`, form)).headers.location).toBe(`/nyt/${ids.general}?besked=gemt`);
    expect((await consultant.post(`/nyt/${ids.general}`, form)).headers.location).toBe(`/nyt/${ids.general}?besked=uaendret`);
    const saved = await audits('news.item_saved', ids.general);
    expect(saved).toHaveLength(2);
    const put = await admin.api('PUT', `/api/v1/news/${ids.general}`, { title: 'Til alle kommuner', body: 'Rettet', publishOn: '2025-05-21', solutions: ['aula', 'flis'] });
    expect(put.json().solutions.map((s: { key: string }) => s.key)).toEqual(['aula', 'flis']);

    expect((await faxe.post(`/nyt/${ids.general}/slet`)).statusCode).toBe(403);
    expect((await admin.post(`/nyt/${ids.general}/slet`)).headers.location).toBe('/nyt?besked=slettet');
    expect((await admin.post(`/nyt/${ids.general}/slet`)).headers.location).toBe('/nyt?besked=allerede-slettet');
    expect(await audits('news.item_deleted', ids.general)).toHaveLength(1);
    expect((await faxe.get(`/nyt/${ids.general}`)).statusCode).toBe(404);
  });

  it('lists events upcoming first and past below; central editors add them once', async () => {
    const form = { requestKey: 'arr-1', title: 'Cyberwalk', date: '13.06.2025', time: '10.00', place: 'Allinge', participants: 'Borgmesteren', link: 'https://example.dk/cyberwalk' };
    expect((await admin.post('/arrangementer', form)).headers.location).toBe('/arrangementer?besked=oprettet');
    expect((await admin.post('/arrangementer', form)).headers.location).toBe('/arrangementer?besked=oprettet');
    const past = await admin.api('POST', '/api/v1/events', { title: 'Programledermøde', date: '2025-04-02', time: '9.30', place: 'Online' });
    expect(past.statusCode).toBe(201);
    expect(past.json().startsAt).toBe('2025-04-02T07:30:00.000Z');
    const bad = await admin.api('POST', '/api/v1/events', { title: 'X', date: '2025-06-01', time: '25.00', link: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(422);
    expect(Object.keys(bad.json().fieldErrors).sort()).toEqual(['link', 'time']);
    expect((await faxe.api('POST', '/api/v1/events', { title: 'X', date: '2025-06-01', time: '10.00' })).statusCode).toBe(403);
    expect((await db().select({ n: count() }).from(event))[0]!.n).toBe(2);

    const list = (await faxe.api('GET', '/api/v1/events')).json();
    expect(list.upcoming.map((e: { title: string }) => e.title)).toEqual(['Cyberwalk']);
    expect(list.past.map((e: { title: string }) => e.title)).toEqual(['Programledermøde']);
    const page = (await faxe.get('/arrangementer')).body;
    expect(page.indexOf('Cyberwalk')).toBeLessThan(page.indexOf('Programledermøde'));
    expect(page).toContain('13. juni 2025 kl. 10.00');
    expect(page).not.toContain('Gem arrangementet');
  });

  it('shows every event field and lets central editors correct them with the rules of a new one, audited once', async () => {
    const [cyberwalk] = await db().select().from(event).where(eq(event.title, 'Cyberwalk'));
    const id = cyberwalk!.id;
    const list = (await faxe.get('/arrangementer')).body;
    const item = list.slice(list.indexOf('Cyberwalk'), list.indexOf('Programledermøde'));
    for (const shown of ['13. juni 2025 kl. 10.00', 'Allinge', 'Borgmesteren', 'href="https://example.dk/cyberwalk"', 'example.dk/cyberwalk']) expect(item).toContain(shown);
    expect(item).not.toContain('/rediger');
    expect((await admin.get('/arrangementer')).body).toContain(`href="/arrangementer/${id}/rediger"`);

    expect((await faxe.get(`/arrangementer/${id}/rediger`)).statusCode).toBe(403);
    const form = await admin.get(`/arrangementer/${id}/rediger`);
    expect(form.statusCode).toBe(200);
    for (const value of ['value="2025-06-13"', 'value="10.00"', 'value="Cyberwalk"', 'value="Allinge"', 'Borgmesteren</textarea>', 'value="https://example.dk/cyberwalk"']) expect(form.body).toContain(value);

    const changed = { title: 'Cyberwalk med KOMBIT', date: '14.06.2025', time: '9:30', place: 'Allinge Havn', participants: 'Borgmesteren, KOMBITs direktør', link: 'https://example.dk/cyberwalk-2025', description: '' };
    const before = await audits('event.updated', id);
    expect((await admin.post(`/arrangementer/${id}`, changed)).headers.location).toBe('/arrangementer?besked=rettet');
    expect((await admin.post(`/arrangementer/${id}`, changed)).headers.location).toBe('/arrangementer?besked=uaendret');
    const entries = await audits('event.updated', id);
    expect(entries).toHaveLength(before.length + 1);
    expect(entries.at(-1)!.before).toMatchObject({ title: 'Cyberwalk', date: '2025-06-13', time: '10.00', place: 'Allinge' });
    expect(entries.at(-1)!.after).toMatchObject({ title: 'Cyberwalk med KOMBIT', date: '2025-06-14', time: '09.30', link: 'https://example.dk/cyberwalk-2025' });
    const page = (await faxe.get('/arrangementer')).body;
    for (const shown of ['Cyberwalk med KOMBIT', '14. juni 2025 kl. 09.30', 'Allinge Havn', 'KOMBITs direktør', 'example.dk/cyberwalk-2025']) expect(page).toContain(shown);

    const bad = await admin.post(`/arrangementer/${id}`, { ...changed, title: '', time: '25.00', link: 'javascript:alert(1)' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Skriv arrangementets titel');
    expect(bad.body).toContain('Skriv klokkeslættet som tt.mm');
    expect(bad.body).toContain('value="Allinge Havn"');
    const badApi = await admin.api('PUT', `/api/v1/events/${id}`, { ...changed, date: '31.02.2025' });
    expect(badApi.statusCode).toBe(422);
    expect(Object.keys(badApi.json().fieldErrors)).toEqual(['date']);
    expect((await faxe.api('PUT', `/api/v1/events/${id}`, changed)).statusCode).toBe(403);
    expect((await admin.api('PUT', '/api/v1/events/00000000-0000-4000-8000-000000000000', changed)).statusCode).toBe(404);
    const [unchanged] = await db().select().from(event).where(eq(event.id, id));
    expect(unchanged).toMatchObject({ title: 'Cyberwalk med KOMBIT', place: 'Allinge Havn', startsAt: new Date('2025-06-14T07:30:00Z') });

    const put = await consultant.api('PUT', `/api/v1/events/${id}`, { ...changed, title: 'Cyberwalk', date: '2025-06-13', time: '10.00' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ title: 'Cyberwalk', startsAt: '2025-06-13T08:00:00.000Z', place: 'Allinge Havn', participants: 'Borgmesteren, KOMBITs direktør', link: 'https://example.dk/cyberwalk-2025' });
    expect(await audits('event.updated', id)).toHaveLength(before.length + 2);
  });

  it('seeds the deck’s items, current ones and the Folkemødet events, idempotently', async () => {
    await seedDemoNews(db(), NOW);
    const items = await newsRows();
    const events = (await db().select({ n: count() }).from(event))[0]!.n;
    await seedDemoNews(db(), NOW);
    expect(await newsRows()).toBe(items);
    expect((await db().select({ n: count() }).from(event))[0]!.n).toBe(events);
    const titles = (await db().select({ title: event.title }).from(event)).map((e) => e.title);
    expect(titles).toEqual(expect.arrayContaining(['AI og omsorg', 'Cyberwalk', 'Børns data', 'Cyberdebat']));
    const valg = (await faxe.api('GET', '/api/v1/news?solution=valg')).json();
    expect(valg.items.map((i: { title: string }) => i.title)).toEqual(['Status på VALG', 'KLIK-opgave om MitID Erhverv til alle brugere af VALG']);
    expect(valg.items[0].contact.name).toBe('Mikkel Valgø');
    // A programme's page lists its news through programmeNews, drafts only for central staff.
    const [flis] = await db().insert(project).values({ key: 'nyt-test-flis', name: 'FLIS (test)' }).returning({ id: project.id });
    await db().insert(newsItemProgramme).values([ids.flis, ids.draft].map((newsId) => ({ newsId, projectId: flis!.id })));
    expect((await programmeNews(db(), actorOf(FAXE), '2025-05-28', flis!.id)).rows.map((r) => r.id)).toEqual([ids.flis]);
    expect((await programmeNews(db(), actorOf(null), '2025-05-28', flis!.id)).rows.map((r) => r.id)).toEqual([ids.draft, ids.flis]);
    expect((await programmeNews(db(), null, '2025-05-28', flis!.id)).rows.map((r) => r.id)).toEqual([ids.flis]);
  });
});
