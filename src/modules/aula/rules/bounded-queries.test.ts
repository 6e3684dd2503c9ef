import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { aulaCategories } from '../categories.ts';

/**
 * The rules page and API run the same number of statements however many versions there are: asked
 * with one version, and again with six; an N+1 over versions shows up as a count that grows.
 */
const pages = ['/aula/sletteregler', '/api/v1/aula/rules', '/api/v1/aula/rules?date=2030-01-01', '/aula/sletteregler/ny'];

describe('the deletion rules run a bounded number of statements', () => {
  let t: TestApp;
  let admin: Client;
  const version = (year: number) => ({
    name: `Regler ${String(year)}`,
    activationDate: `${String(year)}-09-01`,
    rules: aulaCategories.map((c) => ({ category: c.key, trigger: 'oprettet', periodMonths: 36 })),
  });
  async function counts() {
    const out: [string, number][] = [];
    // One at a time: the counter is shared by every request in flight.
    for (const url of pages) out.push([url, await count(url)]);
    return out;
  }
  async function count(url: string) {
    const start = t.database.queries.count;
    const res = await admin.get(url);
    expect(res.statusCode, url).toBe(200);
    return t.database.queries.count - start;
  }

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAs(t.app, DEMO.admin);
  });
  afterAll(async () => t.close());

  it('with one version and with six', async () => {
    expect((await admin.api('POST', '/api/v1/aula/rules', version(2024))).statusCode).toBe(201);
    const one = await counts();
    for (const year of [2025, 2026, 2027, 2028, 2029]) expect((await admin.api('POST', '/api/v1/aula/rules', version(year))).statusCode).toBe(201);
    const six = await counts();
    expect(six).toEqual(one);
  });
});
