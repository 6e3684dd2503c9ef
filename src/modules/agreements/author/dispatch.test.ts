import { randomUUID } from 'node:crypto';
import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildAgreement, buildSignature, buildVersion } from '../../../../test/factories/agreements.ts';
import { rawRows } from '../../../db/client.ts';
import { createTokenForEmail } from '../../auth/index.ts';
import { agreement, agreementTarget } from '../schema.ts';
import { loadStatuses } from '../status.ts';

/**
 * Sending an agreement for signature: who is mailed (addressees, cc, never those who signed),
 * the addressed municipalities and their status, the request key that makes a repeat send
 * nothing, the outstanding scope, validation that writes nothing, and who may dispatch.
 */

let t: TestApp;
let consultant: Client;
let adminToken: string;
let seq = 0;
const rows = <T,>(q: ReturnType<typeof sql>) => rawRows<T>(t.database.db, q);
const cookieHeader = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const dispatch = (id: string, body: Record<string, unknown>, token = adminToken) => bearer(t.app, token, 'POST', `/api/v1/agreements/${id}/dispatches`, body);

type Mail = { to_address: string; subject: string; body: string; kind: string; municipality_code: string; dedupe_key: string };
const mailsOf = (requestKey: string) =>
  rows<Mail>(sql`select to_address, subject, body, kind, municipality_code, dedupe_key from outbox_mail where dedupe_key like ${`agreement-dispatch:${requestKey}:%`} order by to_address`);

async function counts() {
  const [r] = await rows<{ dispatches: number; targets: number; mails: number; audit: number; sent: number }>(sql`
    select (select count(*)::int from agreement_dispatch) as dispatches, (select count(*)::int from agreement_target) as targets,
           (select count(*)::int from outbox_mail) as mails, (select count(*)::int from audit_event) as audit,
           (select count(*)::int from agreement where status = 'sent') as sent`);
  return r!;
}

/** Posts a form like a browser, repeated names allowed (checkboxes). */
async function submit(c: Client, url: string, fields: [string, string][]) {
  const params = new URLSearchParams(fields);
  params.set('_csrf', c.csrf);
  return c.app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookieHeader(c), 'content-type': 'application/x-www-form-urlencoded' },
    payload: params.toString(),
  });
}

const draft = async (title = `Aftale ${++seq}`) => (await buildAgreement(t.database.db, { status: 'draft', title, solutions: ['byg-og-miljoe'] })).agreement;

beforeAll(async () => {
  t = await startTestApp();
  // Sessions expire by the app's clock: log in at the time the tests run.
  t.setNow(new Date('2030-03-07T10:00:00Z'));
  consultant = await loginAs(t.app, DEMO.consultant);
  adminToken = await createTokenForEmail(t.database.db, t.config, DEMO.admin, 'udsendelsestest');
});
afterAll(() => t?.close());

