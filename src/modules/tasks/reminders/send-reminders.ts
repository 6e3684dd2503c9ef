import { and, asc, eq, gte, isNull, lte, or, sql } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Ctx } from '../../../platform/context.ts';
import { notify } from '../../../platform/notify/notify.ts';
import { taskRecipients, type Recipient } from '../addressees.ts';
import type { TaskRow } from '../load-task.ts';
import { reminderText } from './text.ts';
import { reminderSchedule, sweepsDeadlinesFrom, upcomingSlots } from '../../../platform/reminders/schedule.ts';
import { task, taskDeadlineChange, type TargetStatus } from '../schema.ts';
import { type DueSweep, remindDue, sweepDue } from '../../../platform/reminders/sweep.ts';
import { recordRound } from '../../../platform/reminders/record-round.ts';
import { taskReminderLog } from './queries.ts';

/** Reminders go to the municipalities that still miss the task; solved and not-relevant ones never get one. */
export const MISSING: TargetStatus[] = ['ikke_startet', 'i_gang'];

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

/** Published, its next reminder come (or never set), and its deadline not so long past that reminders are over. */
const due = (now: Date) =>
  and(eq(task.status, 'published'), gte(task.deadline, sweepsDeadlinesFrom(now)), or(lte(task.nextReminderAt, now), isNull(task.nextReminderAt)));

/** The task side of the shared sweep: published tasks whose next reminder has come. */
const taskSweep: DueSweep<ScheduleRow & RoundTask> = {
  requestId: 'paamindelser',
  async dueIds(db, now, limit) {
    const rows = await db.select({ id: task.id }).from(task).where(due(now)).orderBy(asc(task.nextReminderAt)).limit(limit);
    return rows.map((r) => r.id);
  },
  async lockDue(tx, id, now) {
    const [t] = await tx
      .select(scheduleColumns)
      .from(task)
      .where(and(eq(task.id, id), due(now)))
      .for('update', { of: task });
    return t ?? null;
  },
  schedule: (t, now) => scheduleOf(t, now),
  // Overdue rounds also go to the programleder.
  deliver: (tx, ctx, t, round) => deliverRound(tx, ctx, t, { slot: round.slot, manual: false, includeProgramLeaders: round.overdue }),
  async setNextReminderAt(tx, id, next) {
    await tx.update(task).set({ nextReminderAt: next }).where(eq(task.id, id));
  },
};

/**
 * The reminder sweep: every published task whose next_reminder_at has come (or was never set) gets
 * its current slot sent to the missing, then its next_reminder_at moved on. One transaction per task.
 */
export async function sendDueReminders(db: Db, now: Date, config: Config, opts: { limit?: number } = {}) {
  const r = await sweepDue(db, taskSweep, now, config, opts.limit);
  return { tasks: r.reminded, recipients: r.recipients, failed: r.failed.map((f) => ({ taskId: f.id, message: f.message })) };
}

/** One task of the sweep, in its own transaction; null when it was not due (or another worker got there first). */
export const remindTask = (db: Db, taskId: string, now: Date, config: Config): Promise<number | null> => remindDue(db, taskSweep, taskId, now, config);

/**
 * Recomputes a task's next_reminder_at after anything that moves its schedule: publication, a new
 * deadline or reminder offsets, closing or reopening. Call it in the transaction that makes the
 * change (after the change and any task_deadline_change row). Only slots after `now` are scheduled,
 * so a change never fires reminders that were due under the new deadline before it was set.
 */
export async function scheduleNextReminder(tx: Db, taskId: string, now: Date): Promise<Date | null> {
  const [t] = await tx.select(scheduleColumns).from(task).where(eq(task.id, taskId));
  if (!t) return null;
  const next = t.status === 'published' ? scheduleOf(t, now).wakeAt : null;
  await tx.update(task).set({ nextReminderAt: next }).where(eq(task.id, taskId));
  return next;
}

/** The automatic reminders a task has coming (for the reminder page): its next few slots. */
export function upcomingReminders(t: Pick<TaskRow, 'deadline' | 'reminderOffsets' | 'status'>, now: Date) {
  return t.status === 'published' ? upcomingSlots({ deadline: t.deadline, offsets: t.reminderOffsets }, now) : [];
}
