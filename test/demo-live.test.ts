import { and, asc, desc, eq, inArray, like, ne, not, or, sql } from 'drizzle-orm';
import { rawRows } from '../src/db/client.ts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.ts';
import { agreementJobs } from '../src/modules/agreements/background-jobs.ts';
import { LIVE_AGREEMENT, LIVE_TITLE } from '../src/modules/agreements/demo-live.ts';
import { agreement, agreementReminder, agreementSignature } from '../src/modules/agreements/schema.ts';
import { loadStatuses, OUTSTANDING } from '../src/modules/agreements/status.ts';
import { seedDemoData } from '../src/modules/demo.ts';
import { notificationJobs } from '../src/modules/notifications/background-jobs.ts';
import { taskJobs } from '../src/modules/tasks/background-jobs.ts';
import { LIVE_QUESTION, LIVE_TASKS, RECIPIENT_TASK } from '../src/modules/tasks/demo-live.ts';
import { stepAnswer, task, taskMessage, taskReminder, taskTarget } from '../src/modules/tasks/schema.ts';
import { danishDay } from '../src/platform/days.ts';
import { outboxMail } from '../src/platform/outbox/schema.ts';
import { pendingNotification } from '../src/platform/notify/schema.ts';
import { addDays } from '../src/platform/reminders/schedule.ts';
import { danishTime } from '../src/platform/days.ts';
import { freshDatabase } from './db.ts';
import { DEMO_JUNE_MEETING_TITLE, DEMO_MAY_MEETING_TITLE, DEMO_NEXT_MEETING_TITLE } from '../src/modules/meetings/demo-meetings.ts';
import { meeting, meetingAgendaItem, meetingFollowUp, meetingInput } from '../src/modules/meetings/schema.ts';
import { operationsRcaItem, operationsSla } from '../src/modules/operations/schema.ts';

