import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAgreements, BENCH_AGREEMENTS } from '../../../../bench/agreements.ts';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';

let t: TestApp;

beforeAll(async () => {
  t = await startTestApp();
  // The bench's agreements: 60 sent to all 98, about 70 % signed, 5 % pending, 5 % in dialogue.
  await addAgreements(t.database.db);
});
afterAll(() => t?.close());

describe('the matrix at 98 × 60', () => {
  it('is at most 200 KiB with every cell, counts and legend', async () => {
    const consultant = await loginAs(t.app, DEMO.consultant);
    const page = await consultant.get('/aftaler/overblik');
    expect(page.statusCode).toBe(200);
    expect([...page.body.matchAll(/<tr data-kommune="\d{4}">/g)]).toHaveLength(98);
    const columns = [...page.body.matchAll(/<th scope="col" data-aftale=/g)].length;
    expect(columns).toBeGreaterThanOrEqual(BENCH_AGREEMENTS);
    const cells = [...page.body.matchAll(/<td class="[srpdnx]">/g)].length;
    expect(cells).toBe(98 * columns);
    expect(Buffer.byteLength(page.body)).toBeLessThanOrEqual(200 * 1024);
  });
});
