import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { referenceMunicipalities } from '../../db/reference/municipalities.ts';
import { danishDay, danishTime } from '../../platform/days.ts';
import { addDays } from '../../platform/reminders/schedule.ts';
import { formatKroner } from '../../platform/views/format.ts';
import { poolOre, seedEconomyBudgets } from './demo-budgets.ts';
import { PORTFOLIO_COUNCIL } from './demo-governance-content.ts';
import { planGovernance, seedEconomyGovernance } from './demo-governance.ts';
import { DEMO_ECONOMIST, seedEconomyPeople } from './demo-people.ts';
import { demoPopulation, seedEconomyPopulation } from './demo-population.ts';
import { seedEconomyPrices } from './demo-prices.ts';
import { planProposals, seedEconomyProposals } from './demo-proposals.ts';
import { council, type EconomyDocumentKind } from './schema.ts';

export { DEMO_ECONOMIST, ECONOMY_CONTACT_CODES, economyContactEmail } from './demo-people.ts';

/**
 * What the demo publishes (demo-publish.ts runs the publishing use case after seedDemoEconomy): the
 * 2025 invoices and the budget guidance for 2026, as the economy consultant did in the autumn of
 * 2025, then the 2026 invoices and the 2025 statement, each once its day has come. The day is the
 * history's; publishing stamps it.
 */
export const DEMO_ECONOMY_PUBLICATIONS: readonly { year: number; kind: EconomyDocumentKind; publishedOn: string; by: string }[] = [
  { year: 2025, kind: 'faktura', publishedOn: '2025-08-29', by: DEMO_ECONOMIST.email },
  { year: 2026, kind: 'budgetvejledning', publishedOn: '2025-10-01', by: DEMO_ECONOMIST.email },
  { year: 2026, kind: 'faktura', publishedOn: '2026-01-15', by: DEMO_ECONOMIST.email },
  { year: 2025, kind: 'aarsopgoerelse', publishedOn: '2026-04-15', by: DEMO_ECONOMIST.email },
];

/** The year after the seed's, when it is 2027 or later: its prices and preliminary budget are a draft to work on. */
export const demoDraftYear = (now: Date): number | null => {
  const next = Number(danishDay(now).slice(0, 4)) + 1;
  return next >= 2027 ? next : null;
};

/**
 * The K98 economy and governance (issue #11): the economy consultant and four municipalities'
 * økonomikontakter; population for 2025K1 and 2026K1; prices, cost budgets for 2025 and 2026 and the
 * 2025 actual costs; the Porteføljeråd and two Fagråd with their 2026 meetings from the deck's
 * January timeline; proposals to the pool in every state. Relative to `now`: next year's prices and
 * preliminary budget as a draft, each council's next meeting, and two proposals received days ago.
 * Every table is written in one statement; a second run finds the Porteføljeråd and does nothing.
 */
export async function seedDemoEconomy(db: Db, now: Date): Promise<void> {
  const [existing] = await db.select({ id: council.id }).from(council).where(eq(council.key, PORTFOLIO_COUNCIL)).limit(1);
  if (existing) return;
  const draftYear = demoDraftYear(now);
  const draftSince = danishTime(addDays(danishDay(now), -5), 10);
  const population = demoPopulation();
  const municipalities = (year: 2025 | 2026) => referenceMunicipalities().map((m, i) => ({ code: m.code, name: m.name, population: population[i]![year] }));

  await db.transaction(async (tx) => {
    const people = await seedEconomyPeople(tx);
    await seedEconomyPopulation(tx, { draftYear });
    const totals = await seedEconomyPrices(tx, { population: { 2025: municipalities(2025), 2026: municipalities(2026) }, draftYear, draftSince, economist: people.economist });
    await seedEconomyBudgets(tx, { totals, draftYear, draftSince, economist: people.economist, now });

    const poolText = (year: number) => {
      const pool = poolOre(totals, year);
      if (pool === null) return `Budgettet for ${year} er endnu ikke lagt.`;
      return year === draftYear ? `Puljen for ${year} udgør ${formatKroner(pool)} efter det foreløbige budget.` : `Puljen for ${year} udgør ${formatKroner(pool)}`;
    };
    const plan = planGovernance(now, poolText);
    const proposals = planProposals(plan, now, people);
    await seedEconomyGovernance(tx, plan, { economist: people.economist, now });
    await seedEconomyProposals(tx, proposals, { economist: people.economist });
  });
}
