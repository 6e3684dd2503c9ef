import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import { conflict, parseInput } from '../errors.ts';
import { manualSlot } from './schedule.ts';
import type { ActorCtx, ReminderSubject } from './subject.ts';

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
 * "Send reminder to those who are missing": one round, identified by the id its preview generated.
 * The round's rows are slot 'manual-<roundId>', unique per recipient, so posting the same round
 * twice (double click, retry, two tabs) mails nobody twice; someone who became missing in between
 * is included the second time.
 */
export async function sendManualReminder<S extends { id: string; nextReminderAt: Date | null }, D extends object>(
  ctx: ActorCtx,
  subject: ReminderSubject<S, D>,
  id: string,
  body: unknown,
): Promise<ManualReminderResult> {
  const s = await subject.load(ctx, id);
  const roundId = parseInput(manualReminderInput, body).roundId.toLowerCase();
  const slot = manualSlot(roundId);
  return ctx.db.transaction(async (tx) => {
    const sent = await subject.sendRound(tx, { ...ctx, db: tx }, s, slot);
    if (!sent) throw conflict(subject.closedMessage);
    let alreadySent = false;
    if (sent.recipients === 0) {
      const { log } = subject;
      const [before] = await tx
        .select({ one: sql<number>`1` })
        .from(log.table)
        .where(and(eq(log.owner, s.id), eq(log.slot, slot)))
        .limit(1);
      alreadySent = Boolean(before);
    }
    return { roundId, ...sent, alreadySent };
  });
}
