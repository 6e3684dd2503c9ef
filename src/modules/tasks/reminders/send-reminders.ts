import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notify } from '../../../platform/notify/notify.ts';
import { taskRecipients, type Recipient } from '../addressees.ts';
import type { TaskRow } from '../load-task.ts';
import { reminderText } from './text.ts';
import { reminderSchedule, storedSlot, upcomingSlots } from '../../../platform/reminders/schedule.ts';
import { task, taskDeadlineChange, type TargetStatus } from '../schema.ts';
import { sweepEach } from '../../../platform/reminders/sweep.ts';
import { recordRound } from '../../../platform/reminders/record-round.ts';
import { taskReminderLog } from './queries.ts';

/** Reminders go to the municipalities that still miss the task; solved and not-relevant ones never get one. */
export const MISSING: TargetStatus[] = ['ikke_startet', 'i_gang'];
/** Tasks handled per sweep; the rest wait for the next minute. */
export const SWEEP_BATCH = 200;

export type RoundTask = Pick<
  TaskRow,
  'id' | 'code' | 'title' | 'deadline' | 'consequence' | 'audienceRoleKey' | 'audienceSolutionKey' | 'audiencePrimaryOnly'
>;

/**
 * Who a reminder goes to: the addressees (and, when asked, the programleder) of the missing
 * municipalities, one per e-mail address. Someone on the list twice (two municipalities, or both
 * roles) gets one mail; as an addressee if they are one anywhere.
 */
export async function missingRecipients(db: Db, t: RoundTask, opts: { includeProgramLeaders: boolean }): Promise<Recipient[]> {
  const all = await taskRecipients(db, t, { statuses: MISSING, includeProgramLeaders: opts.includeProgramLeaders });
  const byEmail = new Map<string, Recipient>();
  for (const r of all) {
    const key = r.email.toLowerCase();
    const prior = byEmail.get(key);
    if (!prior || (prior.as === 'programleder' && r.as === 'addressee')) byEmail.set(key, r);
  }
  return [...byEmail.values()];
}

export type Round = {
  /** 'd-7@2025-06-20' or 'manual-<uuid>' */
  slot: string;
  manual: boolean;
  includeProgramLeaders: boolean;
};

/**
 * Sends one round in the caller's transaction: recordRound logs the recipients and answers those
 * not logged before, and only they get a mail (outbox row or digest line), in the same transaction.
 * The outbox worker claims each mail before it talks SMTP; the outbox dedupe key
 * `reminder:<task>:<slot>:<email>` is a second, independent guard.
 */
export async function deliverRound(tx: Db, ctx: Ctx, t: RoundTask, round: Round): Promise<{ recipients: number; municipalities: number }> {
  const recipients = await missingRecipients(tx, t, { includeProgramLeaders: round.includeProgramLeaders });
  const reached = await recordRound(tx, ctx, taskReminderLog, t.id, round, recipients);
  if (reached.length === 0) return { recipients: 0, municipalities: 0 };
  for (const as of ['addressee', 'programleder'] as const) {
    const group = reached.filter((r) => r.as === as);
    if (group.length === 0) continue;
    const text = reminderText({ task: t, now: ctx.now, publicUrl: ctx.config.publicUrl, as });
    await notify(tx, ctx.now, group, { ...text, kind: 'task-reminder', dedupeKey: `reminder:${t.id}:${round.slot}` });
  }
  const municipalities = new Set(reached.map((r) => r.municipalityCode)).size;
  await recordAudit(tx, ctx, {
    action: 'task.reminder_sent',
    entityType: 'task',
    entityId: t.id,
    after: { slot: round.slot, manual: round.manual, recipients: reached.length, municipalities },
  });
  return { recipients: reached.length, municipalities };
}

const deadlineChangedAt = sql<Date | null>`(select max(${taskDeadlineChange.changedAt}) from ${taskDeadlineChange} where ${taskDeadlineChange.taskId} = ${task.id})`.mapWith(
  taskDeadlineChange.changedAt,
);

const later = (a: Date | null, b: Date | null) => (a && b ? (a > b ? a : b) : (a ?? b));

