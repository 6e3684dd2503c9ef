import { and, eq, isNull, like } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildAgreement, buildSignature, buildVersion } from '../../../../test/factories/agreements.ts';
import type { Db } from '../../../db/client.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { outboxMail } from '../../../platform/outbox/schema.ts';
import { createTokenForEmail } from '../../auth/index.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { agreement as agreementTable, agreementSignature } from '../schema.ts';
import { loadStatuses } from '../status.ts';

/**
 * Signing in Samspil: the municipality's pages, the password check, one current signature however
 * the requests race, and the API. Faxe (0320) signs; Brøndby (0153) is also addressed; Copenhagen
 * (0101) is not.
 */

const FAXE = '0320';
const BRONDBY = '0153';
const KBH = '0101';
const PASSWORD = 'hemmelig-1234';

let t: TestApp;
let db: Db;
let leader: Client;
let klik: Client;
let admin: Client;
let kbhLeader: Client;

async function newLeader(code: string, email: string) {
  const [p] = await db.insert(person).values({ municipalityCode: code, name: `Anden Programleder ${code}`, email, title: 'Digitaliseringschef' }).returning();
  await db.insert(userAccount).values({ personId: p!.id, email, passwordHash: await hashPassword(PASSWORD) });
  await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: code, roleTypeKey: 'programleder' });
  return loginAs(t.app, email, PASSWORD);
}

const signForm = (versionId: string, o: Record<string, string> = {}) => ({
  versionId,
  signerName: 'Programleder Faxe',
  signerTitle: 'Programleder',
  password: DEMO.password,
  confirm: 'on',
  ...o,
});

const currentSignatures = (agreementId: string, code: string) =>
  db
    .select()
    .from(agreementSignature)
    .where(and(eq(agreementSignature.agreementId, agreementId), eq(agreementSignature.municipalityCode, code), isNull(agreementSignature.supersededAt)));

const auditRows = (agreementId: string, action: string) =>
  db.select().from(auditEvent).where(and(eq(auditEvent.entityId, agreementId), eq(auditEvent.action, action)));

async function fresh(o: Parameters<typeof buildAgreement>[1] = {}) {
  return buildAgreement(db, { targets: [FAXE, BRONDBY], ...o });
}

beforeAll(async () => {
  t = await startTestApp();
  db = t.database.db;
  leader = await loginAs(t.app, DEMO.programLeader(FAXE));
  klik = await loginAs(t.app, DEMO.klikAdmin(FAXE));
  admin = await loginAs(t.app, DEMO.admin);
  kbhLeader = await loginAs(t.app, DEMO.programLeader(KBH));
});
afterEach(() => t.setNow(null));
afterAll(() => t?.close());

