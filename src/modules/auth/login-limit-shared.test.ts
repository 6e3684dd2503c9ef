import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, startTestApp, type TestApp } from '../../../test/app.ts';
import { buildApp } from '../../app.ts';
import { authAttempt } from '../../platform/auth/throttle-schema.ts';
import { pruneJobs } from '../../platform/scheduler/prune-expired.ts';

/**
 * The login limit (ten wrong passwords per IP and e-mail in a quarter of an hour) counted in the
 * database before the password is checked: parallel guesses cannot all be checked, and another
 * app instance on the same database, or the same one restarted, knows the count.
 */

let t: TestApp;
const extra: FastifyInstance[] = [];

async function attemptLogin(app: FastifyInstance, email: string, password: string) {
  const client = new Client(app);
  await client.get('/login');
  return app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ email, password, _csrf: client.csrf }).toString(),
  });
}

/** Another instance of the application on the same database, as behind a load balancer or after a restart. */
async function anotherInstance() {
  const app = await buildApp({ config: t.config, database: t.database, logger: false });
  await app.ready();
  extra.push(app);
  return app;
}

beforeAll(async () => {
  t = await startTestApp();
});
afterAll(async () => {
  for (const app of extra) await app.close();
  await t?.close();
});

describe('the login limit under parallel requests', () => {
  it('checks at most ten of 100 parallel wrong passwords, refuses the rest with 429, and then the right one too', async () => {
    const email = DEMO.programLeader('0320');
    const answers = await Promise.all(Array.from({ length: 100 }, (_, i) => attemptLogin(t.app, email, `forkert-${i}`)));
    const statuses = answers.map((a) => a.statusCode);

    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(10);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(90);
    expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
    const blocked = answers.find((a) => a.statusCode === 429)!;
    expect(blocked.body).toContain('For mange forsøg. Vent lidt og prøv igen.');

    const right = await attemptLogin(t.app, email, DEMO.password);
    expect(right.statusCode).toBe(429);
    expect(right.headers['set-cookie'] ?? '').not.toContain('samspil_session');
    // Someone else from the same address is not held back by it.
    expect((await attemptLogin(t.app, DEMO.klikAdmin('0320'), DEMO.password)).statusCode).toBe(303);
  });

  it('shares the count between two app instances on one database, and keeps it across a restart', async () => {
    const email = DEMO.programLeader('0153');
    const second = await anotherInstance();
    for (let i = 0; i < 5; i++) expect((await attemptLogin(t.app, email, `forkert-${i}`)).statusCode).toBe(401);
    for (let i = 5; i < 10; i++) expect((await attemptLogin(second, email, `forkert-${i}`)).statusCode).toBe(401);

    expect((await attemptLogin(second, email, DEMO.password)).statusCode).toBe(429);
    expect((await attemptLogin(t.app, email, DEMO.password)).statusCode).toBe(429);
    const restarted = await anotherInstance();
    expect((await attemptLogin(restarted, email, DEMO.password)).statusCode).toBe(429);
  });

  it('lets the right password in again once the quarter of an hour has passed, and clears the old counts', async () => {
    const email = DEMO.programLeader('0101');
    for (let i = 0; i < 10; i++) expect((await attemptLogin(t.app, email, `forkert-${i}`)).statusCode).toBe(401);
    expect((await attemptLogin(t.app, email, DEMO.password)).statusCode).toBe(429);

    const later = new Date(Date.now() + 16 * 60_000);
    t.setNow(later);
    try {
      expect((await attemptLogin(t.app, email, DEMO.password)).statusCode).toBe(303);
      const [prune] = pruneJobs(t.database);
      await prune!.run(new Date(later.getTime() + 16 * 60_000));
      expect(await t.database.db.select().from(authAttempt)).toEqual([]);
    } finally {
      t.setNow(null);
    }
  });
});
