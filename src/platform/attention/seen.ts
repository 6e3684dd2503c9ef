import { eq, sql, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import type { Actor } from '../context.ts';
import { userAccount } from '../identity/schema.ts';

/** A user who never opened the front page sees the news of the last two weeks. */
const FIRST_VISIT_DAYS = 14;

/**
 * Since when news counts as new for the actor: their last front-page visit. As a subquery, so a
 * provider's one statement reads it rather than the page spending one on it.
 */
export function frontPageSeenSql(actor: Actor, now: Date): SQL {
  const firstVisit = new Date(now.getTime() - FIRST_VISIT_DAYS * 86_400_000);
  return sql`coalesce((select ${userAccount.frontPageSeenAt} from ${userAccount} where ${userAccount.id} = ${actor.userId}), ${firstVisit.toISOString()}::timestamptz)`;
}

/**
 * The front page was shown: what it showed as news is no longer new. One UPDATE of the user's own
 * read marker, written by a GET. It is not a business write (nothing about a task, an agreement or
 * a person changes; it only decides what the next front page calls new), so it is neither audited
 * nor idempotency-keyed. `at` is the request's clock, the same instant the page's queries used: an
 * answer written while the page was being built shows again next time rather than never.
 */
export async function markFrontPageSeen(db: Db, userId: string, at: Date): Promise<void> {
  await db.update(userAccount).set({ frontPageSeenAt: at }).where(eq(userAccount.id, userId));
}
