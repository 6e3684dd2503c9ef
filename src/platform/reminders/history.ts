import { desc, eq, sql } from 'drizzle-orm';
import type { PgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client.ts';
import { person, userAccount } from '../identity/schema.ts';
import { formatDeadline } from '../views/format.ts';
import { offsetLabel, parseStoredSlot } from './schedule.ts';
import type { ReminderRound } from './views.tsx';

/**
 * A module's reminder log: one row per round (slot) and recipient, as task_reminder and
 * agreement_reminder both keep it. `owner` is the column of the task or agreement the row is about.
 */
export type ReminderLog = {
  table: PgTable;
  owner: PgColumn;
  slot: PgColumn;
  manual: PgColumn;
  sentAt: PgColumn;
  sentBy: PgColumn;
  municipalityCode: PgColumn;
  recipientEmail: PgColumn;
};

/** A task or agreement has a few dozen rounds at most; the cap only guards the page. */
const MAX_ROUNDS = 200;

/** The reminder history of one task or agreement: one line per round (slot), newest first. */
export async function reminderRounds(db: Db, log: ReminderLog, ownerId: string): Promise<ReminderRound[]> {
  const rows = await db
    .select({
      slot: sql<string>`${log.slot}`,
      manual: sql<boolean>`${log.manual}`,
      // The timestamp column decodes the driver value, as it would for the column itself.
      sentAt: sql<Date>`min(${log.sentAt})`.mapWith((v: unknown) => log.sentAt.mapFromDriverValue(v) as Date),
      sentByName: sql<string | null>`max(${person.name})`,
      recipients: sql<number>`count(*)`.mapWith(Number),
      municipalities: sql<number>`count(distinct ${log.municipalityCode})`.mapWith(Number),
    })
    .from(log.table)
    .leftJoin(userAccount, eq(userAccount.id, log.sentBy))
    .leftJoin(person, eq(person.id, userAccount.personId))
    .where(eq(log.owner, ownerId))
    .groupBy(log.slot, log.manual)
    .orderBy(desc(sql`min(${log.sentAt})`), log.slot)
    .limit(MAX_ROUNDS);
  return rows.map((r) => ({ ...r, label: roundLabel(r.slot, r.manual) }));
}

/** "Automatisk: 7 dage før fristen (frist 20.06.2025)" or "Manuel påmindelse", for tasks and agreements alike. */
export function roundLabel(slot: string, manual: boolean): string {
  const parsed = parseStoredSlot(slot);
  if (manual || parsed?.manual) return 'Manuel påmindelse';
  if (!parsed) return `Automatisk: ${slot}`;
  return `Automatisk: ${offsetLabel(parsed.offset)} (frist ${formatDeadline(parsed.deadline)})`;
}
