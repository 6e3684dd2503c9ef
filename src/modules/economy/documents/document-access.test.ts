import { createHash } from 'node:crypto';
import { and, eq } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildK98Year } from '../../../../test/factories/economy.ts';
import { userAccount } from '../../../db/schema.ts';
import { loadActor } from '../../../platform/auth/load-actor.ts';
import { seedDemoItChefs } from '../../organisations/index.ts';
import { council, councilMeeting, economyDocument, meetingFile, poolProposal, poolProposalStep } from '../schema.ts';
import { publishDocuments } from './publish-documents.ts';

/**
 * Who reads a published document: the municipality's own users (page, PDF, XLSX, API), central
 * staff every municipality's and drafts before publishing; another municipality's and an
 * unpublished one are 404 in every form. The first look from the municipality is recorded and
 * takes the front-page item away. All 98 invoices come as PDFs in one ZIP.
 */

const FAXE = '0320';
const BRONDBY = '0153';

let t: TestApp;
let admin: Client;
let faxeChief: Client;
let faxeLeader: Client;
let minutesMeeting = '';
let programme = 0;
let draftMeeting = '';

const opened = async (code: string, kind = 'faktura') => {
  const [row] = await t.database.db
    .select({ at: economyDocument.firstOpenedAt })
    .from(economyDocument)
    .where(and(eq(economyDocument.year, 2026), eq(economyDocument.kind, kind as 'faktura'), eq(economyDocument.municipalityCode, code)));
  return row?.at ?? null;
};

beforeAll(async () => {
  t = await startTestApp();
  const db = t.database.db;
  await seedDemoItChefs(db);
  await buildK98Year(db, 2026);
  // The Porteføljeråd met twice in 2026; only the first meeting has minutes so far.
  const [pr] = await db.insert(council).values({ key: 'portefoeljeraadet', kind: 'portefoeljeraad', name: 'Porteføljerådet' }).returning({ id: council.id });
  const [held, coming] = await db
    .insert(councilMeeting)
    .values([
      { councilId: pr!.id, meetingDate: '2026-01-22', title: 'Januarmødet' },
      { councilId: pr!.id, meetingDate: '2026-05-20', title: 'Majmødet' },
    ])
    .returning({ id: councilMeeting.id });
  minutesMeeting = held!.id;
  draftMeeting = coming!.id;
  const content = Buffer.from('%PDF-1.4 referat');
  await db.insert(meetingFile).values([
    { meetingId: held!.id, kind: 'referat', filename: 'referat.pdf', contentType: 'application/pdf', size: content.length, sha256: createHash('sha256').update(content).digest('hex'), content },
    { meetingId: coming!.id, kind: 'dagsorden', filename: 'dagsorden.pdf', contentType: 'application/pdf', size: content.length, sha256: createHash('sha256').update('x').digest('hex'), content },
  ]);
  // One proposal prioritised for 2026 (a programme started), one only recommended, one for 2027.
  const proposals = await db
    .insert(poolProposal)
    .values([
      { year: 2026, title: 'Journalisering af Aula-filer', description: '.', estimatedCostOre: 185_000_000, municipalityCode: FAXE, status: 'prioriteret' as const },
      { year: 2026, title: 'Kun indstillet', description: '.', estimatedCostOre: 1_000_00, status: 'indstillet' as const },
      { year: 2027, title: 'Næste års program', description: '.', estimatedCostOre: 1_000_00, status: 'prioriteret' as const },
    ])
    .returning({ id: poolProposal.id, number: poolProposal.number, status: poolProposal.status });
  await db.insert(poolProposalStep).values(proposals.map((p) => ({ proposalId: p.id, status: p.status, decision: 'Besluttet', decidedAt: new Date('2026-01-22T10:00:00Z') })));
  programme = proposals[0]!.number;
  const [account] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, DEMO.admin));
  const actor = (await loadActor(db, account!.id))!;
  await publishDocuments({ actor, db, now: new Date(), requestId: 'test', config: t.config }, 2026, 'faktura');
  admin = await loginAs(t.app, DEMO.admin);
  faxeChief = await loginAs(t.app, `it-chef-${FAXE}@samspil.demo`);
  faxeLeader = await loginAs(t.app, DEMO.programLeader(FAXE));
}, 60_000);
afterAll(() => t?.close());

