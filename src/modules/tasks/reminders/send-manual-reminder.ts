import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, parseInput } from '../../../platform/errors.ts';
import { loadReminderTask } from './preview.ts';
import { manualSlot } from '../../../platform/reminders/schedule.ts';
import { task, taskReminder } from '../schema.ts';
import { deliverRound } from './send-reminders.ts';

export const manualReminderInput = z
  .object({ roundId: z.string({ message: 'Mangler' }).uuid('Ugyldig udsendelse – genindlæs siden og prøv igen') })
  .meta({ id: 'ManualReminder' });

export type ManualReminderResult = {
  roundId: string;
  recipients: number;
  municipalities: number;
  /** The round id had been sent before (a double click or a retried request): nothing new was sent. */
  alreadySent: boolean;
};

/**
 * "Send reminder to the missing": one round, identified by the id its preview generated. The
 * round's rows are slot 'manual-<roundId>', unique per recipient, so posting the same round twice
 * (double click, retry, two tabs) mails nobody twice; a municipality that became missing in between
 * is included the second time.
 */
export async function sendManualReminder(ctx: Ctx & { actor: Actor }, taskId: string, body: unknown): Promise<ManualReminderResult> {
  const t = await loadReminderTask(ctx, taskId);
  const { roundId } = parseInput(manualReminderInput, body);
  const slot = manualSlot(roundId.toLowerCase());
  return ctx.db.transaction(async (tx) => {
    const [locked] = await tx
      .select({ id: task.id })
      .from(task)
      .where(and(eq(task.id, t.id), eq(task.status, 'published')))
      .for('update');
    if (!locked) throw conflict('Der kan kun sendes påmindelser for publicerede opgaver.');
    const sent = await deliverRound(tx, { ...ctx, db: tx }, t, { slot, manual: true, includeProgramLeaders: false });
    let alreadySent = false;
    if (sent.recipients === 0) {
      const [before] = await tx
        .select({ id: taskReminder.id })
        .from(taskReminder)
        .where(and(eq(taskReminder.taskId, t.id), eq(taskReminder.slot, slot)))
        .limit(1);
      alreadySent = Boolean(before);
    }
    return { roundId: roundId.toLowerCase(), ...sent, alreadySent };
  });
}
