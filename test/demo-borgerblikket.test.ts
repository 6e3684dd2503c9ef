import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/client.ts';
import { DEMO_ASSESSMENT_ID } from '../src/modules/borgerblikket/demo-assessment.ts';
import { seedDemoBorgerblikket } from '../src/modules/borgerblikket/demo.ts';
import { DEMO, loginAs, startTestApp, type TestApp } from './app.ts';

/** Seeded on a day after the deck's dates: the 2025 timeline is history, one milestone lies ahead. */
const NOW = new Date('2026-12-06T10:00:00+01:00');

describe('the Borgerblikket demo', () => {
  let t: TestApp;
  const count = async (table: string) => (await rawRows<{ n: number }>(t.database.db, sql.raw(`select count(*)::int as n from ${table}`)))[0]!.n;

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(NOW);
    await seedDemoBorgerblikket(t.database.db, NOW);
  });
  afterAll(() => t.close());

  it('has a synthetic plan of a few hundred numbers in realistic main groups, one of them expired', async () => {
    const rows = await rawRows<{ level: string; n: number; expired: number }>(
      t.database.db,
      sql`select level, count(*)::int as n, (count(*) filter (where expired_on is not null))::int as expired from kle_number group by level`,
    );
    const by = Object.fromEntries(rows.map((r) => [r.level, r]));
    expect(by.emne!.n).toBeGreaterThan(200);
    expect(by.hovedgruppe!.n).toBeGreaterThanOrEqual(10);
    expect(rows.reduce((n, r) => n + r.expired, 0)).toBeGreaterThanOrEqual(1);
    const [main] = await rawRows<{ title: string }>(t.database.db, sql`select title from kle_number where number in ('27', '28') order by number`);
    expect(main!.title).toMatch(/Arbejdsmarked/);
  });

  it('gives all 98 municipalities a configuration with its history, Faxe opening 27 and 28 for the young', async () => {
    const [configured] = await rawRows<{ n: number }>(t.database.db, sql`select count(distinct municipality_code)::int as n from bb_config_entry`);
    expect(configured!.n).toBe(98);
    const [history] = await rawRows<{ n: number }>(t.database.db, sql`select count(distinct municipality_code)::int as n from bb_config_change`);
    expect(history!.n).toBe(98);
    const leader = await loginAs(t.app, DEMO.programLeader('0320'));
    const api = await leader.api('GET', '/api/v1/borgerblikket/municipalities/0320/configuration');
    expect(api.statusCode).toBe(200);
    const entries = (api.json() as { entries: { kle: string; shown: boolean; youth: boolean }[] }).entries;
    expect(entries.find((e) => e.kle === '27')).toMatchObject({ shown: true, youth: true });
    expect(entries.find((e) => e.kle === '28')).toMatchObject({ shown: true, youth: true });
  });

  it("shows the deck's timeline as history and one milestone ahead on the programme's page", async () => {
    const leader = await loginAs(t.app, DEMO.programLeader('0320'));
    const page = await leader.get('/borgerblikket');
    expect(page.statusCode).toBe(200);
    for (const text of ['KLIK-opgave: vurdér KLE-numre med ungedata', '09.06.2025', 'Release 3.19', '11.06.2025', '12.06.2025–31.10.2025', '01.11.2025–02.11.2025', '03.11.2025']) {
      expect(page.body).toContain(text);
    }
    expect(page.body.match(/>Afsluttet</g)?.length).toBe(5);
    expect(page.body).toContain('27.12.2026');
    expect(page.body.match(/>Kommende</g)?.length).toBe(1);
  });

  it('has the assessment with extracts: some municipalities done with numbers closed for the young, Faxe in progress', async () => {
    const consultant = await loginAs(t.app, DEMO.consultant);
    const res = await consultant.api('GET', `/api/v1/borgerblikket/assessments/${DEMO_ASSESSMENT_ID}/progress`);
    expect(res.statusCode).toBe(200);
    const progress = res.json() as { totals: { municipalities: number; done: number; inProgress: number; closed: number }; municipalities: { code: string; state: string; decided: number; listed: number }[] };
    expect(progress.totals.municipalities).toBe(98);
    expect(progress.totals.done).toBeGreaterThan(10);
    expect(progress.totals.closed).toBeGreaterThan(0);
    const faxe = progress.municipalities.find((m) => m.code === '0320')!;
    expect(faxe.state).toBe('i_gang');
    expect(faxe.listed - faxe.decided).toBeGreaterThanOrEqual(3);
    const [attachments] = await rawRows<{ n: number }>(
      t.database.db,
      sql`select count(distinct f.municipality_code)::int as n from task_file f join bb_assessment a on a.task_id = f.task_id where a.id = ${DEMO_ASSESSMENT_ID}`,
    );
    expect(attachments!.n).toBe(98);
  });

  it('does nothing when seeded a second time', async () => {
    const tables = ['kle_number', 'kle_plan_import', 'bb_config_entry', 'bb_config_change', 'bb_assessment', 'bb_assessment_number', 'project_milestone'];
    const before = await Promise.all(tables.map(count));
    await seedDemoBorgerblikket(t.database.db, NOW);
    expect(await Promise.all(tables.map(count))).toEqual(before);
  });
});
