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
