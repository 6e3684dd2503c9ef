import { and, eq, gt } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid, parseInput } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { meeting, meetingInput } from '../schema.ts';
import { meetingInputInput } from './inputs.ts';
import { speakerMunicipality } from './register-attendee.ts';

/**
 * A topic or a question from the actor's municipality for a meeting that has not started (or for
 * the next meeting, whichever it will be). Written once however often the form is sent.
 */
export async function submitMeetingInput(ctx: Ctx & { actor: Actor }, raw: unknown, clientKey?: string): Promise<{ id: string }> {
  const code = speakerMunicipality(ctx.actor);
  const input = parseInput(meetingInputInput, raw);
  const identity = requestIdentity('meeting-input', ctx.actor.userId, clientKey, input);
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return first;
    if (input.meetingId !== null) {
      const [coming] = await tx
        .select({ id: meeting.id })
        .from(meeting)
        .where(and(eq(meeting.id, input.meetingId), gt(meeting.startsAt, ctx.now)));
      if (!coming) throw invalid({ meetingId: 'Vælg et af de kommende møder, eller «Næste møde»' });
    }
    const [row] = await tx
      .insert(meetingInput)
      .values({ municipalityCode: code, meetingId: input.meetingId, kind: input.kind, title: input.title, body: input.body, submittedAt: ctx.now, submittedBy: ctx.actor.userId })
      .returning({ id: meetingInput.id });
    await recordAudit(tx, ctx, { action: 'meeting.input_submitted', entityType: 'meeting_input', entityId: row!.id, municipalityCode: code, after: { ...input } });
    return answerRequest(tx, identity, { id: row!.id });
  });
}
