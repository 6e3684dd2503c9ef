import { and, eq, gt, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { authorizeMeeting } from '../policy.ts';
import { meetingAgendaItem } from '../schema.ts';
import { lockMeeting } from './save-agenda-item.ts';

/** Deletes an item and closes the gap, so positions stay 1…n. One already gone answers `deleted: false`. */
export async function deleteAgendaItem(ctx: Ctx & { actor: Actor }, meetingId: string, itemId: string): Promise<{ deleted: boolean }> {
  authorizeMeeting(ctx.actor, 'edit');
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    if (!isUuid(itemId)) return { deleted: false };
    const [gone] = await tx
      .delete(meetingAgendaItem)
      .where(and(eq(meetingAgendaItem.id, itemId), eq(meetingAgendaItem.meetingId, meetingId)))
      .returning({ position: meetingAgendaItem.position, title: meetingAgendaItem.title });
    if (!gone) return { deleted: false };
    await tx
      .update(meetingAgendaItem)
      .set({ position: sql`${meetingAgendaItem.position} - 1` })
      .where(and(eq(meetingAgendaItem.meetingId, meetingId), gt(meetingAgendaItem.position, gone.position)));
    await recordAudit(tx, ctx, { action: 'meeting.agenda_deleted', entityType: 'meeting', entityId: meetingId, before: { itemId, ...gone } });
    return { deleted: true };
  });
}
