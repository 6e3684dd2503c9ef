import type { Db } from '../../db/client.ts';
import { referenceMunicipalities } from '../../db/reference/municipalities.ts';
import { danishTime } from '../../platform/days.ts';
import { economyYearSetting, population } from './schema.ts';

/** The periods the demo's years use: the first quarter, as Danmarks Statistik publishes FOLK1A. */
export const DEMO_PERIODS = { 2025: '2025K1', 2026: '2026K1' } as const;
export const LATEST_PERIOD = DEMO_PERIODS[2026];

/**
 * A municipality's change from 2025K1 to 2026K1 in per mille, between −4 ‰ and +8 ‰: made up, but
 * the same on every machine, so each share moves a little and the guidance shows a change.
 */
const changePerMille = (code: string) => ((Number(code) * 37) % 13) - 4;

/** Population per municipality and period: the reference data's approximate figures for 2025K1. */
export function demoPopulation(): { code: string; 2025: number; 2026: number }[] {
  return referenceMunicipalities().map((m) => ({ code: m.code, 2025: m.population, 2026: m.population + Math.round((m.population * changePerMille(m.code)) / 1000) }));
}

/**
 * Both periods for all 98 municipalities in one statement, and which period each year uses (the
 * coming draft year, when there is one, uses the latest period: no newer figures exist yet).
 */
export async function seedEconomyPopulation(tx: Db, opts: { draftYear: number | null }): Promise<void> {
  const rows = demoPopulation();
  const importedAt = { 2025: danishTime('2025-02-11', 9), 2026: danishTime('2026-02-10', 9) };
  await tx.insert(population).values(
    ([2025, 2026] as const).flatMap((year) => rows.map((r) => ({ municipalityCode: r.code, period: DEMO_PERIODS[year], population: r[year], importedAt: importedAt[year] }))),
  );
  await tx.insert(economyYearSetting).values([
    { year: 2025, populationPeriod: DEMO_PERIODS[2025] },
    { year: 2026, populationPeriod: DEMO_PERIODS[2026] },
    ...(opts.draftYear ? [{ year: opts.draftYear, populationPeriod: LATEST_PERIOD }] : []),
  ]);
}
