import { and, eq, isNull, like, ne } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildAgreement, buildVersion, tinyPdf } from '../../../../test/factories/agreements.ts';
import type { Db } from '../../../db/client.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { outboxMail } from '../../../platform/outbox/schema.ts';
import { createTokenForEmail } from '../../auth/index.ts';
import { person, roleAssignment, userAccount } from '../../../platform/identity/schema.ts';
import { fileSha256, MAX_AGREEMENT_FILE_BYTES } from '../files.ts';
import { agreementSignature } from '../schema.ts';
import { loadStatuses } from '../status.ts';

/**
 * A signed copy made outside Samspil: Faxe (0320) uploads it, central staff accept or reject it.
 * Brøndby (0153) is the other addressed municipality.
 */

const FAXE = '0320';
const BRONDBY = '0153';

let t: TestApp;
let db: Db;
let leader: Client;
let brondby: Client;
let admin: Client;
let consultant: Client;
let reader: Client; // central, neither administrator nor consultant

type Part = { name: string; value: string } | { name: string; filename: string; contentType: string; content: Buffer };

function multipart(parts: Part[]) {
  const boundary = `----samspil${Math.random().toString(16).slice(2)}`;
  const chunks: Buffer[] = [];
  for (const p of parts) {
    if ('value' in p) chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"\r\n\r\n${p.value}\r\n`));
    else {
      chunks.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"; filename="${p.filename}"\r\nContent-Type: ${p.contentType}\r\n\r\n`));
      chunks.push(p.content, Buffer.from('\r\n'));
    }
  }
  chunks.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

const pdfPart = (content: Buffer, filename = 'underskrevet aftale æ.pdf', field = 'fil'): Part => ({ name: field, filename, contentType: 'application/pdf', content });

/** The page's upload form, as a browser posts it (session cookie and CSRF field). */
async function uploadPage(client: Client, agreementId: string, file: Part | null, fields: Record<string, string> = {}) {
  const all = { signerName: 'Borgmester Faxe', signerTitle: 'Borgmester', ...fields };
  const mp = multipart([{ name: '_csrf', value: client.csrf }, ...Object.entries(all).map(([name, value]) => ({ name, value })), ...(file ? [file] : [])]);
  return t.app.inject({
    method: 'POST',
    url: `/aftaler/${agreementId}/underskrift`,
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': mp.contentType },
    payload: mp.payload,
  });
}

async function uploadApi(token: string, agreementId: string, file: Part | null, fields: Record<string, string> = {}) {
  const all = { signerName: 'Borgmester', signerTitle: 'Borgmester', ...fields };
  const mp = multipart([...Object.entries(all).map(([name, value]) => ({ name, value })), ...(file ? [file] : [])]);
  return t.app.inject({
    method: 'POST',
    url: `/api/v1/agreements/${agreementId}/signature-uploads`,
    headers: { authorization: `Bearer ${token}`, 'content-type': mp.contentType },
    payload: mp.payload,
  });
}

const signaturesOf = (agreementId: string) => db.select().from(agreementSignature).where(eq(agreementSignature.agreementId, agreementId));
const current = (agreementId: string, code: string) =>
  db
    .select()
    .from(agreementSignature)
    .where(
      and(
        eq(agreementSignature.agreementId, agreementId),
        eq(agreementSignature.municipalityCode, code),
        isNull(agreementSignature.supersededAt),
        ne(agreementSignature.state, 'rejected'),
      ),
    );
const audits = (agreementId: string, action: string) => db.select().from(auditEvent).where(and(eq(auditEvent.entityId, agreementId), eq(auditEvent.action, action)));

async function fresh() {
  return buildAgreement(db, { targets: [FAXE, BRONDBY], title: `Databehandleraftale ${Math.random().toString(36).slice(2, 8)}` });
}

/** An agreement with Faxe's upload pending. */
async function withPending() {
  const built = await fresh();
  const content = tinyPdf(`underskrevet ${built.agreement.id}`);
  const res = await uploadPage(leader, built.agreement.id, pdfPart(content));
  expect(res.statusCode).toBe(303);
  const [s] = await current(built.agreement.id, FAXE);
  return { ...built, signature: s!, content };
}

beforeAll(async () => {
  t = await startTestApp();
  db = t.database.db;
  leader = await loginAs(t.app, DEMO.programLeader(FAXE));
  brondby = await loginAs(t.app, DEMO.programLeader(BRONDBY));
  admin = await loginAs(t.app, DEMO.admin);
  consultant = await loginAs(t.app, DEMO.consultant);
  const [p] = await db.insert(person).values({ municipalityCode: null, name: 'Drift Læser', email: 'drift@central.test' }).returning();
  await db.insert(userAccount).values({ personId: p!.id, email: 'drift@central.test', passwordHash: await hashPassword('hemmelig-1234') });
  await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: null, roleTypeKey: 'drift' });
  reader = await loginAs(t.app, 'drift@central.test', 'hemmelig-1234');
});
afterAll(() => t?.close());

