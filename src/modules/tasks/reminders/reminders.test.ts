import { randomUUID } from 'node:crypto';
import { and, eq, inArray, like, sql } from 'drizzle-orm';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { openPostgres, rawRows, type Database, type Db } from '../../../db/client.ts';
import { adminUrl, engine } from '../../../../test/db.ts';
import { buildTask } from '../../../../test/factories/tasks.ts';
import { auditEvent, outboxMail, person, userAccount } from '../../../db/schema.ts';
import type { Ctx } from '../../../platform/context.ts';
import { pendingNotification } from '../../../platform/notify/schema.ts';
import pino from 'pino';
import { startScheduler } from '../../../platform/scheduler/scheduler.ts';
import { taskJobs } from '../background-jobs.ts';
import { reminderHistory } from './queries.ts';
import { danishTime } from '../../../platform/days.ts';
import { task, taskDeadlineChange, taskReminder, taskTarget, type TargetStatus } from '../schema.ts';
import { DIGEST_SUBJECT, sendDigests } from '../../notifications/index.ts';
import { deliverRound, remindTask, scheduleNextReminder, sendDueReminders } from './send-reminders.ts';

const FAXE = '0320';
const BALLERUP = '0151';
const KBH = '0101';
const FRB = '0147';
const BRONDBY = '0153';
const TARGETS = [FAXE, BALLERUP, KBH, FRB, BRONDBY];
const klik = (code: string) => DEMO.klikAdmin(code);
const pl = (code: string) => DEMO.programLeader(code);

let t: TestApp;
let db: Db;

beforeAll(async () => {
  t = await startTestApp();
  db = t.database.db;
});
afterAll(() => t?.close());
// Each test sweeps the whole database: earlier tests' tasks are closed so they do not join in.
beforeEach(async () => {
  await db.update(task).set({ status: 'closed' }).where(eq(task.status, 'published'));
});

/** A published task for five municipalities: Faxe not started, Ballerup in progress, KBH solved, FRB not relevant, Brøndby not started. */
async function remindableTask(deadline: string, opts: { publishedAt?: Date; audienceRoleKey?: string } = {}) {
  const { task: row } = await buildTask(db, { deadline, audienceRoleKey: opts.audienceRoleKey ?? 'klik-administrator', targets: TARGETS });
  await db.update(task).set({ publishedAt: opts.publishedAt ?? new Date('2029-01-01T00:00:00Z') }).where(eq(task.id, row.id));
  await setStatus(row.id, { [BALLERUP]: 'i_gang', [KBH]: 'loest', [FRB]: 'ikke_relevant' });
  return row;
}

async function setStatus(taskId: string, statuses: Record<string, TargetStatus>) {
  for (const [code, status] of Object.entries(statuses)) {
    await db.update(taskTarget).set({ status }).where(and(eq(taskTarget.taskId, taskId), eq(taskTarget.municipalityCode, code)));
  }
}

const mailsFor = (taskId: string) =>
  db.select().from(outboxMail).where(like(outboxMail.dedupeKey, `reminder:${taskId}:%`)).orderBy(outboxMail.dedupeKey);
const remindersFor = (taskId: string) => db.select().from(taskReminder).where(eq(taskReminder.taskId, taskId));
const recipientsOf = (mails: { toAddress: string }[]) => mails.map((m) => m.toAddress).sort();
const nextOf = async (taskId: string) => (await db.select({ n: task.nextReminderAt }).from(task).where(eq(task.id, taskId)))[0]!.n;
const sweep = (at: Date, on: Db = db) => sendDueReminders(on, at, t.config);

