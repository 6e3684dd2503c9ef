import { randomBytes } from 'node:crypto';
import { and, count, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildKleNumbers, setKleEntries } from '../../../../test/factories/borgerblikket.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { toXlsx } from '../../../platform/spreadsheet/write.ts';
import { stepAnswer, task, taskFile, taskStep, taskTarget } from '../../tasks/index.ts';
import { DEMO_ASSESSMENT_ID, seedDemoAssessment } from '../demo-assessment.ts';
import { bbAssessment, bbAssessmentNumber, bbConfigChange, bbConfigEntry } from '../schema.ts';
import { NOT_READY_REASON, READY_AGAIN_REASON } from './decide-numbers.ts';

/**
 * The assessment end to end on a small plan: central staff create it from two extracts (Faxe's as
 * XLSX, Brøndby's as CSV), the task is published with each extract attached to its municipality,
 * Faxe's programleder decides its three numbers (one "ikke klar" closes it for youth in the
 * configuration), the step completes with the last decision, and the progress counts it.
 */
const FAXE = '0320';
const BRONDBY = '0153';
const NUMBERS = ['27.12.04', '27.12.08', '28.01.02', '28.03.10', '28.05.04', '28.05.06'];

type File = { filename: string; content: Buffer; contentType?: string };

/** A multipart form as a browser sends it: fields (a list repeats) and files in the field "filer". */
function multipart(fields: Record<string, string>, files: File[]) {
  const boundary = `----vurdering${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  for (const f of files) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="filer"; filename="${f.filename}"\r\nContent-Type: ${f.contentType ?? 'application/octet-stream'}\r\n\r\n`));
    parts.push(f.content, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { payload: Buffer.concat(parts), contentType: `multipart/form-data; boundary=${boundary}` };
}

async function upload(c: Client, url: string, fields: Record<string, string>, files: File[], headers: Record<string, string> = {}) {
  const mp = multipart(url.startsWith('/api/') ? fields : { ...fields, _csrf: c.csrf }, files);
  return c.app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': mp.contentType, ...(url.startsWith('/api/') ? { 'x-csrf-token': c.csrf } : {}), ...headers },
    payload: mp.payload,
  });
}