describe('uploading a signed copy', () => {
  it('stores a PDF as a pending signature of the current version, with its hash and name', async () => {
    const { agreement: a, version, signature: s, content } = await withPending();
    expect(s).toMatchObject({
      method: 'upload',
      state: 'pending',
      versionId: version.id,
      versionSha256: version.sha256,
      signerName: 'Borgmester Faxe',
      signerTitle: 'Borgmester',
      uploadFilename: 'underskrevet aftale æ.pdf',
      uploadContentType: 'application/pdf',
      uploadSize: content.length,
      uploadSha256: fileSha256(content),
    });
    const [status] = await loadStatuses(db, { agreementIds: [a.id], municipalityCode: FAXE });
    expect(status!.status).toBe('pending');
    expect(await audits(a.id, 'agreement.signature_uploaded')).toHaveLength(1);

    const html = (await leader.get(`/aftaler/${a.id}?besked=indsendt`)).body;
    expect(html).toContain('Modtaget – afventer godkendelse');
    expect(html).toContain(fileSha256(content));
    expect(html).not.toContain(`action="/aftaler/${a.id}/underskriv"`);
  });

  it('refuses anything but a PDF, a missing file and missing names with 422, writing nothing', async () => {
    const { agreement: a } = await fresh();
    const txt = await uploadPage(leader, a.id, { name: 'fil', filename: 'aftale.pdf', contentType: 'application/pdf', content: Buffer.from('Ikke en PDF') });
    expect(txt.statusCode).toBe(422);
    expect(txt.body).toContain('Filen skal være en PDF-fil');
    expect(txt.body).toContain('href="#felt-upload-fil"');
    const none = await uploadPage(leader, a.id, null, { signerName: '' });
    expect(none.statusCode).toBe(422);
    expect(none.body).toContain('Vælg den underskrevne aftale som PDF-fil');
    expect(none.body).toContain('Skriv underskriverens navn');
    const token = await createTokenForEmail(db, t.config, DEMO.programLeader(FAXE), 'test');
    const api = await uploadApi(token, a.id, { name: 'file', filename: 'aftale.txt', contentType: 'text/plain', content: Buffer.from('tekst') });
    expect(api.statusCode).toBe(422);
    expect(api.json().fieldErrors).toEqual({ fil: 'Filen skal være en PDF-fil' });
    expect(await signaturesOf(a.id)).toHaveLength(0);
  });

  it('refuses a file over the limit', async () => {
    const { agreement: a } = await fresh();
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(MAX_AGREEMENT_FILE_BYTES, 0x20)]);
    const res = await uploadPage(leader, a.id, pdfPart(big));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Filen må højst fylde 20 MB');
    expect(await signaturesOf(a.id)).toHaveLength(0);
  });

  it('takes the same file again as a no-op, refuses another upload or a signature while one is pending (409)', async () => {
    const { agreement: a, version, content } = await withPending();
    const token = await createTokenForEmail(db, t.config, DEMO.programLeader(FAXE), 'test');
    const again = await uploadApi(token, a.id, pdfPart(content, 'x.pdf', 'file'));
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ alreadySigned: true, signature: { state: 'pending', current: true, receiptUrl: null } });
    const other = await uploadApi(token, a.id, pdfPart(tinyPdf('en anden kopi'), 'y.pdf', 'file'));
    expect(other.statusCode).toBe(409);
    const sign = await leader.api('POST', `/api/v1/agreements/${a.id}/signatures`, {
      versionId: version.id,
      signerName: 'Programleder Faxe',
      signerTitle: 'Programleder',
      password: DEMO.password,
      confirm: true,
    });
    expect(sign.statusCode).toBe(409);
    expect(sign.json().message).toContain('afventer KOMBITs godkendelse');
    expect(await signaturesOf(a.id)).toHaveLength(1);
    expect(await audits(a.id, 'agreement.signature_uploaded')).toHaveLength(1);
  });

  it('answers 403 to central staff and 404 to a municipality the agreement was not sent to', async () => {
    const { agreement: a } = await buildAgreement(db, { targets: [FAXE] });
    expect((await uploadPage(admin, a.id, pdfPart(tinyPdf('central')))).statusCode).toBe(403);
    expect((await uploadPage(brondby, a.id, pdfPart(tinyPdf('brøndby')))).statusCode).toBe(404);
    expect(await signaturesOf(a.id)).toHaveLength(0);
  });

  it('refuses an upload for a version that is no longer current (409)', async () => {
    const { agreement: a, version } = await fresh();
    await buildVersion(db, a.id, 2);
    const res = await uploadPage(leader, a.id, pdfPart(tinyPdf('gammel')), { versionId: version.id });
    expect(res.statusCode).toBe(409);
    expect(await signaturesOf(a.id)).toHaveLength(0);
  });
});