describe('dispatching through the API', () => {
  it('mails exactly the chosen municipalities\' programledere, addresses them and marks the agreement sent; the same request key sends once', async () => {
    const a = await draft('Databehandleraftale for Byg og Miljø');
    const requestKey = randomUUID();
    const body = { requestKey, roleKey: 'programleder', scope: 'chosen', municipalityCodes: ['0320', '0153', '0101'], deadline: '2030-04-04' };
    const before = await counts();
    const res = await dispatch(a.id, body);
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ alreadySent: false, municipalities: 3, recipients: 3 });

    const mails = await mailsOf(requestKey);
    expect(mails.map((m) => m.to_address)).toEqual([DEMO.programLeader('0101'), DEMO.programLeader('0153'), DEMO.programLeader('0320')]);
    expect(mails.map((m) => m.municipality_code).sort()).toEqual(['0101', '0153', '0320']);
    expect(mails[0]).toMatchObject({ subject: 'Til underskrift: Databehandleraftale for Byg og Miljø', kind: 'agreement-dispatch' });
    expect(mails[0]!.body).toContain('Fristen for underskrift er 4. april 2030.');
    expect(mails[0]!.body).toContain('(version 1)');
    expect(mails[0]!.body).toContain(`http://samspil.test/aftaler/${a.id}`);

    const [row] = await t.database.db.select().from(agreement).where(eq(agreement.id, a.id));
    expect(row).toMatchObject({ status: 'sent', audienceRoleKey: 'programleder', audienceSolutionKey: null, ccRoleKey: null, deadline: '2030-04-04' });
    expect(row!.lastDispatchedAt).toEqual(new Date('2030-03-07T10:00:00Z'));
    const statuses = await loadStatuses(t.database.db, { agreementIds: [a.id] });
    expect(statuses.map((s) => [s.municipalityCode, s.status])).toEqual([
      ['0153', 'not_signed'],
      ['0320', 'not_signed'],
      ['0101', 'not_signed'],
    ]);
    const [d] = await rows<{ municipality_codes: string[]; recipients: number; version_number: number; role_key: string }>(
      sql`select municipality_codes, recipients, version_number, role_key from agreement_dispatch where request_key = ${requestKey}`,
    );
    expect(d).toEqual({ municipality_codes: ['0101', '0153', '0320'], recipients: 3, version_number: 1, role_key: 'programleder' });
    const after = await counts();
    expect(after).toEqual({ ...before, dispatches: before.dispatches + 1, targets: before.targets + 3, mails: before.mails + 3, audit: before.audit + 1, sent: before.sent + 1 });
    const [audit] = await rows<{ action: string; after: { scope: string; municipalities: number } }>(
      sql`select action, after from audit_event where action = 'agreement.dispatched' and entity_id = ${a.id}`,
    );
    expect(audit).toMatchObject({ action: 'agreement.dispatched', after: { scope: 'chosen', municipalities: 3 } });

    // A double click or retry: nothing new.
    const again = await dispatch(a.id, body);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadySent: true, dispatchId: res.json().dispatchId, municipalities: 3, recipients: 3 });
    expect(await counts()).toEqual(after);
    // The key belongs to this agreement's dispatch; another agreement cannot reuse it.
    const other = await draft();
    expect((await dispatch(other.id, body)).statusCode).toBe(409);
  });

  it('sends the cc role a "Til orientering" copy; a later dispatch keeps the first day a municipality was addressed', async () => {
    const a = await draft('Samarbejdsaftale om Valg');
    const first = await dispatch(a.id, { requestKey: randomUUID(), roleKey: 'programleder', scope: 'chosen', municipalityCodes: ['0320'], deadline: '2030-04-04' });
    expect(first.statusCode).toBe(201);
    t.setNow(new Date('2030-03-20T10:00:00Z'));
    try {
      const requestKey = randomUUID();
      const res = await dispatch(a.id, {
        requestKey,
        roleKey: 'programleder',
        ccRoleKey: 'klik-administrator',
        scope: 'chosen',
        municipalityCodes: ['0320', '0153'],
        deadline: '2030-04-20',
      });
      expect(res.json()).toMatchObject({ municipalities: 2, recipients: 4 });
      const mails = await mailsOf(requestKey);
      const by = Object.fromEntries(mails.map((m) => [m.to_address, m]));
      expect(by[DEMO.programLeader('0153')]).toMatchObject({ subject: 'Til underskrift: Samarbejdsaftale om Valg', kind: 'agreement-dispatch' });
      expect(by[DEMO.klikAdmin('0153')]).toMatchObject({ subject: 'Til orientering: Samarbejdsaftale om Valg', kind: 'agreement-dispatch-cc' });
      expect(by[DEMO.klikAdmin('0153')]!.body).toContain('til underskrift hos programledere i jeres kommune');
      expect(Object.keys(by)).toHaveLength(4);
      const targets = await t.database.db.select().from(agreementTarget).where(eq(agreementTarget.agreementId, a.id));
      expect(Object.fromEntries(targets.map((x) => [x.municipalityCode, x.addedAt.toISOString()]))).toEqual({
        '0320': '2030-03-07T10:00:00.000Z',
        '0153': '2030-03-20T10:00:00.000Z',
      });
      const [row] = await t.database.db.select().from(agreement).where(eq(agreement.id, a.id));
      expect(row).toMatchObject({ ccRoleKey: 'klik-administrator', deadline: '2030-04-20' });
    } finally {
      t.setNow(new Date('2030-03-07T10:00:00Z'));
    }
  });

  it('does not ask those who signed, are replaced or await review; "outstanding" goes to the not signed and those in dialogue', async () => {
    const { agreement: a } = await buildAgreement(t.database.db, { targets: ['0320', '0153', '0101', '0751'], sentAt: new Date('2030-03-01T10:00:00Z') });
    await buildSignature(t.database.db, a.id, '0320');
    await buildSignature(t.database.db, a.id, '0153', { state: 'pending', method: 'upload' });
    await t.database.db.update(agreementTarget).set({ inDialogue: true, dialogueSince: new Date('2030-03-02T10:00:00Z') }).where(sql`${agreementTarget.agreementId} = ${a.id} and ${agreementTarget.municipalityCode} = '0751'`);

    const requestKey = randomUUID();
    const res = await dispatch(a.id, { requestKey, roleKey: 'programleder', scope: 'outstanding', deadline: '2030-04-30' });
    expect(res.json()).toMatchObject({ municipalities: 2, recipients: 2 });
    expect((await mailsOf(requestKey)).map((m) => m.to_address)).toEqual([DEMO.programLeader('0101'), DEMO.programLeader('0751')]);

    // "All" addresses every municipality but still does not mail the signed or those awaiting review.
    const all = randomUUID();
    const everyone = await dispatch(a.id, { requestKey: all, roleKey: 'programleder', scope: 'all', deadline: '2030-04-30' });
    expect(everyone.json()).toMatchObject({ municipalities: 98, recipients: 96 });
    const mailed = (await mailsOf(all)).map((m) => m.municipality_code);
    expect(mailed).not.toContain('0320');
    expect(mailed).not.toContain('0153');
    expect((await loadStatuses(t.database.db, { agreementIds: [a.id] })).length).toBe(98);

    // After a version that requires re-signing, the signed municipality is asked again.
    await buildVersion(t.database.db, a.id, 2);
    await t.database.db.execute(sql`update agreement_signature set superseded_at = now() where agreement_id = ${a.id} and municipality_code = '0320'`);
    const third = randomUUID();
    await dispatch(a.id, { requestKey: third, roleKey: 'programleder', scope: 'chosen', municipalityCodes: ['0320'], deadline: '2030-04-30' });
    expect((await mailsOf(third)).map((m) => m.to_address)).toEqual([DEMO.programLeader('0320')]);
    expect((await mailsOf(third))[0]!.body).toContain('(version 2)');
  });

  it('does not ask a municipality whose connection agreement is replaced by the K98 agreement it signed', async () => {
    const { agreement: k98 } = await buildAgreement(t.database.db, { type: 'k98', solutions: ['aula', 'valg'], targets: ['0101', '0320'] });
    await buildSignature(t.database.db, k98.id, '0101');
    const connection = (await buildAgreement(t.database.db, { type: 'tilslutningsaftale', status: 'draft', solutions: ['aula'] })).agreement;
    const requestKey = randomUUID();
    const res = await dispatch(connection.id, { requestKey, roleKey: 'programleder', scope: 'chosen', municipalityCodes: ['0101', '0320'], deadline: '2030-04-04' });
    expect(res.json()).toMatchObject({ municipalities: 2, recipients: 1 });
    expect((await mailsOf(requestKey)).map((m) => m.to_address)).toEqual([DEMO.programLeader('0320')]);
    const statuses = await loadStatuses(t.database.db, { agreementIds: [connection.id] });
    expect(statuses.find((s) => s.municipalityCode === '0101')?.status).toBe('replaced');
  });

  it('refuses wrong input with Danish field errors and writes nothing', async () => {
    const a = await draft();
    const before = await counts();
    const res = await dispatch(a.id, {
      requestKey: 'ikke-en-uuid',
      roleKey: 'programleder',
      scope: 'chosen',
      municipalityCodes: [],
      deadline: '2030-02-30',
    });
    expect(res.statusCode).toBe(422);
    expect(res.json().fieldErrors).toEqual({ requestKey: 'Ugyldig udsendelse – genindlæs siden og prøv igen' });
    const bad = await dispatch(a.id, { requestKey: randomUUID(), roleKey: 'systemansvarlig', ccRoleKey: 'superbruger', scope: 'chosen', municipalityCodes: [], deadline: '2030-03-06' });
    expect(bad.statusCode).toBe(422);
    expect(bad.json().fieldErrors).toEqual({
      solutionKey: 'Vælg hvilken løsning aftalen er til systemansvarlig for',
      ccRoleKey: 'Kopien kan kun gå til en rolle for hele kommunen, ikke superbruger',
      deadline: 'Fristen kan ikke ligge før i dag',
      municipalityCodes: 'Vælg mindst én kommune',
    });
    const more = await dispatch(a.id, { requestKey: randomUUID(), roleKey: 'konsulent', scope: 'outstanding', deadline: '31.02.2030' });
    expect(more.json().fieldErrors).toEqual({
      roleKey: 'Vælg en af kommunernes roller',
      deadline: 'Skriv en gyldig dato, fx 30.05.2025',
      scope: 'Aftalen er ikke udsendt endnu; send den til alle eller udvalgte kommuner',
    });
    const unknown = await dispatch(a.id, { requestKey: randomUUID(), roleKey: 'programleder', scope: 'chosen', municipalityCodes: ['0320', '9999'], deadline: '2030-03-07' });
    expect(unknown.json().fieldErrors).toEqual({ municipalityCodes: 'Ukendte kommunekoder: 9999' });
    expect(await counts()).toEqual(before);

    // Per-solution role with its solution is fine; the deadline may be today.
    const ok = await dispatch(a.id, { requestKey: randomUUID(), roleKey: 'systemansvarlig', solutionKey: 'flis', scope: 'chosen', municipalityCodes: ['0320'], deadline: '2030-03-07' });
    expect(ok.statusCode).toBe(201);
    expect(ok.json().recipients).toBe(1);
  });

  it('a closed agreement cannot be dispatched; municipal users get 404 on a draft and 403 once it is sent to them', async () => {
    const { agreement: closed } = await buildAgreement(t.database.db, { status: 'closed', targets: ['0320'] });
    const body = { requestKey: randomUUID(), roleKey: 'programleder', scope: 'all', deadline: '2030-04-04' };
    expect((await dispatch(closed.id, body)).statusCode).toBe(409);

    const municipalToken = await createTokenForEmail(t.database.db, t.config, DEMO.klikAdmin('0320'), 'udsendelsestest');
    const a = await draft();
    expect((await dispatch(a.id, body, municipalToken)).statusCode).toBe(404);
    const municipal = await loginAs(t.app, DEMO.programLeader('0320'));
    expect((await municipal.get(`/aftaler/${a.id}/udsend`)).statusCode).toBe(404);
    await dispatch(a.id, { ...body, requestKey: randomUUID(), scope: 'chosen', municipalityCodes: ['0320'] });
    const before = await counts();
    expect((await dispatch(a.id, { ...body, requestKey: randomUUID() }, municipalToken)).statusCode).toBe(403);
    expect((await municipal.get(`/aftaler/${a.id}/udsend`)).statusCode).toBe(403);
    expect(await counts()).toEqual(before);
  });
});

