import { eq } from 'drizzle-orm';
import type { Config } from '../../../config.ts';
import type { Db } from '../../../db/client.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import { randomToken, sha256 } from '../../../platform/auth/secrets.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { calendarFeed } from '../schema.ts';

/**
 * A user's private calendar address. The secret token is only in the address the user is shown
 * once; the database keeps its SHA-256, so a copy of the database does not open anyone's feed.
 * Making a new address replaces the old one (one feed per user), turning it off deletes it.
 */

type ActorCtx = Ctx & { actor: Actor };

/** base64url of 32 random bytes is 43 characters; anything else is not one of ours. */
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

export const feedUrl = (config: Pick<Config, 'publicUrl'>, token: string) => `${config.publicUrl}/kalender/${token}.ics`;

export async function getFeed(db: Db, userId: string): Promise<{ createdAt: Date } | null> {
  const [row] = await db.select({ createdAt: calendarFeed.createdAt }).from(calendarFeed).where(eq(calendarFeed.userId, userId));
  return row ?? null;
}

/** Creates the actor's calendar address, or replaces it (the old address stops working at once). */
export async function createFeed(ctx: ActorCtx): Promise<{ token: string; url: string; replaced: boolean }> {
  const token = randomToken(32);
  const tokenHash = sha256(token);
  return ctx.db.transaction(async (tx) => {
    const [before] = await tx
      .select({ createdAt: calendarFeed.createdAt })
      .from(calendarFeed)
      .where(eq(calendarFeed.userId, ctx.actor.userId))
      .for('update');
    await tx
      .insert(calendarFeed)
      .values({ userId: ctx.actor.userId, tokenHash, createdAt: ctx.now })
      .onConflictDoUpdate({ target: calendarFeed.userId, set: { tokenHash, createdAt: ctx.now } });
    await recordAudit(tx, ctx, {
      action: 'calendar.feed_created',
      entityType: 'calendar_feed',
      entityId: ctx.actor.userId,
      municipalityCode: ctx.actor.municipalityCode,
      before: before ? { createdAt: before.createdAt } : null,
      after: { createdAt: ctx.now, replaced: Boolean(before) },
    });
    return { token, url: feedUrl(ctx.config, token), replaced: Boolean(before) };
  });
}

/** Turns the actor's calendar address off; nothing to do (and nothing logged) when there is none. */
export async function revokeFeed(ctx: ActorCtx): Promise<{ changed: boolean }> {
  return ctx.db.transaction(async (tx) => {
    const [deleted] = await tx
      .delete(calendarFeed)
      .where(eq(calendarFeed.userId, ctx.actor.userId))
      .returning({ createdAt: calendarFeed.createdAt });
    if (!deleted) return { changed: false };
    await recordAudit(tx, ctx, {
      action: 'calendar.feed_revoked',
      entityType: 'calendar_feed',
      entityId: ctx.actor.userId,
      municipalityCode: ctx.actor.municipalityCode,
      before: { createdAt: deleted.createdAt },
    });
    return { changed: true };
  });
}

/** The user a calendar token belongs to, or null for a malformed, unknown or revoked token. */
export async function findFeedUser(db: Db, token: string): Promise<string | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const [row] = await db.select({ userId: calendarFeed.userId }).from(calendarFeed).where(eq(calendarFeed.tokenHash, sha256(token)));
  return row?.userId ?? null;
}
