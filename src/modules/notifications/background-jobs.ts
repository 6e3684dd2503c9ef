import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { type Job, lockKeyFor } from '../../platform/scheduler/scheduler.ts';
import { sendDigests } from './send-digests.ts';

/** The daily digest; the scheduler runs it after the other modules' jobs, so it includes what they just queued. */
export function notificationJobs(database: Pick<Database, 'db'>, config: Config): Job[] {
  const { db } = database;
  return [{ name: 'daily-digest', lockKey: lockKeyFor('daily-digest'), run: (now) => sendDigests(db, now, config) }];
}
