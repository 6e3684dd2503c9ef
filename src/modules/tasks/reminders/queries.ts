import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { reminderRounds, type ReminderLog } from '../../../platform/reminders/history.ts';
import { taskReminder } from '../schema.ts';
import type { ReminderRound } from '../../../platform/reminders/views.tsx';

export type { ReminderRound };

export const taskReminderLog: ReminderLog = {
  table: taskReminder,
  owner: taskReminder.taskId,
  slot: taskReminder.slot,
  manual: taskReminder.manual,
  sentAt: taskReminder.sentAt,
  sentBy: taskReminder.sentBy,
  municipalityCode: taskReminder.municipalityCode,
  recipientEmail: taskReminder.recipientEmail,
};

/** The task's reminder history: one line per round (slot), newest first. */
export const reminderHistory = (db: Db, taskId: string): Promise<ReminderRound[]> => reminderRounds(db, taskReminderLog, taskId);

/** For the overview: when each municipality was last reminded of a task, and how many times. */
export async function lastRemindedByMunicipality(db: Db, taskId: string): Promise<Map<string, { lastAt: Date; rounds: number }>> {
  const rows = await db
    .select({
      code: taskReminder.municipalityCode,
      lastAt: sql<Date>`max(${taskReminder.sentAt})`.mapWith(taskReminder.sentAt),
      rounds: sql<number>`count(distinct ${taskReminder.slot})`.mapWith(Number),
    })
    .from(taskReminder)
    .where(eq(taskReminder.taskId, taskId))
    .groupBy(taskReminder.municipalityCode);
  return new Map(rows.map((r) => [r.code, { lastAt: r.lastAt, rounds: r.rounds }]));
}
