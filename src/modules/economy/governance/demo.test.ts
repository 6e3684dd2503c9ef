import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { council, councilMeeting, councilMember } from '../schema.ts';
import { seedDemoGovernance } from './demo.ts';
import { minutesOfYear } from './minutes.ts';

describe('the K98 governance demo', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it("seeds the deck's Porteføljeråd, two Fagråd and January 2026's meetings with their minutes, once", async () => {
    const first = await seedDemoGovernance(t.database.db);
    const count = async () =>
      Promise.all([council, councilMember, councilMeeting].map(async (table) => (await t.database.db.select({ n: sql<number>`count(*)::int` }).from(table))[0]!.n));
    const before = await count();
    expect(await seedDemoGovernance(t.database.db)).toEqual(first);
    expect(await count()).toEqual(before);

    const faxe = await loginAs(t.app, DEMO.programLeader('0320'));
    const api = (await faxe.api('GET', '/api/v1/governance/councils/portefoeljeraadet')).json() as { seats: { seat: string; vacant: boolean; chair: boolean }[] };
    const seats = api.seats.map((s) => s.seat);
    for (const kkr of ['Hovedstaden', 'Sjælland', 'Syddanmark', 'Midtjylland', 'Nordjylland']) expect(seats).toContain(`Kommunaldirektør, KKR ${kkr}`);
    expect(seats.filter((s) => s === 'Kommunal økonomidirektør')).toHaveLength(2);
    expect(seats.filter((s) => s.startsWith('Forperson for Fagråd'))).toHaveLength(2);
    expect(seats.filter((s) => s === 'Repræsentant for KOMBITs direktion')).toHaveLength(2);
    expect(seats).toEqual(expect.arrayContaining(['Repræsentant for Kommunaldirektørforeningen (KOMDIR)', 'Repræsentant for Økonomidirektørforeningen (ØDF)', 'Kommunal IT- og digitaliseringschef', 'Repræsentant for ATP (Udbetaling Danmark)', 'Repræsentant for KL']));
    expect(api.seats).toHaveLength(16);
    expect(api.seats.filter((s) => s.chair)).toHaveLength(1);
    expect(api.seats.filter((s) => s.vacant)).toHaveLength(1);

    const minutes = await minutesOfYear(t.database.db, 2026);
    expect(minutes.map((m) => [m.date, m.title])).toEqual([
      ['2026-01-13', '1. Fagrådsmøde 2026'],
      ['2026-01-15', '1. Fagrådsmøde 2026'],
      ['2026-01-27', '1. Porteføljerådsmøde 2026'],
    ]);
    const referat = await faxe.get(minutes[2]!.href);
    expect(referat.statusCode).toBe(200);
    expect(referat.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    const meetings = (await faxe.api('GET', '/api/v1/governance/meetings?year=2026')).json() as { meetings: unknown[] };
    expect(meetings.meetings).toHaveLength(9);
  });
});
