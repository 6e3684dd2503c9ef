import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildK98Year, buildPriceModel, TEST_POPULATION } from '../../../../test/factories/economy.ts';
import { referenceMunicipalities } from '../../../db/reference/municipalities.ts';
import { readKeyedWorkbook } from '../../../platform/spreadsheet/read.ts';
import { formatKroner } from '../../../platform/views/format.ts';
import { costBudget, priceModel } from '../schema.ts';
import { MATCHES } from './overview-check.ts';

const YEAR = 2026;
/** Aula's distributed total in buildK98Year, budgeted to the øre. */
const AULA_Ore = 300_000_000_00;
const KY_RATE = 1_000;
const KY_BUDGET = 5_000_000_00;
const INFRA_BUDGET = 150_000_000_00;

const populations = referenceMunicipalities().map((m) => TEST_POPULATION[m.code] ?? m.population);
const totalPopulation = populations.reduce((a, b) => a + b, 0);
/** 25 kr. per citizen, 12,50 kr. for each citizen above 150.000, for every municipality: by hand, not by the engine. */
const infraAllocated = populations.reduce((sum, p) => sum + Math.min(p, 150_000) * 2_500 + Math.max(0, p - 150_000) * 1_250, 0);
/** Valg: 1,90 + 7,40 kr. per polling card for København, Faxe and Læsø. */
const valgAllocated = (520_000 + 30_000 + 1_500) * 930;

const text = (html: string) => html.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
const solutionRow = (html: string, key: string) => text(new RegExp(`<tr data-loesning="${key}">([\\s\\S]*?)</tr>`).exec(html)![1]!);

