import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { parseInput } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { authorizeMeeting } from '../policy.ts';
import { meeting } from '../schema.ts';
import { meetingInput } from './meeting-input.ts';

/** Plans a meeting, audited in the same transaction; the form's request key makes a double submit write one. */
export async function createMeeting(ctx: Ctx & { actor: Actor }, raw: unknown, clientKey?: string): Promise<{ id: string }> {
  authorizeMeeting(ctx.actor, 'edit');
  const input = parseInput(meetingInput, raw);
  const identity = requestIdentity('meeting', ctx.actor.userId, clientKey, input);
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return first;
    const [row] = await tx
      .insert(meeting)
      .values({ ...input, createdAt: ctx.now, updatedAt: ctx.now, createdBy: ctx.actor.userId })
      .returning({ id: meeting.id });
    await recordAudit(tx, ctx, { action: 'meeting.saved', entityType: 'meeting', entityId: row!.id, after: { ...input } });
    return answerRequest(tx, identity, { id: row!.id });
  });
}