describe('the automatic reminder sweep', () => {
  it('sends d-7, d-1 and d0 once each, to the addressees of the missing municipalities only', async () => {
    const row = await remindableTask('2030-06-20');
    // First sweep long before: nothing to send, next_reminder_at is set to d-7 at 09:00 Danish time.
    await sweep(new Date('2030-05-01T12:00:00Z'));
    expect(await mailsFor(row.id)).toEqual([]);
    expect((await nextOf(row.id))?.toISOString()).toBe('2030-06-13T07:00:00.000Z');

    await sweep(new Date('2030-06-13T07:00:30Z'));
    let mails = await mailsFor(row.id);
    expect(recipientsOf(mails)).toEqual([klik(BALLERUP), klik(BRONDBY), klik(FAXE)].sort());
    expect(mails[0]!.dedupeKey).toMatch(new RegExp(`^reminder:${row.id}:d-7@2030-06-20:klikadmin-`));
    expect(mails.every((m) => m.kind === 'task-reminder')).toBe(true);
    expect(mails[0]!.subject).toContain('frist 20.06.2030');
    expect(mails[0]!.body).toContain(`${t.config.publicUrl}/opgaver/${row.id}`);
    expect(mails[0]!.body).toContain('om 7 dage');
    expect((await nextOf(row.id))?.toISOString()).toBe('2030-06-19T07:00:00.000Z');

    // Again at the same time, and a little later: nothing new.
    await sweep(new Date('2030-06-13T07:01:00Z'));
    await sweep(new Date('2030-06-15T10:00:00Z'));
    expect(await mailsFor(row.id)).toHaveLength(3);

    await sweep(new Date('2030-06-19T07:00:00Z'));
    await sweep(new Date('2030-06-20T07:00:00Z'));
    await sweep(new Date('2030-06-20T08:00:00Z'));
    mails = await mailsFor(row.id);
    expect(mails).toHaveLength(9);
    const slots = (await remindersFor(row.id)).map((r) => r.slot);
    expect(new Set(slots)).toEqual(new Set(['d-7@2030-06-20', 'd-1@2030-06-20', 'd0@2030-06-20']));
    expect(mails.some((m) => m.toAddress === klik(KBH) || m.toAddress === klik(FRB))).toBe(false);
    expect(mails.some((m) => m.toAddress.startsWith('programleder-'))).toBe(false);
    expect(mails.find((m) => m.dedupeKey!.includes(':d-1@'))!.body).toContain('i morgen');
    expect(mails.find((m) => m.dedupeKey!.includes(':d0@'))!.body).toContain('i dag');
  });

  it('overdue reminders go to the programleder too, every 7 days, each once', async () => {
    const row = await remindableTask('2030-07-10');
    await sweep(new Date('2030-07-17T07:00:00Z'));
    const first = await mailsFor(row.id);
    expect(recipientsOf(first)).toEqual([klik(BALLERUP), klik(BRONDBY), klik(FAXE), pl(BALLERUP), pl(BRONDBY), pl(FAXE)].sort());
    expect(first.every((m) => m.subject.startsWith('Fristen er overskredet'))).toBe(true);
    expect(first.find((m) => m.toAddress === pl(FAXE))!.body).toContain('som programleder');
    expect(first.find((m) => m.toAddress === klik(FAXE))!.body).not.toContain('som programleder');
    // Brøndby solves it in the meantime: it gets no more.
    await setStatus(row.id, { [BRONDBY]: 'loest' });
    await sweep(new Date('2030-07-17T09:00:00Z'));
    await sweep(new Date('2030-07-24T07:00:00Z'));
    const all = await mailsFor(row.id);
    expect(all).toHaveLength(6 + 4);
    expect(all.filter((m) => m.dedupeKey!.includes(':d+14@')).map((m) => m.toAddress).sort()).toEqual(
      [klik(BALLERUP), klik(FAXE), pl(BALLERUP), pl(FAXE)].sort(),
    );
  });

  it('overdue reminders end eight weeks after the deadline; a deadline long past is never mailed, even when first swept', async () => {
    const row = await remindableTask('2030-03-01');
    await sweep(danishTime('2030-04-26', 9, 1)); // d+56, the last one
    expect(new Set((await remindersFor(row.id)).map((r) => r.slot))).toEqual(new Set(['d+56@2030-03-01']));
    await sweep(danishTime('2030-05-03', 9, 1)); // d+63: there is none
    expect(new Set((await remindersFor(row.id)).map((r) => r.slot))).toEqual(new Set(['d+56@2030-03-01']));
    // A task imported with its history (never scheduled), on one of its weekly days months on: no mail.
    const old = await remindableTask('2029-11-02');
    expect(await nextOf(old.id)).toBeNull();
    await sweep(danishTime('2030-05-03', 9, 1)); // d+182
    expect(await mailsFor(old.id)).toEqual([]);
    expect(await remindersFor(old.id)).toEqual([]);
  });

  it('someone who holds both roles gets one mail, as addressee', async () => {
    const row = await remindableTask('2030-08-10', { audienceRoleKey: 'programleder' });
    await sweep(new Date('2030-08-17T07:00:00Z'));
    const mails = await mailsFor(row.id);
    expect(recipientsOf(mails)).toEqual([pl(BALLERUP), pl(BRONDBY), pl(FAXE)].sort());
    expect(mails.every((m) => !m.body.includes('som programleder'))).toBe(true);
  });

  it('a task published late sends no stale reminders; an outage drops slots older than 3 days', async () => {
    const row = await remindableTask('2030-09-20', { publishedAt: new Date('2030-09-16T10:00:00Z') });
    await sweep(new Date('2030-09-16T10:01:00Z')); // d-7 was due before publication
    expect(await mailsFor(row.id)).toEqual([]);
    expect((await nextOf(row.id))?.toISOString()).toBe('2030-09-19T07:00:00.000Z');
    // Down from before d-1 until 4 days after d0: nothing is sent late; the next is d+7.
    await sweep(new Date('2030-09-24T08:00:00Z'));
    expect(await mailsFor(row.id)).toEqual([]);
    expect((await nextOf(row.id))?.toISOString()).toBe('2030-09-27T07:00:00.000Z');
    // Down for 1½ days over d-1 and d0 only the newest (d0) is sent.
    const other = await remindableTask('2030-09-20');
    await sweep(new Date('2030-09-20T20:00:00Z'));
    expect(new Set((await remindersFor(other.id)).map((r) => r.slot))).toEqual(new Set(['d0@2030-09-20']));
  });

  it('a deadline change recomputes next_reminder_at (scheduleNextReminder); the new deadline has its own slots', async () => {
    const row = await remindableTask('2030-10-20');
    await sweep(new Date('2030-10-13T07:00:00Z'));
    expect(await mailsFor(row.id)).toHaveLength(3);
    // Moved earlier on the 14th, to the 16th: the new d-7 (the 9th) is past and never sent; next is the new d-1.
    const changedAt = new Date('2030-10-14T10:00:00Z');
    await db.transaction(async (tx) => {
      await tx.update(task).set({ deadline: '2030-10-16' }).where(eq(task.id, row.id));
      await tx.insert(taskDeadlineChange).values({ taskId: row.id, fromDeadline: '2030-10-20', toDeadline: '2030-10-16', reason: 'Test', changedAt });
      expect((await scheduleNextReminder(tx, row.id, changedAt))?.toISOString()).toBe('2030-10-15T07:00:00.000Z');
    });
    await sweep(new Date('2030-10-14T10:01:00Z'));
    expect(await mailsFor(row.id)).toHaveLength(3);
    await sweep(new Date('2030-10-15T07:00:00Z'));
    const slots = new Set((await remindersFor(row.id)).map((r) => r.slot));
    expect(slots).toEqual(new Set(['d-7@2030-10-20', 'd-1@2030-10-16']));
    // Closed: nothing is scheduled any more.
    await db.update(task).set({ status: 'closed' }).where(eq(task.id, row.id));
    expect(await scheduleNextReminder(db, row.id, new Date('2030-10-15T08:00:00Z'))).toBeNull();
    await sweep(new Date('2030-10-16T07:00:00Z'));
    expect(await mailsFor(row.id)).toHaveLength(6);
  });

  it('drafts, announced and closed tasks are never swept', async () => {
    const draft = await buildTask(db, { status: 'draft', deadline: '2030-11-20', audienceRoleKey: 'klik-administrator', targets: [FAXE] });
    const announced = await buildTask(db, { status: 'announced', deadline: '2030-11-20', audienceRoleKey: 'klik-administrator', targets: [FAXE] });
    await sweep(new Date('2030-11-20T07:00:00Z'));
    expect(await mailsFor(draft.task.id)).toEqual([]);
    expect(await mailsFor(announced.task.id)).toEqual([]);
  });

  it('records every round in the history and the audit log', async () => {
    const row = await remindableTask('2030-12-10');
    await sweep(new Date('2030-12-03T08:00:00Z'));
    await sweep(new Date('2030-12-09T08:00:00Z'));
    const history = await reminderHistory(db, row.id);
    expect(history.map((h) => [h.label, h.manual, h.recipients, h.municipalities, h.sentByName])).toEqual([
      ['Automatisk: 1 dag før fristen (frist 10.12.2030)', false, 3, 3, null],
      ['Automatisk: 7 dage før fristen (frist 10.12.2030)', false, 3, 3, null],
    ]);
    const audit = await db.select().from(auditEvent).where(and(eq(auditEvent.entityId, row.id), eq(auditEvent.action, 'task.reminder_sent')));
    expect(audit).toHaveLength(2);
    expect(audit[0]!.actorLabel).toBe('system');
  });
});

