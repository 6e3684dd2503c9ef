import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildK98Year, buildPriceModel, seedPopulation } from '../../../../test/factories/economy.ts';
import { economyYearSetting } from '../schema.ts';
import { allocateYear } from './allocate-year.ts';

describe('allocating a year from stored prices and population', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    await buildK98Year(t.database.db, 2026);
  });
  afterAll(() => t?.close());

  const share = (a: Awaited<ReturnType<typeof allocateYear>>, solution: string, code: string) =>
    a.solutions.find((s) => s.solutionKey === solution)!.municipalities.find((m) => m.code === code)!;

  it('charges the infrastructure with the kink: København, Aarhus and Læsø against hand-computed øre', async () => {
    const a = await allocateYear(t.database.db, 2026, { solutionKey: 'infrastruktur' });
    expect(a.populationPeriod).toBe('2026K1');
    expect(a.municipalities).toHaveLength(98);
    // 150.000 × 2.500 øre + 517.099 × 1.250 øre
    expect(share(a, 'infrastruktur', '0101')).toMatchObject({
      population: 667_099,
      amountOre: 1_021_373_750,
      calculation: '150.000 indbyggere × 25,00 kr. + 517.099 indbyggere × 12,50 kr.',
    });
    // 150.000 × 2.500 + 217.095 × 1.250
    expect(share(a, 'infrastruktur', '0751').amountOre).toBe(375_000_000 + 271_368_750);
    // below the threshold: the full rate only
    expect(share(a, 'infrastruktur', '0825')).toMatchObject({ amountOre: 4_382_500, calculation: '1.753 indbyggere × 25,00 kr.' });
  });

  it('shares a distributed total so the 98 shares add up to it exactly, and a usage model per polling card', async () => {
    const a = await allocateYear(t.database.db, 2026);
    const aula = a.solutions.find((s) => s.solutionKey === 'aula')!;
    expect(aula.totalOre).toBe(300_000_000_00);
    expect(aula.municipalities.reduce((sum, m) => sum + m.amountOre, 0)).toBe(300_000_000_00);
    expect(share(a, 'valg', '0320')).toMatchObject({ amountOre: 30_000 * 930, calculation: '30.000 valgkort × 1,90 kr. (tryk) + 30.000 valgkort × 7,40 kr. (porto)' });
    expect(share(a, 'valg', '0147').amountOre).toBe(0);
    expect(a.municipalities.map((m) => m.name).slice(0, 3)).toEqual(['Albertslund', 'Allerød', 'Assens']);
  });

  it('adds one line per price model, and the share is their sum', async () => {
    await buildPriceModel(t.database.db, { year: 2026, solutionKey: 'infrastruktur', label: 'Buffet', kind: 'per_citizen', rateOre: 480, sort: 2 });
    const a = await allocateYear(t.database.db, 2026, { solutionKey: 'infrastruktur' });
    const kbh = share(a, 'infrastruktur', '0101');
    expect(kbh.lines.map((l) => l.model)).toEqual(['Infrastruktur', 'Buffet']);
    expect(kbh.amountOre).toBe(1_021_373_750 + 667_099 * 480);
    expect(kbh.calculation).toBe('Infrastruktur: 10.213.737,50 kr. + Buffet: 3.202.075,20 kr.');
  });

  it('refuses in words a year without a population period, or one that lacks municipalities', async () => {
    await expect(allocateYear(t.database.db, 2031)).rejects.toMatchObject({ status: 422, message: 'Der er ikke valgt befolkningstal for 2031.' });
    await seedPopulation(t.database.db, 2032);
    await t.database.db.insert(economyYearSetting).values({ year: 2033, populationPeriod: '2033K2' });
    await expect(allocateYear(t.database.db, 2033)).rejects.toMatchObject({ status: 422, fieldErrors: { aar: expect.stringContaining('mangler for 98 kommuner') } });
  });
});
