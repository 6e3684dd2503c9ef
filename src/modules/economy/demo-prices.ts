import { randomUUID } from 'node:crypto';
import type { Db } from '../../db/client.ts';
import { solutions } from '../../db/reference/solutions.ts';
import { allocate, type MunicipalityPopulation } from './allocation/allocate.ts';
import type { StoredPriceModel } from './prices/load-prices.ts';
import { priceModel, priceUnitPrice, priceUsage } from './schema.ts';

/**
 * The demo's prices for 2025 and 2026 and, when the seed's next year is 2027 or later, that year as
 * a draft copy of 2026 with small increases. Public are only the infrastructure's 25 kr. per citizen
 * with 50 % above 150.000, the buffet prices 1,94 / 2,79 / 4,80 kr. for 2019–2021 and Valg's 1,90 kr.
 * (tryk) and 7,40 kr. (porto) per polling card; every other figure here is illustrative.
 */

const KR = 100;
const KINK = { thresholdCitizens: 150_000, reducedPercent: 50 };

/** Illustrative buffet prices per citizen (one equal price set once a year), in øre. */
const BUFFET_ORE = { 2025: 510, 2026: 535 } as const;

/** Illustrative yearly totals in kroner, distributed by population; Gateway's counts citizens above 150.000 at 50 %. */
const DISTRIBUTED_KR: Record<string, { 2025: number; 2026: number; kink?: true }> = {
  aula: { 2025: 78_500_000, 2026: 81_200_000 },
  borgerblikket: { 2025: 6_400_000, 2026: 6_650_000 },
  'byg-og-miljoe': { 2025: 21_300_000, 2026: 22_100_000 },
  'faelles-sprog-iii': { 2025: 9_800_000, 2026: 10_150_000 },
  gateway: { 2025: 14_200_000, 2026: 14_700_000, kink: true },
  kp: { 2025: 18_600_000, 2026: 19_300_000 },
  ksd: { 2025: 42_000_000, 2026: 43_500_000 },
  ky: { 2025: 96_000_000, 2026: 99_800_000 },
  sapa: { 2025: 24_500_000, 2026: 25_400_000 },
  sygesikring: { 2025: 11_700_000, 2026: 12_100_000 },
  flis: { 2025: 16_800_000, 2026: 17_400_000 },
  // Being phased out: its cost falls.
  dubu: { 2025: 31_000_000, 2026: 27_500_000 },
};

/** Polling cards sent, about 80 % of the population (78–82 %): the municipal election of November 2025 and the general election of 2026. */
export const pollingCards = (code: string, population: number) => Math.round((population * (78 + (Number(code) % 5))) / 100);

const solutionName = new Map<string, string>(solutions.map((s) => [s.key, s.name]));

function model(year: number, solutionKey: string, fields: Partial<StoredPriceModel> & Pick<StoredPriceModel, 'label' | 'kind'>, updatedAt: Date): StoredPriceModel {
  return {
    id: randomUUID(),
    year,
    solutionKey,
    solutionName: solutionName.get(solutionKey)!,
    rateOre: null,
    amountOre: null,
    kink: null,
    usageUnit: null,
    unitPrices: [],
    usage: new Map(),
    sort: 1,
    updatedAt,
    ...fields,
  };
}

/** One year's fourteen solutions as the agreement prices them. */
function yearModels(year: 2025 | 2026, municipalities: readonly MunicipalityPopulation[], updatedAt: Date): StoredPriceModel[] {
  return [
    model(year, 'infrastruktur', { label: 'Infrastruktur pr. indbygger', kind: 'per_citizen_kink', rateOre: 25 * KR, kink: KINK }, updatedAt),
    model(year, 'infrastruktur', { label: 'Buffet pr. indbygger', kind: 'per_citizen', rateOre: BUFFET_ORE[year], sort: 2 }, updatedAt),
    model(
      year,
      'valg',
      {
        label: 'Valgkort',
        kind: 'usage',
        usageUnit: 'valgkort',
        unitPrices: [
          { label: 'tryk', unitPriceOre: 190 },
          { label: 'porto', unitPriceOre: 740 },
        ],
        usage: new Map(municipalities.map((m) => [m.code, pollingCards(m.code, m.population)])),
      },
      updatedAt,
    ),
    ...Object.entries(DISTRIBUTED_KR).map(([key, d]) =>
      model(
        year,
        key,
        d.kink
          ? { label: 'Fordelt efter vægtet indbyggertal', kind: 'distributed', amountOre: d[year] * KR, kink: KINK }
          : { label: 'Fordelt efter indbyggertal', kind: 'distributed', amountOre: d[year] * KR },
        updatedAt,
      ),
    ),
  ];
}

