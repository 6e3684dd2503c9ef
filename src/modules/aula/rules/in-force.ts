import { desc, eq } from 'drizzle-orm';
import type { Db } from '../../../db/client.ts';
import { aulaCategories, type AulaCategory } from '../categories.ts';
import { aulaDeletionRule, aulaRuleSet, type DeletionTrigger } from '../schema.ts';

export type DeletionRule = { category: AulaCategory; trigger: DeletionTrigger; periodMonths: number };

export type RuleSet = {
  id: string;
  name: string;
  /** The Danish day (yyyy-mm-dd) the version takes effect. */
  activationDate: string;
  description: string;
  /** One per category, in the categories' order. */
  rules: DeletionRule[];
  updatedAt: Date;
};

/**
 * The version in force on a Danish day: the one activated latest on or before it. A version
 * activated on the day itself is in force that day. Null before the first version.
 */
export function rulesInForce<T extends { activationDate: string }>(sets: readonly T[], day: string): T | null {
  let best: T | null = null;
  for (const s of sets) {
    if (s.activationDate <= day && (best === null || s.activationDate > best.activationDate)) best = s;
  }
  return best;
}

export type RuleSetStatus = 'in_force' | 'future' | 'superseded';

/** Where a version stands on a day: in force, yet to take effect, or replaced by a later one. */
export function ruleSetStatus(sets: readonly RuleSet[], set: RuleSet, day: string): RuleSetStatus {
  if (set.activationDate > day) return 'future';
  return rulesInForce(sets, day)?.id === set.id ? 'in_force' : 'superseded';
}

const categoryOrder = new Map<string, number>(aulaCategories.map((c, i) => [c.key, i]));

/**
 * Every version with its rules, newest activation first, in one statement. The versions are a
 * naturally small set (one per activation day, a few a year).
 */
export async function loadRuleSets(db: Db): Promise<RuleSet[]> {
  const rows = await db
    .select({
      id: aulaRuleSet.id,
      name: aulaRuleSet.name,
      activationDate: aulaRuleSet.activationDate,
      description: aulaRuleSet.description,
      updatedAt: aulaRuleSet.updatedAt,
      category: aulaDeletionRule.category,
      trigger: aulaDeletionRule.trigger,
      periodMonths: aulaDeletionRule.periodMonths,
    })
    .from(aulaRuleSet)
    .leftJoin(aulaDeletionRule, eq(aulaDeletionRule.ruleSetId, aulaRuleSet.id))
    .orderBy(desc(aulaRuleSet.activationDate));
  const sets = new Map<string, RuleSet>();
  for (const r of rows) {
    let set = sets.get(r.id);
    if (!set) {
      set = { id: r.id, name: r.name, activationDate: r.activationDate, description: r.description, rules: [], updatedAt: r.updatedAt };
      sets.set(r.id, set);
    }
    if (r.category !== null && r.trigger !== null && r.periodMonths !== null) {
      set.rules.push({ category: r.category as AulaCategory, trigger: r.trigger, periodMonths: r.periodMonths });
    }
  }
  for (const s of sets.values()) s.rules.sort((a, b) => (categoryOrder.get(a.category) ?? 99) - (categoryOrder.get(b.category) ?? 99));
  return [...sets.values()];
}