describe('the scheduler round', () => {
  it('publishes an announced task whose date has come, then schedules its reminders (none on the day of publication)', async () => {
    const { task: row } = await buildTask(db, { status: 'announced', deadline: '2031-08-20', audienceRoleKey: 'klik-administrator', targets: [FAXE] });
    await db.update(task).set({ publishAt: new Date('2031-08-13T06:00:00Z') }).where(eq(task.id, row.id));
    const at = new Date('2031-08-13T07:00:00Z'); // 09:00 on d-7
    const scheduler = startScheduler({ database: t.database, jobs: taskJobs(t.database, t.config), log: pino({ level: 'silent' }), now: () => at });
    await scheduler.runOnce();
    await scheduler.stop();
    const [after] = await db.select().from(task).where(eq(task.id, row.id));
    expect(after!.status).toBe('published');
    expect(after!.nextReminderAt?.toISOString()).toBe('2031-08-19T07:00:00.000Z');
    expect(await mailsFor(row.id)).toEqual([]);
    const published = await db.select().from(outboxMail).where(like(outboxMail.dedupeKey, `task-published:${row.id}:%`));
    expect(published.map((m) => m.toAddress)).toEqual([klik(FAXE)]);
  });
});

describe('once only, also with concurrent workers and after a crash', () => {
  it('two sweeps at once (separate connections) queue exactly one mail per slot and recipient', async () => {
    const rows = [];
    for (let i = 0; i < 4; i++) {
      const { task: r } = await buildTask(db, { deadline: '2031-01-20', audienceRoleKey: 'klik-administrator' }); // all 98 municipalities
      await db.update(task).set({ publishedAt: new Date('2029-01-01T00:00:00Z') }).where(eq(task.id, r.id));
      rows.push(r);
    }
    let second: Database | null = null;
    let other: Db = db;
    if (engine === 'postgres') {
      const [{ name }] = (await rawRows<{ name: string }>(db, sql`select current_database() as name`)) as [{ name: string }];
      const url = new URL(adminUrl);
      url.pathname = `/${name}`;
      second = await openPostgres(url.toString(), { max: 4 });
      other = second.db;
    }
    try {
      const at = new Date('2031-01-13T08:00:00Z');
      const [a, b] = await Promise.all([sweep(at, db), sweep(at, other)]);
      expect(a.recipients + b.recipients).toBe(4 * 98);
      for (const r of rows) {
        const mails = await mailsFor(r.id);
        expect(mails).toHaveLength(98);
        expect(new Set(mails.map((m) => m.toAddress)).size).toBe(98);
        expect(await remindersFor(r.id)).toHaveLength(98);
      }
      // Without the row lock (two deliveries of the same round racing), the unique rows still decide.
      const r0 = rows[0]!;
      await db.update(taskTarget).set({ status: 'ikke_startet' }).where(eq(taskTarget.taskId, r0.id));
      const ctx = (on: Db): Ctx => ({ actor: null, db: on, now: at, requestId: 'test', config: t.config });
      const round = { slot: 'd-7@2031-01-20', manual: false, includeProgramLeaders: true };
      const both = await Promise.all([
        db.transaction((tx) => deliverRound(tx, ctx(tx), r0, round)),
        other.transaction((tx) => deliverRound(tx, ctx(tx), r0, round)),
      ]);
      // Only the programleder copies were new (the addressees had it), and only one of the two queued them.
      expect(both.map((x) => x.recipients).sort((x, y) => x - y)).toEqual([0, 98]);
      expect(await mailsFor(r0.id)).toHaveLength(196);
    } finally {
      await second?.close();
    }
  });

  it('a re-run after a crash (next_reminder_at never moved on) sends nothing twice', async () => {
    const row = await remindableTask('2031-02-20');
    const at = new Date('2031-02-13T08:00:00Z');
    await sweep(at);
    expect(await mailsFor(row.id)).toHaveLength(3);
    // As if the process died after committing the reminder rows but before next_reminder_at was saved.
    await db.update(task).set({ nextReminderAt: null }).where(eq(task.id, row.id));
    expect(await remindTask(db, row.id, new Date('2031-02-13T08:05:00Z'), t.config)).toBe(0);
    expect(await mailsFor(row.id)).toHaveLength(3);
  });
});

