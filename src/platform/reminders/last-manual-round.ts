import { and, desc, eq, ne, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { ReminderLog } from './history.ts';

/** The newest manual round of a task or agreement: when it went and to how many. */
export type LastManualRound = { slot: string; sentAt: Date; recipients: number; municipalities: number };

/**
 * A second manual round this soon after the last one needs the sender's confirmation: two clicks on
 * fresh previews once mailed 21 municipalities twice within minutes.
 */
export const RECENT_ROUND_MS = 24 * 60 * 60 * 1000;

/** The newest manual round of `ownerId`, leaving out the round `except` (the one being sent). */
export async function lastManualRound(db: Db, log: ReminderLog, ownerId: string, except?: string): Promise<LastManualRound | null> {
  const [row] = await db
    .select({
      slot: sql<string>`${log.slot}`,
      sentAt: sql<Date>`min(${log.sentAt})`.mapWith((v: unknown) => log.sentAt.mapFromDriverValue(v) as Date),
      recipients: sql<number>`count(*)`.mapWith(Number),
      municipalities: sql<number>`count(distinct ${log.municipalityCode})`.mapWith(Number),
    })
    .from(log.table)
    .where(and(eq(log.owner, ownerId), eq(log.manual, true), except === undefined ? undefined : ne(log.slot, except)))
    .groupBy(log.slot)
    .orderBy(desc(sql`min(${log.sentAt})`))
    .limit(1);
  return row ?? null;
}

/** Whether `last` went less than 24 hours before `now`. */
export const isRecent = (last: LastManualRound | null, now: Date): last is LastManualRound =>
  last !== null && now.getTime() - last.sentAt.getTime() < RECENT_ROUND_MS;
