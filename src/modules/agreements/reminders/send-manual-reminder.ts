import { and, eq } from 'drizzle-orm';
import { z } from 'zod';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict, parseInput } from '../../../platform/errors.ts';
import { manualSlot } from '../../../platform/reminders/schedule.ts';
import { loadReminderAgreement } from './preview.ts';
import { agreement, agreementReminder } from '../schema.ts';
import { deliverRound } from './send-reminders.ts';

export const manualAgreementReminderInput = z
  .object({ roundId: z.string({ message: 'Mangler' }).uuid('Ugyldig udsendelse – genindlæs siden og prøv igen') })
  .meta({ id: 'AgreementManualReminder' });

export type ManualReminderResult = {
  roundId: string;
  recipients: number;
  municipalities: number;
  /** The round id had been sent before (a double click or a retried request): nothing new was sent. */
  alreadySent: boolean;
};

/**
 * "Send reminder to those who have not signed": one round, identified by the id its preview
 * generated. Its rows are slot 'manual-<roundId>', unique per recipient, so posting the same round
 * twice (double click, retry, two tabs) mails nobody twice; a municipality that lost its signature
 * in between (a new version) is included the second time.
 */
export async function sendManualAgreementReminder(ctx: Ctx & { actor: Actor }, agreementId: string, body: unknown): Promise<ManualReminderResult> {
  const a = await loadReminderAgreement(ctx, agreementId);
  const { roundId } = parseInput(manualAgreementReminderInput, body);
  const slot = manualSlot(roundId.toLowerCase());
  return ctx.db.transaction(async (tx) => {
    // The lock waits for a dispatch or a closing in progress, so the round sees its outcome.
    const [locked] = await tx
      .select()
      .from(agreement)
      .where(and(eq(agreement.id, a.id), eq(agreement.status, 'sent')))
      .for('update');
    if (!locked) throw conflict('Der kan kun sendes påmindelser for aftaler, der er udsendt til underskrift.');
    const sent = await deliverRound(tx, { ...ctx, db: tx }, locked, { slot, manual: true });
    let alreadySent = false;
    if (sent.recipients === 0) {
      const [before] = await tx
        .select({ id: agreementReminder.id })
        .from(agreementReminder)
        .where(and(eq(agreementReminder.agreementId, a.id), eq(agreementReminder.slot, slot)))
        .limit(1);
      alreadySent = Boolean(before);
    }
    return { roundId: roundId.toLowerCase(), ...sent, alreadySent };
  });
}
