import { and, asc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { authAttempt } from './throttle-schema.ts';

/**
 * Password guessing budgets, for the login and for signing with a password: per IP and account
 * (guessing one account) and per IP alone (spraying one password over many accounts), in a fixed
 * window from the first attempt. See docs/decisions/0001-foundation.md.
 */
export const passwordLimits = { perAccount: 10, perIp: 50, windowMs: 15 * 60_000 };
export type PasswordLimits = typeof passwordLimits;

export type AttemptKeys = { account: string; ip: string };

export const attemptKeys = (purpose: 'login' | 'sign', ip: string, subject: string): AttemptKeys => ({
  account: `${purpose}:account:${ip}|${subject.trim().toLowerCase()}`,
  ip: `${purpose}:ip:${ip}`,
});

/**
 * Counts an attempt before its password is checked, in one statement, so that parallel requests
 * each get their own number and at most the limit of them go on to be checked. False means over a
 * limit: the caller answers 429 without checking. A refused attempt is taken off again, so that
 * hammering a locked account does not use up the budget of everyone behind the same IP.
 */
export async function reserveAttempt(db: Db, keys: AttemptKeys, now: Date, limits: PasswordLimits = passwordLimits): Promise<boolean> {
  const cutoff = new Date(now.getTime() - limits.windowMs);
  const expired = sql`${authAttempt.windowStartedAt} <= ${cutoff.toISOString()}::timestamptz`;
  const counted = await db
    .insert(authAttempt)
    // Rows in key order, as takeBack locks them: two statements locking the same two rows in
    // opposite orders deadlock under parallel guesses on PostgreSQL (one of them then fails).
    .values(
      [keys.account, keys.ip].sort().map((key) => ({ key, windowStartedAt: now, attempts: 1 })),
    )
    .onConflictDoUpdate({
      target: authAttempt.key,
      set: {
        attempts: sql`case when ${expired} then 1 else ${authAttempt.attempts} + 1 end`,
        windowStartedAt: sql`case when ${expired} then excluded.window_started_at else ${authAttempt.windowStartedAt} end`,
      },
    })
    .returning({ key: authAttempt.key, attempts: authAttempt.attempts });
  const count = (key: string) => counted.find((c) => c.key === key)?.attempts ?? Number.POSITIVE_INFINITY;
  if (count(keys.account) <= limits.perAccount && count(keys.ip) <= limits.perIp) return true;
  await takeBack(db, [keys.account, keys.ip], cutoff);
  return false;
}

/**
 * The password was right: the account's count starts over (someone who mistyped a few times is
 * not held to them), and the attempt does not count against the IP, so colleagues behind one
 * address can log in as often as they like.
 */
export async function acceptAttempt(db: Db, keys: AttemptKeys, now: Date, limits: PasswordLimits = passwordLimits): Promise<void> {
  await db.delete(authAttempt).where(eq(authAttempt.key, keys.account));
  await takeBack(db, [keys.ip], new Date(now.getTime() - limits.windowMs));
}

/** One UPDATE for all keys, locking their rows in key order (see reserveAttempt). */
async function takeBack(db: Db, keys: string[], cutoff: Date) {
  const inOrder = db
    .select({ key: authAttempt.key })
    .from(authAttempt)
    .where(and(inArray(authAttempt.key, keys), gt(authAttempt.windowStartedAt, cutoff)))
    .orderBy(asc(authAttempt.key))
    .for('update');
  await db
    .update(authAttempt)
    .set({ attempts: sql`greatest(${authAttempt.attempts} - 1, 0)` })
    .where(inArray(authAttempt.key, inOrder));
}

/** Windows that have ended count nothing any more; the scheduler clears them. */
export async function pruneAttempts(db: Db, now: Date, limits: PasswordLimits = passwordLimits): Promise<number> {
  const gone = await db
    .delete(authAttempt)
    .where(lte(authAttempt.windowStartedAt, new Date(now.getTime() - limits.windowMs)))
    .returning({ key: authAttempt.key });
  return gone.length;
}