const scheduleColumns = {
  id: task.id,
  code: task.code,
  title: task.title,
  deadline: task.deadline,
  consequence: task.consequence,
  audienceRoleKey: task.audienceRoleKey,
  audienceSolutionKey: task.audienceSolutionKey,
  audiencePrimaryOnly: task.audiencePrimaryOnly,
  status: task.status,
  reminderOffsets: task.reminderOffsets,
  publishedAt: task.publishedAt,
  deadlineChangedAt,
};
type ScheduleRow = Pick<TaskRow, 'deadline' | 'reminderOffsets' | 'publishedAt'> & { deadlineChangedAt: Date | null };

/** The schedule as it stands for a task row: nothing up to the day it was published or its deadline last changed. */
const scheduleOf = (t: ScheduleRow, now: Date) =>
  reminderSchedule({ deadline: t.deadline, offsets: t.reminderOffsets, now, mailedAt: later(t.publishedAt, t.deadlineChangedAt) });

const due = (now: Date) => and(eq(task.status, 'published'), or(lte(task.nextReminderAt, now), isNull(task.nextReminderAt)));

/**
 * The reminder sweep: every published task whose next_reminder_at has come (or was never set) gets
 * its current slot sent to the missing, then its next_reminder_at moved on. One transaction per task.
 */
export async function sendDueReminders(db: Db, now: Date, config: Config, opts: { limit?: number } = {}) {
  const candidates = await db
    .select({ id: task.id })
    .from(task)
    .where(due(now))
    .orderBy(asc(task.nextReminderAt))
    .limit(opts.limit ?? SWEEP_BATCH);
  const r = await sweepEach(
    candidates.map((c) => c.id),
    (id) => remindTask(db, id, now, config),
  );
  return { tasks: r.reminded, recipients: r.recipients, failed: r.failed.map((f) => ({ taskId: f.id, message: f.message })) };
}

/**
 * One task of the sweep. The row lock serialises workers on the same task: the second one re-reads
 * the row after the first commits, sees the moved next_reminder_at and does nothing. The lock saves
 * work; at-most-once itself comes from the unique (task, slot, recipient) rows in deliverRound.
 */
export async function remindTask(db: Db, taskId: string, now: Date, config: Config): Promise<number | null> {
  return db.transaction(async (tx) => {
    const [t] = await tx
      .select(scheduleColumns)
      .from(task)
      .where(and(eq(task.id, taskId), due(now)))
      .for('update', { of: task });
    if (!t) return null;
    const schedule = scheduleOf(t, now);
    let recipients = 0;
    if (schedule.send) {
      const ctx: Ctx = { actor: null, db: tx, now, requestId: 'paamindelser', config };
      const round = { slot: storedSlot(schedule.send.slot, t.deadline), manual: false, includeProgramLeaders: schedule.send.overdue };
      recipients = (await deliverRound(tx, ctx, t, round)).recipients;
    }
    await tx.update(task).set({ nextReminderAt: schedule.next.dueAt }).where(eq(task.id, t.id));
    return recipients;
  });
}

/**
 * Recomputes a task's next_reminder_at after anything that moves its schedule: publication, a new
 * deadline or reminder offsets, closing or reopening. Call it in the transaction that makes the
 * change (after the change and any task_deadline_change row). Only slots after `now` are scheduled,
 * so a change never fires reminders that were due under the new deadline before it was set.
 */
export async function scheduleNextReminder(tx: Db, taskId: string, now: Date): Promise<Date | null> {
  const [t] = await tx.select(scheduleColumns).from(task).where(eq(task.id, taskId));
  if (!t) return null;
  const next = t.status === 'published' ? scheduleOf(t, now).next.dueAt : null;
  await tx.update(task).set({ nextReminderAt: next }).where(eq(task.id, taskId));
  return next;
}

/** The automatic reminders a task has coming (for the reminder page): its next few slots. */
export function upcomingReminders(t: Pick<TaskRow, 'deadline' | 'reminderOffsets' | 'status'>, now: Date) {
  return t.status === 'published' ? upcomingSlots({ deadline: t.deadline, offsets: t.reminderOffsets }, now) : [];
}
