import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from './app.ts';

/**
 * Pages show a notice for their `?besked=` key. A key that is a property of every object
 * (constructor, toString) is not one of the page's notices: the page shows no notice, rather than
 * Object's function printed as text.
 */
describe('?besked= keys that every object has', () => {
  let t: TestApp;
  let admin: Client;
  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAs(t.app, DEMO.admin);
  });
  afterAll(() => t.close());

  it.each(['/portefoelje', '/aftaler', '/kommuner/0320', '/compliance', '/compliance/leverandoerer', '/opgaver/ny'])('%s shows no notice for them', async (url) => {
    for (const key of ['constructor', 'toString', '__proto__']) {
      const res = await admin.get(`${url}?besked=${key}`);
      expect(res.statusCode, `${url}?besked=${key}`).toBeLessThan(500);
      expect(res.body).not.toContain('[native code]');
      expect(res.body).not.toContain('[object Object]');
    }
  });
});
