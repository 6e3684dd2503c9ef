import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/errors.ts';
import { isUuid } from '../../../platform/http/page-schemas.ts';
import { authorizeMeeting } from '../policy.ts';
import { meeting } from '../schema.ts';
import { meetingNotFound } from '../paths.ts';
import { meetingInput, type MeetingInput } from './meeting-input.ts';

const same = (a: unknown, b: unknown) => (a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b);

/** What a calendar shows as when and where: a change there makes clients replace their copy (SEQUENCE). */
const WHEN_AND_WHERE: (keyof MeetingInput)[] = ['startsAt', 'endsAt', 'place', 'onlineLink'];

/** Corrects a meeting. Unchanged values write nothing; a new time or place bumps the iCal sequence. */
export async function updateMeeting(ctx: Ctx & { actor: Actor }, id: string, raw: unknown): Promise<{ id: string; changed: boolean }> {
  authorizeMeeting(ctx.actor, 'edit');
  if (!isUuid(id)) throw meetingNotFound();
  const input = parseInput(meetingInput, raw);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(meeting).where(eq(meeting.id, id)).for('update');
    if (!current) throw meetingNotFound();
    const changed = (Object.keys(input) as (keyof MeetingInput)[]).filter((k) => !same(current[k], input[k]));
    if (changed.length === 0) return { id, changed: false };
    const moved = changed.some((k) => WHEN_AND_WHERE.includes(k));
    await tx
      .update(meeting)
      .set({ ...input, updatedAt: ctx.now, sequence: moved ? current.sequence + 1 : current.sequence })
      .where(eq(meeting.id, id));
    const pick = (o: Record<string, unknown>) => Object.fromEntries(changed.map((k) => [k, o[k]]));
    await recordAudit(tx, ctx, { action: 'meeting.saved', entityType: 'meeting', entityId: id, before: pick(current), after: pick(input) });
    return { id, changed: true };
  });
}
