import { eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { conflict } from '../../../platform/errors.ts';
import { loadAgreement } from '../load-agreement.ts';
import { agreement, type AgreementStatus } from '../schema.ts';
import { scheduleNextAgreementReminder } from '../reminders/send-reminders.ts';

export type CloseOutcome = { status: AgreementStatus; changed: boolean };

/**
 * Closing ends an agreement's round: nobody can sign it, and no reminders go out; signatures and
 * history stay. Reopening returns it to where it was (sent, or a draft if it never went out).
 * Repeating either changes nothing.
 */
async function setClosed(ctx: Ctx & { actor: Actor }, agreementId: string, close: boolean): Promise<CloseOutcome> {
  await loadAgreement(ctx.db, ctx.actor, agreementId, 'manage');
  return ctx.db.transaction(async (tx) => {
    const [a] = await tx.select().from(agreement).where(eq(agreement.id, agreementId)).for('update');
    if (!a) throw conflict('Aftalen findes ikke længere.');
    if ((a.status === 'closed') === close) return { status: a.status, changed: false };
    const status: AgreementStatus = close ? 'closed' : a.lastDispatchedAt ? 'sent' : 'draft';
    await tx.update(agreement).set({ status, updatedAt: ctx.now }).where(eq(agreement.id, agreementId));
    await scheduleNextAgreementReminder(tx, agreementId, ctx.now);
    await recordAudit(tx, ctx, {
      action: close ? 'agreement.closed' : 'agreement.reopened',
      entityType: 'agreement',
      entityId: agreementId,
      before: { status: a.status },
      after: { status },
    });
    return { status, changed: true };
  });
}

export const closeAgreement = (ctx: Ctx & { actor: Actor }, agreementId: string) => setClosed(ctx, agreementId, true);
export const reopenAgreement = (ctx: Ctx & { actor: Actor }, agreementId: string) => setClosed(ctx, agreementId, false);