/** Next year's draft: 2026 with small increases (3 % on the totals, DUBU 10 % down, 25 øre on the buffet, porto up); polling-card counts kept as the estimate. */
function draftModels(year: number, latest: readonly StoredPriceModel[], updatedAt: Date): StoredPriceModel[] {
  const roundTo10000kr = (ore: number) => Math.round(ore / (10_000 * KR)) * 10_000 * KR;
  return latest.map((m) => {
    const next = { ...m, id: randomUUID(), year, updatedAt, usage: new Map(m.usage), unitPrices: m.unitPrices.map((u) => ({ ...u })) };
    if (m.kind === 'distributed') next.amountOre = roundTo10000kr((m.amountOre! * (m.solutionKey === 'dubu' ? 90 : 103)) / 100);
    if (m.label === 'Buffet pr. indbygger') next.rateOre = m.rateOre! + 25;
    if (m.kind === 'usage') next.unitPrices = [
      { label: 'tryk', unitPriceOre: 195 },
      { label: 'porto', unitPriceOre: 780 },
    ];
    return next;
  });
}

/** What the models of each year charge per solution in all, in øre: what the budgets must add up to. */
export type YearTotals = Map<number, Map<string, number>>;

/**
 * Every year's models, unit prices and usage in one statement per table. Returns each year's total
 * per solution, computed by the same allocation the year overview uses, so the budgets match it to the øre.
 */
export async function seedEconomyPrices(
  tx: Db,
  opts: { population: { 2025: MunicipalityPopulation[]; 2026: MunicipalityPopulation[] }; draftYear: number | null; draftSince: Date; economist: string },
): Promise<YearTotals> {
  const m2025 = yearModels(2025, opts.population[2025], new Date('2025-06-30T08:00:00Z'));
  const m2026 = yearModels(2026, opts.population[2026], new Date('2025-09-15T08:00:00Z'));
  const draft = opts.draftYear ? draftModels(opts.draftYear, m2026, opts.draftSince) : [];
  const all = [...m2025, ...m2026, ...draft];

  await tx.insert(priceModel).values(
    all.map((m) => ({
      id: m.id,
      year: m.year,
      solutionKey: m.solutionKey,
      label: m.label,
      kind: m.kind,
      rateOre: m.rateOre,
      amountOre: m.amountOre,
      kinkThreshold: m.kink?.thresholdCitizens ?? null,
      kinkReducedPercent: m.kink?.reducedPercent ?? null,
      usageUnit: m.usageUnit,
      sort: m.sort,
      updatedAt: m.updatedAt,
      updatedBy: opts.economist,
    })),
  );
  await tx.insert(priceUnitPrice).values(all.flatMap((m) => m.unitPrices.map((u, i) => ({ priceModelId: m.id, position: i + 1, label: u.label, unitPriceOre: u.unitPriceOre }))));
  await tx.insert(priceUsage).values(all.flatMap((m) => [...m.usage].map(([municipalityCode, quantity]) => ({ priceModelId: m.id, municipalityCode, quantity }))));

  const totals: YearTotals = new Map();
  const yearTotals = (models: StoredPriceModel[], municipalities: readonly MunicipalityPopulation[]) =>
    new Map(allocate(models, municipalities).map((s) => [s.solutionKey, s.totalOre]));
  totals.set(2025, yearTotals(m2025, opts.population[2025]));
  totals.set(2026, yearTotals(m2026, opts.population[2026]));
  if (opts.draftYear) totals.set(opts.draftYear, yearTotals(draft, opts.population[2026]));
  return totals;
}