describe("the municipality's agreement pages", () => {
  it('lists the agreements sent to the municipality, those to sign first, without drafts or other municipalities', async () => {
    const toSign = await fresh({ title: 'Databehandleraftale Aula', deadline: '2030-05-28' });
    const signed = await fresh({ title: 'Samarbejdsaftale KLIK' });
    await buildSignature(db, signed.agreement.id, FAXE);
    const draft = await buildAgreement(db, { status: 'draft', title: 'Kladde til Faxe' });
    const other = await buildAgreement(db, { targets: [KBH], title: 'Kun til København' });

    const res = await leader.get('/aftaler');
    expect(res.statusCode).toBe(200);
    const html = res.body;
    const mustSign = html.slice(html.indexOf('<h2>Skal underskrives</h2>'), html.indexOf('<h2>Øvrige aftaler</h2>'));
    const others = html.slice(html.indexOf('<h2>Øvrige aftaler</h2>'));
    expect(mustSign).toContain(`data-aftale="${toSign.agreement.id}"`);
    expect(mustSign).toContain('28. maj 2030');
    expect(mustSign).toContain('Ikke underskrevet');
    expect(others).toContain(`data-aftale="${signed.agreement.id}"`);
    expect(others).toContain('Underskrevet');
    expect(html).not.toContain(draft.agreement.id);
    expect(html).not.toContain(other.agreement.id);
  });

  it('shows a connection agreement replaced by the K98 agreement the municipality signed, from the day it signed', async () => {
    const k98 = await fresh({ type: 'k98', title: 'K98-aftale 2025', solutions: ['aula', 'byg-og-miljoe'] });
    await buildSignature(db, k98.agreement.id, FAXE, { signedAt: new Date('2025-06-03T10:00:00Z') });
    const connection = await fresh({ type: 'tilslutningsaftale', title: 'Tilslutningsaftale Aula', solutions: ['aula'] });
    const html = (await leader.get('/aftaler')).body;
    const row = new RegExp(`<tr data-aftale="${connection.agreement.id}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';
    expect(row).toContain('Erstattet af K98-aftalen fra 3. juni 2025');
    expect(html.indexOf(`data-aftale="${connection.agreement.id}"`)).toBeGreaterThan(html.indexOf('<h2>Øvrige aftaler</h2>'));
    const page = (await leader.get(`/aftaler/${k98.agreement.id}`)).body;
    expect(page).toContain('Bilag 1: løsninger omfattet af aftalen');
    expect(page).toContain('<li>Aula</li>');
  });

  it('lists in a constant number of queries however many agreements', async () => {
    const count = async () => {
      const before = t.database.queries.count;
      expect((await leader.get('/aftaler')).statusCode).toBe(200);
      return t.database.queries.count - before;
    };
    // loadStatuses looks for K98 replacements only when there are connection agreements and a K98 agreement
    await buildSignature(db, (await fresh({ type: 'k98', solutions: ['aula', 'byg-og-miljoe'] })).agreement.id, FAXE);
    await fresh({ type: 'tilslutningsaftale', solutions: ['aula'] });
    const few = await count();
    for (let i = 0; i < 5; i++) await buildSignature(db, (await fresh({ type: 'tilslutningsaftale', solutions: ['aula'] })).agreement.id, FAXE);
    expect(await count()).toBe(few);
  });

  it('shows the documents with their SHA-256, the status and the sign form with the confirmation', async () => {
    const { agreement: a, version } = await fresh({ title: 'Databehandleraftale Byg og Miljø' });
    const res = await leader.get(`/aftaler/${a.id}`);
    expect(res.statusCode).toBe(200);
    const html = res.body;
    expect(html).toContain('<h1>Databehandleraftale Byg og Miljø</h1>');
    expect(html).toContain(version.sha256);
    expect(html).toMatch(new RegExp(`href="/aftaler/${a.id}/filer/[0-9a-f-]{36}"`));
    expect(html).toContain(`href="/aftaler/${a.id}/kommuner/${FAXE}"`);
    expect(html).toContain('Noter og dialog med KOMBIT');
    expect(html).toContain(`action="/aftaler/${a.id}/underskriv"`);
    expect(html).toContain(`name="versionId" value="${version.id}"`);
    expect(html).toContain('Jeg bekræfter at have læst aftalen version 1 og underskriver den på vegne af Faxe Kommune');
    expect(html).toContain('value="Programleder Faxe"');
    expect(html).toContain('autocomplete="current-password"');
    expect(html).toContain(`action="/aftaler/${a.id}/underskrift"`);
    expect(html).toContain('enctype="multipart/form-data"');
  });

  it('tells a reader who is not an addressee who signs, without forms', async () => {
    const { agreement: a } = await fresh();
    const html = (await klik.get(`/aftaler/${a.id}`)).body;
    expect(html).toContain('Aftalen underskrives af kommunens programledere.');
    expect(html).not.toContain(`action="/aftaler/${a.id}/underskriv"`);
  });

  it('answers 404 for other municipalities and drafts', async () => {
    const { agreement: a } = await fresh();
    const draft = await buildAgreement(db, { status: 'draft' });
    expect((await kbhLeader.get(`/aftaler/${a.id}`)).statusCode).toBe(404);
    expect((await leader.get(`/aftaler/${draft.agreement.id}`)).statusCode).toBe(404);
  });
});

describe('signing', () => {
  it('signs with the right password: the signature records version, hash, signer and IP; status signed; a confirmation mail', async () => {
    const { agreement: a, version } = await fresh({ title: 'Databehandleraftale Ydelsesrefusion' });
    t.setNow(new Date('2025-06-03T08:15:00Z'));
    const res = await leader.post(`/aftaler/${a.id}/underskriv`, signForm(version.id, { signerTitle: 'Direktør' }));
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/aftaler/${a.id}?besked=underskrevet#status`);

    const [s, ...more] = await currentSignatures(a.id, FAXE);
    expect(more).toHaveLength(0);
    expect(s).toMatchObject({
      versionId: version.id,
      versionSha256: version.sha256,
      method: 'samspil',
      state: 'signed',
      signerName: 'Programleder Faxe',
      signerTitle: 'Direktør',
      ip: '127.0.0.1',
    });
    expect(s!.signedAt.toISOString()).toBe('2025-06-03T08:15:00.000Z');
    const [status] = await loadStatuses(db, { agreementIds: [a.id], municipalityCode: FAXE });
    expect(status!.status).toBe('signed');

    const [mail, ...moreMail] = await db.select().from(outboxMail).where(like(outboxMail.dedupeKey, `agreement-signed:${s!.id}:%`));
    expect(moreMail).toHaveLength(0);
    expect(mail!.toAddress).toBe(DEMO.programLeader(FAXE));
    expect(mail!.body).toContain(`http://samspil.test/aftaler/${a.id}/underskrifter/${s!.id}/kvittering`);
    expect(mail!.body).toContain('Faxe Kommune');
    expect(mail!.body).toContain(version.sha256);
    const [audit] = await auditRows(a.id, 'agreement.signed');
    expect(audit).toMatchObject({ municipalityCode: FAXE });

    const page = (await leader.get(res.headers.location as string)).body;
    expect(page).toContain('Aftalen er underskrevet.');
    expect(page).toContain(`/aftaler/${a.id}/underskrifter/${s!.id}/kvittering`);
    expect(page).not.toContain(`action="/aftaler/${a.id}/underskriv"`);
  });

  it('refuses a wrong password with 422 on the field and writes nothing', async () => {
    const { agreement: a, version } = await fresh();
    const res = await leader.post(`/aftaler/${a.id}/underskriv`, signForm(version.id, { password: 'forkert-1234' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Adgangskoden er forkert');
    expect(res.body).not.toContain('forkert-1234');
    // What was typed stays, except the password
    expect(res.body).toContain('value="Programleder"');
    expect(await currentSignatures(a.id, FAXE)).toHaveLength(0);
    expect(await auditRows(a.id, 'agreement.signed')).toHaveLength(0);

    const api = await leader.api('POST', `/api/v1/agreements/${a.id}/signatures`, { ...signForm(version.id, { password: 'forkert' }), confirm: true });
    expect(api.statusCode).toBe(422);
    expect(api.json().fieldErrors).toEqual({ password: 'Adgangskoden er forkert' });
  });

  it('stops password guessing: after ten wrong passwords even the right one is refused for a while (429)', async () => {
    const guesser = await newLeader(FAXE, 'gaetter@faxe.test');
    const { agreement: a, version } = await fresh();
    const body = { ...signForm(version.id, { password: PASSWORD }), confirm: true };
    for (let i = 0; i < 10; i++) {
      expect((await guesser.api('POST', `/api/v1/agreements/${a.id}/signatures`, { ...body, password: `gæt-${i}` })).statusCode).toBe(422);
    }
    const blocked = await guesser.api('POST', `/api/v1/agreements/${a.id}/signatures`, body);
    expect(blocked.statusCode).toBe(429);
    expect(await currentSignatures(a.id, FAXE)).toHaveLength(0);
    // Later, the right password works again
    t.setNow(new Date(Date.now() + 16 * 60_000));
    expect((await guesser.api('POST', `/api/v1/agreements/${a.id}/signatures`, body)).statusCode).toBe(201);
  });

  it('requires the confirmation, a name and a title (422, nothing written)', async () => {
    const { agreement: a, version } = await fresh();
    const res = await leader.post(`/aftaler/${a.id}/underskriv`, signForm(version.id, { confirm: '', signerName: '  ', signerTitle: '' }));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Bekræft at du har læst aftalen');
    expect(res.body).toContain('Skriv underskriverens navn');
    expect(res.body).toContain('Skriv underskriverens titel eller stilling');
    expect(await currentSignatures(a.id, FAXE)).toHaveLength(0);
  });

  it('answers 403 to a municipal user who is not an addressee and to central staff, 404 to another municipality', async () => {
    const { agreement: a, version } = await fresh();
    expect((await klik.post(`/aftaler/${a.id}/underskriv`, signForm(version.id))).statusCode).toBe(403);
    const central = await admin.api('POST', `/api/v1/agreements/${a.id}/signatures`, { ...signForm(version.id), confirm: true });
    expect(central.statusCode).toBe(403);
    expect((await kbhLeader.post(`/aftaler/${a.id}/underskriv`, signForm(version.id))).statusCode).toBe(404);
    expect(await db.select().from(agreementSignature).where(eq(agreementSignature.agreementId, a.id))).toHaveLength(0);
  });

  it('answers 403 once the agreement is closed', async () => {
    const { agreement: a, version } = await fresh();
    await db.update(agreementTable).set({ status: 'closed' }).where(eq(agreementTable.id, a.id));
    const res = await leader.api('POST', `/api/v1/agreements/${a.id}/signatures`, { ...signForm(version.id), confirm: true });
    expect(res.statusCode).toBe(403);
    expect(res.json().message).toBe('Aftalen er lukket for underskrift.');
  });

  it('treats a second POST as already signed: one signature, one audit row, one mail', async () => {
    const { agreement: a, version } = await fresh();
    const body = { ...signForm(version.id), confirm: true };
    const first = await leader.api('POST', `/api/v1/agreements/${a.id}/signatures`, body);
    expect(first.statusCode).toBe(201);
    expect(first.json()).toMatchObject({ alreadySigned: false, signature: { state: 'signed', current: true, versionNumber: 1, municipalityCode: FAXE } });
    const second = await leader.api('POST', `/api/v1/agreements/${a.id}/signatures`, body);
    expect(second.statusCode).toBe(200);
    expect(second.json().alreadySigned).toBe(true);
    expect(second.json().signature.id).toBe(first.json().signature.id);
    const page = await leader.post(`/aftaler/${a.id}/underskriv`, signForm(version.id));
    expect(page.headers.location).toBe(`/aftaler/${a.id}?besked=allerede-underskrevet#status`);
    expect(await currentSignatures(a.id, FAXE)).toHaveLength(1);
    expect(await auditRows(a.id, 'agreement.signed')).toHaveLength(1);
    expect(await db.select().from(outboxMail).where(like(outboxMail.dedupeKey, 'agreement-signed:%')).then((r) => r.filter((m) => m.body.includes(a.title)))).toHaveLength(1);
  });

  it('leaves exactly one current signature when two programme leaders sign at the same moment', async () => {
    const second = await newLeader(FAXE, 'anden-programleder@faxe.test');
    for (let round = 0; round < 3; round++) {
      const { agreement: a, version } = await fresh();
      const [r1, r2] = await Promise.all([
        leader.api('POST', `/api/v1/agreements/${a.id}/signatures`, { ...signForm(version.id), confirm: true }),
        second.api('POST', `/api/v1/agreements/${a.id}/signatures`, { ...signForm(version.id, { password: PASSWORD, signerName: 'Anden Programleder' }), confirm: true }),
      ]);
      expect([r1.statusCode, r2.statusCode].sort()).toEqual([200, 201]);
      expect(r1.json().signature.id).toBe(r2.json().signature.id);
      expect(await currentSignatures(a.id, FAXE)).toHaveLength(1);
      expect(await auditRows(a.id, 'agreement.signed')).toHaveLength(1);
    }
  });

  it('refuses a version that is no longer current with 409', async () => {
    const { agreement: a, version } = await fresh();
    const v2 = await buildVersion(db, a.id, 2);
    const res = await leader.post(`/aftaler/${a.id}/underskriv`, signForm(version.id));
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('Aftalen er kommet i en ny version');
    expect(res.body).toContain(`name="versionId" value="${v2.id}"`);
    expect(await currentSignatures(a.id, FAXE)).toHaveLength(0);
    const ok = await leader.post(`/aftaler/${a.id}/underskriv`, signForm(v2.id));
    expect(ok.statusCode).toBe(303);
  });

  it('shows a superseded signature as no longer valid and offers to sign the new version', async () => {
    const { agreement: a } = await fresh();
    const old = await buildSignature(db, a.id, FAXE);
    const v2 = await buildVersion(db, a.id, 2);
    await db.update(agreementSignature).set({ supersededAt: new Date(), supersededByVersionId: v2.id }).where(eq(agreementSignature.id, old.id));
    const html = (await leader.get(`/aftaler/${a.id}`)).body;
    expect(html).toContain('Denne underskrift gælder ikke længere: aftalen er kommet i version 2');
    expect(html).toContain(`/aftaler/${a.id}/underskrifter/${old.id}/kvittering`);
    expect(html).toContain('Jeg bekræfter at have læst aftalen version 2');
  });
});

describe('the signatures API', () => {
  it("gives a municipality only its own signatures and central staff all of them", async () => {
    const { agreement: a } = await fresh();
    await buildSignature(db, a.id, FAXE);
    await buildSignature(db, a.id, BRONDBY);
    const own = await leader.api('GET', `/api/v1/agreements/${a.id}/signatures`);
    expect(own.statusCode).toBe(200);
    expect(own.json().map((s: { municipalityCode: string }) => s.municipalityCode)).toEqual([FAXE]);
    expect((await leader.api('GET', `/api/v1/agreements/${a.id}/signatures?municipality=${BRONDBY}`)).statusCode).toBe(404);
    expect((await kbhLeader.api('GET', `/api/v1/agreements/${a.id}/signatures`)).statusCode).toBe(404);

    const token = await createTokenForEmail(db, t.config, DEMO.admin, 'test');
    const all = await bearer(t.app, token, 'GET', `/api/v1/agreements/${a.id}/signatures`);
    expect(all.json().map((s: { municipalityCode: string }) => s.municipalityCode).sort()).toEqual([BRONDBY, FAXE]);
    const one = await bearer(t.app, token, 'GET', `/api/v1/agreements/${a.id}/signatures?municipality=${BRONDBY}`);
    expect(one.json()).toHaveLength(1);
    expect(one.json()[0]).toMatchObject({ municipalityName: 'Brøndby', method: 'samspil', state: 'signed', current: true, upload: null });
    expect(one.json()[0].receiptUrl).toMatch(/\/kvittering$/);
  });

  it('signs with a bearer token too (the password is still required)', async () => {
    const { agreement: a, version } = await fresh();
    const token = await createTokenForEmail(db, t.config, DEMO.programLeader(BRONDBY), 'test');
    const body = { versionId: version.id, signerName: 'Programleder Brøndby', signerTitle: 'Programleder', password: DEMO.password, confirm: true };
    expect((await bearer(t.app, token, 'POST', `/api/v1/agreements/${a.id}/signatures`, { ...body, password: 'gæt' })).statusCode).toBe(422);
    const res = await bearer(t.app, token, 'POST', `/api/v1/agreements/${a.id}/signatures`, body);
    expect(res.statusCode).toBe(201);
    expect(res.json().signature.municipalityCode).toBe(BRONDBY);
  });
});
