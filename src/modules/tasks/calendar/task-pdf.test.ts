import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildTask } from '../../../../test/factories/tasks.ts';
import { getTaskDefinition } from '../author/queries.ts';
import { targetCounts } from '../central/queries.ts';
import { loadTask } from '../load-task.ts';
import { task as taskTable } from '../schema.ts';
import { renderPdf } from '../../../platform/pdf/render.ts';
import { centralTaskDocument, markdownParagraphs, municipalTaskDocument, taskPdfFilename } from './task-pdf.ts';
import { getTargetView } from '../task-view-queries.ts';
import { loadActor } from '../../../platform/auth/load-actor.ts';
import { userAccount } from '../../../platform/identity/schema.ts';

const FAXE = '0320';
const BRONDBY = '0153';

/** pdfkit writes non-ASCII document information as UTF-16BE with a byte order mark. */
const utf16be = (s: string) => Buffer.from(s, 'utf16le').swap16();
const hasInfoText = (pdf: Buffer, s: string) => pdf.includes(utf16be(s)) || pdf.includes(Buffer.from(s, 'latin1'));

describe('task PDF: pure parts', () => {
  it('turns Markdown into plain paragraphs without markup', () => {
    const md = '# Overskrift\n\nTekst med **fed**, *kursiv* og `kode` og [et link](https://kombit.dk).\nNy linje.\n\n- punkt et\n* punkt to\n\n1. første';
    expect(markdownParagraphs(md)).toEqual([
      'Overskrift',
      'Tekst med fed, kursiv og kode og et link (https://kombit.dk).\nNy linje.',
      '• punkt et\n• punkt to',
      '1. første',
    ]);
    expect(markdownParagraphs('')).toEqual([]);
    expect(markdownParagraphs('<script>alert(1)</script>')).toEqual(['<script>alert(1)</script>']);
  });

  it('names the file in ASCII', () => {
    expect(taskPdfFilename('KLIK - KR MI 02')).toBe('opgave-klik-kr-mi-02.pdf');
    expect(taskPdfFilename('Lokal æøå/"2"')).toBe('opgave-lokal-aeoeaa-2.pdf');
    expect(taskPdfFilename('–')).toBe('opgave-uden-kode.pdf');
  });

  it('renders a PDF with Danish letters and the title in its metadata, without network or font files from disk', async () => {
    const pdf = await renderPdf({ info: { title: 'KLIK - KR MI 02 – Æblegrød på øen' }, content: ['Æ Ø Å æ ø å – “citat” • punkt'] });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(hasInfoText(pdf, 'KLIK - KR MI 02 – Æblegrød på øen')).toBe(true);
  });
});

