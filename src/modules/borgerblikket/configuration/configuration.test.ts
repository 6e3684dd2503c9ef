import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildKleNumbers, buildKlePlanOfSize, setKleEntries } from '../../../../test/factories/borgerblikket.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { bbConfigChange, bbConfigChangeEntry, bbConfigEntry, kleNumber } from '../schema.ts';

const FAXE = '0320';
const BRONDBY = '0153';
const page = `/borgerblikket/kommuner/${FAXE}`;
const apiUrl = `/api/v1/borgerblikket/municipalities/${FAXE}/configuration`;
const NOW = new Date('2025-09-15T10:00:00Z');

const KLE = ['27.12.04', '27.12.05', '27.12.06', '27.14.02', '28.01.02', '28.01.03', '28.02.01', '29.03.01'];

describe("a municipality's KLE configuration", () => {
  let t: TestApp;
  let keeper: Client;
  let faxeUser: Client;
  let brondby: Client;
  let consultant: Client;

  const db = () => t.database.db;
  const entry = async (kle: string, code = FAXE) =>
    (await db().select({ s: bbConfigEntry.settings }).from(bbConfigEntry).where(and(eq(bbConfigEntry.municipalityCode, code), eq(bbConfigEntry.kle, kle))))[0]?.s ?? null;
  const changes = async (kind?: string) =>
    (
      await db()
        .select({ n: count() })
        .from(bbConfigChange)
        .where(and(eq(bbConfigChange.municipalityCode, FAXE), kind ? eq(bbConfigChange.kind, kind as 'rediger') : undefined))
    )[0]!.n;
  const audits = async () =>
    (await db().select({ n: count() }).from(auditEvent).where(and(eq(auditEvent.action, 'borgerblikket.configuration_changed'), eq(auditEvent.municipalityCode, FAXE))))[0]!.n;
  /** A setting's cell: the value and where it comes from; the default says nothing. */
  const cell = (value: string, source: string) => (source === 'standard' ? `">${value}</td>` : `">${value} <small>${source}</small></td>`);
  /** A form with a repeated field (the ticked rows), as a browser sends it. */
  const postForm = (client: Client, url: string, pairs: [string, string][]) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams([...pairs, ['_csrf', client.csrf]]).toString(),
    });
  const row = (html: string, kle: string) => {
    const start = html.indexOf(`<tr data-kle="${kle}"`);
    expect(start, `row ${kle}`).toBeGreaterThan(-1);
    return html.slice(start, html.indexOf('</tr>', start));
  };

  /** Every change a minute after the one before, so the history's "newest first" is well defined. */
  let clock = NOW.getTime();
  const tick = () => t.setNow(new Date((clock += 60_000)));

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(NOW);
    await buildKleNumbers(db(), KLE, { '27': 'Arbejdsmarked og beskæftigelse', '27.12': 'Ressourceforløb', '27.12.04': 'Ressourceforløb for unge', '28': 'Børn og unge' });
    keeper = await loginAs(t.app, DEMO.programLeader(FAXE));
    faxeUser = await loginAs(t.app, DEMO.klikAdmin(FAXE));
    brondby = await loginAs(t.app, DEMO.programLeader(BRONDBY));
    consultant = await loginAs(t.app, DEMO.consultant);
  });
  afterAll(async () => t.close());

  it('shows the whole plan with what holds for each number and where it comes from', async () => {
    await setKleEntries(db(), FAXE, { '27': { shown: true }, '27.12': { fromDate: '2024-01-01', sourceSystems: ['KMD Nova'] }, '28.01.02': { shown: true, youth: false } });
    const res = await faxeUser.get(page);
    expect(res.statusCode).toBe(200);
    const r = row(res.body, '27.12.04');
    expect(r).toContain('Ressourceforløb for unge');
    expect(r).toContain(cell('Ja', 'arvet fra 27'));
    expect(r).toContain(cell('01.01.2024', 'arvet fra 27.12'));
    expect(r).toContain(cell('KMD Nova', 'arvet fra 27.12'));
    expect(r).toContain(cell('Ja', 'standard'));
    expect(row(res.body, '27')).toContain(cell('Ja', 'sat her'));
    expect(row(res.body, '29.03.01')).toContain(cell('Nej', 'standard'));
    expect(row(res.body, '28.01.02')).toContain(cell('Nej', 'sat her'));
    // A Faxe user who does not keep the configuration reads it without the bulk form.
    expect(res.body).not.toContain('Gem for de valgte numre');

    const youth = await faxeUser.get(`${page}?vis=lukket-unge`);
    expect(youth.body).toContain('data-kle="28.01.02"');
    expect(youth.body).not.toContain('data-kle="27.12.04"');
    const main = await faxeUser.get(`${page}?hovedgruppe=28&soeg=28.01`);
    expect(main.body).toContain('data-kle="28.01.03"');
    expect(main.body).not.toContain('data-kle="28.02.01"');
    expect(main.body).not.toContain('data-kle="27.12.04"');
    const search = await faxeUser.get(`${page}?soeg=ressourceforløb for`);
    expect(search.body.match(/<tr data-kle=/g)).toHaveLength(1);
    const mangled = await faxeUser.get(`${page}?vis=alt&hovedgruppe=x`);
    expect(mangled.statusCode).toBe(200);
  });

  it('is 404 for another municipality and for no municipality; central staff read every one, municipalities get no central list', async () => {
    expect((await brondby.get(page)).statusCode).toBe(404);
    expect((await brondby.get(apiUrl)).statusCode).toBe(404);
    expect((await brondby.get(`${page}/kle/27.12.04`)).statusCode).toBe(404);
    expect((await brondby.get(`${page}/historik`)).statusCode).toBe(404);
    expect((await brondby.get('/borgerblikket/kommuner')).statusCode).toBe(404);
    expect((await consultant.get(page)).statusCode).toBe(200);
    expect((await consultant.get('/borgerblikket/kommuner/9999')).statusCode).toBe(404);
    expect((await consultant.get(`${page}/kle/27.99.99`)).statusCode).toBe(404);
    expect((await consultant.get(`${page}/kle/drop`)).statusCode).toBe(404);
    const list = await consultant.get('/borgerblikket/kommuner');
    expect(list.statusCode).toBe(200);
    expect(list.body.match(/<tr data-kommune=/g)).toHaveLength(98);
    const faxe = list.body.slice(list.body.indexOf(`data-kommune="${FAXE}"`));
    // Opened: 27's four topics by inheritance and 28.01.02; closed for the young: 28.01.02; three entries.
    expect(faxe.slice(0, faxe.indexOf('</tr>'))).toMatch(/>5<\/td>\s*<td[^>]*>1<\/td>\s*<td[^>]*>3<\/td>/);
  });

  it('edits one number with a reason, keeps who, when and why, and writes once however often it is sent', async () => {
    const form = { shown: 'arv', youth: 'nej', fromDateMode: 'sat', fromDate: '01.03.2025', sourceSystemsMode: 'arv', sourceSystems: '', reason: 'Ikke klar til unge', requestKey: 'k-rediger-1' };
    const before = await audits();
    const res = await keeper.post(`${page}/kle/27.12.04`, form);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${page}/kle/27.12.04?besked=gemt`);
    expect(await entry('27.12.04')).toEqual({ fromDate: '2025-03-01', youth: false });
    expect(await audits()).toBe(before + 1);
    expect((await keeper.post(`${page}/kle/27.12.04`, form)).headers.location).toBe(`${page}/kle/27.12.04?besked=gemt`);
    expect((await keeper.post(`${page}/kle/27.12.04`, { ...form, requestKey: 'k-rediger-2' })).headers.location).toBe(`${page}/kle/27.12.04?besked=uaendret`);
    expect(await audits()).toBe(before + 1);

    const shown = await faxeUser.get(`${page}/kle/27.12.04`);
    expect(shown.body).toContain('Programleder Faxe');
    expect(shown.body).toContain('Ikke klar til unge');
    expect(shown.body).toContain('Vises for 15–17-årige: arves → Nej');
    expect(shown.body).toContain('Fradato: arves → 01.03.2025');
    expect(shown.body).not.toContain('Gem indstillingen');
    const edit = await keeper.get(`${page}/kle/27.12.04`);
    expect(edit.body).toContain('Arv: Ja (fra 27)');
    expect(edit.body).toMatch(/<option value="nej" selected>Nej<\/option>/);
  });

  it('refuses to save a form opened before someone else changed the number, and shows what holds now', async () => {
    const opened = await keeper.get(`${page}/kle/27.14.02`);
    const basis = /name="grundlag" value="([0-9a-f]{16})"/.exec(opened.body)![1]!;
    // Meanwhile the assessment (or a colleague) closes the number for the young.
    await setKleEntries(db(), FAXE, { '27.14.02': { youth: false } });
    const form = { shown: 'arv', youth: 'arv', fromDateMode: 'sat', fromDate: '01.02.2025', sourceSystemsMode: 'arv', sourceSystems: '', reason: 'Ny fradato', grundlag: basis };
    const stale = await keeper.post(`${page}/kle/27.14.02`, form);
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Nummerets indstilling er ændret, siden du åbnede siden');
    expect(stale.body).toContain('Ny fradato');
    expect(await entry('27.14.02')).toEqual({ youth: false });
    // Saved again from the page as it is now, the change goes through and keeps the Nej it shows.
    const fresh = /name="grundlag" value="([0-9a-f]{16})"/.exec(stale.body)![1]!;
    expect(fresh).not.toBe(basis);
    const saved = await keeper.post(`${page}/kle/27.14.02`, { ...form, youth: 'nej', grundlag: fresh });
    expect(saved.statusCode).toBe(303);
    expect(await entry('27.14.02')).toEqual({ youth: false, fromDate: '2025-02-01' });
  });

  it('refuses a missing reason, a from-date after this year and a bad choice in Danish, and changes nothing', async () => {
    const was = await entry('27.12.04');
    const before = await changes();
    const noReason = await keeper.post(`${page}/kle/27.12.04`, { youth: 'ja', reason: ' ' });
    expect(noReason.statusCode).toBe(422);
    expect(noReason.body).toContain('Skriv hvorfor indstillingen ændres');
    const nextYear = await keeper.post(`${page}/kle/27.12.04`, { fromDateMode: 'sat', fromDate: '01.01.2026', reason: 'Senere' });
    expect(nextYear.statusCode).toBe(422);
    expect(nextYear.body).toContain('Fradatoen må højst være 31.12.2025');
    expect(nextYear.body).toContain('value="01.01.2026"');
    const bad = await keeper.post(`${page}/kle/27.12.04`, { shown: 'maaske', reason: 'x' });
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Vælg arv, ja eller nej');
    const api = await keeper.api('PUT', `${apiUrl}/27.12.04`, { settings: { youth: 'nej', colour: 'blå' }, reason: 'x' });
    expect(api.statusCode).toBe(422);
    expect(api.json().fieldErrors).toMatchObject({ youth: 'Vælg ja eller nej', settings: 'Ukendte felter: colour' });
    expect(await entry('27.12.04')).toEqual(was);
    expect(await changes()).toBe(before);
  });

  it('lets only the keepers write: other Faxe users and central staff 403, another municipality 404', async () => {
    const form = { youth: 'nej', reason: 'Forsøg' };
    expect((await faxeUser.post(`${page}/kle/27.12.05`, form)).statusCode).toBe(403);
    expect((await consultant.post(`${page}/kle/27.12.05`, form)).statusCode).toBe(403);
    expect((await brondby.post(`${page}/kle/27.12.05`, form)).statusCode).toBe(404);
    expect((await consultant.api('PUT', `${apiUrl}/27.12.05`, { settings: { youth: false }, reason: 'x' })).statusCode).toBe(403);
    expect((await brondby.api('POST', `${apiUrl}/bulk`, { kle: ['27.12.05'], set: { youth: false }, reason: 'x' })).statusCode).toBe(404);
    expect((await faxeUser.post(`${page}/masseaendring`, { kle: '27.12.05', youth: 'nej', reason: 'x' })).statusCode).toBe(403);
    expect(await entry('27.12.05')).toBeNull();
  });

  it('bulk-sets youth to Nej on the chosen numbers as one change with one reason, once per request key', async () => {
    const before = { changes: await changes('masseaendring'), audits: await audits() };
    const form: [string, string][] = [
      ['kle', '27.12.05'],
      ['kle', '27.12.06'],
      ['kle', '28.01.03'],
      ['youth', 'nej'],
      ['shown', 'uaendret'],
      ['reason', 'Data ikke klar'],
      ['requestKey', 'k-masse-1'],
    ];
    const res = await postForm(keeper, `${page}/masseaendring`, form);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${page}?besked=masse-gemt`);
    expect((await postForm(keeper, `${page}/masseaendring`, form)).statusCode).toBe(303);
    expect(await changes('masseaendring')).toBe(before.changes + 1);
    expect(await audits()).toBe(before.audits + 1);
    for (const kle of ['27.12.05', '27.12.06', '28.01.03']) expect(await entry(kle)).toEqual({ youth: false });
    // An entry keeps its other fields.
    const merged = await keeper.api('POST', `${apiUrl}/bulk`, { kle: ['27.12.04', '28.01.02'], set: { shown: true }, inherit: ['youth'], reason: 'Åbnes' }, { 'idempotency-key': 'bulk-api-1' });
    expect(merged.statusCode).toBe(200);
    expect(merged.json()).toEqual({ changed: true, numbers: 2 });
    expect(await entry('27.12.04')).toEqual({ fromDate: '2025-03-01', shown: true });
    expect(await entry('28.01.02')).toEqual({ shown: true });
    const again = await keeper.api('POST', `${apiUrl}/bulk`, { kle: ['27.12.04', '28.01.02'], set: { shown: true }, inherit: ['youth'], reason: 'Åbnes' }, { 'idempotency-key': 'bulk-api-1' });
    expect(again.json()).toEqual({ changed: true, numbers: 2 });
    expect(await changes('masseaendring')).toBe(before.changes + 2);

    const none = await keeper.post(`${page}/masseaendring`, { youth: 'nej', reason: 'x' });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Vælg mindst ét KLE-nummer');
    const unknown = await keeper.api('POST', `${apiUrl}/bulk`, { kle: ['27.12.05', '27.99.99'], set: { youth: true }, reason: 'x' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().fieldErrors.kle).toContain('27.99.99');
    expect(await entry('27.12.05')).toEqual({ youth: false });

    // "Alle viste": the numbers the filter shows, worked out again on the server.
    const all = await keeper.post(`${page}/masseaendring`, { alleViste: 'on', filtre: 'hovedgruppe=29', youth: 'nej', reason: 'Hele 29' });
    expect(all.headers.location).toBe(`${page}?hovedgruppe=29&besked=masse-gemt`);
    for (const kle of ['29', '29.03', '29.03.01']) expect(await entry(kle)).toEqual({ youth: false });
    expect(await entry('28.02.01')).toBeNull();
  });

  it('serves the configuration, one number and the history through the API; null removes an entry', async () => {
    const own = await faxeUser.get(apiUrl);
    expect(own.statusCode).toBe(200);
    const body = own.json();
    expect(body.municipality).toEqual({ code: FAXE, name: 'Faxe' });
    expect(body.all).toBe(false);
    const e = body.entries.find((x: { kle: string }) => x.kle === '27.12.04');
    expect(e).toMatchObject({ shown: true, youth: true, fromDate: '2025-03-01', sourceSystems: ['KMD Nova'], entry: { shown: true, fromDate: '2025-03-01' } });
    expect(e.inherited).toMatchObject({ shown: null, youth: 'default', fromDate: null, sourceSystems: '27.12', documentTitles: 'default' });
    expect(body.entries.some((x: { kle: string }) => x.kle === '28.02.01')).toBe(false);
    const all = (await consultant.get(`${apiUrl}?all=true`)).json();
    expect(all.entries.find((x: { kle: string }) => x.kle === '28.02.01')).toMatchObject({ shown: false, youth: true, sourceSystems: [], entry: null });

    tick();
    const put = await keeper.api('PUT', `${apiUrl}/27.12.4`, { settings: null, reason: 'Tilbage til arv' });
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ changed: true, numbers: 1, entry: { kle: '27.12.04', shown: true, fromDate: '2024-01-01', entry: null } });
    expect(await entry('27.12.04')).toBeNull();
    expect((await keeper.api('PUT', `${apiUrl}/27.99.99`, { settings: null, reason: 'x' })).statusCode).toBe(404);

    const history = (await consultant.get(`${apiUrl}/history`)).json();
    expect(history.total).toBe(await changes());
    expect(history.changes[0]).toMatchObject({ kind: 'rediger', reason: 'Tilbage til arv', changedBy: 'Programleder Faxe', numbers: 1, entries: [{ kle: '27.12.04', before: { shown: true, fromDate: '2025-03-01' }, after: null }] });
    const historyPage = await faxeUser.get(`${page}/historik`);
    expect(historyPage.statusCode).toBe(200);
    expect(historyPage.body).toContain('Masseændring');
    expect(historyPage.body).toContain('Data ikke klar');
    expect(historyPage.body).toContain('Vises for 15–17-årige: arves → Nej');
  });

  it('lists entries on expired numbers for review and removes them as one change of kind gennemgang', async () => {
    await db().update(kleNumber).set({ expiredOn: '2025-08-01', expiredNote: 'Udgået i KLE' }).where(eq(kleNumber.number, '28.01.03'));
    const main = await faxeUser.get(page);
    expect(row(main.body, '28.01.03')).toContain('Udgået 01.08.2025');
    expect(main.body).toContain('Udgåede numre med indstillinger (1)');
    const list = await faxeUser.get(`${page}/udgaaede`);
    expect(list.body).toContain('data-kle="28.01.03"');
    expect(list.body).toContain('Vises for 15–17-årige: Nej');
    expect(list.body).not.toContain('Fjern indstillingen');
    const notExpired = await keeper.post(`${page}/udgaaede`, { kle: '28.01.02', reason: 'Gennemgang' });
    expect(notExpired.statusCode).toBe(422);
    const removed = await keeper.post(`${page}/udgaaede`, { kle: '28.01.03', reason: 'Gennemgang: udgået' });
    expect(removed.headers.location).toBe(`${page}/udgaaede?besked=fjernet`);
    expect(await entry('28.01.03')).toBeNull();
    expect(await changes('gennemgang')).toBe(1);
    expect((await faxeUser.get(`${page}/udgaaede`)).body).toContain('Der er ingen indstillinger på udgåede numre.');
  });

  it('reads the page with the same statements for a few numbers as for a 2,000-topic plan with many entries', async () => {
    const statements = async (url: string) => {
      // A write first, so every page reads the plan afresh (the embedded database keeps it until a write).
      await db().execute(sql`update kle_number set title = title where false`);
      const start = t.database.queries.count;
      const res = await keeper.get(url);
      expect(res.statusCode, url).toBe(200);
      return { n: t.database.queries.count - start, body: res.body };
    };
    const urls = [page, `${page}/kle/27.12.04`, `${page}/historik`, apiUrl, `${apiUrl}/history`];
    const few = [];
    for (const url of urls) few.push((await statements(url)).n);
    const topics = await buildKlePlanOfSize(db(), { mainGroups: 20, groups: 10, topics: 10 });
    await setKleEntries(db(), FAXE, Object.fromEntries(topics.filter((_, i) => i % 20 === 0).map((kle) => [kle, { shown: true, youth: false }])));
    tick();
    const bulk = (await keeper.api('POST', `${apiUrl}/bulk`, { kle: topics.slice(0, 300), set: { youth: false }, reason: 'Mange' })).json();
    const many = [];
    for (const url of urls) many.push(await statements(url));
    expect(many.map((m) => m.n)).toEqual(few);
    expect(many[0]!.body.match(/<tr data-kle=/g)!.length).toBeGreaterThan(2000);
    expect(many[2]!.body).toContain(`… og ${bulk.numbers - 20} numre mere`);
    const entries = await db().select({ n: count() }).from(bbConfigChangeEntry).where(eq(bbConfigChangeEntry.municipalityCode, FAXE));
    expect(entries[0]!.n).toBeGreaterThan(bulk.numbers);
  });
});