describe('reviewing an uploaded copy', () => {
  it('lists pending copies first with accept and reject forms for editors, without forms for other central staff', async () => {
    const { agreement: a, signature: s } = await withPending();
    const html = (await consultant.get(`/aftaler/${a.id}/underskrifter`)).body;
    expect(html.indexOf('Afventer godkendelse (1)')).toBeLessThan(html.indexOf('Gældende underskrifter'));
    expect(html).toContain(`action="/aftaler/${a.id}/underskrifter/${s.id}/godkend"`);
    expect(html).toContain(`action="/aftaler/${a.id}/underskrifter/${s.id}/afvis"`);
    expect(html).toContain('Faxe Kommune');
    const plain = await reader.get(`/aftaler/${a.id}/underskrifter`);
    expect(plain.statusCode).toBe(200);
    expect(plain.body).not.toContain('/godkend"');
    expect((await reader.post(`/aftaler/${a.id}/underskrifter/${s.id}/godkend`)).statusCode).toBe(403);
    // The municipality sees its signatures on the agreement's own page
    const own = await leader.get(`/aftaler/${a.id}/underskrifter`);
    expect(own.statusCode).toBe(303);
    expect(own.headers.location).toBe(`/aftaler/${a.id}#underskrifter`);
  });

  it('lets central staff and the municipality download the uploaded file, nobody else', async () => {
    const { agreement: a, signature: s, content } = await withPending();
    const url = `/aftaler/${a.id}/underskrifter/${s.id}/fil`;
    const central = await reader.get(url);
    expect(central.statusCode).toBe(200);
    expect(central.headers['content-type']).toBe('application/pdf');
    expect(central.headers['content-disposition']).toContain('attachment;');
    expect(central.rawPayload.equals(content)).toBe(true);
    expect((await leader.get(url)).statusCode).toBe(200);
    expect((await brondby.get(url)).statusCode).toBe(404);
  });

  it('rejects with a required reason: no longer current, the uploader is told, the municipality can sign again', async () => {
    const { agreement: a, version, signature: s } = await withPending();
    const empty = await admin.post(`/aftaler/${a.id}/underskrifter/${s.id}/afvis`, { reason: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.body).toContain('Skriv hvorfor den indsendte kopi afvises');
    expect(empty.body).toContain(`href="#felt-begrundelse-${s.id}"`);
    expect((await current(a.id, FAXE))[0]!.state).toBe('pending');

    const res = await admin.post(`/aftaler/${a.id}/underskrifter/${s.id}/afvis`, { reason: 'Siden med underskriften mangler.' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/aftaler/${a.id}/underskrifter?besked=afvist`);
    const [row] = await db.select().from(agreementSignature).where(eq(agreementSignature.id, s.id));
    expect(row).toMatchObject({ state: 'rejected', rejectReason: 'Siden med underskriften mangler.' });
    expect(row!.reviewedAt).not.toBeNull();
    expect(await current(a.id, FAXE)).toHaveLength(0);
    const [status] = await loadStatuses(db, { agreementIds: [a.id], municipalityCode: FAXE });
    expect(status!.status).toBe('not_signed');
    const mails = await db.select().from(outboxMail).where(like(outboxMail.dedupeKey, `agreement-signature-rejected:${s.id}:%`));
    expect(mails).toHaveLength(1);
    expect(mails[0]!.toAddress).toBe(DEMO.programLeader(FAXE));
    expect(mails[0]!.body).toContain('Siden med underskriften mangler.');
    expect(await audits(a.id, 'agreement.signature_rejected')).toHaveLength(1);

    // Again: nothing changes, no second mail
    const again = await admin.api('POST', `/api/v1/agreements/${a.id}/signatures/${s.id}/reject`, { reason: 'Igen' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ changed: false, signature: { state: 'rejected', current: false, rejectReason: 'Siden med underskriften mangler.' } });
    expect(await audits(a.id, 'agreement.signature_rejected')).toHaveLength(1);
    // A rejected copy cannot be accepted
    expect((await admin.api('POST', `/api/v1/agreements/${a.id}/signatures/${s.id}/accept`)).statusCode).toBe(409);

    const page = (await leader.get(`/aftaler/${a.id}`)).body;
    expect(page).toContain('KOMBIT har afvist den indsendte kopi');
    expect(page).toContain('Siden med underskriften mangler.');
    expect(page).toContain(`action="/aftaler/${a.id}/underskriv"`);
    const signed = await leader.api('POST', `/api/v1/agreements/${a.id}/signatures`, {
      versionId: version.id,
      signerName: 'Programleder Faxe',
      signerTitle: 'Programleder',
      password: DEMO.password,
      confirm: true,
    });
    expect(signed.statusCode).toBe(201);
  });

  it('accepts: the copy counts as signed; accepting again is a no-op; an accepted one cannot be rejected', async () => {
    const { agreement: a, signature: s } = await withPending();
    const res = await consultant.post(`/aftaler/${a.id}/underskrifter/${s.id}/godkend`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/aftaler/${a.id}/underskrifter?besked=godkendt`);
    const [status] = await loadStatuses(db, { agreementIds: [a.id], municipalityCode: FAXE });
    expect(status!.status).toBe('signed');
    expect(await audits(a.id, 'agreement.signature_accepted')).toHaveLength(1);

    const token = await createTokenForEmail(db, t.config, DEMO.admin, 'test');
    const again = await bearer(t.app, token, 'POST', `/api/v1/agreements/${a.id}/signatures/${s.id}/accept`);
    expect(again.statusCode).toBe(200);
    expect(again.json()).toMatchObject({ changed: false, signature: { state: 'signed', current: true, reviewerName: 'Karsten Konsulent' } });
    expect(again.json().signature.receiptUrl).toBe(`/aftaler/${a.id}/underskrifter/${s.id}/kvittering`);
    const reject = await bearer(t.app, token, 'POST', `/api/v1/agreements/${a.id}/signatures/${s.id}/reject`, { reason: 'For sent' });
    expect(reject.statusCode).toBe(409);
    expect(await audits(a.id, 'agreement.signature_accepted')).toHaveLength(1);

    const html = (await admin.get(`/aftaler/${a.id}/underskrifter`)).body;
    expect(html).toContain('Afventer godkendelse (0)');
    expect(html).toContain(`data-underskrift="${s.id}"`);
  });

  it('answers 403 to municipal users and 404 for a signature of another agreement', async () => {
    const { agreement: a, signature: s } = await withPending();
    const other = await fresh();
    expect((await leader.api('POST', `/api/v1/agreements/${a.id}/signatures/${s.id}/accept`)).statusCode).toBe(403);
    expect((await admin.api('POST', `/api/v1/agreements/${other.agreement.id}/signatures/${s.id}/accept`)).statusCode).toBe(404);
    expect((await current(a.id, FAXE))[0]!.state).toBe('pending');
  });
});
