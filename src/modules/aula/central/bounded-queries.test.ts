import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildAulaFiles, buildAulaRuleSet, clearAula } from '../../../../test/factories/aula.ts';
import { municipality } from '../../../platform/identity/schema.ts';
import { aulaCategories } from '../categories.ts';
import { aulaMunicipality, aulaReadinessEvent, aulaRelevantCategory, readinessItems } from '../schema.ts';

/**
 * The overview, its workbook and the list API run the same number of statements with nothing
 * registered as with every municipality registered, a readiness history and an inventory.
 */
describe('the overview of the 98 runs a bounded number of statements', () => {
  let t: TestApp;
  let consultant: Client;
  const urls = ['/aula?dato=01.03.2027&ikkeKlar=on', '/aula/oversigt.xlsx?dato=01.03.2027', '/api/v1/aula/municipalities?date=2027-03-01'];

  async function count(url: string) {
    const start = t.database.queries.count;
    const res = await consultant.get(url);
    expect(res.statusCode, url).toBe(200);
    return t.database.queries.count - start;
  }

  beforeAll(async () => {
    t = await startTestApp();
    await clearAula(t.database.db);
    consultant = await loginAs(t.app, DEMO.consultant);
  });
  afterAll(async () => t.close());

  it('whatever the number of registrations, events and files', async () => {
    await buildAulaRuleSet(t.database.db, { activationDate: '2020-01-01' });
    const empty = [];
    for (const url of urls) empty.push(await count(url));
    const db = t.database.db;
    const codes = (await db.select({ code: municipality.code }).from(municipality)).map((m) => m.code);
    await db.insert(aulaMunicipality).values(codes.map((code, i) => ({ municipalityCode: code, esdhSystem: (['sbsys', 'acadre', 'edoc'] as const)[i % 3], vendorInTest: i % 2 === 0, integrationState: 'i_test' as const })));
    await db.insert(aulaRelevantCategory).values(codes.flatMap((code) => aulaCategories.map((c) => ({ municipalityCode: code, category: c.key, relevant: true }))));
    await db.insert(aulaReadinessEvent).values(codes.flatMap((code) => readinessItems.map((item, i) => ({ municipalityCode: code, item, done: i % 2 === 0 }))));
    for (const code of codes.slice(0, 10)) {
      await buildAulaFiles(db, code, Array.from({ length: 20 }, (_, i) => ({ id: `${code}-${i}`, category: aulaCategories[i % 9]!.key, trigger: '2023-01-01' })));
    }
    const full = [];
    for (const url of urls) full.push(await count(url));
    expect(full).toEqual(empty);
    expect(Math.max(...full)).toBeLessThanOrEqual(12);
  });
});
