import type { Config } from '../../config.ts';
import type { Db } from '../../db/client.ts';
import type { Ctx } from '../context.ts';
import { type Schedule, storedSlot } from './schedule.ts';

/**
 * The loop of a reminder sweep (tasks, agreements): each candidate in turn, in its own transaction
 * inside `remindOne`, which answers null when another worker got there first. One candidate that
 * fails (and is retried next minute) must not hold up the others behind it.
 */
export async function sweepEach(
  ids: string[],
  remindOne: (id: string) => Promise<number | null>,
): Promise<{ reminded: number; recipients: number; failed: { id: string; message: string }[] }> {
  let reminded = 0;
  let recipients = 0;
  const failed: { id: string; message: string }[] = [];
  for (const id of ids) {
    try {
      const sent = await remindOne(id);
      if (sent === null) continue;
      reminded++;
      recipients += sent;
    } catch (error) {
      failed.push({ id, message: error instanceof Error ? error.message : String(error) });
    }
  }
  return { reminded, recipients, failed };
}

/** Subjects handled per sweep; the rest wait for the next minute. */
export const SWEEP_BATCH = 200;

/**
 * What a module tells the sweep about its reminder subject (task, agreement). The rows carry
 * their deadline; a row without one is never reminded.
 */
export type DueSweep<R extends { id: string; deadline: string | null }> = {
  /** The request id of the audit entries automatic rounds write. */
  requestId: string;
  /**
   * The ids whose next reminder has come (or was never set), longest waiting first; only those
   * with a deadline on or after sweepsDeadlinesFrom(now), so a deadline long past is never mailed.
   */
  dueIds(db: Db, now: Date, limit: number): Promise<string[]>;
  /** The row, locked for update, if it is still due; null when another worker has moved it on. */
  lockDue(tx: Db, id: string, now: Date): Promise<R | null>;
  schedule(r: R & { deadline: string }, now: Date): Schedule;
  /** Sends one automatic round (the slot is qualified by the deadline) in `tx`. */
  deliver(tx: Db, ctx: Ctx, r: R, round: { slot: string; manual: false; overdue: boolean }): Promise<{ recipients: number }>;
  setNextReminderAt(tx: Db, id: string, next: Date): Promise<void>;
};

/**
 * One subject of the sweep. The row lock serialises workers on the same subject: the second
 * re-reads the row after the first commits, sees the moved next_reminder_at and does nothing. The
 * lock saves work; at-most-once itself comes from the unique (subject, slot, recipient) rows that
 * recordRound inserts.
 */
export async function remindDue<R extends { id: string; deadline: string | null }>(
  db: Db,
  sweep: DueSweep<R>,
  id: string,
  now: Date,
  config: Config,
): Promise<number | null> {
  return db.transaction(async (tx) => {
    const r = await sweep.lockDue(tx, id, now);
    if (!r?.deadline) return null;
    const schedule = sweep.schedule({ ...r, deadline: r.deadline }, now);
    let recipients = 0;
    if (schedule.send) {
      const ctx: Ctx = { actor: null, db: tx, now, requestId: sweep.requestId, config };
      const round = { slot: storedSlot(schedule.send.slot, r.deadline), manual: false as const, overdue: schedule.send.overdue };
      recipients = (await sweep.deliver(tx, ctx, r, round)).recipients;
    }
    await sweep.setNextReminderAt(tx, r.id, schedule.wakeAt);
    return recipients;
  });
}

/** The reminder sweep: every due subject gets its current slot, then its next_reminder_at moved on. One transaction each. */
export async function sweepDue<R extends { id: string; deadline: string | null }>(
  db: Db,
  sweep: DueSweep<R>,
  now: Date,
  config: Config,
  limit = SWEEP_BATCH,
) {
  const ids = await sweep.dueIds(db, now, limit);
  return sweepEach(ids, (id) => remindDue(db, sweep, id, now, config));
}
