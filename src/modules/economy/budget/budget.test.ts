import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { person, roleAssignment, userAccount } from '../../../db/schema.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { costActual, costBudget } from '../schema.ts';
import { poolAmountForYear } from './pool-amount.ts';

const ECONOMIST = { email: 'oekonomi@budget.test', password: 'budget-oekonomi-1' };
const YEAR = 2027;

/** The four parts of a stage's form, in kroner as a user types them. */
const form = (stage: 'foreloebigt' | 'samlet', drift: string, vedligehold: string, udvikling: string, pulje: string) => ({
  [`${stage}-drift`]: drift,
  [`${stage}-vedligehold`]: vedligehold,
  [`${stage}-udvikling`]: udvikling,
  [`${stage}-pulje`]: pulje,
});

/** The text of a table's footer row, tags removed. */
const footer = (html: string, stage: string) => {
  const table = new RegExp(`<table[^>]*data-stage="${stage}"[^>]*>([\\s\\S]*?)</table>`).exec(html)![1]!;
  return /<tfoot>([\s\S]*?)<\/tfoot>/.exec(table)![1]!.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
};
const row = (html: string, table: string, key: string) => {
  const t = new RegExp(`<table[^>]*data-(?:stage|table)="${table}"[^>]*>([\\s\\S]*?)</table>`).exec(html)![1]!;
  return new RegExp(`<tr data-loesning="${key}">([\\s\\S]*?)</tr>`).exec(t)![1]!.replace(/<[^>]*>/g, ' ').replace(/\s+/g, ' ').trim();
};

