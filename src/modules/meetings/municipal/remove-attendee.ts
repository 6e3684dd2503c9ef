import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { authorizeMeetingMunicipality } from '../policy.ts';
import { meetingAttendee } from '../schema.ts';
import { hasEnded, loadMeetingRow } from '../meeting-row.ts';
import { meetingNotFound } from '../paths.ts';
import { meetingEnded, speakerMunicipality } from './register-attendee.ts';

/**
 * Removes a registration of the actor's municipality before the meeting ends. Another
 * municipality's is 404; one already gone answers `removed: false`, so a repeated click is no error.
 */
export async function removeAttendee(ctx: Ctx & { actor: Actor }, meetingId: string, attendeeId: string): Promise<{ removed: boolean }> {
  const m = await loadMeetingRow(ctx.db, meetingId);
  if (!m) throw meetingNotFound();
  const [row] = await ctx.db
    .select({ municipalityCode: meetingAttendee.municipalityCode })
    .from(meetingAttendee)
    .where(and(eq(meetingAttendee.id, attendeeId), eq(meetingAttendee.meetingId, meetingId)));
  if (row) authorizeMeetingMunicipality(ctx.actor, row.municipalityCode, 'edit');
  else speakerMunicipality(ctx.actor);
  if (hasEnded(m, ctx.now)) throw meetingEnded();
  if (!row) return { removed: false };
  return ctx.db.transaction(async (tx) => {
    const [gone] = await tx
      .delete(meetingAttendee)
      .where(and(eq(meetingAttendee.id, attendeeId), eq(meetingAttendee.meetingId, meetingId)))
      .returning({ name: meetingAttendee.name, email: meetingAttendee.email, online: meetingAttendee.online });
    if (!gone) return { removed: false };
    await recordAudit(tx, ctx, {
      action: 'meeting.attendee_removed',
      entityType: 'meeting_attendee',
      entityId: attendeeId,
      municipalityCode: row.municipalityCode,
      before: { meetingId, meetingTitle: m.title, ...gone },
    });
    return { removed: true };
  });
}
