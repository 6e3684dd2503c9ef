import { and, eq } from 'drizzle-orm';
import { municipalAdminRoles } from '../../db/reference/role-types.ts';
import { recordAudit } from '../audit/record.ts';
import { type Actor, type Ctx, holds } from '../context.ts';
import { conflict, forbidden, notFound } from '../errors.ts';
import { outboxMail } from './schema.ts';

function authorize(actor: Actor, municipalityCode: string | null): void {
  const central = actor.municipalityCode === null;
  if (central && holds(actor, 'administrator')) return;
  const own = municipalityCode !== null && actor.municipalityCode === municipalityCode;
  if (own && actor.roles.some((r) => municipalAdminRoles.includes(r.roleTypeKey))) return;
  // Another municipality's mail is answered as "not found", as elsewhere.
  if (own || central) throw forbidden();
  throw notFound('Mailen findes ikke.');
}

/**
 * An admin who has checked that the recipient did not get an interrupted mail sends it again.
 * The worker never does this by itself, because the first attempt may have been delivered.
 */
export async function retryUncertainMail(ctx: Ctx & { actor: Actor }, mailId: string): Promise<void> {
  if (!/^[0-9a-f-]{36}$/i.test(mailId)) throw notFound('Mailen findes ikke.');
  await ctx.db.transaction(async (tx) => {
    const [mail] = await tx.select().from(outboxMail).where(eq(outboxMail.id, mailId)).for('update');
    if (!mail) throw notFound('Mailen findes ikke.');
    authorize(ctx.actor, mail.municipalityCode);
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