describe('the cost budget per year and solution', () => {
  let t: TestApp;
  let economist: Client;
  let admin: Client;
  let consultant: Client;
  let faxe: Client;

  const audits = async (action: string) =>
    (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(auditEvent).where(eq(auditEvent.action, action as 'economy.cost_budget_saved')))[0]!.n;
  const budgets = () => t.database.db.select().from(costBudget).orderBy(costBudget.year, costBudget.solutionKey, costBudget.stage);

  beforeAll(async () => {
    t = await startTestApp();
    const db = t.database.db;
    const [p] = await db.insert(person).values({ municipalityCode: null, name: 'Birte Budget', email: ECONOMIST.email, title: 'Økonom' }).returning({ id: person.id });
    await db.insert(userAccount).values({ personId: p!.id, email: ECONOMIST.email, passwordHash: await hashPassword(ECONOMIST.password) });
    await db.insert(roleAssignment).values({ personId: p!.id, municipalityCode: null, roleTypeKey: 'oekonomi', solutionKey: null });
    economist = await loginAs(t.app, ECONOMIST.email, ECONOMIST.password);
    admin = await loginAs(t.app, DEMO.admin);
    consultant = await loginAs(t.app, DEMO.consultant);
    faxe = await loginAs(t.app, DEMO.programLeader('0320'));
  });
  afterAll(() => t?.close());

  it('saves both stages from the forms and shows the parts, the sums per column, the change and the pool', async () => {
    await economist.get(`/oekonomi/budget/${YEAR}/aula`);
    const first = await economist.post(`/oekonomi/budget/${YEAR}/aula/foreloebigt`, form('foreloebigt', '10.000.000', '2.000.000,50', '1.000.000', '500.000'));
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toBe(`/oekonomi/budget/${YEAR}?besked=budget-gemt`);
    await economist.post(`/oekonomi/budget/${YEAR}/aula/samlet`, form('samlet', '11.000.000', '2.000.000,50', '1.500.000', '600.000 kr.'));
    // Valg has only a preliminary budget: its pool part counts until a total budget is made.
    await economist.post(`/oekonomi/budget/${YEAR}/valg/foreloebigt`, form('foreloebigt', '3.000.000', '0', '0', '250.000,25'));
    await admin.get(`/oekonomi/budget/${YEAR}/ky`);
    await admin.post(`/oekonomi/budget/${YEAR}/ky/samlet`, form('samlet', '1.000', '2.000', '3.000', '4.000'));

    const page = await economist.get(`/oekonomi/budget/${YEAR}?besked=budget-gemt`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Budgettet er gemt.');
    // Aula's total: 11.000.000 + 2.000.000,50 + 1.500.000 + 600.000
    expect(row(page.body, 'samlet', 'aula')).toBe('Aula 11.000.000,00 kr. 2.000.000,50 kr. 1.500.000,00 kr. 600.000,00 kr. 15.100.000,50 kr.');
    expect(footer(page.body, 'samlet')).toBe('I alt 11.001.000,00 kr. 2.002.000,50 kr. 1.503.000,00 kr. 604.000,00 kr. 15.110.000,50 kr.');
    expect(footer(page.body, 'foreloebigt')).toBe('I alt 13.000.000,00 kr. 2.000.000,50 kr. 1.000.000,00 kr. 750.000,25 kr. 16.750.000,75 kr.');
    // preliminary 13.500.000,50 → total 15.100.000,50
    expect(row(page.body, 'aendring', 'aula')).toContain('+1.600.000,00 kr. (+11,9 %)');
    // The pool: Aula's and KY's total budgets, Valg's preliminary.
    expect(await poolAmountForYear(t.database.db, YEAR)).toBe(600_000_00 + 4_000_00 + 250_000_25);
    expect(/<dd data-pool>([^<]*)</.exec(page.body)![1]).toBe('854.000,25 kr.');
    expect(await poolAmountForYear(t.database.db, 2099)).toBe(0);
    const odd = await economist.get(`/oekonomi/budget/${YEAR}?besked=constructor`);
    expect(odd.statusCode).toBe(200);
    expect(odd.body).not.toContain('[native code]');

    const api = await consultant.api('GET', `/api/v1/economy/years/${YEAR}/cost-budget`);
    expect(api.statusCode).toBe(200);
    const body = api.json();
    expect(body.poolOre).toBe(854_000_25);
    expect(body.solutions).toHaveLength(14);
    expect(body.solutions.find((s: { solutionKey: string }) => s.solutionKey === 'aula')).toMatchObject({
      budgetStage: 'samlet',
      budgetOre: 15_100_000_50,
      changeOre: 1_600_000_00,
      budgets: [
        { stage: 'foreloebigt', operationOre: 10_000_000_00, maintenanceOre: 2_000_000_50, developmentOre: 1_000_000_00, poolOre: 500_000_00, totalOre: 13_500_000_50 },
        { stage: 'samlet', totalOre: 15_100_000_50 },
      ],
    });
  });

  it('saves the same budget twice as one row and one audit entry, and logs the change with before and after', async () => {
    const before = await audits('economy.cost_budget_saved');
    await economist.get(`/oekonomi/budget/${YEAR}/sapa`);
    const values = form('samlet', '100', '200', '300', '400');
    expect((await economist.post(`/oekonomi/budget/${YEAR}/sapa/samlet`, values)).headers.location).toBe(`/oekonomi/budget/${YEAR}?besked=budget-gemt`);
    expect((await economist.post(`/oekonomi/budget/${YEAR}/sapa/samlet`, values)).headers.location).toBe(`/oekonomi/budget/${YEAR}?besked=uaendret`);
    const body = { stage: 'samlet', operationOre: 100_00, maintenanceOre: 200_00, developmentOre: 300_00, poolOre: 400_00 };
    await Promise.all([economist.api('PUT', `/api/v1/economy/years/${YEAR}/cost-budget/sapa`, body), economist.api('PUT', `/api/v1/economy/years/${YEAR}/cost-budget/sapa`, body)]);
    expect(await audits('economy.cost_budget_saved')).toBe(before + 1);
    const changed = await economist.api('PUT', `/api/v1/economy/years/${YEAR}/cost-budget/sapa`, { ...body, poolOre: 500_00 });
    expect(changed.statusCode).toBe(200);
    expect(changed.json()).toMatchObject({ solutionKey: 'sapa', budgetStage: 'samlet', budgetOre: 1_100_00 });
    expect(await audits('economy.cost_budget_saved')).toBe(before + 2);
    const [last] = await t.database.db.select().from(auditEvent).where(eq(auditEvent.action, 'economy.cost_budget_saved')).orderBy(sql`${auditEvent.at} desc, ${auditEvent.id} desc`).limit(1);
    expect(last).toMatchObject({ entityId: `${YEAR}/sapa/samlet`, before: { poolOre: 400_00 }, after: { poolOre: 500_00 } });
    expect((await budgets()).filter((b) => b.solutionKey === 'sapa')).toHaveLength(1);
  });

  it('refuses a negative amount, text and a too large amount with Danish messages by the fields, and changes nothing', async () => {
    const rows = await budgets();
    const logged = await audits('economy.cost_budget_saved');
    await economist.get(`/oekonomi/budget/${YEAR}/aula`);
    const res = await economist.post(`/oekonomi/budget/${YEAR}/aula/samlet`, form('samlet', '-5', 'abc', '100.000.000.000,01', '1.5'));
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Budgettet er ikke gemt. Ret beløbene og prøv igen.');
    expect(res.body).toContain('Samlet budget, drift: Beløbet kan ikke være negativt');
    expect(res.body).toContain('Samlet budget, vedligehold: Beløbet kan kun indeholde cifre');
    expect(res.body).toContain('Samlet budget, udvikling: Beløbet kan højst være 100.000.000.000,00 kr.');
    expect(res.body).toContain('Samlet budget, prioriteringspulje: Skriv beløbet med punktum mellem tusinder og komma før ørerne');
    // What was typed is shown again, in the field it was typed in.
    expect(res.body).toMatch(/id="felt-samlet-vedligehold"[^>]*value="abc"|value="abc"[^>]*id="felt-samlet-vedligehold"/);
    const missing = await economist.post(`/oekonomi/budget/${YEAR}/aula/foreloebigt`, {});
    expect(missing.statusCode).toBe(422);
    expect(missing.body).toContain('Foreløbigt budget, drift: Skriv et beløb i kroner, fx 1.234,50');

    for (const bad of [
      { stage: 'samlet', operationOre: -1, maintenanceOre: 0, developmentOre: 0, poolOre: 0 },
      { stage: 'samlet', operationOre: 'abc', maintenanceOre: 0, developmentOre: 0, poolOre: 0 },
      { stage: 'samlet', operationOre: 1.5, maintenanceOre: 0, developmentOre: 0, poolOre: 0 },
      { stage: 'samlet', operationOre: 10_000_000_000_001, maintenanceOre: 0, developmentOre: 0, poolOre: 0 },
      { stage: 'endelig', operationOre: 0, maintenanceOre: 0, developmentOre: 0, poolOre: 0 },
      { stage: 'samlet', operationOre: 0 },
    ]) {
      const api = await economist.api('PUT', `/api/v1/economy/years/${YEAR}/cost-budget/aula`, bad);
      expect(api.statusCode, JSON.stringify(bad)).toBe(422);
      expect(api.json().code).toBe('validation_failed');
    }
    const api = await economist.api('PUT', `/api/v1/economy/years/${YEAR}/cost-budget/aula`, { stage: 'samlet', operationOre: -1, maintenanceOre: 'x', developmentOre: 0, poolOre: 0 });
    expect(api.json().fieldErrors).toEqual({ operationOre: 'Drift kan ikke være negativ', maintenanceOre: 'Vedligehold skal være et helt antal øre' });
    const unknown = await economist.api('PUT', `/api/v1/economy/years/${YEAR}/cost-budget/ingen`, { stage: 'samlet', operationOre: 0, maintenanceOre: 0, developmentOre: 0, poolOre: 0 });
    expect(unknown.statusCode).toBe(404);
    expect((await economist.api('PUT', `/api/v1/economy/years/${YEAR}/actual-costs/aula`, { actualOre: -1 })).statusCode).toBe(422);
    await economist.get(`/oekonomi/budget/${YEAR}/aula`);
    const actual = await economist.post(`/oekonomi/budget/${YEAR}/aula/regnskab`, { faktisk: 'mange penge' });
    expect(actual.statusCode).toBe(422);
    expect(actual.body).toContain('Faktisk omkostning: Beløbet kan kun indeholde cifre');

    expect(await budgets()).toEqual(rows);
    expect(await audits('economy.cost_budget_saved')).toBe(logged);
    expect(await t.database.db.select().from(costActual)).toEqual([]);
  });

  it('stores the actual cost per solution, shown against the budget and audited once', async () => {
    await economist.get(`/oekonomi/budget/${YEAR}/aula`);
    const res = await economist.post(`/oekonomi/budget/${YEAR}/aula/regnskab`, { faktisk: '14.999.999,50' });
    expect(res.headers.location).toBe(`/oekonomi/budget/${YEAR}?besked=regnskab-gemt`);
    expect((await economist.post(`/oekonomi/budget/${YEAR}/aula/regnskab`, { faktisk: '14.999.999,50 kr.' })).headers.location).toBe(`/oekonomi/budget/${YEAR}?besked=uaendret`);
    const put = await admin.api('PUT', `/api/v1/economy/years/${YEAR}/actual-costs/valg`, { actualOre: 2_500_000_00 });
    expect(put.json()).toEqual({ year: YEAR, solutionKey: 'valg', actualOre: 2_500_000_00 });
    expect(await audits('economy.cost_actual_saved')).toBe(2);
    const [aula] = await t.database.db.select().from(costActual).where(and(eq(costActual.year, YEAR), eq(costActual.solutionKey, 'aula')));
    expect(aula!.actualOre).toBe(14_999_999_50);
    const page = await consultant.get(`/oekonomi/budget/${YEAR}`);
    // budget 15.100.000,50 (samlet), actual 14.999.999,50
    expect(row(page.body, 'regnskab', 'aula')).toBe('Aula 15.100.000,50 kr. (samlet) 14.999.999,50 kr. -100.001,00 kr.');
    expect(row(page.body, 'regnskab', 'valg')).toBe('Valg 3.250.000,25 kr. (foreløbigt) 2.500.000,00 kr. -750.000,25 kr.');
    const api = await consultant.api('GET', `/api/v1/economy/years/${YEAR}/cost-budget`);
    expect(api.json().solutions.find((s: { solutionKey: string }) => s.solutionKey === 'valg')).toMatchObject({ actualOre: 2_500_000_00, budgetStage: 'foreloebigt' });
  });

  it('is central: a municipality gets 404, the consultant reads but gets 403 on every write', async () => {
    for (const url of [`/oekonomi/budget/${YEAR}`, `/oekonomi/budget/${YEAR}/aula`, `/oekonomi/aar/${YEAR}`, `/oekonomi/aar/${YEAR}/oversigt.xlsx`]) {
      expect((await faxe.get(url)).statusCode, url).toBe(404);
    }
    expect((await faxe.api('GET', `/api/v1/economy/years/${YEAR}/cost-budget`)).statusCode).toBe(404);
    expect((await faxe.api('PUT', `/api/v1/economy/years/${YEAR}/cost-budget/aula`, { stage: 'samlet', operationOre: 1, maintenanceOre: 0, developmentOre: 0, poolOre: 0 })).statusCode).toBe(404);
    const rows = await budgets();
    const page = await consultant.get(`/oekonomi/budget/${YEAR}`);
    expect(page.statusCode).toBe(200);
    // The consultant sees the names, not links to the forms.
    expect(page.body).not.toContain(`href="/oekonomi/budget/${YEAR}/aula"`);
    expect((await consultant.get(`/oekonomi/budget/${YEAR}/aula`)).statusCode).toBe(403);
    const post = await consultant.post(`/oekonomi/budget/${YEAR}/aula/samlet`, form('samlet', '1', '1', '1', '1'));
    expect(post.statusCode).toBe(403);
    expect((await consultant.post(`/oekonomi/budget/${YEAR}/aula/regnskab`, { faktisk: '1' })).statusCode).toBe(403);
    const put = await consultant.api('PUT', `/api/v1/economy/years/${YEAR}/cost-budget/aula`, { stage: 'samlet', operationOre: -1 });
    expect(put.statusCode).toBe(403);
    expect(put.json().message).toBe('Kun KOMBITs økonomi og administratorer kan ændre budgettet og de faktiske omkostninger.');
    expect(await budgets()).toEqual(rows);
  });
});
