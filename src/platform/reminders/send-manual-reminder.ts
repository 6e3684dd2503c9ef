import { and, eq, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '../../db/client.ts';
import { AppError, conflict, parseInput } from '../errors.ts';
import { checkbox } from '../http/page-schemas.ts';
import { isRecent, lastManualRound, type LastManualRound } from './last-manual-round.ts';
import { recentRoundSentence } from './recent-round-text.ts';
import { manualSlot } from './schedule.ts';
import type { ActorCtx, ReminderSubject } from './subject.ts';

const roundId = z.string({ message: 'Mangler' }).uuid('Ugyldig udsendelse – genindlæs siden og prøv igen');

const manualReminderParsed = z.object({ roundId, confirmRecent: checkbox.optional() });

/** The body as OpenAPI shows it; the form posts the checkbox as 'on', which the parser also takes. */
export const manualReminderInput = z
  .object({
    roundId,
    confirmRecent: z
      .boolean()
      .optional()
      .describe('true sender, selv om der blev sendt en manuel påmindelse for mindre end 24 timer siden. Uden den afvises en ny udsendelse da med 409 og koden recent_reminder.'),
  })
  .meta({ id: 'ManualReminder' });

export const RECENT_REMINDER = 'recent_reminder';
export const CONFIRM_RECENT_FIELD = 'confirmRecent';

/** The refusal of a new round within 24 hours of the last one, without confirmation; nothing is sent. */
export class RecentReminderError extends AppError {
  constructor(readonly last: LastManualRound) {
    super(409, RECENT_REMINDER, `${recentRoundSentence(last)} Bekræft, at der skal sendes en ny påmindelse.`, {
      [CONFIRM_RECENT_FIELD]: 'Bekræft, at der skal sendes en ny påmindelse, selv om der blev sendt en for mindre end et døgn siden.',
    });
  }
}

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
 * is included the second time. A different round within 24 hours of the last manual one is refused
 * (409 recent_reminder, nothing sent) unless the body confirms it with confirmRecent.
 */
export async function sendManualReminder<S extends { id: string; nextReminderAt: Date | null }, D extends object>(
  ctx: ActorCtx,
  subject: ReminderSubject<S, D>,
  id: string,
  body: unknown,
): Promise<ManualReminderResult> {
  const s = await subject.load(ctx, id);
  const input = parseInput(manualReminderParsed, body);
  const roundId = input.roundId.toLowerCase();
  const slot = manualSlot(roundId);
  const { log } = subject;
  const roundSent = async (tx: Db) => {
    const [row] = await tx
      .select({ one: sql<number>`1` })
      .from(log.table)
      .where(and(eq(log.owner, s.id), eq(log.slot, slot)))
      .limit(1);
    return Boolean(row);
  };
  return ctx.db.transaction(async (tx) => {
    const before = await roundSent(tx);
    const sent = await subject.sendRound(tx, { ...ctx, db: tx }, s, slot);
    if (!sent) throw conflict(subject.closedMessage);
    // Checked after sendRound has locked the subject, so two new rounds at once cannot both pass;
    // the throw rolls back this round's log rows and mails. The same round again (a double click,
    // a retry) is not a new round and stays idempotent without confirmation.
    if (!before && !input.confirmRecent) {
      const last = await lastManualRound(tx, log, s.id, slot);
      if (isRecent(last, ctx.now)) throw new RecentReminderError(last);
    }
    return { roundId, ...sent, alreadySent: sent.recipients === 0 && (before || (await roundSent(tx))) };
  });
}