describe('the daily digest', () => {
  it('puts reminders for digest users in one mail per day at 07:00 and marks them', async () => {
    const [account] = await db
      .select({ id: userAccount.id })
      .from(userAccount)
      .innerJoin(person, eq(person.id, userAccount.personId))
      .where(eq(person.email, klik(BRONDBY)));
    await db.update(userAccount).set({ digestMode: 'daily' }).where(eq(userAccount.id, account!.id));
    const one = await remindableTask('2031-03-20');
    const two = await remindableTask('2031-03-21');
    await sweep(new Date('2031-03-13T08:00:00Z'));
    await sweep(new Date('2031-03-14T08:00:00Z'));
    // Brøndby's KLIK-administrator got no single mails, but the reminders are recorded for them.
    expect((await mailsFor(one.id)).map((m) => m.toAddress)).not.toContain(klik(BRONDBY));
    expect((await remindersFor(one.id)).map((r) => r.recipientEmail)).toContain(klik(BRONDBY));
    const pending = await db.select().from(pendingNotification).where(eq(pendingNotification.userId, account!.id));
    expect(pending).toHaveLength(2);

    // Before 07:00 Danish time (06:00Z in winter) nothing goes out.
    expect(await sendDigests(db, new Date('2031-03-15T05:59:00Z'), t.config)).toEqual({ users: 0, notifications: 0 });
    const at = danishTime('2031-03-15', 7);
    expect(await sendDigests(db, at, t.config)).toEqual({ users: 1, notifications: 2 });
    const digests = await db.select().from(outboxMail).where(eq(outboxMail.dedupeKey, `digest:${account!.id}:2031-03-15`));
    expect(digests).toHaveLength(1);
    expect(digests[0]!.subject).toBe(DIGEST_SUBJECT);
    expect(digests[0]!.toAddress).toBe(klik(BRONDBY));
    expect(digests[0]!.body).toContain('med 2 beskeder');
    expect(digests[0]!.body).toContain(one.code);
    expect(digests[0]!.body).toContain(two.code);
    expect(digests[0]!.body).toContain('/profil/notifikationer');
    const left = await db.select().from(pendingNotification).where(and(eq(pendingNotification.userId, account!.id), sql`${pendingNotification.digestedAt} is null`));
    expect(left).toEqual([]);

    // A later run the same day, and one with a notification that came after 07:00, send nothing more today.
    await sweep(new Date('2031-03-19T08:00:00Z'));
    expect(await sendDigests(db, new Date(at.getTime() + 60_000), t.config)).toEqual({ users: 0, notifications: 0 });
    expect(await sendDigests(db, danishTime('2031-03-19', 12), t.config)).toEqual({ users: 0, notifications: 0 });
    // The next morning it is in that day's digest. Two workers at once still make one.
    const next = danishTime('2031-03-20', 7);
    const runs = await Promise.all([sendDigests(db, next, t.config), sendDigests(db, next, t.config)]);
    expect(runs.reduce((n, r) => n + r.users, 0)).toBe(1);
    const all = await db.select().from(outboxMail).where(like(outboxMail.dedupeKey, `digest:${account!.id}:%`));
    expect(all.map((m) => m.dedupeKey).sort()).toEqual([`digest:${account!.id}:2031-03-15`, `digest:${account!.id}:2031-03-20`]);
    await db.update(userAccount).set({ digestMode: 'single' }).where(eq(userAccount.id, account!.id));
  });
});