const FAXE = '0320';
const config = loadConfig({ SAMSPIL_MODE: 'demo', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://samspil.test' });
/** The deck's history: every 2025 (and 2020–2021) deadline stays as it was. */
// The last: Borgerblikket's assessment of KLE numbers with youth data (published 9 June, due 31 October 2025).
const HISTORY_TASK_DEADLINES = ['2025-05-28', '2025-05-30', '2025-05-30', '2025-06-18', '2025-06-27', '2025-06-30', '2025-06-30', '2025-06-30', '2025-06-30', '2025-10-31'];

/** Everything one scheduler round runs (server.ts): publishing, both reminder sweeps, the daily digest. */
async function schedulerRound(db: Parameters<typeof seedDemoData>[0], now: Date) {
  const jobs = [...taskJobs({ db }, config), ...agreementJobs({ db }, config), ...notificationJobs({ db }, config)];
  for (const job of jobs) await job.run(now);
}

// Two seed days: a winter morning, and a summer night when UTC is still on the day before (23:30Z is 01:30 on 20 August in Denmark).
const DATES = [new Date('2026-03-10T09:30:00+01:00'), new Date('2027-08-19T23:30:00Z')];

describe.each(DATES)('the demo seeded on %s', (now) => {
  let d: Awaited<ReturnType<typeof freshDatabase>>;
  const today = danishDay(now);
  const db = () => d.db;

  beforeAll(async () => {
    d = await freshDatabase({ template: 'migrated' });
    await seedDemoData(d.db, { now });
  });
  afterAll(() => d.drop());

  it("has the deck's two meetings of 2025 with the May agenda, one meeting ahead with Faxe's input for it, no follow-up sent, and operations up to last month", async () => {
    const meetings = await db().select({ id: meeting.id, title: meeting.title, startsAt: meeting.startsAt }).from(meeting).orderBy(asc(meeting.startsAt));
    const may = meetings.find((m) => m.title === DEMO_MAY_MEETING_TITLE)!;
    expect(danishDay(may.startsAt)).toMatch(/^2025-05-/);
    expect(danishDay(meetings.find((m) => m.title === DEMO_JUNE_MEETING_TITLE)!.startsAt)).toBe('2025-06-18');
    const ahead = meetings.filter((m) => m.title === DEMO_NEXT_MEETING_TITLE);
    expect(ahead).toHaveLength(1);
    expect(ahead[0]!.startsAt.getTime()).toBeGreaterThan(now.getTime());
    const agenda = await db().select({ title: meetingAgendaItem.title }).from(meetingAgendaItem).where(eq(meetingAgendaItem.meetingId, may.id)).orderBy(asc(meetingAgendaItem.position));
    expect(agenda.map((a) => a.title).join(' | ')).toMatch(/Kort nyt.*TEMA I.*Aula.*TEMA II.*K98.*Spørgsmål/);
    const faxeInput = await db().select({ meetingId: meetingInput.meetingId }).from(meetingInput).where(eq(meetingInput.municipalityCode, FAXE));
    expect(faxeInput.length).toBeGreaterThan(0);
    expect(faxeInput.every((i) => i.meetingId === null || i.meetingId === ahead[0]!.id)).toBe(true);
    expect(await db().select().from(meetingFollowUp)).toEqual([]);
    const rca = await db().select({ state: operationsRcaItem.state }).from(operationsRcaItem);
    expect([rca.length, rca.filter((r) => r.state !== 'lukket').length]).toEqual([21, 4]);
    const lastMonth = `${addDays(today.slice(0, 8) + '01', -1).slice(0, 8)}01`;
    expect((await db().select({ month: operationsSla.month }).from(operationsSla).where(eq(operationsSla.month, lastMonth))).length).toBeGreaterThan(0);
  });

  it('has current tasks due in 3, 10 and 30 days and one 5 days overdue, Faxe among the missing on each', async () => {
    const rows = await db()
      .select({ code: task.code, deadline: task.deadline, status: task.status, faxe: taskTarget.status })
      .from(task)
      .innerJoin(taskTarget, and(eq(taskTarget.taskId, task.id), eq(taskTarget.municipalityCode, FAXE)))
      .where(inArray(task.code, LIVE_TASKS.map((t) => t.code)))
      .orderBy(asc(task.deadline));
    expect(rows.map((r) => [r.deadline, r.status])).toEqual([-5, 3, 10, 30].map((n) => [addDays(today, n), 'published']));
    expect(rows.every((r) => r.faxe !== 'loest')).toBe(true);
    if (today === '2026-03-10') expect(rows.map((r) => r.deadline)).toEqual(['2026-03-05', '2026-03-13', '2026-03-20', '2026-04-09']);
    if (today === '2027-08-20') expect(rows.map((r) => r.deadline)).toEqual(['2027-08-15', '2027-08-23', '2027-08-30', '2027-09-19']);
  });

  it('has Faxe silent on the overdue task, while most municipalities have solved it', async () => {
    const [overdue] = await db().select({ id: task.id }).from(task).where(eq(task.deadline, addDays(today, -5)));
    const targets = await db().select({ code: taskTarget.municipalityCode, status: taskTarget.status }).from(taskTarget).where(eq(taskTarget.taskId, overdue!.id));
    expect(targets).toHaveLength(98);
    expect(targets.find((t) => t.code === FAXE)?.status).toBe('ikke_startet');
    expect(targets.filter((t) => t.status === 'loest').length).toBeGreaterThan(50);
    expect(await db().select().from(stepAnswer).where(and(eq(stepAnswer.taskId, overdue!.id), eq(stepAnswer.municipalityCode, FAXE)))).toEqual([]);
  });

  it('keeps every solved municipality consistent with its step answers', async () => {
    const wrong = await rawRows<{ code: string }>(
      db(),
      sql`select t.code from task_target tt join task t on t.id = tt.task_id
          where tt.status = 'loest' and (select count(*) from step_answer a where a.task_id = t.id and a.municipality_code = tt.municipality_code and a.completed)
                <> (select count(*) from task_step s where s.task_id = t.id)`,
    );
    expect(wrong).toEqual([]);
  });

  it("has Faxe's program leader's question waiting for KOMBIT", async () => {
    const [t] = await db().select({ id: task.id }).from(task).where(eq(task.code, LIVE_QUESTION.taskCode));
    const thread = await db().select().from(taskMessage).where(and(eq(taskMessage.taskId, t!.id), eq(taskMessage.municipalityCode, FAXE))).orderBy(desc(taskMessage.createdAt));
    expect(thread[0]).toMatchObject({ fromCentral: false, authorName: 'Programleder Faxe', body: LIVE_QUESTION.body });
    expect(danishDay(thread[0]!.createdAt)).toBe(addDays(today, -2));
  });

  it('has an agreement for the program leaders to sign within 14 days, not signed by Faxe', async () => {
    const [a] = await db().select().from(agreement).where(eq(agreement.title, LIVE_TITLE));
    expect(a).toMatchObject({ status: 'sent', audienceRoleKey: 'programleder', ccRoleKey: null, deadline: addDays(today, LIVE_AGREEMENT.deadlineInDays) });
    expect(LIVE_AGREEMENT.deadlineInDays).toBeLessThanOrEqual(14);
    const statuses = await loadStatuses(db(), { agreementIds: [a!.id] });
    expect(OUTSTANDING).toContain(statuses.find((s) => s.municipalityCode === FAXE)?.status);
    const signed = statuses.filter((s) => s.status === 'signed');
    expect(signed.length).toBeGreaterThan(30);
    expect(signed.length).toBeLessThan(80);
    const signatures = await db().select({ signedAt: agreementSignature.signedAt, title: agreementSignature.signerTitle }).from(agreementSignature).where(eq(agreementSignature.agreementId, a!.id));
    expect(signatures.every((s) => s.title === 'Programleder' && s.signedAt < now && danishDay(s.signedAt) > addDays(today, -LIVE_AGREEMENT.sentDaysAgo))).toBe(true);
  });

  it('keeps the deck: the 2025 tasks and agreements with their deadlines', async () => {
    const live = [...LIVE_TASKS.map((t) => t.code), RECIPIENT_TASK.code];
    const history = await db().select({ deadline: task.deadline }).from(task).where(not(inArray(task.code, live))).orderBy(asc(task.deadline));
    expect(history.map((h) => h.deadline)).toEqual(HISTORY_TASK_DEADLINES);
    const agreements = await db().select({ deadline: agreement.deadline }).from(agreement).where(not(eq(agreement.title, LIVE_TITLE))).orderBy(asc(agreement.deadline));
    expect(agreements.map((a) => a.deadline)).toEqual(['2020-11-30', '2020-12-18', '2021-03-31', '2025-04-22', '2025-06-30', '2025-07-01']);
  });

  it('queues no reminder on the first scheduler round, and later only the live items get theirs, never a 2025 deadline', async () => {
    // The rule: reminders end eight weeks after a deadline (platform/reminders/schedule.ts), and the
    // live items are scheduled from the seed's day; so a fresh demo mails no reminder at all.
    await schedulerRound(db(), now);
    await schedulerRound(db(), new Date(now.getTime() + 60_000));
    const reminderMails = or(like(outboxMail.dedupeKey, 'reminder:%'), like(outboxMail.dedupeKey, 'agreement-reminder:%'));
    expect(await db().select({ to: outboxMail.toAddress }).from(outboxMail).where(reminderMails)).toEqual([]);
    expect(await db().select().from(pendingNotification)).toEqual([]);
    // The economy's history (documents published in 2025 and 2026) was mailed on its day: sent, nothing waits.
    expect(await db().select().from(outboxMail).where(ne(outboxMail.status, 'sent'))).toEqual([]);
    expect(await db().select().from(taskReminder).where(eq(taskReminder.manual, false))).toEqual([]);
    expect(await db().select().from(agreementReminder).where(eq(agreementReminder.manual, false))).toEqual([]);

    // Two days on at 09:05: the 3-day task's "1 day before" and the overdue task's first weekly
    // reminder fall due, to the municipalities still missing; the deck's deadlines stay quiet.
    await schedulerRound(db(), danishTime(addDays(today, 2), 9, 5));
    const slots = [...new Set((await db().select({ slot: taskReminder.slot }).from(taskReminder)).map((r) => r.slot))].sort();
    expect(slots).toEqual([`d+7@${addDays(today, -5)}`, `d-1@${addDays(today, 3)}`]);
    const faxe = await db().select({ slot: taskReminder.slot }).from(taskReminder).where(eq(taskReminder.municipalityCode, FAXE));
    expect(faxe.map((r) => r.slot).sort()).toEqual(slots);
    expect(await db().select().from(agreementReminder).where(eq(agreementReminder.manual, false))).toEqual([]);
    const mails = await db().select({ key: outboxMail.dedupeKey }).from(outboxMail).where(reminderMails);
    expect(mails.length).toBeGreaterThan(0);
    expect(mails.every((m) => !m.key!.includes('@2025-') && !m.key!.includes('@2020-'))).toBe(true);
  });
});
