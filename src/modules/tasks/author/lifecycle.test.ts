import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { bearer, DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { rawRows } from '../../../db/client.ts';
import { createTokenForEmail } from '../../auth/index.ts';
import { publishDueTasks } from './change-task-status.ts';

/**
 * draft → announced → published → closed, through the pages and the API: compare-and-set status
 * changes (a repeated request sends nothing twice), targets and mails on publishing, the digest,
 * scheduled publishing, deadline changes with history, and who sees what when.
 */

let t: TestApp;
let consultant: Client;
let adminToken: string;
let seq = 0;
const rows = <T,>(q: ReturnType<typeof sql>) => rawRows<T>(t.database.db, q);
const cookieHeader = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
const AULA_OWNER = (code: string) => `system-aula-${code}@samspil.demo`;

async function submit(c: Client, url: string, fields: Record<string, string> = {}, requestId = `req-${++seq}`) {
  const res = await c.app.inject({
    method: 'POST',
    url,
    headers: { cookie: cookieHeader(c), 'content-type': 'application/x-www-form-urlencoded', 'x-request-id': requestId },
    payload: new URLSearchParams({ ...fields, _csrf: c.csrf }).toString(),
  });
  return Object.assign(res, { requestId });
}

/** Aula system owners of three municipalities (the demo seed has them in 0101, 0153, 0707, 0751, 0461). */
function aulaTask(code: string, extra: Record<string, unknown> = {}) {
  return {
    code,
    title: 'Journalisér sikre filer før sletning',
    description: 'Relevante filer skal journaliseres i ESDH.',
    consequence: 'Filerne slettes uden at være journaliseret.',
    audienceRoleKey: 'systemansvarlig',
    audienceSolutionKey: 'aula',
    targets: { mode: 'list', codes: ['0101', '0153', '0707'] },
    deadline: '2030-09-01',
    steps: [{ title: 'Gennemgå filerne' }, { title: 'Journalisér', answerKind: 'date', answerLabel: 'Journaliseret den' }],
    ...extra,
  };
}

async function createDraft(code: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await bearer(t.app, adminToken, 'POST', '/api/v1/tasks', aulaTask(code, extra));
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

const mailsFor = (taskId: string, kind: string) =>
  rows<{ to_address: string; subject: string; body: string; municipality_code: string; dedupe_key: string }>(
    sql`select to_address, subject, body, municipality_code, dedupe_key from outbox_mail where kind = ${kind} and dedupe_key like ${`%${taskId}%`} order by to_address`,
  );
const auditOf = (taskId: string, action: string) =>
  rows<{ actor_label: string; municipality_code: string | null; before: unknown; after: unknown }>(
    sql`select actor_label, municipality_code, before, after from audit_event where entity_id = ${taskId} and action = ${action} order by id`,
  );
const statusOf = async (taskId: string) => (await rows<{ status: string }>(sql`select status from task where id = ${taskId}`))[0]!.status;

beforeAll(async () => {
  t = await startTestApp();
  consultant = await loginAs(t.app, DEMO.consultant);
  adminToken = await createTokenForEmail(t.database.db, t.config, DEMO.admin, 'lifecycle test');
});
afterEach(() => t.setNow(null));
afterAll(() => t?.close());

describe('through the pages', () => {
  it('creates, announces, publishes (one mail per addressee, once) and closes', async () => {
    const created = await submit(consultant, '/opgaver', {
      code: 'KLIK - AULA 01',
      title: 'Journalisér sikre filer før sletning',
      description: 'Relevante filer skal journaliseres i ESDH.',
      consequence: 'Filerne slettes uden at være journaliseret.',
      audienceRoleKey: 'systemansvarlig',
      audienceSolutionKey: 'aula',
      'targets.mode': 'list',
      'targets.pasted': 'København; Brøndby; 0707',
      deadline: '01.09.2030',
      'steps.0.title': 'Gennemgå filerne',
      'steps.1.title': 'Journalisér',
      'steps.1.answerKind': 'date',
      'steps.1.answerLabel': 'Journaliseret den',
    });
    expect(created.statusCode).toBe(303);
    const id = /\/opgaver\/([0-9a-f-]{36})\/rediger/.exec(String(created.headers.location))![1]!;
    const owner0101 = await loginAs(t.app, AULA_OWNER('0101'));
    const faxe = await loginAs(t.app, DEMO.programLeader('0320'));

    // Draft: invisible to the municipalities.
    expect((await owner0101.get(`/opgaver/${id}/rediger`)).statusCode).toBe(404);
    expect((await owner0101.get('/opgaver/kommende')).body).not.toContain('KLIK - AULA 01');

    const announced = await submit(consultant, `/opgaver/${id}/annoncer`);
    expect(announced.statusCode).toBe(303);
    expect(announced.headers.location).toBe(`/opgaver/${id}/rediger?besked=annonceret`);
    expect(await statusOf(id)).toBe('announced');
    expect(await rows(sql`select 1 from outbox_mail where dedupe_key like ${`%${id}%`}`)).toHaveLength(0);
    const again = await submit(consultant, `/opgaver/${id}/annoncer`);
    expect(again.statusCode).toBe(303);
    expect(await auditOf(id, 'task.announced')).toHaveLength(1);

    // Announced: under "Kommende opgaver" for the addressed municipality only, with title, expected deadline and description.
    const upcoming = await owner0101.get('/opgaver/kommende');
    expect(upcoming.statusCode).toBe(200);
    expect(upcoming.body).toContain('KLIK - AULA 01 – Journalisér sikre filer før sletning');
    expect(upcoming.body).toContain('01.09.2030');
    expect(upcoming.body).toContain('Relevante filer skal journaliseres i ESDH.');
    expect((await faxe.get('/opgaver/kommende')).body).not.toContain('KLIK - AULA 01');
    expect((await consultant.get('/opgaver/kommende')).body).toContain('KLIK - AULA 01');

    const published = await submit(consultant, `/opgaver/${id}/publicer`);
    expect(published.statusCode).toBe(303);
    expect(published.headers.location).toBe(`/opgaver/${id}/overblik?besked=publiceret`);
    expect(await statusOf(id)).toBe('published');
    const targets = await rows<{ code: string; status: string }>(sql`select municipality_code as code, status from task_target where task_id = ${id} order by 1`);
    expect(targets).toEqual([
      { code: '0101', status: 'ikke_startet' },
      { code: '0153', status: 'ikke_startet' },
      { code: '0707', status: 'ikke_startet' },
    ]);
    const mails = await mailsFor(id, 'task-published');
    expect(mails.map((m) => [m.to_address, m.municipality_code])).toEqual([
      [AULA_OWNER('0101'), '0101'],
      [AULA_OWNER('0153'), '0153'],
      [AULA_OWNER('0707'), '0707'],
    ]);
    expect(mails[0]!.subject).toBe('Ny opgave: KLIK - AULA 01 – Journalisér sikre filer før sletning');
    expect(mails[0]!.body).toContain('Frist: 01.09.2030 (1. september 2030)');
    expect(mails[0]!.body).toContain('Til: Systemansvarlig for Aula');
    expect(mails[0]!.body).toContain('Hvis opgaven ikke løses: Filerne slettes uden at være journaliseret.');
    expect(mails[0]!.body).toContain(`Se opgaven og svar her: http://samspil.test/opgaver/${id}`);
    const [audit] = await auditOf(id, 'task.published');
    expect(audit).toMatchObject({ municipality_code: null, before: { status: 'announced' }, after: { status: 'published' } });
    // The reminder sweep knows when it next has something to do for the task.
    const nextReminder = async () => (await rows<{ at: string | null }>(sql`select next_reminder_at as at from task where id = ${id}`))[0]!.at;
    expect(await nextReminder()).not.toBeNull();

    // A repeated publish (double click, retry) is a no-op: no second set of mails, no second audit entry.
    const twice = await submit(consultant, `/opgaver/${id}/publicer`);
    expect(twice.statusCode).toBe(303);
    expect(await mailsFor(id, 'task-published')).toHaveLength(3);
    expect(await auditOf(id, 'task.published')).toHaveLength(1);
    // Published tasks are no longer "kommende".
    expect((await owner0101.get('/opgaver/kommende')).body).not.toContain('KLIK - AULA 01');

    const closed = await submit(consultant, `/opgaver/${id}/luk`);
    expect(closed.statusCode).toBe(303);
    expect(closed.headers.location).toBe(`/opgaver/${id}/overblik?besked=lukket`);
    expect(await statusOf(id)).toBe('closed');
    expect(await nextReminder()).toBeNull();
    expect((await submit(consultant, `/opgaver/${id}/luk`)).statusCode).toBe(303);
    expect(await auditOf(id, 'task.closed')).toHaveLength(1);
    // Closed is final.
    const reopen = await submit(consultant, `/opgaver/${id}/publicer`);
    expect(reopen.statusCode).toBe(409);
    expect(reopen.body).toContain('Opgaven er lukket');
  });

  it('after publishing only the description can change; a draft cannot be closed', async () => {
    const id = await createDraft('KLIK - AULA 02');
    const close = await submit(consultant, `/opgaver/${id}/luk`);
    expect(close.statusCode).toBe(409);
    expect(close.body).toContain('Kun publicerede opgaver kan lukkes');

    await submit(consultant, `/opgaver/${id}/publicer`);
    const page = await consultant.get(`/opgaver/${id}/rediger`);
    expect(page.body).toContain('Præcisér beskrivelsen');
    expect(page.body).not.toContain('name="code"');
    const res = await submit(consultant, `/opgaver/${id}/rediger`, { description: 'Præcisering: også Referater.', code: 'ÆNDRET', title: 'Ændret' });
    expect(res.statusCode).toBe(303);
    const [row] = await rows<{ code: string; title: string; description: string }>(sql`select code, title, description from task where id = ${id}`);
    expect(row).toEqual({ code: 'KLIK - AULA 02', title: 'Journalisér sikre filer før sletning', description: 'Præcisering: også Referater.' });

    const put = await bearer(t.app, adminToken, 'PUT', `/api/v1/tasks/${id}`, aulaTask('ANDEN KODE', { description: 'Via API' }));
    expect(put.statusCode).toBe(200);
    expect(put.json()).toMatchObject({ code: 'KLIK - AULA 02', description: 'Via API' });
    expect(put.json().steps).toHaveLength(2);
  });
});

describe('through the API', () => {
  it('publishes once; a digest user gets a pending notification instead of a mail', async () => {
    await rows(sql`update user_account set digest_mode = 'daily' where email = ${AULA_OWNER('0153')}`);
    try {
      const id = await createDraft('KLIK - AULA 03');
      const first = await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/publish`);
      expect(first.statusCode).toBe(200);
      expect(first.json()).toEqual({ id, status: 'published', changed: true, scheduledFor: null });
      const second = await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/publish`);
      expect(second.json()).toEqual({ id, status: 'published', changed: false, scheduledFor: null });

      const mails = await mailsFor(id, 'task-published');
      expect(mails.map((m) => m.to_address)).toEqual([AULA_OWNER('0101'), AULA_OWNER('0707')]);
      expect(mails.map((m) => m.dedupe_key)).toEqual([`task-published:${id}:${AULA_OWNER('0101')}`, `task-published:${id}:${AULA_OWNER('0707')}`]);
      const pending = await rows<{ subject: string }>(sql`
        select n.subject from pending_notification n join user_account u on u.id = n.user_id
        where u.email = ${AULA_OWNER('0153')} and n.subject like '%KLIK - AULA 03%'`);
      expect(pending).toEqual([{ subject: 'Ny opgave: KLIK - AULA 03 – Journalisér sikre filer før sletning' }]);

      const close = await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/close`);
      expect(close.json()).toMatchObject({ status: 'closed', changed: true });
      expect((await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/announce`)).statusCode).toBe(409);
    } finally {
      await rows(sql`update user_account set digest_mode = 'single' where email = ${AULA_OWNER('0153')}`);
    }
  });

  it('two publish requests at the same time send one set of mails', async () => {
    const id = await createDraft('KLIK - AULA 09');
    const both = await Promise.all([
      bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/publish`),
      bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/publish`),
    ]);
    expect(both.map((r) => r.statusCode)).toEqual([200, 200]);
    expect(both.map((r) => r.json().changed).sort()).toEqual([false, true]);
    expect(await mailsFor(id, 'task-published')).toHaveLength(3);
    expect(await auditOf(id, 'task.published')).toHaveLength(1);
  });

  it('primary-only tasks reach only the primary system owner', async () => {
    const id = await createDraft('KLIK - AULA 04', { audiencePrimaryOnly: true, targets: { mode: 'list', codes: ['0751'] } });
    await rows(sql`insert into person (municipality_code, name, email) values ('0751', 'Sekundær Aula', 'sekundaer-aula-0751@samspil.demo')`);
    await rows(sql`
      insert into role_assignment (person_id, municipality_code, role_type_key, solution_key, is_primary)
        select id, '0751', 'systemansvarlig', 'aula', false from person where email = 'sekundaer-aula-0751@samspil.demo';`);
    await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/publish`);
    expect((await mailsFor(id, 'task-published')).map((m) => m.to_address)).toEqual([AULA_OWNER('0751')]);
  });

  it('cannot publish a task whose deadline has passed', async () => {
    const id = await createDraft('KLIK - AULA 05', { deadline: '2025-05-30' });
    t.setNow(new Date('2025-06-02T08:00:00Z'));
    const res = await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/publish`);
    expect(res.statusCode).toBe(422);
    expect(res.json().fieldErrors.deadline).toContain('Fristen 30. maj 2025 er overskredet');
    expect(await statusOf(id)).toBe('draft');
    expect(await mailsFor(id, 'task-published')).toHaveLength(0);
  });
});