describe('the year overview: budget against the municipalities’ shares', () => {
  let t: TestApp;
  let admin: Client;
  let consultant: Client;

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    await buildK98Year(db, YEAR, { aulaTotalOre: AULA_Ore });
    await buildPriceModel(db, { year: YEAR, solutionKey: 'ky', label: 'KY pr. indbygger', kind: 'per_citizen', rateOre: KY_RATE });
    await db.insert(costBudget).values([
      // Aula: a total budget whose parts add up to the distributed total exactly.
      { year: YEAR, solutionKey: 'aula', stage: 'samlet', operationOre: 200_000_000_00, maintenanceOre: 50_000_000_00, developmentOre: 40_000_000_00, poolOre: 10_000_000_00 },
      // Aula's preliminary budget differs, but the total one is what counts.
      { year: YEAR, solutionKey: 'aula', stage: 'foreloebigt', operationOre: 1, maintenanceOre: 0, developmentOre: 0, poolOre: 0 },
      { year: YEAR, solutionKey: 'ky', stage: 'foreloebigt', operationOre: KY_BUDGET, maintenanceOre: 0, developmentOre: 0, poolOre: 0 },
      { year: YEAR, solutionKey: 'infrastruktur', stage: 'samlet', operationOre: INFRA_BUDGET, maintenanceOre: 0, developmentOre: 0, poolOre: 0 },
      // A year without a population period, with a budget.
      { year: 2031, solutionKey: 'aula', stage: 'samlet', operationOre: 12_345_00, maintenanceOre: 0, developmentOre: 0, poolOre: 0 },
    ]);
    admin = await loginAs(t.app, DEMO.admin);
    consultant = await loginAs(t.app, DEMO.consultant);
  });
  afterAll(() => t?.close());

  it('shows that a distributed total equal to the budget matches, and a per-citizen model deviates by so many kroner', async () => {
    const res = await consultant.get(`/oekonomi/aar/${YEAR}`);
    expect(res.statusCode).toBe(200);
    expect(solutionRow(res.body, 'aula')).toBe('Aula 300.000.000,00 kr. (samlet) 300.000.000,00 kr. 0,00 kr. Kommunernes andele svarer til budgettet');
    const kyDiff = KY_RATE * totalPopulation - KY_BUDGET;
    expect(kyDiff).toBeGreaterThan(0);
    expect(solutionRow(res.body, 'ky')).toBe(
      `KY ${formatKroner(KY_BUDGET)} (foreløbigt) ${formatKroner(KY_RATE * totalPopulation)} ${formatKroner(kyDiff)} Afviger med ${formatKroner(kyDiff)} (kommunerne betaler mere end budgettet)`,
    );
    const infraDiff = infraAllocated - INFRA_BUDGET;
    expect(solutionRow(res.body, 'infrastruktur')).toContain(`${formatKroner(infraAllocated)} ${formatKroner(infraDiff)} Afviger med ${formatKroner(Math.abs(infraDiff))}`);
    expect(solutionRow(res.body, 'valg')).toBe(`Valg Intet budget ${formatKroner(valgAllocated)} ${formatKroner(valgAllocated)} Afviger med ${formatKroner(valgAllocated)} (kommunerne betaler mere end budgettet)`);
    expect(solutionRow(res.body, 'sapa')).toBe('SAPA Intet budget 0,00 kr. 0,00 kr. Hverken budget eller priser');
    // The year as a whole: the sum of the deviations, and it does not agree.
    const yearDiff = kyDiff + infraDiff + valgAllocated;
    expect(res.body).toContain('data-year-check="afviger"');
    expect(res.body).toContain(`Afviger med ${formatKroner(Math.abs(yearDiff))}`);
    expect(solutionRow(res.body, 'i-alt')).toContain(formatKroner(AULA_Ore + KY_BUDGET + INFRA_BUDGET));

    // The drawing: an SVG image named by its title and description, with the same figures in the table beside it.
    expect(res.body).toMatch(/<svg[^>]*role="img"[^>]*aria-labelledby="aarsoversigt-graf-title aarsoversigt-graf-desc"/);
    expect(res.body).toContain('<title id="aarsoversigt-graf-title">Budget og kommunernes andele pr. løsning 2026</title>');
    expect(res.body).toMatch(/<g data-loesning="ky">[\s\S]*?KY \(afviger\)/);
    expect(res.body).toContain('<caption>Budget og kommunernes andele 2026 pr. løsning</caption>');
  });

  it('lists the 98 municipalities with population and total, each linking to its invoice, the totals adding up to the shares', async () => {
    const res = await admin.get(`/oekonomi/aar/${YEAR}`);
    expect((res.body.match(/<tr data-kommune=/g) ?? []).length).toBe(98);
    expect(res.body).toContain('<a href="/oekonomi/kommuner/0320/2026/faktura">Faxe</a>');
    const api = (await admin.api('GET', `/api/v1/economy/years/${YEAR}/overview`)).json();
    expect(api.populationPeriod).toBe('2026K1');
    expect(api.allocationError).toBeNull();
    expect(api.municipalities).toHaveLength(98);
    expect(api.municipalities.slice(0, 3).map((m: { name: string }) => m.name)).toEqual(['Albertslund', 'Allerød', 'Assens']);
    const kbh = api.municipalities.find((m: { code: string }) => m.code === '0101');
    expect(kbh.population).toBe(667_099);
    const amount = (key: string) => kbh.amounts.find((a: { solutionKey: string }) => a.solutionKey === key).amountOre;
    expect(amount('infrastruktur')).toBe(1_021_373_750);
    expect(amount('valg')).toBe(520_000 * 930);
    expect(amount('ky')).toBe(667_099 * KY_RATE);
    expect(kbh.totalOre).toBe(kbh.amounts.reduce((s: number, a: { amountOre: number }) => s + a.amountOre, 0));
    expect(text(/<tr data-kommune="0101">([\s\S]*?)<\/tr>/.exec(res.body)![1]!)).toBe(`København 667.099 ${formatKroner(kbh.totalOre)}`);
    const sumOfTotals = api.municipalities.reduce((s: number, m: { totalOre: number }) => s + m.totalOre, 0);
    expect(sumOfTotals).toBe(api.total.allocatedOre);
    expect(api.total).toMatchObject({ budgetOre: AULA_Ore + KY_BUDGET + INFRA_BUDGET, matches: false });
    expect(api.solutions.find((s: { solutionKey: string }) => s.solutionKey === 'aula')).toEqual({
      solutionKey: 'aula',
      solutionName: 'Aula',
      budgetStage: 'samlet',
      budgetOre: AULA_Ore,
      allocatedOre: AULA_Ore,
      differenceOre: 0,
      matches: true,
    });
  });

  it('never shows a kept overview after the budget, the prices or the population changed', async () => {
    const before = (await consultant.get(`/oekonomi/aar/${YEAR}`)).body;
    expect(solutionRow(before, 'sapa')).toBe('SAPA Intet budget 0,00 kr. 0,00 kr. Hverken budget eller priser');
    await admin.get(`/oekonomi/budget/${YEAR}/sapa`);
    await admin.post(`/oekonomi/budget/${YEAR}/sapa/foreloebigt`, { 'foreloebigt-drift': '1.000', 'foreloebigt-vedligehold': '0', 'foreloebigt-udvikling': '0', 'foreloebigt-pulje': '0' });
    expect(solutionRow((await consultant.get(`/oekonomi/aar/${YEAR}`)).body, 'sapa')).toBe('SAPA 1.000,00 kr. (foreløbigt) 0,00 kr. -1.000,00 kr. Afviger med 1.000,00 kr. (kommunerne betaler mindre end budgettet)');
    await buildPriceModel(t.database.db, { year: YEAR, solutionKey: 'sapa', label: 'SAPA', kind: 'distributed', amountOre: 1_000_00 });
    expect(solutionRow((await consultant.get(`/oekonomi/aar/${YEAR}`)).body, 'sapa')).toContain(MATCHES);
    await t.database.db.delete(costBudget).where(and(eq(costBudget.year, YEAR), eq(costBudget.solutionKey, 'sapa')));
    await t.database.db.delete(priceModel).where(and(eq(priceModel.year, YEAR), eq(priceModel.solutionKey, 'sapa')));
    expect(solutionRow((await consultant.get(`/oekonomi/aar/${YEAR}`)).body, 'sapa')).toBe('SAPA Intet budget 0,00 kr. 0,00 kr. Hverken budget eller priser');
  });

  it('says in Danish why a year cannot be allocated, and still shows its budget', async () => {
    const res = await consultant.get('/oekonomi/aar/2031');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Fordelingen på kommunerne kan ikke beregnes: Der er ikke valgt befolkningstal for 2031. Vælg under Befolkningstal, hvilken periode 2031 bruger.');
    expect(solutionRow(res.body, 'aula')).toBe('Aula 12.345,00 kr. (samlet) – – Kan ikke beregnes');
    expect(res.body).not.toContain('<tr data-kommune=');
    const api = (await consultant.api('GET', '/api/v1/economy/years/2031/overview')).json();
    expect(api.allocationError).toContain('Der er ikke valgt befolkningstal for 2031.');
    expect(api.solutions.find((s: { solutionKey: string }) => s.solutionKey === 'aula')).toMatchObject({ budgetOre: 12_345_00, allocatedOre: null, matches: null });
    expect(api.municipalities).toEqual([]);
  });

  it('exports the overview as a workbook: the check per solution, every municipality × solution, and the budget', async () => {
    const res = await consultant.get(`/oekonomi/aar/${YEAR}/oversigt.xlsx`);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers['content-disposition']).toContain('aarsoversigt-2026.xlsx');
    const sheets = await readKeyedWorkbook(res.rawPayload, 'aarsoversigt-2026.xlsx');
    expect(sheets.map((s) => s.name)).toEqual(['Løsninger', 'Kommuner', 'Budget']);
    const [solutions, municipalities, budget] = sheets as [(typeof sheets)[0], (typeof sheets)[0], (typeof sheets)[0]];
    const col = (sheet: (typeof sheets)[0], key: string) => sheet.columns.find((c) => c.namedKey === key)!.index;
    const aula = solutions.rows.find((r) => r.cells[col(solutions, 'solutionKey')] === 'aula')!;
    expect(aula.cells[col(solutions, 'budgetKr')]).toBe('300000000');
    expect(aula.cells[col(solutions, 'check')]).toBe('Kommunernes andele svarer til budgettet');
    expect(municipalities.rows).toHaveLength(98);
    const kbh = municipalities.rows.find((r) => r.cells[col(municipalities, 'code')] === '0101')!;
    expect(kbh.cells[col(municipalities, 'solution.infrastruktur')]).toBe('10213737.5');
    expect(kbh.cells[col(municipalities, 'population')]).toBe('667099');
    expect(budget.rows.map((r) => `${r.cells[col(budget, 'solution')]} ${r.cells[col(budget, 'stage')]} ${r.cells[col(budget, 'counts')]}`)).toEqual(
      expect.arrayContaining(['Aula Foreløbigt budget Nej', 'Aula Samlet budget Ja', 'KY Foreløbigt budget Ja']),
    );
    // A year that cannot be allocated still exports its budget.
    const failed = await readKeyedWorkbook((await consultant.get('/oekonomi/aar/2031/oversigt.xlsx')).rawPayload, 'x.xlsx');
    expect(failed[0]!.rows.find((r) => r.cells[1] === 'Aula')!.cells.join('|')).toContain('Kan ikke beregnes: Der er ikke valgt befolkningstal for 2031.');
  });
});
