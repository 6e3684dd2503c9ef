import { asc, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { danishDay } from '../../../platform/days.ts';
import { conflict } from '../../../platform/errors.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { authorizeAulaRules } from '../policy.ts';
import { aulaDeletionRule, aulaReadinessEvent, aulaRuleSet } from '../schema.ts';
import { ruleSetNotFound } from './save-errors.ts';

/**
 * Deletes a version that has not taken effect yet, with its rules (by cascade); the audit entry
 * keeps them. A version in force or superseded is history the preview and the municipalities'
 * confirmations rest on, so it stays (409). A repeated delete answers as the first did.
 */
export async function deleteRuleSet(ctx: Ctx & { actor: Actor }, id: string, clientKey?: string): Promise<{ name: string }> {
  authorizeAulaRules(ctx.actor, 'edit');
  const identity = requestIdentity('aula-rule-set-delete', ctx.actor.userId, clientKey, { id });
  return ctx.db.transaction(async (tx) => {
    const first = await claimRequest<{ name: string }>(tx, identity, ctx.now);
    if (first) return first;
    const [set] = await tx.select().from(aulaRuleSet).where(eq(aulaRuleSet.id, id)).for('update');
    if (!set) throw ruleSetNotFound();
    if (set.activationDate <= danishDay(ctx.now)) throw conflict('Kun en version, der endnu ikke er trådt i kraft, kan slettes.');
    const [confirmed] = await tx.select({ id: aulaReadinessEvent.id }).from(aulaReadinessEvent).where(eq(aulaReadinessEvent.ruleSetId, id)).limit(1);
    if (confirmed) throw conflict('Kommuner har bekræftet, at de er klar til denne version; den kan ikke slettes. Ret den i stedet.');
    const rules = await tx
      .select({ category: aulaDeletionRule.category, trigger: aulaDeletionRule.trigger, periodMonths: aulaDeletionRule.periodMonths })
      .from(aulaDeletionRule)
      .where(eq(aulaDeletionRule.ruleSetId, id))
      .orderBy(asc(aulaDeletionRule.category));
    await tx.delete(aulaRuleSet).where(eq(aulaRuleSet.id, id));
    await recordAudit(tx, ctx, {
      action: 'aula.rule_set_deleted',
      entityType: 'aula_rule_set',
      entityId: id,
      before: { name: set.name, activationDate: set.activationDate, description: set.description, rules },
    });
    return answerRequest(tx, identity, { name: set.name });
  });
}
