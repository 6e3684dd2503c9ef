import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildAgreement, buildSignature, buildVersion } from '../../../../test/factories/agreements.ts';
import type { Db } from '../../../db/client.ts';
import { createTokenForEmail } from '../../auth/index.ts';
import { receiptDocument, receiptFilename } from './receipt-pdf.ts';
import { agreementSignature } from '../schema.ts';
import { listSignatures, versionsAndFiles } from './signature-queries.ts';

/** The receipt of a signature: what it says, and who may fetch it. Faxe (0320) signs; Brøndby (0153) is also addressed. */

const FAXE = '0320';
const BRONDBY = '0153';

/** pdfkit writes non-ASCII document information as UTF-16BE with a byte order mark. */
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const hasInfoText = (pdf: Buffer, s: string) => pdf.includes(utf16be(s)) || pdf.includes(Buffer.from(s, 'latin1'));

let t: TestApp;
let db: Db;
let leader: Client;
let brondby: Client;
let admin: Client;

beforeAll(async () => {
  t = await startTestApp();
  db = t.database.db;
  leader = await loginAs(t.app, DEMO.programLeader(FAXE));
  brondby = await loginAs(t.app, DEMO.programLeader(BRONDBY));
  admin = await loginAs(t.app, DEMO.admin);
});
afterAll(() => t?.close());

async function signedInSamspil() {
  const { agreement: a, version } = await buildAgreement(db, { targets: [FAXE, BRONDBY], title: 'Databehandleraftale Ydelsesrefusion' });
  t.setNow(new Date('2025-06-03T08:15:42Z'));
  const res = await leader.api('POST', `/api/v1/agreements/${a.id}/signatures`, {
    versionId: version.id,
    signerName: 'Programleder Faxe',
    signerTitle: 'Kommunaldirektør',
    password: DEMO.password,
    confirm: true,
  });
  t.setNow(null);
  expect(res.statusCode).toBe(201);
  return { a, version, signatureId: res.json().signature.id as string };
}

describe('the receipt document', () => {
  it('names the agreement, municipality, version and its hash, every file with its hash, signer, time, method and IP', async () => {
    const { a, version, signatureId } = await signedInSamspil();
    const [s] = await listSignatures(db, a.id, { signatureId });
    const { files } = await versionsAndFiles(db, a.id, version.id);
    const doc = JSON.stringify(receiptDocument({ agreement: { id: a.id, title: a.title, type: a.type }, signature: s!, files }, new Date()));
    expect(doc).toContain('Kvittering for underskrift');
    expect(doc).toContain('Databehandleraftale Ydelsesrefusion');
    expect(doc).toContain('"Databehandleraftale"');
    expect(doc).toContain('Faxe Kommune (0320)');
    expect(doc).toContain('[{"text":"Version","bold":true},"1"]');
    expect(doc).toContain(version.sha256);
    expect(files).toHaveLength(2);
    for (const f of files) {
      expect(doc).toContain(f.sha256);
      expect(doc).toContain(f.filename);
      expect(doc).toContain(f.title);
    }
    expect(doc).toContain('Programleder Faxe');
    expect(doc).toContain('Kommunaldirektør');
    expect(doc).toContain('03.06.2025 kl. 10.15.42 (dansk tid)');
    expect(doc).toContain('Underskrevet i Samspil med adgangskode');
    expect(doc).toContain('127.0.0.1');
    expect(doc).not.toContain('Filens SHA-256');
  });

  it('names an uploaded copy, its hash and its review', async () => {
    const { agreement: a, version } = await buildAgreement(db, { targets: [FAXE] });
    const built = await buildSignature(db, a.id, FAXE, { method: 'upload', state: 'signed' });
    await db.update(agreementSignature).set({ uploadFilename: 'underskrevet.pdf', uploadSha256: 'ab'.repeat(32), reviewedAt: new Date('2025-06-04T09:00:00Z') }).where(eq(agreementSignature.id, built.id));
    const [s] = await listSignatures(db, a.id, { signatureId: built.id });
    const { files } = await versionsAndFiles(db, a.id, version.id);
    const doc = JSON.stringify(receiptDocument({ agreement: { id: a.id, title: a.title, type: a.type }, signature: s!, files }, new Date()));
    expect(doc).toContain('Underskrevet kopi indsendt som PDF');
    expect(doc).toContain('underskrevet.pdf');
    expect(doc).toContain('ab'.repeat(32));
    expect(doc).toContain('Godkendt 04.06.2025 kl. 11.00.00');
  });

  it('names the file in ASCII', () => {
    expect(receiptFilename('Databehandleraftale Byg og Miljø', 'Brøndby')).toBe('kvittering-databehandleraftale-byg-og-miljoe-broendby.pdf');
  });
});

describe('GET the receipt', () => {
  it('is a PDF for the municipality and for central staff, carrying the version hash', async () => {
    const { a, version, signatureId } = await signedInSamspil();
    const url = `/aftaler/${a.id}/underskrifter/${signatureId}/kvittering`;
    const res = await leader.get(url);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="kvittering-databehandleraftale-ydelsesrefusion-faxe.pdf"');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(hasInfoText(pdf, version.sha256)).toBe(true);
    expect(hasInfoText(pdf, 'Kvittering for underskrift – Databehandleraftale Ydelsesrefusion')).toBe(true);
    expect((await admin.get(url)).statusCode).toBe(200);

    const token = await createTokenForEmail(db, t.config, DEMO.programLeader(FAXE), 'test');
    const api = await bearer(t.app, token, 'GET', `/api/v1/agreements/${a.id}/signatures/${signatureId}/receipt`);
    expect(api.statusCode).toBe(200);
    expect(api.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });

  it('answers 404 to another municipality, even one the agreement was sent to', async () => {
    const { a, signatureId } = await signedInSamspil();
    expect((await brondby.get(`/aftaler/${a.id}/underskrifter/${signatureId}/kvittering`)).statusCode).toBe(404);
    expect((await brondby.api('GET', `/api/v1/agreements/${a.id}/signatures/${signatureId}/receipt`)).statusCode).toBe(404);
    expect((await leader.get(`/aftaler/${a.id}/underskrifter/ikke-et-id/kvittering`)).statusCode).toBe(404);
  });

  it('exists for a superseded signature, not for a pending upload (409)', async () => {
    const { a, signatureId } = await signedInSamspil();
    const v2 = await buildVersion(db, a.id, 2);
    await db.update(agreementSignature).set({ supersededAt: new Date(), supersededByVersionId: v2.id }).where(eq(agreementSignature.id, signatureId));
    const res = await leader.get(`/aftaler/${a.id}/underskrifter/${signatureId}/kvittering`);
    expect(res.statusCode).toBe(200);
    const [s] = await listSignatures(db, a.id, { signatureId });
    const { files } = await versionsAndFiles(db, a.id, s!.versionId);
    expect(JSON.stringify(receiptDocument({ agreement: { id: a.id, title: a.title, type: a.type }, signature: s!, files }, new Date()))).toContain(
      'Aftalen er siden kommet i version 2',
    );

    const pending = await buildSignature(db, a.id, BRONDBY, { method: 'upload', state: 'pending' });
    const refused = await brondby.api('GET', `/api/v1/agreements/${a.id}/signatures/${pending.id}/receipt`);
    expect(refused.statusCode).toBe(409);
    expect(refused.json().message).toContain('afventer');
  });
});