describe('scheduled publishing', () => {
  it('announces now and lets the scheduler publish on the publish date, once, as system', async () => {
    t.setNow(new Date('2030-05-01T08:00:00Z'));
    const id = await createDraft('KLIK - AULA 06', { publishAt: '2030-05-10' });
    const res = await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/publish`);
    expect(res.json()).toEqual({ id, status: 'announced', changed: true, scheduledFor: '2030-05-09T22:00:00.000Z' });
    expect(await mailsFor(id, 'task-published')).toHaveLength(0);
    const author = await loginAs(t.app, DEMO.consultant);
    const page = await submit(author, `/opgaver/${id}/publicer`);
    expect(page.headers.location).toBe(`/opgaver/${id}/rediger?besked=planlagt`);

    expect(await publishDueTasks(t.database.db, new Date('2030-05-09T21:59:00Z'), t.config)).toEqual({ published: [], failed: [] });
    expect(await statusOf(id)).toBe('announced');
    const due = await publishDueTasks(t.database.db, new Date('2030-05-10T05:00:00Z'), t.config);
    expect(due.published).toContain(id);
    expect(await statusOf(id)).toBe('published');
    expect(await mailsFor(id, 'task-published')).toHaveLength(3);
    const [audit] = await auditOf(id, 'task.published');
    expect(audit!.actor_label).toBe('system');
    const repeat = await publishDueTasks(t.database.db, new Date('2030-05-10T06:00:00Z'), t.config);
    expect(repeat.published).not.toContain(id);
    expect(await mailsFor(id, 'task-published')).toHaveLength(3);
  });
});

describe('changing the deadline', () => {
  it('keeps the history with the reason and tells the addressees still working on it', async () => {
    t.setNow(new Date('2025-05-20T08:00:00Z'));
    // Sessions follow the application's clock: log in at the time the test travels to.
    const consultant = await loginAs(t.app, DEMO.consultant);
    const id = await createDraft('KLIK - KR MI 02', { deadline: '2025-05-30' });
    await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/publish`);
    // Brøndby has solved it already: it is not told.
    await rows(sql`update task_target set status = 'loest' where task_id = ${id} and municipality_code = '0153'`);

    const form = await consultant.get(`/opgaver/${id}/frist`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Nuværende frist: 30.05.2025');

    const before = await rows<{ n: number }>(sql`select count(*)::int as n from audit_event`);
    const missing = await submit(consultant, `/opgaver/${id}/frist`, { deadline: '2025-06-18', reason: ' ' });
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Skriv en begrundelse for ændringen');
    const past = await submit(consultant, `/opgaver/${id}/frist`, { deadline: '2025-05-01', reason: 'Fejl' });
    expect(past.statusCode).toBe(422);
    expect(past.body).toContain('Den nye frist kan ikke ligge før i dag');
    expect(await rows(sql`select 1 from task_deadline_change where task_id = ${id}`)).toHaveLength(0);
    expect(await rows<{ n: number }>(sql`select count(*)::int as n from audit_event`)).toEqual(before);

    const reason = 'Leverandøren har forsinket releasen';
    const res = await submit(consultant, `/opgaver/${id}/frist`, { deadline: '18.06.2025', reason });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/opgaver/${id}/overblik?besked=frist-aendret`);
    const history = await rows<{ from_deadline: string; to_deadline: string; reason: string }>(
      sql`select from_deadline, to_deadline, reason from task_deadline_change where task_id = ${id}`,
    );
    expect(history).toEqual([{ from_deadline: '2025-05-30', to_deadline: '2025-06-18', reason }]);
    expect(await auditOf(id, 'task.deadline_changed')).toMatchObject([{ before: { deadline: '2025-05-30' }, after: { deadline: '2025-06-18', reason } }]);

    const mails = await mailsFor(id, 'task-deadline-changed');
    expect(mails.map((m) => m.to_address)).toEqual([AULA_OWNER('0101'), AULA_OWNER('0707')]);
    expect(mails[0]!.subject).toBe('Ny frist for KLIK - KR MI 02 – Journalisér sikre filer før sletning: 18.06.2025');
    expect(mails[0]!.body).toContain(`Fristen er ændret fra 30. maj 2025 til 18. juni 2025. Begrundelse: ${reason}`);
    expect(mails[0]!.body).toContain(`http://samspil.test/opgaver/${id}`);

    const page = await consultant.get(`/opgaver/${id}/rediger`);
    expect(page.body).toContain('30.05.2025 → 18.06.2025');
    expect(page.body).toContain(reason);

    // The same deadline again changes nothing and mails nobody.
    const same = await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/deadline`, { deadline: '2025-06-18', reason: 'Igen' });
    expect(same.statusCode).toBe(200);
    expect(same.json().deadlineHistory).toEqual([{ fromDeadline: '2025-05-30', toDeadline: '2025-06-18', reason, changedAt: '2025-05-20T08:00:00.000Z' }]);
    expect(await mailsFor(id, 'task-deadline-changed')).toHaveLength(2);
  });

  it('an announced task: the edit form leaves the deadline to "Ændr frist", which mails nobody', async () => {
    const id = await createDraft('KLIK - AULA 07');
    await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/announce`);
    const put = await bearer(t.app, adminToken, 'PUT', `/api/v1/tasks/${id}`, aulaTask('KLIK - AULA 07', { deadline: '2030-10-01' }));
    expect(put.statusCode).toBe(422);
    expect(put.json().fieldErrors.deadline).toContain('Ændr frist');
    const changed = await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/deadline`, { deadline: '2030-10-01', reason: 'Mere tid' });
    expect(changed.statusCode).toBe(200);
    expect(changed.json().deadline).toBe('2030-10-01');
    expect(await mailsFor(id, 'task-deadline-changed')).toHaveLength(0);
    // Without a deadline the PUT keeps it.
    const { deadline: _d, ...withoutDeadline } = aulaTask('KLIK - AULA 07', { title: 'Ny titel' });
    const ok = await bearer(t.app, adminToken, 'PUT', `/api/v1/tasks/${id}`, withoutDeadline);
    expect(ok.json()).toMatchObject({ title: 'Ny titel', deadline: '2030-10-01' });
  });
});

describe('what municipalities see', () => {
  it('drafts are 404 everywhere; announced tasks only for the addressed municipality and readers of it', async () => {
    const id = await createDraft('KLIK - AULA 08', { description: 'Se <script>alert(1)</script> og [klik](javascript:alert(1)) og **vigtigt**' });
    const owner = await loginAs(t.app, AULA_OWNER('0707'));
    const programLeader0707 = await loginAs(t.app, DEMO.programLeader('0707'));
    const faxe = await loginAs(t.app, DEMO.klikAdmin('0320'));

    for (const c of [owner, faxe]) {
      expect((await c.get(`/opgaver/${id}/rediger`)).statusCode).toBe(404);
      expect((await c.api('GET', `/api/v1/tasks/${id}`)).statusCode).toBe(404);
      expect((await c.get(`/opgaver/${id}/frist`)).statusCode).toBe(404);
    }
    const codes = async (c: Client) => ((await c.api('GET', '/api/v1/tasks/upcoming')).json() as { code: string }[]).map((x) => x.code);
    expect(await codes(owner)).not.toContain('KLIK - AULA 08');

    await bearer(t.app, adminToken, 'POST', `/api/v1/tasks/${id}/announce`);
    expect(await codes(owner)).toContain('KLIK - AULA 08');
    expect(await codes(programLeader0707)).toContain('KLIK - AULA 08');
    expect(await codes(faxe)).toEqual([]);
    expect((await faxe.api('GET', `/api/v1/tasks/${id}`)).statusCode).toBe(404);
    // A municipality reads an announced task but cannot change it.
    expect((await owner.api('GET', `/api/v1/tasks/${id}`)).statusCode).toBe(200);
    expect((await owner.get(`/opgaver/${id}/rediger`)).statusCode).toBe(403);

    // The description is Markdown rendered safely.
    const page = await owner.get('/opgaver/kommende');
    expect(page.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(page.body).not.toContain('<script>alert');
    expect(page.body).not.toContain('href="javascript:');
    expect(page.body).toContain('<strong>vigtigt</strong>');
  });
});
