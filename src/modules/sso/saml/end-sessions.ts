import { and, eq } from 'drizzle-orm';
import { loadActor } from '../../../platform/auth/load-actor.ts';
import { session } from '../../../platform/auth/schema.ts';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Ctx } from '../../../platform/context.ts';

/**
 * Single logout from Context Handler: ends the Context Handler sessions its LogoutRequest names
 * (the NameID, and the SessionIndex when it sends one), on every app instance since sessions live
 * in the database, and logs each user's logout. Returns how many sessions ended.
 */
export async function endContextHandlerSessions(ctx: Ctx, nameId: string, sessionIndex: string | null): Promise<number> {
  return ctx.db.transaction(async (tx) => {
    const ended = await tx
      .delete(session)
      .where(
        and(
          eq(session.method, 'context-handler'),
          eq(session.samlNameId, nameId),
          sessionIndex === null ? undefined : eq(session.samlSessionIndex, sessionIndex),
        ),
      )
      .returning({ userId: session.userId });
    // One person holds at most an account per municipality, so this loop is short.
    for (const userId of new Set(ended.map((e) => e.userId))) {
      const actor = await loadActor(tx, userId);
      await recordAudit(tx, { ...ctx, actor }, {
        action: 'auth.logout',
        entityType: 'user_account',
        entityId: userId,
        municipalityCode: actor?.municipalityCode ?? null,
        after: { via: 'context-handler-single-logout' },
      });
    }
    return ended.length;
  });
}
