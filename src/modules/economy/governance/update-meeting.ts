import { and, eq, ne } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/errors.ts';
import { isUniqueViolation } from '../../../platform/unique-violation.ts';
import { councilMeeting } from '../schema.ts';
import { sameDayConflict } from './create-meeting.ts';
import { loadMeeting } from './load.ts';
import { meetingInput } from './meeting-input.ts';
import { authorizeGovernance } from './policy.ts';

/**
 * Corrects a meeting's day, title or place (a moved meeting keeps its agenda and files). Moving it
 * to a day the council already meets is 409; saving unchanged values changes nothing.
 */
export async function updateMeeting(ctx: Ctx & { actor: Actor }, meetingId: string, raw: unknown): Promise<{ id: string; changed: boolean }> {
  authorizeGovernance(ctx.actor, 'edit');
  const input = parseInput(meetingInput, raw);
  return ctx.db.transaction(async (tx) => {
    const current = await loadMeeting(tx, meetingId, { forUpdate: true });
    const before = { date: current.meetingDate, title: current.title, location: current.location };
    const after = { date: input.date, title: input.title, location: input.location };
    const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => before[k] !== after[k]);
    if (changed.length === 0) return { id: current.id, changed: false };
    if (before.date !== after.date) {
      const [other] = await tx
        .select({ meetingDate: councilMeeting.meetingDate, title: councilMeeting.title })
        .from(councilMeeting)
        .where(and(eq(councilMeeting.councilId, current.council.id), eq(councilMeeting.meetingDate, after.date), ne(councilMeeting.id, current.id)));
      if (other) throw sameDayConflict(current.council, other);
    }
    try {
      await tx
        .update(councilMeeting)
        .set({ meetingDate: after.date, title: after.title, location: after.location })
        .where(eq(councilMeeting.id, current.id));
    } catch (error) {
      // A meeting planned on that day since the check above: the unique index has the last word.
      if (isUniqueViolation(error, 'council_meeting_council_date')) throw sameDayConflict(current.council, { meetingDate: after.date });
      throw error;
    }
    const pick = (o: typeof after) => Object.fromEntries(changed.map((k) => [k, o[k]]));
    await recordAudit(tx, ctx, {
      action: 'governance.meeting_updated',
      entityType: 'council_meeting',
      entityId: current.id,
      before: { council: current.council.key, ...pick(before) },
      after: { council: current.council.key, ...pick(after) },
    });
    return { id: current.id, changed: true };
  });
}