describe('closing and reopening', () => {
  it('a closed agreement takes no dispatch; reopening returns it to sent; repeats change nothing', async () => {
    const { agreement: a } = await buildAgreement(t.database.db, { targets: ['0320'] });
    const municipalToken = await createTokenForEmail(t.database.db, t.config, DEMO.klikAdmin('0320'), 'lukketest');
    expect((await bearer(t.app, municipalToken, 'POST', `/api/v1/agreements/${a.id}/close`)).statusCode).toBe(403);

    await consultant.get(`/aftaler/${a.id}`);
    const closed = await submit(consultant, `/aftaler/${a.id}/luk`, []);
    expect(closed.headers.location).toBe(`/aftaler/${a.id}?besked=lukket`);
    const page = await consultant.get(closed.headers.location as string);
    expect(page.body).toContain('Aftalen er lukket.');
    expect(page.body).toContain('Genåbn aftalen');
    expect(page.body).not.toContain(`href="/aftaler/${a.id}/udsend"`);
    const again = await bearer(t.app, adminToken, 'POST', `/api/v1/agreements/${a.id}/close`);
    expect(again.json()).toEqual({ id: a.id, status: 'closed', changed: false });
    expect((await dispatch(a.id, { requestKey: randomUUID(), roleKey: 'programleder', scope: 'all', deadline: '2030-04-04' })).statusCode).toBe(409);
    expect((await consultant.get(`/aftaler/${a.id}/udsend`)).statusCode).toBe(409);

    const reopened = await bearer(t.app, adminToken, 'POST', `/api/v1/agreements/${a.id}/reopen`);
    expect(reopened.json()).toEqual({ id: a.id, status: 'sent', changed: true });
    const audits = await rows<{ action: string }>(sql`select action from audit_event where entity_id = ${a.id} order by at, action`);
    expect(audits.map((x) => x.action)).toEqual(['agreement.closed', 'agreement.reopened']);
    const d = await draft();
    await bearer(t.app, adminToken, 'POST', `/api/v1/agreements/${d.id}/close`);
    expect((await bearer(t.app, adminToken, 'POST', `/api/v1/agreements/${d.id}/reopen`)).json().status).toBe('draft');
  });
});

