import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { type Job, lockKeyFor } from '../../platform/scheduler/scheduler.ts';
import { sendDueAgreementReminders } from './reminders/send-reminders.ts';

/** The agreements module's background jobs: the automatic reminders to municipalities that have not signed. */
export function agreementJobs(database: Pick<Database, 'db'>, config: Config): Job[] {
  const { db } = database;
  return [{ name: 'agreement-reminders', lockKey: lockKeyFor('agreement-reminders'), run: (now) => sendDueAgreementReminders(db, now, config) }];
}
