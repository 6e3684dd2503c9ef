import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildPriceModel, seedPopulation } from '../../../../test/factories/economy.ts';
import { solutions } from '../../../db/reference/solutions.ts';
import { referenceMunicipalities } from '../../../db/reference/municipalities.ts';
import { costActual, costBudget } from '../schema.ts';

/**
 * The budget pages, the year overview and their API run a fixed number of statements: the same
 * with one price model and one budget as with five price models per solution (usage models
 * counted for all 98 municipalities), both budget stages and the actual cost for all 14 solutions.
 * The count is the auth hook's 2, the menu badges' 1 on a page, the budget's 3 (solutions, budgets,
 * actual costs) and the allocation's 5 (the year's population period, the population, the price
 * models, their unit prices and their usage): 11 at most, so an N+1 over 98 municipalities or 14
 * solutions can never hide under it. The few rows include a usage model, so the unit prices and
 * usage are read in both counts.
 */
const CAP = 11;
const YEAR = 2035;
/** A year without a population period: the overview shows the budget and the reason. */
const UNALLOCATED = 2036;

const urls = [
  `/oekonomi/aar/${YEAR}`,
  `/oekonomi/aar/${YEAR}/oversigt.xlsx`,
  `/oekonomi/aar/${UNALLOCATED}`,
  `/oekonomi/budget/${YEAR}`,
  `/oekonomi/budget/${YEAR}/aula`,
  `/api/v1/economy/years/${YEAR}/cost-budget`,
  `/api/v1/economy/years/${YEAR}/overview`,
];

describe('the budget and the year overview run a bounded number of SQL statements', () => {
  let t: TestApp;
  let admin: Client;
  const few = new Map<string, number>();

  async function count(url: string) {
    // A write first: on the embedded database the overview is kept until one, and every request here must read.
    await t.database.db.execute(sql`update cost_actual set actual_ore = actual_ore where false`);
    const start = t.database.queries.count;
    const res = url.startsWith('/api/') ? await admin.api('GET', url) : await admin.get(url);
    expect(res.statusCode, url).toBe(200);
    return { n: t.database.queries.count - start, body: res.body };
  }

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    admin = await loginAs(t.app, DEMO.admin);
    await seedPopulation(db, YEAR);
    await buildPriceModel(db, { year: YEAR, solutionKey: 'aula', label: 'Aula', kind: 'distributed', amountOre: 1_000_000_00 });
    await buildPriceModel(db, { year: YEAR, solutionKey: 'valg', label: 'Valgkort', kind: 'usage', usageUnit: 'valgkort', unitPrices: [{ label: 'tryk', unitPriceOre: 190 }], usage: { '0320': 10 } });
    await db.insert(costBudget).values({ year: YEAR, solutionKey: 'aula', stage: 'foreloebigt', operationOre: 1_000_000_00 });
    for (const url of urls) few.set(url, (await count(url)).n);

    const codes = referenceMunicipalities().map((m) => m.code);
    for (const [i, s] of solutions.entries()) {
      await buildPriceModel(db, { year: YEAR, solutionKey: s.key, label: `Pr. indbygger ${i}`, kind: 'per_citizen', rateOre: 100 + i });
      await buildPriceModel(db, { year: YEAR, solutionKey: s.key, label: `Knæk ${i}`, kind: 'per_citizen_kink', rateOre: 2_500, kink: { thresholdCitizens: 150_000, reducedPercent: 50 } });
      await buildPriceModel(db, { year: YEAR, solutionKey: s.key, label: `Fast ${i}`, kind: 'fixed', amountOre: 10_000_00 });
      await buildPriceModel(db, { year: YEAR, solutionKey: s.key, label: `Fordelt ${i}`, kind: 'distributed', amountOre: 5_000_000_00 + i });
      await buildPriceModel(db, {
        year: YEAR,
        solutionKey: s.key,
        label: `Forbrug ${i}`,
        kind: 'usage',
        usageUnit: 'stk.',
        unitPrices: [
          { label: 'tryk', unitPriceOre: 190 },
          { label: 'porto', unitPriceOre: 740 },
        ],
        usage: Object.fromEntries(codes.map((c, j) => [c, 100 + j])),
      });
    }
    // Aula's preliminary budget is already there.
    await db
      .insert(costBudget)
      .values(solutions.flatMap((s, i) => (['foreloebigt', 'samlet'] as const).map((stage) => ({ year: YEAR, solutionKey: s.key, stage, operationOre: 1_000_00 * (i + 1), maintenanceOre: 2_00, developmentOre: 3_00, poolOre: 4_00 }))))
      .onConflictDoNothing();
    await db.insert(costBudget).values(solutions.map((s) => ({ year: UNALLOCATED, solutionKey: s.key, stage: 'samlet' as const, operationOre: 1_00 })));
    await db.insert(costActual).values(solutions.map((s) => ({ year: YEAR, solutionKey: s.key, actualOre: 7_00 })));
  }, 120_000);
  afterAll(() => t?.close());

  it.each(urls.map((u) => [u] as const))('%s', async (url) => {
    const { n, body } = await count(url);
    // The added rows are on the page: every solution now has prices, a budget and an actual cost.
    if (url === `/oekonomi/aar/${YEAR}`) expect(body).not.toContain('Hverken budget eller priser');
    if (url === `/oekonomi/budget/${YEAR}`) expect(body).not.toContain('ikke angivet');
    expect(n, `${url}: ${few.get(url)} statements with one model and one budget, ${n} with 70 models and 28 budgets`).toBe(few.get(url));
    expect(n, `${url}: ${n} statements, more than the cap of ${CAP}`).toBeLessThanOrEqual(CAP);
  });
});