describe('manual reminders', () => {
  const roundIdIn = (html: string) => /name="roundId" value="([0-9a-f-]{36})"/.exec(html)?.[1];

  it('previews exactly the missing recipients and the text; a double POST sends one round', async () => {
    const row = await remindableTask('2031-04-20');
    t.setNow(new Date('2031-04-01T10:00:00Z'));
    try {
      const admin = await loginAs(t.app, DEMO.admin);
      const page = await admin.get(`/opgaver/${row.id}/paamindelse`);
      expect(page.statusCode).toBe(200);
      for (const code of [FAXE, BALLERUP, BRONDBY]) expect(page.body).toContain(klik(code));
      expect(page.body).not.toContain(klik(KBH));
      expect(page.body).not.toContain(klik(FRB));
      expect(page.body).toContain('Send påmindelse til 3 modtagere');
      expect(page.body).toContain('Påmindelse: ');
      expect(page.body).toContain('om 19 dage');
      const roundId = roundIdIn(page.body)!;
      expect(roundId).toBeTruthy();

      const first = await admin.post(`/opgaver/${row.id}/paamindelse`, { roundId });
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toContain('besked=sendt');
      const again = await admin.post(`/opgaver/${row.id}/paamindelse`, { roundId });
      expect(again.headers.location).toContain('besked=allerede-sendt');
      const mails = await mailsFor(row.id);
      expect(recipientsOf(mails)).toEqual([klik(BALLERUP), klik(BRONDBY), klik(FAXE)].sort());
      expect(mails.every((m) => m.dedupeKey!.startsWith(`reminder:${row.id}:manual-${roundId}:`))).toBe(true);
      const rows = await remindersFor(row.id);
      expect(rows.every((r) => r.manual && r.sentBy !== null)).toBe(true);

      const after = await admin.get(`/opgaver/${row.id}/paamindelse?besked=sendt&antal=3`);
      expect(after.body).toContain('Påmindelsen er sendt til 3 modtagere.');
      expect(after.body).toContain('Manuel påmindelse');
      expect(after.body).toContain('Anne Administrator');
      // A fresh preview has a fresh round id.
      expect(roundIdIn(after.body)).not.toBe(roundId);
    } finally {
      t.setNow(null);
    }
  });

  it('works over the API with the preview round id, once', async () => {
    const row = await remindableTask('2031-05-20');
    const consultant = await loginAs(t.app, DEMO.consultant);
    const preview = await consultant.api('GET', `/api/v1/tasks/${row.id}/reminders/preview`);
    expect(preview.statusCode).toBe(200);
    const p = preview.json() as { roundId: string; recipients: { email: string }[]; municipalities: { code: string; recipients: number }[]; subject: string };
    expect(p.recipients.map((r) => r.email).sort()).toEqual([klik(BALLERUP), klik(BRONDBY), klik(FAXE)].sort());
    expect(p.municipalities.map((m) => m.code).sort()).toEqual([BALLERUP, BRONDBY, FAXE].sort());
    const sent = await consultant.api('POST', `/api/v1/tasks/${row.id}/reminders`, { roundId: p.roundId });
    expect(sent.statusCode).toBe(201);
    expect(sent.json()).toMatchObject({ recipients: 3, municipalities: 3, alreadySent: false });
    const twice = await consultant.api('POST', `/api/v1/tasks/${row.id}/reminders`, { roundId: p.roundId });
    expect(twice.statusCode).toBe(200);
    expect(twice.json()).toMatchObject({ recipients: 0, alreadySent: true });
    const bad = await consultant.api('POST', `/api/v1/tasks/${row.id}/reminders`, { roundId: 'nope' });
    expect(bad.statusCode).toBe(422);
    const history = await consultant.api('GET', `/api/v1/tasks/${row.id}/reminders`);
    expect(history.statusCode).toBe(200);
    const h = history.json() as { rounds: { manual: boolean; recipients: number; sentByName: string }[]; upcoming: unknown[] };
    expect(h.rounds).toEqual([expect.objectContaining({ manual: true, recipients: 3, sentByName: 'Karsten Konsulent' })]);
    expect(h.upcoming.length).toBeGreaterThan(0);
    expect(await mailsFor(row.id)).toHaveLength(3);
  });

  it('a new round within 24 hours of the last one needs confirmation; the page says when the last went and to how many', async () => {
    const row = await remindableTask('2031-04-25');
    t.setNow(new Date('2031-04-02T12:05:00Z'));
    try {
      const admin = await loginAs(t.app, DEMO.admin);
      const first = roundIdIn((await admin.get(`/opgaver/${row.id}/paamindelse`)).body)!;
      expect((await admin.post(`/opgaver/${row.id}/paamindelse`, { roundId: first })).headers.location).toContain('besked=sendt');
      const last = 'Sidste påmindelse blev sendt 2. april 2031 kl. 14.05 til 3 kommuner (3 mails).';

      t.setNow(new Date('2031-04-02T12:20:00Z'));
      const page = await admin.get(`/opgaver/${row.id}/paamindelse?besked=sendt&antal=3`);
      expect(page.body).toContain('Påmindelsen er sendt til 3 modtagere.');
      expect(page.body).toContain(last);
      expect(page.body).toContain('Ja, send en ny påmindelse, selv om der blev sendt en for mindre end et døgn siden');
      const second = roundIdIn(page.body)!;
      expect(second).not.toBe(first);

      // A second, different round without the box ticked: the form again with an error, nothing sent.
      const refused = await admin.post(`/opgaver/${row.id}/paamindelse`, { roundId: second });
      expect(refused.statusCode).toBe(422);
      expect(refused.body).toContain('Bekræft, at der skal sendes en ny påmindelse');
      expect(roundIdIn(refused.body)).toBe(second);
      expect(await mailsFor(row.id)).toHaveLength(3);
      // The same first round again is still a double click, not a new round.
      expect((await admin.post(`/opgaver/${row.id}/paamindelse`, { roundId: first })).headers.location).toContain('besked=allerede-sendt');

      const consultant = await loginAs(t.app, DEMO.consultant);
      const api = await consultant.api('POST', `/api/v1/tasks/${row.id}/reminders`, { roundId: second });
      expect(api.statusCode).toBe(409);
      expect(api.json()).toMatchObject({ code: 'recent_reminder', fieldErrors: { confirmRecent: expect.stringContaining('Bekræft') } });
      expect(await mailsFor(row.id)).toHaveLength(3);

      const confirmed = await admin.post(`/opgaver/${row.id}/paamindelse`, { roundId: second, confirmRecent: 'on' });
      expect(confirmed.headers.location).toContain('besked=sendt&antal=3');
      expect(await mailsFor(row.id)).toHaveLength(6);

      // A day after the last round no confirmation is needed, and the form asks for none.
      t.setNow(new Date('2031-04-03T12:21:00Z'));
      // Sessions run out in a day: log in again at the later time.
      const admin2 = await loginAs(t.app, DEMO.admin);
      const consultant2 = await loginAs(t.app, DEMO.consultant);
      const later = await admin2.get(`/opgaver/${row.id}/paamindelse`);
      expect(later.body).toContain('Sidste påmindelse blev sendt 2. april 2031 kl. 14.20 til 3 kommuner (3 mails).');
      expect(later.body).not.toContain('name="confirmRecent"');
      const p = (await consultant2.api('GET', `/api/v1/tasks/${row.id}/reminders/preview`)).json() as { roundId: string };
      const sent = await consultant2.api('POST', `/api/v1/tasks/${row.id}/reminders`, { roundId: p.roundId });
      expect(sent.statusCode).toBe(201);
      expect(await mailsFor(row.id)).toHaveLength(9);

      // Over the API the flag confirms a round within the 24 hours.
      t.setNow(new Date('2031-04-03T13:00:00Z'));
      const q = (await consultant2.api('GET', `/api/v1/tasks/${row.id}/reminders/preview`)).json() as { roundId: string };
      expect((await consultant2.api('POST', `/api/v1/tasks/${row.id}/reminders`, { roundId: q.roundId })).statusCode).toBe(409);
      const ok = await consultant2.api('POST', `/api/v1/tasks/${row.id}/reminders`, { roundId: q.roundId, confirmRecent: true });
      expect(ok.statusCode).toBe(201);
      expect(await mailsFor(row.id)).toHaveLength(12);
    } finally {
      t.setNow(null);
    }
  });

  it('is not for municipal users (404), and only for published tasks (409)', async () => {
    const row = await remindableTask('2031-06-20');
    const programLeader = await loginAs(t.app, pl(FAXE));
    expect((await programLeader.get(`/opgaver/${row.id}/paamindelse`)).statusCode).toBe(404);
    expect((await programLeader.post(`/opgaver/${row.id}/paamindelse`, { roundId: randomUUID() })).statusCode).toBe(404);
    expect((await programLeader.api('GET', `/api/v1/tasks/${row.id}/reminders`)).statusCode).toBe(404);
    expect((await programLeader.api('GET', `/api/v1/tasks/${row.id}/reminders/preview`)).statusCode).toBe(404);
    expect((await programLeader.api('POST', `/api/v1/tasks/${row.id}/reminders`, { roundId: randomUUID() })).statusCode).toBe(404);

    const admin = await loginAs(t.app, DEMO.admin);
    const draft = await buildTask(db, { status: 'draft', deadline: '2031-06-20', audienceRoleKey: 'klik-administrator', targets: [FAXE] });
    const page = await admin.get(`/opgaver/${draft.task.id}/paamindelse`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('kun sendes påmindelser, når opgaven er publiceret');
    expect(page.body).not.toContain('name="roundId"');
    expect((await admin.post(`/opgaver/${draft.task.id}/paamindelse`, { roundId: randomUUID() })).statusCode).toBe(409);
    expect((await admin.get(`/opgaver/00000000-0000-4000-8000-000000000000/paamindelse`)).statusCode).toBe(404);
  });

  it('says so when every municipality is done', async () => {
    const row = await remindableTask('2031-07-20');
    await setStatus(row.id, { [FAXE]: 'loest', [BALLERUP]: 'ikke_relevant', [BRONDBY]: 'loest' });
    const admin = await loginAs(t.app, DEMO.admin);
    const page = await admin.get(`/opgaver/${row.id}/paamindelse`);
    expect(page.body).toContain('Der er ingen at minde om');
    expect(page.body).not.toContain('name="roundId"');
  });
});

describe('notification settings', () => {
  it('lets a user choose the daily digest, audited, and back', async () => {
    const c = await loginAs(t.app, klik(FAXE));
    const page = await c.get('/profil/notifikationer');
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/value="single"[^>]*checked/);
    const saved = await c.post('/profil/notifikationer', { digestMode: 'daily' });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/profil/notifikationer?besked=gemt');
    const [row] = await db
      .select({ id: userAccount.id, digestMode: userAccount.digestMode })
      .from(userAccount)
      .innerJoin(person, eq(person.id, userAccount.personId))
      .where(eq(person.email, klik(FAXE)));
    expect(row!.digestMode).toBe('daily');
    const shown = await c.get('/profil/notifikationer?besked=gemt');
    expect(shown.body).toContain('Dit valg er gemt.');
    expect(shown.body).toMatch(/value="daily"[^>]*checked/);
    const audit = await db.select().from(auditEvent).where(and(eq(auditEvent.entityId, row!.id), eq(auditEvent.action, 'user.digest_mode_changed')));
    expect(audit).toHaveLength(1);
    expect(audit[0]!.after).toEqual({ digestMode: 'daily' });
    expect((await c.post('/profil/notifikationer', { digestMode: 'weekly' })).statusCode).toBe(422);
    expect((await c.post('/profil/notifikationer', { digestMode: 'single' })).statusCode).toBe(303);
    expect(
      (await db.select({ d: userAccount.digestMode }).from(userAccount).where(inArray(userAccount.id, [row!.id])))[0]!.d,
    ).toBe('single');
  });
});
