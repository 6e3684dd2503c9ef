import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { authorizeMeeting } from '../policy.ts';
import { meetingAgendaItem } from '../schema.ts';
import { agendaItemNotFound, lockMeeting } from './save-agenda-item.ts';

export type MoveDirection = 'op' | 'ned';

/**
 * Swaps an item with its neighbour above or below. `from` is the position the mover saw: when the
 * item is no longer there (a double click already moved it), nothing moves again.
 */
export async function moveAgendaItem(ctx: Ctx & { actor: Actor }, meetingId: string, itemId: string, direction: unknown, from?: unknown): Promise<{ moved: boolean }> {
  authorizeMeeting(ctx.actor, 'edit');
  if (direction !== 'op' && direction !== 'ned') throw invalid({ direction: 'Vælg om punktet skal op eller ned' });
  if (!isUuid(itemId)) throw agendaItemNotFound();
  return ctx.db.transaction(async (tx) => {
    await lockMeeting(tx, meetingId);
    const [item] = await tx
      .select({ position: meetingAgendaItem.position })
      .from(meetingAgendaItem)
      .where(and(eq(meetingAgendaItem.id, itemId), eq(meetingAgendaItem.meetingId, meetingId)));
    if (!item) throw agendaItemNotFound();
    const seen = typeof from === 'number' ? from : typeof from === 'string' && /^\d+$/.test(from) ? Number(from) : null;
    if (seen !== null && seen !== item.position) return { moved: false };
    const target = item.position + (direction === 'op' ? -1 : 1);
    const [neighbour] = await tx
      .select({ id: meetingAgendaItem.id })
      .from(meetingAgendaItem)
      .where(and(eq(meetingAgendaItem.meetingId, meetingId), eq(meetingAgendaItem.position, target)));
    if (!neighbour) return { moved: false };
    await tx.update(meetingAgendaItem).set({ position: item.position }).where(eq(meetingAgendaItem.id, neighbour.id));
    await tx.update(meetingAgendaItem).set({ position: target }).where(eq(meetingAgendaItem.id, itemId));
    await recordAudit(tx, ctx, { action: 'meeting.agenda_saved', entityType: 'meeting', entityId: meetingId, before: { itemId, position: item.position }, after: { itemId, position: target } });
    return { moved: true };
  });
}
