import type { Db } from '../../../db/client.ts';
import { reminderRounds, type ReminderLog } from '../../../platform/reminders/history.ts';
import type { ReminderRound } from '../../../platform/reminders/views.tsx';
import { agreementReminder } from '../schema.ts';

export const agreementReminderLog: ReminderLog = {
  table: agreementReminder,
  owner: agreementReminder.agreementId,
  slot: agreementReminder.slot,
  manual: agreementReminder.manual,
  sentAt: agreementReminder.sentAt,
  sentBy: agreementReminder.sentBy,
  municipalityCode: agreementReminder.municipalityCode,
  recipientEmail: agreementReminder.recipientEmail,
};

/** The agreement's reminder history: one line per round (slot), newest first. */
export const agreementReminderHistory = (db: Db, agreementId: string): Promise<ReminderRound[]> =>
  reminderRounds(db, agreementReminderLog, agreementId);
