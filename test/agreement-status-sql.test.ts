import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './app.ts';
import { rawRows } from '../src/db/client.ts';
import { seedDemoTasks } from '../src/modules/tasks/demo.ts';
import { seedDemoAgreements } from '../src/modules/agreements/demo.ts';
import { loadStatuses, OUTSTANDING } from '../src/modules/agreements/status.ts';
import { outstandingSql } from '../src/modules/agreements/status-sql.ts';

describe('the SQL condition for "still owes a signature"', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    // The agreements demo as `npm start` seeds it (the test template has people and roles only).
    await seedDemoTasks(t.database.db);
    await seedDemoAgreements(t.database.db);
  }, 60_000);
  afterAll(() => t.close());

  it('answers as status.ts does for every addressed municipality of every demo agreement', async () => {
    const db = t.database.db;
    const statuses = await loadStatuses(db);
    const rows = await rawRows<{ agreement_id: string; municipality_code: string; outstanding: boolean }>(
      db,
      sql`select t.agreement_id, t.municipality_code, ${outstandingSql('a', 't')} as outstanding
        from agreement_target t join agreement a on a.id = t.agreement_id`,
    );
    const bySql = new Map(rows.map((r) => [`${r.agreement_id}|${r.municipality_code}`, Boolean(r.outstanding)]));
    // The demo has every status, K98 replacements included, or the comparison proves little.
    expect(new Set(statuses.map((s) => s.status))).toEqual(new Set(['signed', 'replaced', 'pending', 'in_dialogue', 'not_signed']));
    expect(bySql.size).toBe(statuses.length);
    const disagree = statuses.filter((s) => bySql.get(`${s.agreementId}|${s.municipalityCode}`) !== OUTSTANDING.includes(s.status));
    expect(disagree.map((s) => `${s.agreementId} ${s.municipalityCode} ${s.status}`)).toEqual([]);
  });
});
