import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { authorizeNews } from './policy.ts';
import { event } from './schema.ts';

/** Removes an event; one already gone answers `deleted: false` (a repeated click is not an error). */
export async function deleteEvent(ctx: Ctx & { actor: Actor }, id: string): Promise<{ deleted: boolean }> {
  authorizeNews(ctx.actor, 'edit');
  if (!isUuid(id)) return { deleted: false };
  return ctx.db.transaction(async (tx) => {
    const [gone] = await tx.delete(event).where(eq(event.id, id)).returning({ title: event.title, startsAt: event.startsAt });
    if (!gone) return { deleted: false };
    await recordAudit(tx, ctx, { action: 'event.deleted', entityType: 'event', entityId: id, before: { title: gone.title, startsAt: gone.startsAt.toISOString() } });
    return { deleted: true };
  });
}
