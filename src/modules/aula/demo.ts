import { eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { referenceMunicipalities } from '../../db/reference/municipalities.ts';
import { danishDay } from '../../platform/days.ts';
import { aulaCategories } from './categories.ts';
import { seedDemoAulaInventory } from './demo-inventory.ts';
import { DEMO_RELEVANCE, demoReadiness, demoRegistration } from './demo-municipalities.ts';
import { DEMO_AULA_RULE_SETS } from './demo-rules.ts';
import { aulaDeletionRule, aulaMunicipality, aulaReadinessEvent, aulaRelevantCategory, aulaRuleSet } from './schema.ts';

export { DEMO_AULA_RULE_SETS } from './demo-rules.ts';

const DAY_MS = 24 * 3600_000;

/**
 * Aula's demo (issue #12): the two example rule versions (2024 and the revised September 2026),
 * every municipality's ESDH system, integration and archive, a few deviating relevant categories,
 * a readiness history and an inventory of about 40,000 secure files over ~400 institutions whose
 * trigger dates lie around `now`. Faxe (0320) has the integration in test and nothing ticked, so
 * its preview has files at risk. One transaction; a second run finds the first version and does nothing.
 */
export async function seedDemoAula(db: Db, now: Date): Promise<void> {
  const [existing] = await db.select({ id: aulaRuleSet.id }).from(aulaRuleSet).where(eq(aulaRuleSet.activationDate, DEMO_AULA_RULE_SETS[0]!.activationDate)).limit(1);
  if (existing) return;
  const registrations = referenceMunicipalities().map((m) => demoRegistration(m.code));
  await db.transaction(async (tx) => {
    const sets = await tx
      .insert(aulaRuleSet)
      .values(DEMO_AULA_RULE_SETS.map((s) => ({ name: s.name, activationDate: s.activationDate, description: s.description, createdAt: now, updatedAt: now })))
      .returning({ id: aulaRuleSet.id, activationDate: aulaRuleSet.activationDate });
    const idOn = new Map(sets.map((s) => [s.activationDate, s.id]));
    await tx.insert(aulaDeletionRule).values(
      DEMO_AULA_RULE_SETS.flatMap((s) =>
        aulaCategories.map((c) => ({ ruleSetId: idOn.get(s.activationDate)!, category: c.key, trigger: s.rules[c.key].trigger, periodMonths: s.rules[c.key].months })),
      ),
    );
    await tx.insert(aulaMunicipality).values(registrations.map((r) => ({ ...r, updatedAt: now })));
    await tx.insert(aulaRelevantCategory).values(DEMO_RELEVANCE.map((r) => ({ ...r, municipalityCode: r.code, updatedAt: now })));
    const revised = idOn.get(DEMO_AULA_RULE_SETS[DEMO_AULA_RULE_SETS.length - 1]!.activationDate)!;
    const events = demoReadiness(registrations);
    // Kept by each municipality's programleder, looked up by e-mail in the same statement.
    await tx.insert(aulaReadinessEvent).values(
      events.map((e) => ({
        municipalityCode: e.code,
        item: e.item,
        done: e.done,
        note: e.note,
        ruleSetId: e.item === 'klar_til_sletteregler' && e.done ? revised : null,
        at: new Date(now.getTime() - e.daysAgo * DAY_MS),
        by: sql`(select id from user_account where lower(email) = ${`programleder-${e.code}@samspil.demo`} and not disabled limit 1)`,
      })),
    );
    await seedDemoAulaInventory(tx, danishDay(now));
  });
}
