import { eq } from 'drizzle-orm';
import { recordAudit } from '../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../platform/context.ts';
import { danishTime } from '../../platform/days.ts';
import { notFound, parseInput } from '../../platform/errors.ts';
import { isUuid } from '../../platform/http/page-schemas.ts';
import { eventFormValues, eventInput, eventTime, type EventInput } from './news-input.ts';
import { authorizeNews } from './policy.ts';
import { event } from './schema.ts';

export const eventNotFound = () => notFound('Arrangementet findes ikke.');

/**
 * Corrects an event with the same rules as a new one. Only what changed is written and audited
 * (before and after of those fields), so sending the same form twice writes once.
 */
export async function updateEvent(ctx: Ctx & { actor: Actor }, id: string, raw: unknown): Promise<{ id: string; changed: boolean }> {
  authorizeNews(ctx.actor, 'edit');
  if (!isUuid(id)) throw eventNotFound();
  const input = parseInput(eventInput, raw);
  return ctx.db.transaction(async (tx) => {
    const [current] = await tx.select().from(event).where(eq(event.id, id)).for('update');
    if (!current) throw eventNotFound();
    const before = eventFormValues(current);
    const changed = (Object.keys(input) as (keyof EventInput)[]).filter((k) => before[k] !== input[k]);
    if (changed.length === 0) return { id, changed: false };
    const { hour, minute } = eventTime(input.time);
    await tx
      .update(event)
      .set({ title: input.title, startsAt: danishTime(input.date, hour, minute), place: input.place, participants: input.participants, link: input.link, description: input.description })
      .where(eq(event.id, id));
    const pick = (o: EventInput) => Object.fromEntries(changed.map((k) => [k, o[k]]));
    await recordAudit(tx, ctx, { action: 'event.updated', entityType: 'event', entityId: id, before: pick(before), after: pick(input) });
    return { id, changed: true };
  });
}