describe("another municipality's documents and unpublished ones", () => {
  it('are 404 to a municipality as page, PDF, XLSX and API', async () => {
    const urls = [
      `/oekonomi/kommuner/${BRONDBY}/2026/faktura`,
      `/oekonomi/kommuner/${BRONDBY}/2026/faktura.pdf`,
      `/oekonomi/kommuner/${BRONDBY}/2026/faktura.xlsx`,
      `/api/v1/economy/years/2026/municipalities/${BRONDBY}/invoice`,
      // Faxe's own guidance and statement for 2026 are not published.
      `/oekonomi/kommuner/${FAXE}/2026/budgetvejledning`,
      `/oekonomi/kommuner/${FAXE}/2026/budgetvejledning.pdf`,
      `/oekonomi/kommuner/${FAXE}/2026/aarsopgoerelse.xlsx`,
      `/api/v1/economy/years/2026/municipalities/${FAXE}/guidance`,
      `/api/v1/economy/years/2026/municipalities/${FAXE}/statement`,
      // The central pages do not exist for a municipality.
      '/oekonomi/dokumenter/2026',
      '/oekonomi/dokumenter/2026/fakturaer.zip',
      '/api/v1/economy/years/2026/documents',
    ];
    for (const url of urls) {
      const res = url.startsWith('/api/') ? await faxeChief.api('GET', url) : await faxeChief.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.body, url).not.toContain('Brøndby Kommune');
    }
    expect(await opened(BRONDBY)).toBeNull();
  });
});

describe("a municipality's own published document", () => {
  it('is on the front page of its IT chief until someone in the municipality opens it', async () => {
    const front = await faxeChief.get('/');
    expect(front.body).toContain('Læs faktura 2026 fra KOMBIT');
    expect(front.body).toContain(`/oekonomi/kommuner/${FAXE}/2026/faktura`);
    const items = (await faxeChief.api('GET', '/api/v1/me/attention')).json();
    expect(JSON.stringify(items)).toContain('economy.document');
    // The programleder reads the documents too, but they are not mailed to him: no item.
    expect((await faxeLeader.get('/')).body).not.toContain('Læs faktura 2026');
    const list = await faxeLeader.get('/oekonomi');
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain(`href="/oekonomi/kommuner/${FAXE}/2026/faktura"`);
    expect(list.body).toContain('Ikke åbnet');
    expect(list.body).toContain('href="/styring/puljen"');
    // Looking at the list is not opening the document, and the API reads without recording either.
    await faxeChief.api('GET', `/api/v1/economy/years/2026/municipalities/${FAXE}/invoice`);
    expect(await opened(FAXE)).toBeNull();
  });

  it('opens as a page with the minutes of the year, records the first look, and leaves the front page', async () => {
    const page = await faxeChief.get(`/oekonomi/kommuner/${FAXE}/2026/faktura`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<h1>Faktura 2026 – Faxe Kommune</h1>');
    expect(page.body).not.toContain('Udkast');
    expect(page.body).toContain(`href="/styring/moeder/${minutesMeeting}"`);
    expect(page.body).not.toContain(draftMeeting);
    // The programmes the pool started that year: the prioritised proposal only.
    expect(page.body).toContain(`href="/styring/puljen/forslag/${programme}"`);
    expect(page.body).toContain('Journalisering af Aula-filer</a><span> – Faxe, anslået 1.850.000,00 kr., prioriteret 22.01.2026</span>');
    expect(page.body).not.toContain('Kun indstillet');
    expect(page.body).not.toContain('Næste års program');
    const first = await opened(FAXE);
    expect(first).not.toBeNull();
    await faxeLeader.get(`/oekonomi/kommuner/${FAXE}/2026/faktura.pdf`);
    expect(await opened(FAXE)).toEqual(first);
    expect((await faxeChief.get('/')).body).not.toContain('Læs faktura 2026 fra KOMBIT');
  });

  it('downloads as PDF and XLSX and reads through the API, with the same total', async () => {
    const api = await faxeChief.api('GET', `/api/v1/economy/years/2026/municipalities/${FAXE}/invoice`);
    expect(api.statusCode).toBe(200);
    const invoice = api.json();
    expect(invoice).toMatchObject({ status: 'published', kind: 'faktura', municipality: { code: FAXE, name: 'Faxe' } });
    expect(invoice.minutes).toEqual([expect.objectContaining({ meetingId: minutesMeeting, url: `http://samspil.test/styring/moeder/${minutesMeeting}` })]);
    expect(invoice.programmes).toEqual([
      { number: programme, title: 'Journalisering af Aula-filer', proposedBy: 'Faxe', estimatedCostOre: 185_000_000, decidedOn: '2026-01-22', url: `http://samspil.test/styring/puljen/forslag/${programme}` },
    ]);

    const pdf = await faxeChief.get(`/oekonomi/kommuner/${FAXE}/2026/faktura.pdf`);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.headers['content-disposition']).toContain('faktura-2026-0320-faxe.pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');

    const xlsx = await faxeChief.get(`/oekonomi/kommuner/${FAXE}/2026/faktura.xlsx`);
    expect(xlsx.statusCode).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const sheet = book.getWorksheet('Faktura')!;
    const last = sheet.getRow(sheet.rowCount);
    expect(last.getCell(1).value).toBe('I alt');
    expect(last.getCell(5).value).toBe(invoice.totalOre);
  });
});

