import { destroySession } from '../../platform/auth/sessions.ts';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Ctx } from '../../platform/context.ts';

export async function logOut(ctx: Ctx, sessionId: string) {
  await ctx.db.transaction(async (tx) => {
    await destroySession(tx, sessionId);
    if (ctx.actor) {
      await recordAudit(tx, ctx, {
        action: 'auth.logout',
        entityType: 'user_account',
        entityId: ctx.actor.userId,
        municipalityCode: ctx.actor.municipalityCode,
      });
    }
  });
}
