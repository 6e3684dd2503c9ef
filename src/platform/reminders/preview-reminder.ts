import { randomUUID } from 'node:crypto';
import type { ActorCtx, ReminderPreview, ReminderSubject } from './subject.ts';

/**
 * What "send reminder" would do now: exactly the people a manual round would mail, and the exact
 * text, under a fresh round id.
 */
export async function previewReminder<S extends { id: string; nextReminderAt: Date | null }, D extends object>(
  ctx: ActorCtx,
  subject: ReminderSubject<S, D>,
  id: string,
): Promise<{ subject: S; preview: ReminderPreview<D> }> {
  const s = await subject.load(ctx, id);
  const open = subject.open(s);
  const details = open ? await subject.details(ctx, s) : subject.noDetails();
  return { subject: s, preview: { roundId: randomUUID(), open, ...subject.mailText(s, ctx), ...details } };
}