/** A form post with repeated fields, as a browser sends the decision table. */
async function postForm(c: Client, url: string, fields: [string, string][]) {
  const body = new URLSearchParams([...fields, ['_csrf', c.csrf]]);
  return c.app.inject({
    method: 'POST',
    url,
    headers: { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: body.toString(),
  });
}

const csv = (lines: string[]) => Buffer.from(`\ufeff${lines.join('\r\n')}\r\n`);
const columns = [
  { header: 'KLE-nummer', value: (r: [string, number]) => r[0] },
  { header: 'KLE-titel', value: () => 'Titel fra udtrækket' },
  { header: 'Antal sager med unge', value: (r: [string, number]) => r[1] },
];
const fields = (code: string) => ({ code, title: 'Vurdér KLE-numre med data om unge', description: 'Test', deadline: '31.10.2099' });
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('the assessment of KLE numbers with youth data', () => {
  let t: TestApp;
  let consultant: Client;
  let leader: Client;
  let klikAdmin: Client;
  let otherLeader: Client;
  let faxeFile: File;
  let id = '';
  let taskId = '';

  beforeAll(async () => {
    t = await startTestApp();
    await buildKleNumbers(t.database.db, NUMBERS, { '27.12.04': 'Tilbud om særlige forløb for unge' });
    [consultant, leader, klikAdmin, otherLeader] = await Promise.all([
      loginAs(t.app, DEMO.consultant),
      loginAs(t.app, DEMO.programLeader(FAXE)),
      loginAs(t.app, DEMO.klikAdmin(FAXE)),
      loginAs(t.app, DEMO.programLeader(BRONDBY)),
    ]);
    faxeFile = {
      filename: '0320-faxe-udtraek.xlsx',
      content: await toXlsx('Udtræk', columns, [
        ['27.12.04', 12],
        ['28.1.2', 3],
        ['28.03.10', 1],
      ]),
    };
  });
  afterAll(async () => t?.close());

  it('refuses bad extracts file by file and line by line, and creates nothing', async () => {
    const res = await upload(consultant, '/borgerblikket/vurdering', { ...fields('KLIK - BB TEST 00'), requestKey: 'k0' }, [
      faxeFile,
      { filename: '0153-broendby.csv', content: csv(['KLE-nummer;Antal sager med unge', '27.12.04;2', '27.99.99;1', 'abc;x', '27.12.04;4']) },
      { filename: 'udtraek.csv', content: csv(['KLE-nummer;Antal sager med unge', '27.12.04;2']) },
      { filename: '0101-kbh.csv', content: csv(['Nummer;Antal', '27.12.04;2']) },
      { filename: '0320-faxe-igen.csv', content: csv(['KLE-nummer;Antal sager med unge', '27.12.04;2']) },
    ]);
    expect(res.statusCode).toBe(422);
    const page = text(res.body);
    expect(page).toContain('0153-broendby.csv, linje 3 27.99.99 findes ikke i KLE-planen');
    expect(page).toContain('0153-broendby.csv, linje 4 abc er ikke et KLE-nummer (fx 27.12.04); Antal sager med unge skal være et helt tal');
    expect(page).toContain('0153-broendby.csv, linje 5 27.12.04 står også i linje 2');
    expect(page).toContain('udtraek.csv Filnavnet skal begynde med kommunekoden');
    expect(page).toContain('0101-kbh.csv, linje 1 Kolonnen KLE-nummer mangler i overskriften');
    expect(page).toContain('0320-faxe-igen.csv Der er to filer for Faxe Kommune');
    const [tasks] = await t.database.db.select({ n: count() }).from(task).where(eq(task.code, 'KLIK - BB TEST 00'));
    expect(tasks!.n).toBe(0);
    const [assessments] = await t.database.db.select({ n: count() }).from(bbAssessment);
    expect(assessments!.n).toBe(0);
  });

  it('lets only central editors open the form and create; a municipality does not see them', async () => {
    const form = await consultant.get('/borgerblikket/vurdering/ny');
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('KLIK - BB VURDERING 01');
    expect((await leader.get('/borgerblikket/vurdering/ny')).statusCode).toBe(404);
    const res = await upload(leader, '/borgerblikket/vurdering', fields('KLIK - BB TEST 01'), [faxeFile]);
    expect(res.statusCode).toBe(404);
    const api = await upload(leader, '/api/v1/borgerblikket/assessments', fields('KLIK - BB TEST 01'), [faxeFile]);
    expect(api.statusCode).toBe(404);
  });

  it('creates the assessment, publishes the task with each extract attached to its municipality, once for a double submit', async () => {
    const files = [faxeFile, { filename: '0153-broendby-udtraek.csv', content: csv(['KLE-nummer;KLE-titel;Antal sager med unge', '27.12.04;X;2', '28.05.04;Y;1.234']) }];
    const first = await upload(consultant, '/borgerblikket/vurdering', { ...fields('KLIK - BB TEST 02'), requestKey: 'k2' }, files);
    expect(first.statusCode).toBe(303);
    const location = String(first.headers.location);
    expect(location).toMatch(/^\/borgerblikket\/vurdering\/[0-9a-f-]{36}\?besked=oprettet$/);
    const again = await upload(consultant, '/borgerblikket/vurdering', { ...fields('KLIK - BB TEST 02'), requestKey: 'k2' }, files);
    expect(again.headers.location).toBe(location);
    id = location.split('/')[3]!.split('?')[0]!;

    const db = t.database.db;
    const [a] = await db.select().from(bbAssessment).where(eq(bbAssessment.id, id));
    taskId = a!.taskId;
    const [tk] = await db.select().from(task).where(eq(task.id, taskId));
    expect(tk).toMatchObject({ status: 'published', audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'borgerblikket', deadline: '2099-10-31' });
    const steps = await db.select().from(taskStep).where(eq(taskStep.taskId, taskId));
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatchObject({ answerKind: 'none', title: 'Vurdér KLE-numrene i Samspil' });
    expect(steps[0]!.instructions).toContain(`http://samspil.test/borgerblikket/vurdering/${id}/kommune`);
    const targets = await db.select({ code: taskTarget.municipalityCode }).from(taskTarget).where(eq(taskTarget.taskId, taskId));
    expect(targets.map((x) => x.code).sort()).toEqual([BRONDBY, FAXE]);
    const attachments = await db.select({ code: taskFile.municipalityCode, filename: taskFile.filename }).from(taskFile).where(eq(taskFile.taskId, taskId));
    expect(attachments.sort((x, y) => x.filename.localeCompare(y.filename))).toEqual([
      { code: BRONDBY, filename: '0153-broendby-udtraek.csv' },
      { code: FAXE, filename: '0320-faxe-udtraek.xlsx' },
    ]);
    const numbers = await db.select({ code: bbAssessmentNumber.municipalityCode, kle: bbAssessmentNumber.kle, n: bbAssessmentNumber.youthCases }).from(bbAssessmentNumber).where(eq(bbAssessmentNumber.assessmentId, id));
    expect(numbers.sort((x, y) => (x.code + x.kle).localeCompare(y.code + y.kle))).toEqual([
      { code: BRONDBY, kle: '27.12.04', n: 2 },
      { code: BRONDBY, kle: '28.05.04', n: 1234 },
      { code: FAXE, kle: '27.12.04', n: 12 },
      { code: FAXE, kle: '28.01.02', n: 3 },
      { code: FAXE, kle: '28.03.10', n: 1 },
    ]);
    const audit = await db.select({ n: count() }).from(auditEvent).where(and(eq(auditEvent.action, 'borgerblikket.assessment_created'), eq(auditEvent.entityId, id)));
    expect(audit[0]!.n).toBe(1);
    // The task's own code is unique: a new form with it is refused by the tasks module.
    const taken = await upload(consultant, '/api/v1/borgerblikket/assessments', fields('KLIK - BB TEST 02'), files, { 'idempotency-key': 'ny' });
    expect(taken.statusCode).toBe(409);
  });

  it("shows a municipality its part and the task's link; another municipality gets 404", async () => {
    const redirect = await leader.get(`/borgerblikket/vurdering/${id}/kommune`);
    expect(redirect.headers.location).toBe(`/borgerblikket/vurdering/${id}/kommuner/${FAXE}`);
    const page = await leader.get(`/borgerblikket/vurdering/${id}/kommuner/${FAXE}`);
    expect(page.statusCode).toBe(200);
    expect(text(page.body)).toContain('27.12.04 Tilbud om særlige forløb for unge 12 Ja standard');
    expect(page.body).toContain('name="beslutning-27.12.04"');
    const readOnly = await consultant.get(`/borgerblikket/vurdering/${id}/kommuner/${FAXE}`);
    expect(readOnly.statusCode).toBe(200);
    expect(readOnly.body).not.toContain('name="beslutning-27.12.04"');
    expect((await otherLeader.get(`/borgerblikket/vurdering/${id}/kommuner/${FAXE}`)).statusCode).toBe(404);
    expect((await otherLeader.api('GET', `/api/v1/borgerblikket/assessments/${id}/municipalities/${FAXE}`)).statusCode).toBe(404);
    expect((await leader.get(`/borgerblikket/vurdering/${id}`)).statusCode).toBe(404);
    const list = await leader.get('/borgerblikket/vurdering');
    expect(list.body).toContain(`/borgerblikket/vurdering/${id}/kommuner/${FAXE}`);
  });

  it('saves decisions, closes "ikke klar" for youth in the same transaction, and a repeat changes nothing', async () => {
    const url = `/borgerblikket/vurdering/${id}/kommuner/${FAXE}`;
    const form: [string, string][] = [
      ['kle', '27.12.04'],
      ['kle', '28.01.02'],
      ['kle', '28.03.10'],
      ['beslutning-27.12.04', 'ikke_klar'],
      ['note-27.12.04', 'Juridisk vurdering mangler'],
      ['beslutning-28.01.02', 'klar'],
      ['note-28.01.02', ''],
      ['note-28.03.10', ''],
      ['requestKey', 'd1'],
    ];
    expect((await postForm(klikAdmin, url, form)).statusCode).toBe(403);
    expect((await postForm(consultant, url, form)).statusCode).toBe(403);
    expect((await postForm(otherLeader, url, form)).statusCode).toBe(404);
    const res = await postForm(leader, url, form);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`${url}?besked=gemt`);

    const db = t.database.db;
    const [entry] = await db.select().from(bbConfigEntry).where(and(eq(bbConfigEntry.municipalityCode, FAXE), eq(bbConfigEntry.kle, '27.12.04')));
    expect(entry!.settings).toEqual({ youth: false });
    const changes = await db.select().from(bbConfigChange).where(eq(bbConfigChange.municipalityCode, FAXE));
    expect(changes).toMatchObject([{ kind: 'vurdering', reason: NOT_READY_REASON, numbers: 1 }]);
    const decisionAudits = async () => (await db.select({ n: count() }).from(auditEvent).where(eq(auditEvent.action, 'borgerblikket.assessment_decided')))[0]!.n;
    expect(await decisionAudits()).toBe(1);

    // The same decisions again, under a new key: nothing changes.
    const again = await postForm(leader, url, form.map(([k, v]) => [k, k === 'requestKey' ? 'd2' : v]));
    expect(again.headers.location).toBe(`${url}?besked=uaendret`);
    expect(await decisionAudits()).toBe(1);
    expect(await db.select().from(bbConfigChange).where(eq(bbConfigChange.municipalityCode, FAXE))).toHaveLength(1);

    const page = text((await leader.get(url)).body);
    expect(page).toContain('27.12.04 Tilbud om særlige forløb for unge 12 Nej sat her');
    expect(page).toContain('2 af 3 KLE-numre er vurderet');
    const [target] = await db.select().from(taskTarget).where(and(eq(taskTarget.taskId, taskId), eq(taskTarget.municipalityCode, FAXE)));
    expect(target!.status).not.toBe('loest');
  });

  it('refuses decisions that are not on the list or not a choice, and a note without a choice keeps its row', async () => {
    const api = `/api/v1/borgerblikket/assessments/${id}/municipalities/${FAXE}/decisions`;
    const unknown = await leader.api('POST', api, { decisions: [{ kle: '28.05.04', decision: 'klar' }] });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().fieldErrors).toEqual({ 'kle-28.05.04': '28.05.04 er ikke med i kommunens udtræk' });
    const bad = await leader.api('POST', api, { decisions: [{ kle: '28.03.10', decision: 'maaske' }] });
    expect(bad.json().fieldErrors).toEqual({ 'kle-28.03.10': 'Vælg klar til visning eller ikke klar for 28.03.10' });
    expect((await leader.api('POST', api, { decisions: [] })).statusCode).toBe(422);
    const noted = await postForm(leader, `/borgerblikket/vurdering/${id}/kommuner/${FAXE}`, [
      ['kle', '28.03.10'],
      ['note-28.03.10', 'Afventer jurist'],
    ]);
    expect(noted.statusCode).toBe(422);
    expect(noted.body).toContain('Afventer jurist');
    expect(text(noted.body)).toContain('Vælg klar til visning eller ikke klar for 28.03.10');
  });

  it('completes the step through the tasks module with the last decision, and "klar" after "ikke klar" takes the Nej away', async () => {
    const api = `/api/v1/borgerblikket/assessments/${id}/municipalities/${FAXE}/decisions`;
    const last = await leader.api('POST', api, { decisions: [{ kle: '28.03.10', decision: 'klar', note: 'Ok' }] });
    expect(last.statusCode).toBe(200);
    expect(last.json()).toEqual({ changed: 1, decided: 3, total: 3, stepCompleted: true });
    const db = t.database.db;
    const [target] = await db.select().from(taskTarget).where(and(eq(taskTarget.taskId, taskId), eq(taskTarget.municipalityCode, FAXE)));
    expect(target!.status).toBe('loest');
    const [answer] = await db.select().from(stepAnswer).where(and(eq(stepAnswer.taskId, taskId), eq(stepAnswer.municipalityCode, FAXE)));
    expect(answer!.completed).toBe(true);

    const progress = (await consultant.api('GET', `/api/v1/borgerblikket/assessments/${id}/progress`)).json();
    expect(progress.totals).toEqual({ municipalities: 2, done: 1, inProgress: 0, notStarted: 1, listed: 5, decided: 3, closed: 1 });
    expect(progress.mostClosed).toEqual([{ kle: '27.12.04', title: 'Tilbud om særlige forløb for unge', closed: 1, listed: 2 }]);
    expect(progress.municipalities.find((m: { code: string }) => m.code === FAXE)).toMatchObject({ state: 'faerdig', closed: 1, taskStatus: 'loest' });
    expect((await leader.api('GET', `/api/v1/borgerblikket/assessments/${id}/progress`)).statusCode).toBe(404);
    const page = text((await consultant.get(`/borgerblikket/vurdering/${id}`)).body);
    expect(page).toContain('1 af 2 kommuner er færdige');

    // A group-level entry beside the topic's own youth Nej: the reopening removes only the Nej.
    await setKleEntries(db, FAXE, { '27.12.04': { youth: false, documentTitles: true } });
    const reopen = await leader.api('POST', api, { decisions: [{ kle: '27.12.04', decision: 'klar' }] });
    expect(reopen.json()).toMatchObject({ changed: 1, stepCompleted: true });
    const [entry] = await db.select().from(bbConfigEntry).where(and(eq(bbConfigEntry.municipalityCode, FAXE), eq(bbConfigEntry.kle, '27.12.04')));
    expect(entry!.settings).toEqual({ documentTitles: true });
    const reasons = (await db.select({ reason: bbConfigChange.reason }).from(bbConfigChange).where(eq(bbConfigChange.municipalityCode, FAXE))).map((r) => r.reason);
    expect(reasons.sort()).toEqual([READY_AGAIN_REASON, NOT_READY_REASON].sort());
  });

  it('seeds the demo assessment once: some municipalities done with numbers closed for youth, Faxe in progress', async () => {
    const db = t.database.db;
    await seedDemoAssessment(db, new Date('2026-01-15T10:00:00Z'));
    await seedDemoAssessment(db, new Date('2026-01-15T10:00:00Z'));
    const rows = await db.select().from(bbAssessmentNumber).where(eq(bbAssessmentNumber.assessmentId, DEMO_ASSESSMENT_ID));
    const municipalities = new Set(rows.map((r) => r.municipalityCode));
    expect(municipalities.size).toBe(98);
    const faxe = rows.filter((r) => r.municipalityCode === FAXE);
    expect(faxe.filter((r) => r.decision === null).length).toBeGreaterThanOrEqual(3);
    expect(faxe.find((r) => r.kle === '27.12.04')!.decision).toBeNull();
    const progress = (await consultant.api('GET', `/api/v1/borgerblikket/assessments/${DEMO_ASSESSMENT_ID}/progress`)).json();
    expect(progress.totals.done).toBeGreaterThan(10);
    expect(progress.totals.closed).toBeGreaterThan(0);
    expect(progress.totals.inProgress).toBeGreaterThan(0);
    // Every "ikke klar" is youth Nej in the municipality's configuration, and the done ones show løst in KLIK.
    const closed = rows.filter((r) => r.decision === 'ikke_klar');
    const entries = await db.select().from(bbConfigEntry);
    for (const c of closed) expect(entries.find((e) => e.municipalityCode === c.municipalityCode && e.kle === c.kle)?.settings.youth).toBe(false);
    const solved = progress.municipalities.filter((m: { state: string; taskStatus: string }) => m.state === 'faerdig' && m.taskStatus === 'loest');
    expect(solved.length).toBe(progress.totals.done);
    expect((await leader.get(`/borgerblikket/vurdering/${DEMO_ASSESSMENT_ID}/kommuner/${FAXE}`)).statusCode).toBe(200);
  });
});
