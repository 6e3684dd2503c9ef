import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from './app.ts';

describe('the app on a fresh demo database', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('answers /healthz after checking the database', async () => {
    const res = await t.app.inject('/healthz');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toMatchObject({ status: 'ok' });
  });

  it("shows Faxe's KLIK administrator Faxe's gallery with who is logged in", async () => {
    const c = await loginAs(t.app, DEMO.klikAdmin('0320'));
    const res = await c.get('/kommuner/0320');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Faxe Kommune – rollegalleri');
    expect(res.body).toContain('KLIK-administrator Faxe');
  });
});
