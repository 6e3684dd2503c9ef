import { eq, sql } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { authorizeAulaRules } from '../policy.ts';
import { aulaCategoryKeys } from '../categories.ts';
import { aulaDeletionRule, aulaRuleSet } from '../schema.ts';
import { checkRuleSet, type RuleSetInput } from './rule-set-input.ts';
import { ruleSetNotFound, sameDayConflict } from './save-errors.ts';

const order = new Map<string, number>(aulaCategoryKeys.map((k, i) => [k, i]));
/** The version's content in one shape, so stored and sent compare as text. */
const content = (s: Pick<RuleSetInput, 'name' | 'activationDate' | 'description'> & { rules: { category: string; trigger: string; periodMonths: number }[] }) => ({
  name: s.name,
  activationDate: s.activationDate,
  description: s.description,
  rules: [...s.rules].sort((a, b) => (order.get(a.category) ?? 99) - (order.get(b.category) ?? 99)).map((r) => ({ category: r.category, trigger: r.trigger, periodMonths: r.periodMonths })),
});

/**
 * Replaces a version's name, activation day, description and nine rules, audited with before and
 * after in the same transaction. Sending what is stored changes nothing and logs nothing, so a
 * repeated save is harmless.
 */
export async function updateRuleSet(ctx: Ctx & { actor: Actor }, id: string, raw: unknown): Promise<{ changed: boolean }> {
  authorizeAulaRules(ctx.actor, 'edit');
  const input = checkRuleSet(raw);
  try {
    return await ctx.db.transaction(async (tx) => {
      const [set] = await tx.select().from(aulaRuleSet).where(eq(aulaRuleSet.id, id)).for('update');
      if (!set) throw ruleSetNotFound();
      const rules = await tx
        .select({ category: aulaDeletionRule.category, trigger: aulaDeletionRule.trigger, periodMonths: aulaDeletionRule.periodMonths })
        .from(aulaDeletionRule)
        .where(eq(aulaDeletionRule.ruleSetId, id));
      const before = content({ ...set, rules });
      if (JSON.stringify(before) === JSON.stringify(content(input))) return { changed: false };
      await tx
        .update(aulaRuleSet)
        .set({ name: input.name, activationDate: input.activationDate, description: input.description, updatedAt: ctx.now, updatedBy: ctx.actor.userId })
        .where(eq(aulaRuleSet.id, id));
      await tx
        .insert(aulaDeletionRule)
        .values(input.rules.map((r) => ({ ruleSetId: id, ...r })))
        .onConflictDoUpdate({
          target: [aulaDeletionRule.ruleSetId, aulaDeletionRule.category],
          set: { trigger: sql`excluded.trigger`, periodMonths: sql`excluded.period_months` },
        });
      await recordAudit(tx, ctx, { action: 'aula.rule_set_saved', entityType: 'aula_rule_set', entityId: id, before, after: input });
      return { changed: true };
    });
  } catch (error) {
    throw sameDayConflict(error, input.activationDate);
  }
}