describe('dispatching through the page', () => {
  it('renders a fresh request key; posting the form twice sends once', async () => {
    const a = await draft('Tilslutningsaftale til Fælles Sprog III');
    const form = await consultant.get(`/aftaler/${a.id}/udsend`);
    expect(form.statusCode).toBe(200);
    const key = /name="requestKey" value="([0-9a-f-]{36})"/.exec(form.body)?.[1];
    expect(key).toBeDefined();
    expect(form.body).toMatch(/id="felt-scope-all"[^>]*checked/);
    expect(form.body).not.toContain('felt-scope-outstanding');
    const other = await consultant.get(`/aftaler/${a.id}/udsend`);
    expect(/name="requestKey" value="([0-9a-f-]{36})"/.exec(other.body)?.[1]).not.toBe(key);

    // Errors come back on the page with the same key, so the corrected form still sends once.
    const fields: [string, string][] = [
      ['requestKey', key!],
      ['roleKey', 'programleder'],
      ['solutionKey', ''],
      ['ccRoleKey', ''],
      ['deadline', ''],
      ['scope', 'chosen'],
      ['municipalityCodes', '0320'],
      ['municipalityCodes', '0101'],
    ];
    const bad = await submit(consultant, `/aftaler/${a.id}/udsend`, fields);
    expect(bad.statusCode).toBe(422);
    expect(bad.body).toContain('Frist for underskrift: Skriv fristen for underskrift');
    expect(bad.body).toContain(`name="requestKey" value="${key}"`);
    expect(bad.body).toMatch(/id="felt-kommune-0320"[^>]*checked/);

    const good = fields.map(([k, v]): [string, string] => [k, k === 'deadline' ? '2030-04-04' : v]);
    const res = await submit(consultant, `/aftaler/${a.id}/udsend`, good);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/aftaler/${a.id}?besked=udsendt`);
    const mailsBefore = (await counts()).mails;
    const twice = await submit(consultant, `/aftaler/${a.id}/udsend`, good);
    expect(twice.headers.location).toBe(`/aftaler/${a.id}?besked=allerede-udsendt`);
    expect((await counts()).mails).toBe(mailsBefore);
    expect((await mailsOf(key!)).map((m) => m.to_address)).toEqual([DEMO.programLeader('0101'), DEMO.programLeader('0320')]);

    const page = await consultant.get(res.headers.location as string);
    expect(page.body).toContain('Aftalen er udsendt til 2 kommuner, og 2 modtagere har fået en mail.');
    expect(page.body).toContain('0 af 2 har underskrevet');
    expect(page.body).toContain('Udsendt første gang 7. marts 2030 – modtagere var programledere, frist 4. april 2030 (2 kommuner)');
    const list = await consultant.get('/aftaler');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Tilslutningsaftale til Fælles Sprog III');
    expect(list.body).toContain('Opret aftale');
    const again = await consultant.get(`/aftaler/${a.id}/udsend`);
    expect(again.body).toMatch(/id="felt-scope-outstanding"[^>]*checked/);
  });
});

describe('what a municipality sees through the API', () => {
  it('only agreements sent to it, each with its own status only: no counts, no other municipality', async () => {
    const { agreement: toFaxe } = await buildAgreement(t.database.db, { targets: ['0320', '0153', '0101'], title: 'Til Faxe og andre' });
    await buildSignature(t.database.db, toFaxe.id, '0153');
    const { agreement: notFaxe } = await buildAgreement(t.database.db, { targets: ['0153'], title: 'Kun Brøndby' });
    const faxe = await createTokenForEmail(t.database.db, t.config, DEMO.programLeader('0320'), 'udsendelsestest');

    const list = await bearer(t.app, faxe, 'GET', '/api/v1/agreements');
    expect(list.statusCode).toBe(200);
    const ids = list.json().map((a: { id: string }) => a.id);
    expect(ids).toContain(toFaxe.id);
    expect(ids).not.toContain(notFaxe.id);
    for (const a of list.json()) {
      expect(a.counts).toBeNull();
      expect(a.ownStatus.municipalityCode).toBe('0320');
      expect(a.status).not.toBe('draft');
    }
    expect(list.json().find((a: { id: string }) => a.id === toFaxe.id).ownStatus).toMatchObject({ status: 'not_signed', signedAt: null });

    const one = await bearer(t.app, faxe, 'GET', `/api/v1/agreements/${toFaxe.id}`);
    expect(one.statusCode).toBe(200);
    expect(one.json()).toMatchObject({ counts: null, ownStatus: { municipalityCode: '0320', status: 'not_signed' } });
    expect(JSON.stringify(one.json())).not.toContain('"0153"');
    expect(one.json().history.map((h: { text: string }) => h.text)).toEqual([expect.stringMatching(/^Udsendt første gang .* – modtagere var programledere, frist 30\. juni 2030$/)]);
    expect((await bearer(t.app, faxe, 'GET', `/api/v1/agreements/${notFaxe.id}`)).statusCode).toBe(404);

    const central = await bearer(t.app, adminToken, 'GET', `/api/v1/agreements/${toFaxe.id}`);
    expect(central.json()).toMatchObject({ ownStatus: null, counts: { addressed: 3, signed: 1, notSigned: 2, outstanding: 2 } });
    expect(central.json().history[0].text).toMatch(/ \(3 kommuner\)$/);
  });
});
