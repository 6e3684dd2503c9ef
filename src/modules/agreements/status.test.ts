import ExcelJS from 'exceljs';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildAgreement, buildSignature } from '../../../test/factories/agreements.ts';
import type { Db } from '../../db/client.ts';
import { readTable } from '../../platform/spreadsheet/read.ts';
import { outstandingText } from './outstanding-text.ts';
import { agreementTarget } from './schema.ts';

const KBH = '0101';
const FRB = '0147';
const BALLERUP = '0151';
const BRONDBY = '0153';
const FAXE = '0320';
const AERO = '0492';
const SYDDJURS = '0706';
const AARHUS = '0751';

let t: TestApp;
let db: Db;

beforeAll(async () => {
  t = await startTestApp();
  db = t.database.db;
});
afterAll(() => t?.close());

async function markDialogue(agreementId: string, code: string, since = new Date('2025-05-02T08:00:00Z')) {
  await db
    .update(agreementTarget)
    .set({ inDialogue: true, dialogueSince: since })
    .where(and(eq(agreementTarget.agreementId, agreementId), eq(agreementTarget.municipalityCode, code)));
}

const rowOf = (html: string, code: string) => new RegExp(`<tr data-kommune="${code}"[^>]*>([\\s\\S]*?)</tr>`).exec(html)?.[0] ?? '';
const codesIn = (html: string) => [...html.matchAll(/<tr data-kommune="(\d{4})"/g)].map((m) => m[1]);

/** Six municipalities: Copenhagen signed, Frederiksberg's upload awaits review, Syddjurs in dialogue, three not signed. */
async function scripted(title = 'Databehandleraftale Byg og Miljø') {
  const { agreement: a } = await buildAgreement(db, { title, targets: [KBH, FRB, BALLERUP, BRONDBY, FAXE, SYDDJURS] });
  await buildSignature(db, a.id, KBH, { signedAt: new Date('2025-04-01T10:00:00Z') });
  await buildSignature(db, a.id, FRB, { state: 'pending', method: 'upload' });
  await markDialogue(a.id, SYDDJURS);
  return a;
}

describe('the outstanding list as text', () => {
  const row = (name: string, status: 'not_signed' | 'in_dialogue' | 'signed') => ({ municipalityCode: name, municipalityName: name, status });

  it('lists the outstanding in Danish order, marks those in dialogue and names them in the footnote', () => {
    const text = outstandingText([row('Aarhus', 'not_signed'), row('Syddjurs', 'in_dialogue'), row('Ballerup', 'not_signed'), row('Ærø', 'not_signed'), row('København', 'signed')], 'KOMBIT');
    expect(text).toBe(
      [
        'KOMBIT ser fortsat frem til at modtage underskrevne aftaler fra følgende:',
        'Ballerup',
        'Syddjurs *)',
        'Ærø',
        'Aarhus',
        '',
        '*) dialog pågår ml. Syddjurs og KOMBIT',
      ].join('\n'),
    );
  });

  it('names several in dialogue with "hhv.", and says so when nobody is missing', () => {
    const text = outstandingText([row('Syddjurs', 'in_dialogue'), row('Faxe', 'in_dialogue'), row('Albertslund', 'in_dialogue')], 'KOMBIT');
    expect(text.split('\n').at(-1)).toBe('*) dialog pågår ml. KOMBIT og hhv. Albertslund, Faxe og Syddjurs');
    expect(text.split('\n').slice(1, 4)).toEqual(['Albertslund *)', 'Faxe *)', 'Syddjurs *)']);
    expect(outstandingText([row('Faxe', 'not_signed')], 'KOMBIT')).not.toContain('*)');
    expect(outstandingText([row('Faxe', 'signed')], 'KOMBIT')).toBe('KOMBIT har modtaget underskrevne aftaler fra alle de adresserede kommuner.');
  });
});