describe('central staff', () => {
  it("see every municipality's documents without recording an opening, and a draft before publishing", async () => {
    expect((await admin.get(`/oekonomi/kommuner/${BRONDBY}/2026/faktura`)).statusCode).toBe(200);
    expect(await opened(BRONDBY)).toBeNull();
    const draft = await admin.get(`/oekonomi/kommuner/${FAXE}/2026/budgetvejledning`);
    expect(draft.statusCode).toBe(200);
    expect(draft.body).toContain('Udkast – ikke offentliggjort');
    const file = await admin.get(`/oekonomi/kommuner/${FAXE}/2026/budgetvejledning.pdf`);
    expect(file.headers['content-disposition']).toContain('udkast-budgetvejledning-2026-0320-faxe.pdf');
    expect((await admin.api('GET', `/api/v1/economy/years/2026/municipalities/${FAXE}/guidance`)).json()).toMatchObject({ status: 'draft', previousSource: 'ingen' });
    // The statement cannot be drafted before the actual costs are in.
    const statement = await admin.get(`/oekonomi/kommuner/${FAXE}/2026/aarsopgoerelse`);
    expect(statement.body).toContain('Der mangler den faktiske omkostning for');
    expect((await admin.get(`/oekonomi/kommuner/${FAXE}/2026/aarsopgoerelse.pdf`)).statusCode).toBe(422);
  });

  it("see the year's status and every municipality's totals", async () => {
    const page = await admin.get('/oekonomi/dokumenter/2026');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Hent alle fakturaer som PDF (ZIP)');
    expect(page.body.match(/<th[^>]* scope="row"/g)).toHaveLength(98);
    expect(page.body).toContain('1 af 98 kommuner har åbnet dokumentet.');
    const status = (await admin.api('GET', '/api/v1/economy/years/2026/documents')).json();
    expect(status.kinds.map((k: { kind: string; published: boolean }) => [k.kind, k.published])).toEqual([
      ['faktura', true],
      ['budgetvejledning', false],
      ['aarsopgoerelse', false],
    ]);
    const central = await admin.get('/oekonomi');
    expect(central.body).toContain('href="/oekonomi/dokumenter/2026"');
    expect(central.body).toContain('href="/oekonomi/priser/2026"');
  });

  it('get all 98 invoices as PDFs in one ZIP, well within 20 seconds', async () => {
    const started = Date.now();
    const res = await admin.get('/oekonomi/dokumenter/2026/fakturaer.zip');
    const took = Date.now() - started;
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/zip');
    const zip = await JSZip.loadAsync(res.rawPayload);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n]!.dir);
    expect(names).toHaveLength(98);
    expect(names).toContain('faktura-2026-0320-faxe.pdf');
    for (const name of names) expect((await zip.file(name)!.async('nodebuffer')).subarray(0, 5).toString(), name).toBe('%PDF-');
    expect(took).toBeLessThan(20_000);
  }, 60_000);
});
