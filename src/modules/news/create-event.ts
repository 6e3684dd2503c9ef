import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { danishTime } from '../../platform/days.ts';
import { parseInput } from '../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../platform/idempotency/claim-request.ts';
import { eventInput, eventTime } from './news-input.ts';
import { authorizeNews } from './policy.ts';
import { event } from './schema.ts';

/** Adds an event, audited; a double submit under the form's request key adds it once. */
export async function createEvent(ctx: Ctx & { actor: Actor }, raw: unknown, clientKey?: string): Promise<{ id: string }> {
  authorizeNews(ctx.actor, 'edit');
  const input = parseInput(eventInput, raw);
  const identity = requestIdentity('event', ctx.actor.userId, clientKey, input);
  const { hour, minute } = eventTime(input.time);
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
    if (first) return first;
    const [row] = await tx
      .insert(event)
      .values({
        title: input.title,
        startsAt: danishTime(input.date, hour, minute),
        place: input.place,
        participants: input.participants,
        link: input.link,
        description: input.description,
        createdAt: ctx.now,
        createdBy: ctx.actor.userId,
      })
      .returning({ id: event.id });
    await recordAudit(tx, ctx, { action: 'event.saved', entityType: 'event', entityId: row!.id, after: { ...input } });
    return answerRequest(tx, identity, { id: row!.id });
  });
}
