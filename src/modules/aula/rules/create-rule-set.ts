import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { answerRequest, claimRequest, requestIdentity } from '../../../platform/idempotency/claim-request.ts';
import { authorizeAulaRules } from '../policy.ts';
import { aulaDeletionRule, aulaRuleSet } from '../schema.ts';
import { checkRuleSet } from './rule-set-input.ts';
import { sameDayConflict } from './save-errors.ts';

/**
 * Adds a version of the deletion rules with its nine rules, audited in the same transaction. The
 * same request twice (the form's key, an API client's Idempotency-Key, or the same content within
 * seconds) makes one version; another version on the same activation day is refused (409).
 */
export async function createRuleSet(ctx: Ctx & { actor: Actor }, raw: unknown, clientKey?: string): Promise<{ id: string; created: boolean }> {
  authorizeAulaRules(ctx.actor, 'edit');
  const input = checkRuleSet(raw);
  const identity = requestIdentity('aula-rule-set-create', ctx.actor.userId, clientKey, input);
  try {
    return await ctx.db.transaction(async (tx) => {
      const first = await claimRequest<{ id: string }>(tx, identity, ctx.now);
      if (first) return { id: first.id, created: false };
      const by = { createdAt: ctx.now, createdBy: ctx.actor.userId, updatedAt: ctx.now, updatedBy: ctx.actor.userId };
      const [row] = await tx
        .insert(aulaRuleSet)
        .values({ name: input.name, activationDate: input.activationDate, description: input.description, ...by })
        .returning({ id: aulaRuleSet.id });
      const id = row!.id;
      await tx.insert(aulaDeletionRule).values(input.rules.map((r) => ({ ruleSetId: id, ...r })));
      await recordAudit(tx, ctx, { action: 'aula.rule_set_saved', entityType: 'aula_rule_set', entityId: id, after: input });
      return { ...(await answerRequest(tx, identity, { id })), created: true };
    });
  } catch (error) {
    throw sameDayConflict(error, input.activationDate);
  }
}
