import { desc, eq, sql } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { person, userAccount } from '../../../platform/identity/schema.ts';
import { offsetLabel, parseStoredSlot } from '../../../platform/reminders/schedule.ts';
import { taskReminder } from '../schema.ts';
import { formatDeadline } from '../status.ts';
import type { ReminderRound } from '../../../platform/reminders/views.tsx';

export type { ReminderRound };

/** A task has a few dozen rounds at most; the cap only guards the page. */
const MAX_ROUNDS = 200;

/** The task's reminder history: one line per round (slot), newest first. */
export async function reminderHistory(db: Db, taskId: string): Promise<ReminderRound[]> {
  const rows = await db
    .select({
      slot: taskReminder.slot,
      manual: taskReminder.manual,
      sentAt: sql<Date>`min(${taskReminder.sentAt})`.mapWith(taskReminder.sentAt),
      sentByName: sql<string | null>`max(${person.name})`,
      recipients: sql<number>`count(*)`.mapWith(Number),
      municipalities: sql<number>`count(distinct ${taskReminder.municipalityCode})`.mapWith(Number),
    })
    .from(taskReminder)
    .leftJoin(userAccount, eq(userAccount.id, taskReminder.sentBy))
    .leftJoin(person, eq(person.id, userAccount.personId))
    .where(eq(taskReminder.taskId, taskId))
    .groupBy(taskReminder.slot, taskReminder.manual)
    .orderBy(desc(sql`min(${taskReminder.sentAt})`), taskReminder.slot)
    .limit(MAX_ROUNDS);
  return rows.map((r) => ({ ...r, label: roundLabel(r.slot, r.manual) }));
}

export function roundLabel(slot: string, manual: boolean): string {
  const parsed = parseStoredSlot(slot);
  if (manual || parsed?.manual) return 'Manuel påmindelse';
  if (!parsed) return `Automatisk: ${slot}`;
  return `Automatisk: ${offsetLabel(parsed.offset)} (frist ${formatDeadline(parsed.deadline)})`;
}

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
