import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildAgreement, buildSignature } from '../../../test/factories/agreements.ts';
import { buildTask } from '../../../test/factories/tasks.ts';
import { referenceMunicipalities } from '../../db/reference/municipalities.ts';
import { solutions } from '../../db/reference/solutions.ts';
import { readTable } from '../../platform/spreadsheet/read.ts';
import { auditEvent } from '../../platform/audit/schema.ts';
import { agreementTarget } from '../agreements/index.ts';
import { solution } from '../../platform/identity/schema.ts';
import { task } from '../tasks/index.ts';

const FAXE = '0320';
const BRONDBY = '0153';
const ALL = referenceMunicipalities().map((m) => m.code);
/** Byg og Miljø: signed by all but these six; Brøndby is in dialogue. */
const BOM_MISSING = ['0153', '0320', '0707', '0461', '0851', '0101'];

describe('the portfolio', () => {
  let t: TestApp;
  let admin: Client, consultant: Client, programleder: Client, klik: Client;
  const db = () => t.database.db;
  const ids = { bom: '', draft: '', aulaConnection: '', brondbyOnly: '', flisPublished: '', flisAnnounced: '', flisClosed: '', flisDraft: '', faxeLocal: '' };

  const row = (body: string, key: string) => {
    const start = body.indexOf(`<tr data-loesning="${key}"`);
    expect(start, `row for ${key}`).toBeGreaterThan(-1);
    return body.slice(start, body.indexOf('</tr>', start));
  };
  const rowCount = (body: string) => (body.match(/<tr data-loesning=/g) ?? []).length;
  const solutionRow = async (key: string) => (await db().select().from(solution).where(eq(solution.key, key)))[0]!;
  const audits = (key: string) =>
    db()
      .select()
      .from(auditEvent)
      .where(and(eq(auditEvent.action, 'solution.updated'), eq(auditEvent.entityId, key)));
  const patch = (c: Client, key: string, body: unknown) =>
    t.app.inject({
      method: 'PATCH',
      url: `/api/v1/portfolio/${key}`,
      headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'x-csrf-token': c.csrf, 'content-type': 'application/json' },
      payload: JSON.stringify(body),
    });

  beforeAll(async () => {
    t = await startTestApp();
    [admin, consultant, programleder, klik] = await Promise.all([
      loginAs(t.app, DEMO.admin),
      loginAs(t.app, DEMO.consultant),
      loginAs(t.app, DEMO.programLeader(FAXE)),
      loginAs(t.app, DEMO.klikAdmin(FAXE)),
    ]);
    const bom = await buildAgreement(db(), { title: 'Databehandleraftale Byg og Miljø (test)', solutions: ['byg-og-miljoe'] });
    ids.bom = bom.agreement.id;
    for (const code of ALL.filter((c) => !BOM_MISSING.includes(c))) await buildSignature(db(), ids.bom, code);
    await db().update(agreementTarget).set({ inDialogue: true, dialogueSince: new Date() }).where(and(eq(agreementTarget.agreementId, ids.bom), eq(agreementTarget.municipalityCode, BRONDBY)));
    ids.draft = (await buildAgreement(db(), { title: 'Kladdeaftale om Aula', status: 'draft', solutions: ['aula'] })).agreement.id;
    ids.aulaConnection = (await buildAgreement(db(), { type: 'tilslutningsaftale', title: 'Tilslutningsaftale Aula (test)', solutions: ['aula'], targets: [FAXE, BRONDBY] })).agreement.id;
    await buildSignature(db(), ids.aulaConnection, FAXE);
    ids.brondbyOnly = (await buildAgreement(db(), { type: 'tilslutningsaftale', title: 'Tilslutningsaftale FLIS kun til én kommune', solutions: ['flis'], targets: [BRONDBY] })).agreement.id;

    const flisTask = async (code: string, status: 'published' | 'announced' | 'closed' | 'draft', local?: string) => {
      const { task: created } = await buildTask(db(), { code, title: `Porteføljeopgave ${code}`, status, localMunicipalityCode: local ?? null });
      await db().update(task).set({ solutionKey: 'flis' }).where(eq(task.id, created.id));
      return created.id;
    };
    ids.flisPublished = await flisTask('PORT - FLIS 01', 'published');
    ids.flisAnnounced = await flisTask('PORT - FLIS 02', 'announced');
    ids.flisClosed = await flisTask('PORT - FLIS 03', 'closed');
    ids.flisDraft = await flisTask('PORT - FLIS 04', 'draft');
    ids.faxeLocal = await flisTask('PORT - LOKAL FAXE', 'published', FAXE);
  }, 120_000);
  afterAll(() => t.close());

  it('asks anonymous visitors to log in, and the API answers 401', async () => {
    const page = await t.app.inject('/portefoelje');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fportefoelje');
    expect((await t.app.inject('/portefoelje.xlsx')).statusCode).toBe(303);
    expect((await t.app.inject('/api/v1/portfolio')).statusCode).toBe(401);
    expect((await t.app.inject('/portefoelje/flis')).headers.location).toBe('/login?next=%2Fportefoelje%2Fflis');
  });

  it('shows every logged-in user all 14 solutions with K98 membership, phase, product manager, agreements and open tasks', async () => {
    for (const c of [admin, consultant, programleder, klik]) {
      const res = await c.get('/portefoelje');
      expect(res.statusCode).toBe(200);
      const body = res.body;
      expect(body).toContain('<h1>Porteføljeoversigt</h1>');
      expect(body).toContain('aria-current="page"');
      expect(rowCount(body)).toBe(14);
      for (const s of solutions) {
        const r = row(body, s.key);
        expect(r).toContain(`data-k98="${s.k98 ? 'ja' : 'nej'}"`);
        expect(r).toContain(`data-fase="${s.phase}"`);
        expect(r).toContain('Ikke angivet');
      }
      expect(row(body, 'dubu')).toContain('Udfasning');

      const bom = row(body, 'byg-og-miljoe');
      expect(bom).toContain('Databehandleraftale Byg og Miljø (test)');
      expect(bom).toContain('92 af 98 underskrevet');
      expect(bom).toContain('6 mangler');
      // Drafts are not in the portfolio.
      expect(body).not.toContain('Kladdeaftale om Aula');

      const flis = row(body, 'flis');
      expect(flis).toContain('data-aabne-opgaver="2"');
      expect(flis).toContain('2 åbne opgaver');
      expect(flis).toContain('PORT - FLIS 01');
      expect(flis).toContain('PORT - FLIS 02');
      for (const hidden of ['PORT - FLIS 03', 'PORT - FLIS 04', 'PORT - LOKAL FAXE']) expect(body).not.toContain(hidden);
      expect(flis).toContain('0 af 1 underskrevet');
      expect(row(body, 'aula')).toContain('Ingen åbne opgaver');
    }
  });

  it('gives municipal users aggregate numbers and their own status, never other municipalities or their task overviews', async () => {
    const body = (await programleder.get('/portefoelje')).body;
    const others = referenceMunicipalities().filter((m) => m.code !== FAXE);
    for (const m of others) expect(body, m.name).not.toContain(m.name);
    // Own status: Faxe has not signed Byg og Miljø; it signed its Aula connection agreement.
    expect(row(body, 'byg-og-miljoe')).toContain('Din kommune: Ikke underskrevet');
    expect(row(body, 'aula')).toContain('Din kommune: Underskrevet');
    // An agreement sent to Faxe links to it; one sent only to Brøndby is a title without a link.
    expect(body).toContain(`href="/aftaler/${ids.aulaConnection}"`);
    expect(body).toContain('Tilslutningsaftale FLIS kun til én kommune');
    expect(body).not.toContain(`href="/aftaler/${ids.brondbyOnly}"`);
    expect(body).not.toContain('href="/opgaver/');
    expect(body).not.toContain('href="/portefoelje/');

    const central = (await consultant.get('/portefoelje')).body;
    expect(central).toContain(`href="/aftaler/${ids.brondbyOnly}"`);
    expect(central).toContain(`href="/opgaver/${ids.flisPublished}/overblik"`);
    expect(central).not.toContain('Din kommune');
    // Only administrators edit.
    expect(central).not.toContain('href="/portefoelje/flis"');
    expect((await admin.get('/portefoelje')).body).toContain('href="/portefoelje/flis"');
  });

  it("shows a municipality only the tasks it may read, never the code or title of one sent to another municipality", async () => {
    const { task: brondbyOnly } = await buildTask(db(), { code: 'PORT - KUN BRØNDBY', title: 'Opgave sendt til Brøndby alene', targets: [BRONDBY] });
    const { task: forSuperusers } = await buildTask(db(), { code: 'PORT - SUPERBRUGERE', title: 'Opgave til superbrugere i Faxe', audienceRoleKey: 'superbruger', targets: [FAXE] });
    await db().update(task).set({ solutionKey: 'sapa' }).where(inArray(task.id, [brondbyOnly.id, forSuperusers.id]));
    try {
      const hidden = ['PORT - KUN BRØNDBY', 'Opgave sendt til Brøndby alene'];
      for (const c of [programleder, klik]) {
        const page = await c.get('/portefoelje');
        for (const text of hidden) expect(page.body).not.toContain(text);
        // The programleder and the KLIK-administrator read every task sent to Faxe.
        expect(row(page.body, 'sapa')).toContain('data-aabne-opgaver="1"');
        expect(row(page.body, 'sapa')).toContain('PORT - SUPERBRUGERE');
        const api = await c.api('GET', '/api/v1/portfolio');
        for (const text of hidden) expect(api.body).not.toContain(text);
        const sheet = await readTable((await c.get('/portefoelje.xlsx')).rawPayload, 'portefoelje.xlsx');
        const sapa = sheet.rows.find((r) => r.values['løsning'] === 'SAPA')!.values;
        expect(sapa['åbne opgaver']).toBe('1');
        for (const text of hidden) expect(sapa.opgaver).not.toContain(text);
      }
      for (const c of [consultant, admin]) {
        const sapa = row((await c.get('/portefoelje')).body, 'sapa');
        expect(sapa).toContain('data-aabne-opgaver="2"');
        expect(sapa).toContain('PORT - KUN BRØNDBY');
      }
    } finally {
      await db().update(task).set({ status: 'closed' }).where(inArray(task.id, [brondbyOnly.id, forSuperusers.id]));
    }
  });

  it('filters by K98 membership and phase', async () => {
    const nej = (await klik.get('/portefoelje?k98=nej')).body;
    expect(rowCount(nej)).toBe(2);
    expect(nej).toContain('data-loesning="flis"');
    expect(nej).toContain('data-loesning="dubu"');
    expect(rowCount((await klik.get('/portefoelje?k98=ja')).body)).toBe(12);
    const phased = (await klik.get('/portefoelje?fase=udfasning')).body;
    expect(rowCount(phased)).toBe(1);
    expect(phased).toContain('data-loesning="dubu"');
    expect(phased).toContain('href="/portefoelje.xlsx?fase=udfasning"');
    const none = (await klik.get('/portefoelje?k98=ja&fase=udfasning')).body;
    expect(rowCount(none)).toBe(0);
    expect(none).toContain('Ingen løsninger passer til filtrene.');
    // Nonsense in the URL means no filter.
    expect(rowCount((await klik.get('/portefoelje?k98=maaske&fase=%3Cb%3E')).body)).toBe(14);
  });

  it('exports the portfolio as XLSX', async () => {
    const res = await programleder.get('/portefoelje.xlsx?k98=ja');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toBe('attachment; filename="portefoelje.xlsx"');
    const table = await readTable(res.rawPayload, 'portefoelje.xlsx');
    expect(table.headers).toEqual(['løsning', 'omfattet af k98-aftalen', 'fase', 'produktchef', 'aftaler', 'åbne opgaver', 'opgaver']);
    expect(table.rows).toHaveLength(12);
    const bom = table.rows.find((r) => r.values['løsning'] === 'Byg og Miljø')!.values;
    expect(bom).toMatchObject({ 'omfattet af k98-aftalen': 'Ja', fase: 'Drift', produktchef: 'Ikke angivet' });
    expect(bom.aftaler).toBe('Databehandleraftale Byg og Miljø (test) (Databehandleraftale): 92 af 98 underskrevet, 6 mangler');
  });

  it('lists the five open tasks nearest their deadline per solution and counts the rest; the spreadsheet has them all', async () => {
    const dubuTasks = [];
    for (let n = 1; n <= 7; n++) {
      const { task: created } = await buildTask(db(), { code: `PORT - DUBU 0${n}`, title: `DUBU-opgave ${n}`, deadline: `2030-0${n}-15` });
      await db().update(task).set({ solutionKey: 'dubu' }).where(eq(task.id, created.id));
      dubuTasks.push(created.id);
    }
    const body = (await consultant.get('/portefoelje')).body;
    for (let n = 1; n <= 5; n++) expect(body).toContain(`PORT - DUBU 0${n}`);
    expect(body).not.toContain('PORT - DUBU 06');
    expect(body).toContain('7 åbne opgaver');
    expect(body).toContain('… og 2 flere (se regnearket)');
    const table = await readTable((await consultant.get('/portefoelje.xlsx')).rawPayload, 'portefoelje.xlsx');
    expect(table.rows.find((r) => r.values['løsning'] === 'DUBU')!.values.opgaver).toContain('PORT - DUBU 07');
    await db().update(task).set({ status: 'closed' }).where(inArray(task.id, dubuTasks));
  });

  it('runs the same number of queries however many agreements and tasks there are', async () => {
    const countFor = async () => {
      const start = t.database.queries.count;
      expect((await consultant.get('/portefoelje')).statusCode).toBe(200);
      return t.database.queries.count - start;
    };
    // A K98 agreement makes the status derivation look for replaced connection agreements too.
    const k98 = await buildAgreement(db(), { type: 'k98', title: 'K98 (test)', solutions: solutions.filter((x) => x.k98).map((x) => x.key), targets: [BRONDBY, '0101'] });
    await buildSignature(db(), k98.agreement.id, BRONDBY);
    const before = await countFor();
    await buildSignature(db(), k98.agreement.id, '0101');
    for (const key of ['aula', 'valg', 'ky', 'sapa']) {
      const a = await buildAgreement(db(), { type: 'tilslutningsaftale', title: `Ekstra ${key}`, solutions: [key], targets: [FAXE, BRONDBY, '0101'] });
      await buildSignature(db(), a.agreement.id, FAXE);
      const { task: created } = await buildTask(db(), { title: `Ekstra opgave ${key}`, targets: [FAXE] });
      await db().update(task).set({ solutionKey: key }).where(eq(task.id, created.id));
    }
    expect(await countFor()).toBe(before);
    // Login 2, solutions 1, agreements and tasks 2, statuses 2, K98 replacement 3.
    expect(before).toBeLessThanOrEqual(10);
  });

  describe('editing (central administrators only)', () => {
    it('lets an administrator set phase and product manager, with an audit row; saving again changes nothing', async () => {
      const form = await admin.get('/portefoelje/flis');
      expect(form.statusCode).toBe(200);
      expect(form.body).toContain('<h1>Redigér FLIS</h1>');
      expect(form.body).toContain('name="_csrf"');
      expect(form.body).toContain('<label class="form-label" for="felt-phase">Fase</label>');

      const res = await admin.post('/portefoelje/flis', { phase: 'indfasning', productManager: '  Birgitte Storm ' });
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/portefoelje?besked=gemt');
      expect(await solutionRow('flis')).toMatchObject({ phase: 'indfasning', productManager: 'Birgitte Storm' });
      const [audit] = await audits('flis');
      expect(audit).toMatchObject({
        entityType: 'solution',
        before: { phase: 'drift', productManager: null },
        after: { phase: 'indfasning', productManager: 'Birgitte Storm' },
      });
      expect((await admin.get('/portefoelje?besked=gemt')).body).toContain('Løsningen er gemt.');
      expect(row((await programleder.get('/portefoelje')).body, 'flis')).toContain('Birgitte Storm');

      const again = await admin.post('/portefoelje/flis', { phase: 'indfasning', productManager: 'Birgitte Storm' });
      expect(again.headers.location).toBe('/portefoelje?besked=uaendret');
      expect(await audits('flis')).toHaveLength(1);

      // An empty product manager means "not set".
      await admin.post('/portefoelje/flis', { phase: 'drift', productManager: '' });
      expect(await solutionRow('flis')).toMatchObject({ phase: 'drift', productManager: null });
    });

    it('refuses consultants and municipal users (403) and answers 404 for an unknown solution', async () => {
      const before = await solutionRow('kp');
      for (const c of [consultant, programleder, klik]) {
        expect((await c.get('/portefoelje/kp')).statusCode).toBe(403);
        expect((await c.post('/portefoelje/kp', { phase: 'udfasning', productManager: 'X' })).statusCode).toBe(403);
        expect((await patch(c, 'kp', { phase: 'udfasning' })).statusCode).toBe(403);
      }
      expect(await solutionRow('kp')).toEqual(before);
      expect(await audits('kp')).toHaveLength(0);
      expect((await admin.get('/portefoelje/findes-ikke')).statusCode).toBe(404);
      expect((await admin.post('/portefoelje/findes-ikke', { phase: 'drift', productManager: '' })).statusCode).toBe(404);
      expect((await patch(admin, 'findes-ikke', { phase: 'drift' })).statusCode).toBe(404);
    });

    it('answers a bad phase or a too long name with 422 and Danish field errors, changing nothing', async () => {
      const before = await solutionRow('ksd');
      const res = await admin.post('/portefoelje/ksd', { phase: 'nedlagt', productManager: 'x'.repeat(201) });
      expect(res.statusCode).toBe(422);
      expect(res.body).toContain('Vælg en af faserne udvikling, indfasning, drift eller udfasning');
      expect(res.body).toContain('Produktchefen må højst være 200 tegn');
      expect(res.body).toContain('href="#felt-phase"');
      // The user's input is kept in the form.
      expect(res.body).toContain(`value="${'x'.repeat(201)}"`);
      expect(await solutionRow('ksd')).toEqual(before);
      expect(await audits('ksd')).toHaveLength(0);
    });
  });

  describe('the API', () => {
    it('GET /api/v1/portfolio gives the same data, with filters; a municipality gets its own status only', async () => {
      const res = await programleder.api('GET', '/api/v1/portfolio');
      expect(res.statusCode).toBe(200);
      const { solutions: list } = res.json() as { solutions: { key: string; k98: boolean; phase: string; productManager: string | null; agreements: { id: string; counts: Record<string, number>; ownStatus: string | null }[]; openTasks: { code: string }[] }[] };
      expect(list.map((s) => s.key)).toEqual(solutions.map((s) => s.key));
      const bom = list.find((s) => s.key === 'byg-og-miljoe')!;
      expect(bom.agreements.find((a) => a.id === ids.bom)).toMatchObject({
        counts: { addressed: 98, signed: 92, in_dialogue: 1, not_signed: 5, outstanding: 6, replaced: 0, pending: 0 },
        ownStatus: 'not_signed',
      });
      expect(list.find((s) => s.key === 'flis')!.openTasks.map((x) => x.code)).toEqual(['PORT - FLIS 01', 'PORT - FLIS 02']);
      expect(res.body).not.toContain('Brøndby');

      const central = (await consultant.api('GET', '/api/v1/portfolio?k98=false')).json() as { solutions: { key: string; agreements: { ownStatus: string | null }[] }[] };
      expect(central.solutions.map((s) => s.key)).toEqual(['flis', 'dubu']);
      expect(central.solutions[0]!.agreements.every((a) => a.ownStatus === null)).toBe(true);
      expect((await consultant.api('GET', '/api/v1/portfolio?phase=udfasning')).json()).toMatchObject({ solutions: [{ key: 'dubu' }] });
      expect((await consultant.api('GET', '/api/v1/portfolio?phase=nedlagt')).json()).toMatchObject({ code: 'validation_failed', fieldErrors: { phase: 'Ukendt fase: brug udvikling, indfasning, drift eller udfasning' } });
    });

    it('PATCH /api/v1/portfolio/:key updates phase or product manager for administrators, 422 on a bad phase', async () => {
      const ok = await patch(admin, 'sapa', { productManager: 'Thomas Krogh' });
      expect(ok.statusCode).toBe(200);
      expect(ok.json()).toMatchObject({ key: 'sapa', phase: 'drift', productManager: 'Thomas Krogh', changed: true });
      expect(await audits('sapa')).toHaveLength(1);

      const same = await patch(admin, 'sapa', { productManager: 'Thomas Krogh' });
      expect(same.json()).toMatchObject({ changed: false });
      expect(await audits('sapa')).toHaveLength(1);

      const bad = await patch(admin, 'sapa', { phase: 'nedlagt', productManager: 'Ændret' });
      expect(bad.statusCode).toBe(422);
      expect(bad.json()).toMatchObject({ code: 'validation_failed', fieldErrors: { phase: 'Vælg en af faserne udvikling, indfasning, drift eller udfasning' } });
      expect(await solutionRow('sapa')).toMatchObject({ phase: 'drift', productManager: 'Thomas Krogh' });

      const cleared = await patch(admin, 'sapa', { phase: 'udfasning', productManager: null });
      expect(cleared.json()).toMatchObject({ phase: 'udfasning', productManager: null, changed: true });
      const rows = await db().select().from(solution).where(inArray(solution.key, ['sapa']));
      expect(rows[0]).toMatchObject({ phase: 'udfasning', productManager: null });
    });
  });
});
