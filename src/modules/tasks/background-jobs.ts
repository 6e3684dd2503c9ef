import type { Config } from '../../config.ts';
import type { Database } from '../../db/client.ts';
import { type Job, lockKeyFor } from '../../platform/scheduler/scheduler.ts';
import { publishDueTasks } from './author/change-task-status.ts';
import { sendDueReminders } from './reminders/send-reminders.ts';

/**
 * The tasks module's background jobs, in the order one scheduler round runs them: tasks whose
 * publish date has come are published first, so the reminder sweep sees them in the same round.
 * The daily digest is the notifications module's job and runs after every module's.
 */
export function taskJobs(database: Pick<Database, 'db'>, config: Config): Job[] {
  const { db } = database;
  return [
    { name: 'publish-due-tasks', lockKey: lockKeyFor('publish-due-tasks'), run: (now) => publishDueTasks(db, now, config) },
    { name: 'task-reminders', lockKey: lockKeyFor('task-reminders'), run: (now) => sendDueReminders(db, now, config) },
  ];
}
