import type { Db } from '../../src/db/client.ts';
import { referenceMunicipalities } from '../../src/db/reference/municipalities.ts';
import { economyYearSetting, population, priceModel, priceUnitPrice, priceUsage, type PriceModelKind } from '../../src/modules/economy/schema.ts';

/**
 * Builders that put economy rows straight into a test database. The population is the reference
 * data's approximate figure, with København at 667.099 and Aarhus at 367.095 and Læsø at 1.753 so
 * the kink can be checked against hand-computed øre; `delta` moves every figure by that many
 * citizens (a second period that differs from the first).
 */
export const TEST_POPULATION: Readonly<Record<string, number>> = { '0101': 667_099, '0751': 367_095, '0825': 1_753 };

export async function seedPopulation(db: Db, year: number, opts: { period?: string; delta?: number } = {}): Promise<string> {
  const period = opts.period ?? `${year}K1`;
  const delta = opts.delta ?? 0;
  await db
    .insert(population)
    .values(referenceMunicipalities().map((m) => ({ municipalityCode: m.code, period, population: (TEST_POPULATION[m.code] ?? m.population) + delta })))
    .onConflictDoNothing();
  await db.insert(economyYearSetting).values({ year, populationPeriod: period }).onConflictDoUpdate({ target: economyYearSetting.year, set: { populationPeriod: period } });
  return period;
}

export type PriceModelSpec = {
  year: number;
  solutionKey: string;
  label?: string;
  kind: PriceModelKind;
  rateOre?: number;
  amountOre?: number;
  kink?: { thresholdCitizens: number; reducedPercent: number };
  usageUnit?: string;
  unitPrices?: { label: string; unitPriceOre: number }[];
  /** usage models: the count per municipality code */
  usage?: Record<string, number>;
  sort?: number;
};

/** One stored price model (with unit prices and usage for a usage model); returns its id. */
export async function buildPriceModel(db: Db, spec: PriceModelSpec): Promise<string> {
  const [row] = await db
    .insert(priceModel)
    .values({
      year: spec.year,
      solutionKey: spec.solutionKey,
      label: spec.label ?? `${spec.kind} ${spec.solutionKey}`,
      kind: spec.kind,
      rateOre: spec.rateOre ?? null,
      amountOre: spec.amountOre ?? null,
      kinkThreshold: spec.kink?.thresholdCitizens ?? null,
      kinkReducedPercent: spec.kink?.reducedPercent ?? null,
      usageUnit: spec.usageUnit ?? null,
      sort: spec.sort ?? 0,
    })
    .returning({ id: priceModel.id });
  const id = row!.id;
  if (spec.unitPrices?.length) {
    await db.insert(priceUnitPrice).values(spec.unitPrices.map((u, i) => ({ priceModelId: id, position: i + 1, label: u.label, unitPriceOre: u.unitPriceOre })));
  }
  const usage = Object.entries(spec.usage ?? {});
  if (usage.length) await db.insert(priceUsage).values(usage.map(([municipalityCode, quantity]) => ({ priceModelId: id, municipalityCode, quantity })));
  return id;
}

/**
 * A year priced like the K98 agreement: the infrastructure at 25 kr. per citizen with 50 % above
 * 150.000, Valg per polling card (1,90 kr. print + 7,40 kr. postage), and Aula as a distributed total.
 */
export async function buildK98Year(db: Db, year: number, opts: { aulaTotalOre?: number } = {}): Promise<void> {
  await seedPopulation(db, year);
  await buildPriceModel(db, { year, solutionKey: 'infrastruktur', label: 'Infrastruktur', kind: 'per_citizen_kink', rateOre: 2500, kink: { thresholdCitizens: 150_000, reducedPercent: 50 } });
  await buildPriceModel(db, {
    year,
    solutionKey: 'valg',
    label: 'Valgkort',
    kind: 'usage',
    usageUnit: 'valgkort',
    unitPrices: [
      { label: 'tryk', unitPriceOre: 190 },
      { label: 'porto', unitPriceOre: 740 },
    ],
    usage: { '0101': 520_000, '0320': 30_000, '0825': 1_500 },
  });
  await buildPriceModel(db, { year, solutionKey: 'aula', label: 'Aula', kind: 'distributed', amountOre: opts.aulaTotalOre ?? 300_000_000_00 });
}
