import { count, eq } from 'drizzle-orm';
import { recordAudit } from '../../../platform/audit/record.ts';
import type { Actor, Ctx } from '../../../platform/context.ts';
import { invalid } from '../../../platform/errors.ts';
import { assertYearOpen } from '../prices/assert-year-open.ts';
import { economyYearSetting, population } from '../schema.ts';
import { PERIOD_PATTERN } from './parse-folk1a.ts';
import { authorizePopulation } from './policy.ts';
import { municipalityCount } from './queries.ts';

/**
 * Chooses the population period a budget year's allocation uses. Only a period with figures for
 * every municipality may be chosen, so no municipality's share can be computed from nothing.
 * Choosing the period already chosen changes and logs nothing. Once the year's invoices are
 * published the period is locked with the prices (409), since the invoices were computed from it.
 */
export async function setPopulationPeriod(ctx: Ctx & { actor: Actor }, year: number, rawPeriod: string): Promise<{ changed: boolean }> {
  authorizePopulation(ctx.actor, 'edit');
  const period = rawPeriod.trim().toUpperCase();
  if (!Number.isInteger(year) || year < 2000 || year > 2100) throw invalid({ aar: 'Budgetåret skal være et årstal mellem 2000 og 2100' });
  await assertYearOpen(ctx.db, year);
  if (!PERIOD_PATTERN.test(period)) throw invalid({ periode: 'Perioden skal skrives som år og kvartal, fx 2026K1' });
  const [present] = await ctx.db.select({ n: count() }).from(population).where(eq(population.period, period));
  const all = await municipalityCount(ctx.db);
  if ((present?.n ?? 0) < all) {
    throw invalid({ periode: `Perioden ${period} har befolkningstal for ${present?.n ?? 0} af ${all} kommuner; importér hele perioden først` });
  }
  return ctx.db.transaction(async (tx) => {
    await assertYearOpen(tx, year);
    const [was] = await tx.select().from(economyYearSetting).where(eq(economyYearSetting.year, year)).for('update');
    if (was?.populationPeriod === period) return { changed: false };
    await tx
      .insert(economyYearSetting)
      .values({ year, populationPeriod: period })
      .onConflictDoUpdate({ target: economyYearSetting.year, set: { populationPeriod: period } });
    await recordAudit(tx, ctx, {
      action: 'economy.population_period_set',
      entityType: 'economy_year',
      entityId: String(year),
      before: was ? { populationPeriod: was.populationPeriod } : null,
      after: { populationPeriod: period },
    });
    return { changed: true };
  });
}
