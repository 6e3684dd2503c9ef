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
    expect(res.body).toContain('<h1>Faxe Kommune</h1>');
    expect(res.body).toContain('KLIK-administrator Faxe');
  });
});

describe('an anonymous caller', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
  });
  afterAll(() => t.close());

  it('gets 401 from the API before its input is even looked at', async () => {
    const res = await t.app.inject({ method: 'POST', url: '/api/v1/municipalities/0320/people', payload: { x: 1 } });
    expect(res.statusCode).toBe(401);
    expect(res.json()).toMatchObject({ code: 'unauthenticated' });
  });

  it('can load the stylesheet the login page needs', async () => {
    const res = await t.app.inject('/static/dkfds/css/dkfds.min.css');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/css');
  });
});
