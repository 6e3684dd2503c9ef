import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildPriceModel, seedPopulation } from '../../../../test/factories/economy.ts';
import { referenceMunicipalities } from '../../../db/reference/municipalities.ts';
import { solutions } from '../../../db/reference/solutions.ts';

/**
 * The prices and allocation pages run a fixed number of SQL statements however many price models,
 * unit prices and usage counts the year has: each is asked once with one model per kind, and again
 * after every solution got five more (with usage for all 98 municipalities); the count must be the
 * same. An N+1 over models or municipalities shows up as a count that grows.
 */
const YEAR = 2026;
const CAP = 14;

describe('the prices and allocation pages run a bounded number of statements', () => {
  let t: TestApp;
  let admin: Client;
  let usageModel = '';
  const before = new Map<string, number>();
  const pages = () => [
    `/oekonomi/priser/${YEAR}`,
    `/oekonomi/priser/${YEAR}/modeller/${usageModel}`,
    `/oekonomi/fordeling/${YEAR}`,
    `/oekonomi/fordeling/${YEAR}?loesning=valg`,
    `/oekonomi/fordeling/${YEAR}/kommuner/0101`,
    `/api/v1/economy/years/${YEAR}/prices`,
    `/api/v1/economy/years/${YEAR}/allocation`,
    `/api/v1/economy/years/${YEAR}/allocation?solution=valg`,
  ];

  async function count(url: string) {
    const start = t.database.queries.count;
    const res = await admin.get(url);
    expect(res.statusCode, url).toBe(200);
    return { n: t.database.queries.count - start, body: res.body };
  }

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    admin = await loginAs(t.app, DEMO.admin);
    await seedPopulation(db, YEAR);
    await buildPriceModel(db, { year: YEAR, solutionKey: 'infrastruktur', label: 'Infrastruktur', kind: 'per_citizen_kink', rateOre: 2500, kink: { thresholdCitizens: 150_000, reducedPercent: 50 } });
    await buildPriceModel(db, { year: YEAR, solutionKey: 'aula', label: 'Aula', kind: 'distributed', amountOre: 300_000_000_00 });
    await buildPriceModel(db, { year: YEAR, solutionKey: 'kp', label: 'KP', kind: 'fixed', amountOre: 5_000_000 });
    usageModel = await buildPriceModel(db, {
      year: YEAR,
      solutionKey: 'valg',
      label: 'Valgkort',
      kind: 'usage',
      usageUnit: 'valgkort',
      unitPrices: [{ label: 'tryk', unitPriceOre: 190 }],
      usage: { '0101': 520_000 },
    });
    for (const url of pages()) before.set(url, (await count(url)).n);

    const everywhere = Object.fromEntries(referenceMunicipalities().map((m, i) => [m.code, 1000 + i]));
    for (const s of solutions) {
      for (let i = 0; i < 5; i++) {
        const label = `Mange ${i}`;
        if (i === 0) await buildPriceModel(db, { year: YEAR, solutionKey: s.key, label, kind: 'per_citizen', rateOre: 480 + i, sort: 10 + i });
        else if (i === 1) await buildPriceModel(db, { year: YEAR, solutionKey: s.key, label, kind: 'distributed', amountOre: 1_000_000_01, kink: { thresholdCitizens: 100_000, reducedPercent: 25 }, sort: 10 + i });
        else if (i === 2) await buildPriceModel(db, { year: YEAR, solutionKey: s.key, label, kind: 'fixed', amountOre: 12_345, sort: 10 + i });
        else
          await buildPriceModel(db, {
            year: YEAR,
            solutionKey: s.key,
            label,
            kind: 'usage',
            usageUnit: 'opslag',
            unitPrices: [
              { label: 'a', unitPriceOre: 1 },
              { label: 'b', unitPriceOre: 2 },
            ],
            usage: everywhere,
            sort: 10 + i,
          });
      }
    }
  }, 120_000);
  afterAll(() => t?.close());

  it.each(['prices', 'model', 'allocation', 'allocation of one solution', 'a municipality', 'API prices', 'API allocation', 'API allocation of one solution'].map((name, i) => [name, i] as const))(
    '%s',
    async (_name, i) => {
      const url = pages()[i]!;
      const { n, body } = await count(url);
      // The year's allocation page shows sums per solution: DUBU is priced only by the added models.
      const marker = [`Mange 4`, null, '>DUBU<', 'Mange 4', 'Mange 4', 'Mange 4', 'Mange 4', 'Mange 4'][i];
      if (marker) expect(body, `${url} should show the added models`).toContain(marker);
      expect(n, `${url}: ${before.get(url)} statements with 4 models, ${n} with 74`).toBe(before.get(url));
      expect(n, `${url}: ${n} statements`).toBeLessThanOrEqual(CAP);
    },
  );
});