describe('GET /opgaver/:id/pdf', () => {
  let t: TestApp;
  let leader: Client; // Faxe's programleder
  let admin: Client;
  let faxeTask: Awaited<ReturnType<typeof buildTask>>;
  let brondbyTaskId: string;
  let draftId: string;
  let localId: string;

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    faxeTask = await buildTask(db, {
      code: 'PDF - TEST 01',
      title: 'Indberet AftaleID til KOMBIT',
      targets: [FAXE, BRONDBY],
      steps: [
        { title: 'Find AftaleID', answerKind: 'identifier', answerLabel: 'AftaleID', answerPattern: '^[0-9]{6}$', answerHint: '6 cifre' },
        { title: 'Bekræft', answerKind: 'none' },
      ],
    });
    brondbyTaskId = (await buildTask(db, { targets: [BRONDBY] })).task.id;
    draftId = (await buildTask(db, { status: 'draft', targets: [FAXE] })).task.id;
    localId = (await buildTask(db, { code: 'LOKAL - PDF', localMunicipalityCode: FAXE })).task.id;
    leader = await loginAs(t.app, DEMO.programLeader(FAXE));
    admin = await loginAs(t.app, DEMO.admin);
    const answered = await leader.post(`/opgaver/${faxeTask.task.id}/trin/${faxeTask.steps[0]!.id}`, { value: '123456', completed: 'on' });
    expect(answered.statusCode).toBe(303);
  });
  afterAll(() => t.close());

  it("is the municipality's task as a PDF download for its programme leader", async () => {
    const res = await leader.get(`/opgaver/${faxeTask.task.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toBe('attachment; filename="opgave-pdf-test-01.pdf"');
    expect(res.headers['cache-control']).toBe('private, no-store');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(hasInfoText(pdf, 'PDF - TEST 01 – Indberet AftaleID til KOMBIT')).toBe(true);
    expect(hasInfoText(pdf, 'Faxe Kommune')).toBe(true);
  });

  it("shows the municipality's answers, status and steps (and not another municipality's)", async () => {
    const db = t.database.db;
    const [u] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, DEMO.programLeader(FAXE)));
    const actor = (await loadActor(db, u!.id))!;
    const loaded = await loadTask(db, actor, faxeTask.task.id, 'read');
    const view = (await getTargetView(db, loaded, FAXE))!;
    const doc = JSON.stringify(municipalTaskDocument(view, new Date()));
    expect(doc).toContain('Indberet AftaleID til KOMBIT');
    expect(doc).toContain('I gang');
    expect(doc).toContain('1. Find AftaleID');
    expect(doc).toContain('AftaleID: ');
    expect(doc).toContain('123456');
    expect(doc).toContain('Trin (1 af 2 udført)');
    expect(doc).toContain('Beskrivelse med fed tekst.');
    expect(doc).not.toContain('**');
    const brondbyView = (await getTargetView(db, loaded, BRONDBY))!;
    expect(JSON.stringify(municipalTaskDocument(brondbyView, new Date()))).not.toContain('123456');
  });

  it("gives central staff the task's definition and the counts per status", async () => {
    const res = await admin.get(`/opgaver/${faxeTask.task.id}/pdf`);
    expect(res.statusCode).toBe(200);
    expect(res.rawPayload.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(hasInfoText(res.rawPayload, 'PDF - TEST 01 – Indberet AftaleID til KOMBIT')).toBe(true);

    const db = t.database.db;
    const def = (await getTaskDefinition(db, faxeTask.task.id))!;
    const counts = await targetCounts(db, [faxeTask.task.id]);
    const doc = JSON.stringify(centralTaskDocument(def, counts.get(faxeTask.task.id), new Date()));
    expect(doc).toContain('Kommunernes status');
    expect(doc).toContain('"I alt"');
    expect(doc).toContain('["I gang",{"text":"1","alignment":"right"}]');
    expect(doc).toContain('Identifikator med mønster');
    expect(doc).not.toContain('123456');
  });

  it('answers 404 to whoever may not read the task', async () => {
    expect((await leader.get(`/opgaver/${brondbyTaskId}/pdf`)).statusCode).toBe(404);
    expect((await leader.get(`/opgaver/${draftId}/pdf`)).statusCode).toBe(404);
    expect((await leader.get('/opgaver/ikke-en-opgave/pdf')).statusCode).toBe(404);
    expect((await admin.get(`/opgaver/${localId}/pdf`)).statusCode).toBe(404);
    const anon = await t.app.inject({ method: 'GET', url: `/opgaver/${faxeTask.task.id}/pdf` });
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toBe(`/login?next=${encodeURIComponent(`/opgaver/${faxeTask.task.id}/pdf`)}`);
  });

  it("gives the municipality its own local task, and central staff a draft's definition", async () => {
    const local = await leader.get(`/opgaver/${localId}/pdf`);
    expect(local.statusCode).toBe(200);
    expect(local.headers['content-disposition']).toBe('attachment; filename="opgave-lokal-pdf.pdf"');
    const draft = await admin.get(`/opgaver/${draftId}/pdf`);
    expect(draft.statusCode).toBe(200);
    const [row] = await t.database.db.select({ code: taskTable.code }).from(taskTable).where(eq(taskTable.id, draftId));
    expect(hasInfoText(draft.rawPayload, row!.code)).toBe(true);
  });
});
