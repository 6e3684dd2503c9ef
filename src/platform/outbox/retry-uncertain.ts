import { and, eq } from 'drizzle-orm';
import { recordAudit } from '../audit/record.ts';
import { type Actor, type Ctx, isCentralAdmin } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { outboxMail } from './schema.ts';
import { isUuid } from '../http/page-schemas.ts';

/** Only central administrators see the outbox, so only they can judge whether to resend. */
function authorize(actor: Actor): void {
  if (!isCentralAdmin(actor)) throw forbidden('Udgående post er forbeholdt administratorer i KOMBIT.');
}

/**
 * An admin who has checked that the recipient did not get an interrupted mail sends it again.
 * The worker never does this by itself, because the first attempt may have been delivered.
 */
export async function retryUncertainMail(ctx: Ctx & { actor: Actor }, mailId: string): Promise<void> {
  if (!isUuid(mailId)) throw notFound('Mailen findes ikke.');
  await ctx.db.transaction(async (tx) => {
    const [mail] = await tx.select().from(outboxMail).where(eq(outboxMail.id, mailId)).for('update');
    if (!mail) throw notFound('Mailen findes ikke.');
    authorize(ctx.actor);
    if (mail.status !== 'uncertain') throw conflict('Kun mails med usikker afsendelse kan sendes igen.');
    await tx
      .update(outboxMail)
      .set({ status: 'pending', nextAttemptAt: ctx.now, claimedAt: null, claimedBy: null, lastError: null })
      .where(and(eq(outboxMail.id, mailId), eq(outboxMail.status, 'uncertain')));
    await recordAudit(tx, ctx, {
      action: 'outbox.retry_uncertain',
      entityType: 'outbox_mail',
      entityId: mailId,
      municipalityCode: mail.municipalityCode,
      before: { status: 'uncertain', lastError: mail.lastError, claimedBy: mail.claimedBy },
      after: { status: 'pending' },
    });
  });
}