describe('the status page', () => {
  it('shows counts, labels, signer, dialogue and the ready-to-paste list', async () => {
    const a = await scripted();
    const consultant = await loginAs(t.app, DEMO.consultant);
    const page = await consultant.get(`/aftaler/${a.id}/status`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('1 af 6 underskrevet. 4 mangler.');
    for (const line of ['Underskrevet: 1', 'Erstattet af K98-aftalen: 0', 'Modtaget – afventer godkendelse: 1', 'I dialog: 1', 'Ikke underskrevet: 3']) {
      expect(page.body).toContain(line);
    }
    expect(codesIn(page.body)).toEqual([BALLERUP, BRONDBY, FAXE, FRB, KBH, SYDDJURS]);
    const kbh = rowOf(page.body, KBH);
    expect(kbh).toContain('data-status="signed"');
    expect(kbh).toContain('Underskrevet');
    expect(kbh).toContain('Version 1');
    expect(kbh).toContain('Test Underskriver');
    expect(kbh).toContain('Kommunaldirektør');
    expect(rowOf(page.body, FRB)).toContain('Modtaget – afventer godkendelse');
    expect(rowOf(page.body, SYDDJURS)).toContain('Ja, siden 2. maj 2025');
    expect(rowOf(page.body, FAXE)).toContain('Ikke underskrevet');
    expect(page.body).toContain(`href="/aftaler/${a.id}/kommuner/${FAXE}"`);
    expect(page.body).toContain(`href="/aftaler/${a.id}/paamindelse"`);

    const expected = [
      'KOMBIT ser fortsat frem til at modtage underskrevne aftaler fra følgende:',
      'Ballerup',
      'Brøndby',
      'Faxe',
      'Syddjurs *)',
      '',
      '*) dialog pågår ml. Syddjurs og KOMBIT',
    ].join('\n');
    expect(page.body).toMatch(/<label class="form-label" for="mangelliste">/);
    expect(page.body).toMatch(/<textarea[^>]*id="mangelliste"[^>]*readonly/);
    expect(page.body).toContain(`>${expected}</textarea>`);

    const filtered = await consultant.get(`/aftaler/${a.id}/status?status=not_signed`);
    expect(codesIn(filtered.body)).toEqual([BALLERUP, BRONDBY, FAXE]);
    const outstanding = await consultant.get(`/aftaler/${a.id}/status?status=outstanding`);
    expect(codesIn(outstanding.body)).toEqual([BALLERUP, BRONDBY, FAXE, SYDDJURS]);
    // An unknown filter shows everyone.
    expect(codesIn((await consultant.get(`/aftaler/${a.id}/status?status=nope`)).body)).toHaveLength(6);

    const api = await consultant.api('GET', `/api/v1/agreements/${a.id}/outstanding`);
    expect(api.statusCode).toBe(200);
    expect(api.json()).toEqual({
      text: expected,
      municipalities: [
        { code: BALLERUP, name: 'Ballerup', status: 'not_signed' },
        { code: BRONDBY, name: 'Brøndby', status: 'not_signed' },
        { code: FAXE, name: 'Faxe', status: 'not_signed' },
        { code: SYDDJURS, name: 'Syddjurs', status: 'in_dialogue' },
      ],
    });
  });

  it('shows a connection agreement replaced by K98 with the day of the K98 signature', async () => {
    const { agreement: connection } = await buildAgreement(db, { type: 'tilslutningsaftale', title: 'Tilslutningsaftale Aula', solutions: ['aula'], targets: [KBH, FAXE] });
    const { agreement: k98 } = await buildAgreement(db, { type: 'k98', title: 'K98-aftalen', solutions: ['aula', 'valg'], targets: [KBH, FAXE] });
    await buildSignature(db, k98.id, KBH, { signedAt: new Date('2025-06-03T09:00:00Z') });
    const admin = await loginAs(t.app, DEMO.admin);
    const page = await admin.get(`/aftaler/${connection.id}/status`);
    expect(rowOf(page.body, KBH)).toContain('Erstattet af K98-aftalen fra 3. juni 2025');
    expect(page.body).toContain('1 af 2 underskrevet (heraf 1 erstattet af K98-aftalen). 1 mangler.');
    const api = await admin.api('GET', `/api/v1/agreements/${connection.id}/status`);
    const body = api.json() as { counts: Record<string, number>; rows: { municipalityCode: string; status: string; statusText: string; replacedBy: { agreementId: string } | null }[] };
    expect(body.counts).toMatchObject({ addressed: 2, replaced: 1, not_signed: 1, outstanding: 1 });
    expect(body.rows.find((r) => r.municipalityCode === KBH)).toMatchObject({
      status: 'replaced',
      statusText: 'Erstattet af K98-aftalen fra 3. juni 2025',
      replacedBy: { agreementId: k98.id },
    });
  });

  it('exports the table as XLSX, all or only the outstanding', async () => {
    const a = await scripted('Eksportaftale');
    const admin = await loginAs(t.app, DEMO.admin);
    const res = await admin.get(`/aftaler/${a.id}/status.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('spreadsheetml');
    expect(res.headers['content-disposition']).toBe('attachment; filename="aftale-eksportaftale-status.xlsx"');
    const table = await readTable(res.rawPayload, 'status.xlsx');
    expect(table.headers).toEqual(['kommune', 'kommunekode', 'status', 'version', 'underskrevet', 'underskriver', 'stilling', 'i dialog', 'seneste note']);
    expect(table.rows.map((r) => r.values.kommunekode)).toEqual([BALLERUP, BRONDBY, FAXE, FRB, KBH, SYDDJURS]);
    expect(table.rows.find((r) => r.values.kommunekode === KBH)!.values).toMatchObject({
      kommune: 'København',
      status: 'Underskrevet',
      version: '1',
      underskrevet: '2025-04-01',
      underskriver: 'Test Underskriver',
      stilling: 'Kommunaldirektør',
      'i dialog': 'Nej',
    });
    expect(table.rows.find((r) => r.values.kommunekode === SYDDJURS)!.values).toMatchObject({ status: 'I dialog', 'i dialog': 'Ja', version: '' });

    const missing = await admin.get(`/aftaler/${a.id}/status.xlsx?status=outstanding`);
    expect(missing.headers['content-disposition']).toBe('attachment; filename="aftale-eksportaftale-mangler.xlsx"');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(missing.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Mangler']);
    const rows = (await readTable(missing.rawPayload, 'mangler.xlsx')).rows;
    expect(rows.map((r) => r.values.kommune)).toEqual(['Ballerup', 'Brøndby', 'Faxe', 'Syddjurs']);
  });

  it('is for central staff only: municipal users get 404, also for addressed municipalities', async () => {
    const a = await scripted('Kun for KOMBIT');
    const pl = await loginAs(t.app, DEMO.programLeader(KBH));
    expect((await pl.get(`/aftaler/${a.id}/status`)).statusCode).toBe(404);
    expect((await pl.get(`/aftaler/${a.id}/status.xlsx`)).statusCode).toBe(404);
    expect((await pl.api('GET', `/api/v1/agreements/${a.id}/outstanding`)).statusCode).toBe(404);
    const admin = await loginAs(t.app, DEMO.admin);
    expect((await admin.get('/aftaler/00000000-0000-4000-8000-000000000000/status')).statusCode).toBe(404);
    expect((await admin.get('/aftaler/ikke-et-id/status')).statusCode).toBe(404);
  });
});

describe('the status API', () => {
  it('gives central staff every row and the counts, a municipality only its own row', async () => {
    const a = await scripted('API-aftale');
    const admin = await loginAs(t.app, DEMO.admin);
    const all = await admin.api('GET', `/api/v1/agreements/${a.id}/status`);
    expect(all.statusCode).toBe(200);
    const body = all.json() as { counts: Record<string, number>; rows: { municipalityCode: string; status: string; signature: { signerName: string } | null; inDialogue: boolean }[] };
    expect(body.counts).toEqual({ addressed: 6, signed: 1, replaced: 0, pending: 1, in_dialogue: 1, not_signed: 3, outstanding: 4 });
    expect(body.rows).toHaveLength(6);
    expect(body.rows.find((r) => r.municipalityCode === KBH)!.signature!.signerName).toBe('Test Underskriver');
    const missing = await admin.api('GET', `/api/v1/agreements/${a.id}/status?status=outstanding`);
    expect((missing.json() as { rows: { municipalityCode: string }[] }).rows.map((r) => r.municipalityCode)).toEqual([BALLERUP, BRONDBY, FAXE, SYDDJURS]);
    expect((await admin.api('GET', `/api/v1/agreements/${a.id}/status?status=nope`)).statusCode).toBe(422);

    const pl = await loginAs(t.app, DEMO.programLeader(SYDDJURS));
    const own = await pl.api('GET', `/api/v1/agreements/${a.id}/status`);
    expect(own.statusCode).toBe(200);
    expect(own.json()).toMatchObject({ counts: null, rows: [{ municipalityCode: SYDDJURS, status: 'in_dialogue', inDialogue: true }] });
    expect((own.json() as { rows: unknown[] }).rows).toHaveLength(1);
    // Not addressed: the agreement does not exist for them.
    const other = await loginAs(t.app, DEMO.programLeader(AARHUS));
    expect((await other.api('GET', `/api/v1/agreements/${a.id}/status`)).statusCode).toBe(404);
    const aero = await loginAs(t.app, DEMO.klikAdmin(AERO));
    expect((await aero.api('GET', `/api/v1/agreements/${a.id}/status`)).statusCode).toBe(404);
  });

  it('hides drafts from municipalities', async () => {
    const { agreement: draft } = await buildAgreement(db, { status: 'draft' });
    const pl = await loginAs(t.app, DEMO.programLeader(KBH));
    expect((await pl.api('GET', `/api/v1/agreements/${draft.id}/status`)).statusCode).toBe(404);
    const admin = await loginAs(t.app, DEMO.admin);
    const res = await admin.api('GET', `/api/v1/agreements/${draft.id}/status`);
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ rows: [], counts: { addressed: 0 } });
  });
});
