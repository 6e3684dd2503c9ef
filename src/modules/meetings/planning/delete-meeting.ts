import { count, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { authorizeMeeting } from '../policy.ts';
import { meeting, meetingFollowUp } from '../schema.ts';

/**
 * Deletes a meeting with its agenda, materials and attendance (by cascade); the municipalities'
 * input stays, without a meeting. Once a follow-up was sent the meeting is part of what the
 * municipalities were told, so it is kept (409). One already gone answers `deleted: false`.
 */
export async function deleteMeeting(ctx: Ctx & { actor: Actor }, id: string): Promise<{ deleted: boolean }> {
  authorizeMeeting(ctx.actor, 'edit');
  if (!isUuid(id)) return { deleted: false };
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(meeting).where(eq(meeting.id, id)).for('update');
    if (!current) return { deleted: false };
    const [sent] = await tx.select({ n: count() }).from(meetingFollowUp).where(eq(meetingFollowUp.meetingId, id));
    if ((sent?.n ?? 0) > 0) throw conflict('Mødet kan ikke slettes, fordi opfølgningen allerede er sendt til kommunerne.');
    await tx.delete(meeting).where(eq(meeting.id, id));
    const { title, startsAt, endsAt, place } = current;
    await recordAudit(tx, ctx, { action: 'meeting.deleted', entityType: 'meeting', entityId: id, before: { title, startsAt, endsAt, place } });
    return { deleted: true };
  });
}
