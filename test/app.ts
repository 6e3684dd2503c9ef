import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { buildApp } from '../src/app.ts';
import { loadConfig, type Config } from '../src/config.ts';
import type { Database } from '../src/db/client.ts';
import { seedDemo } from '../src/modules/organisations/demo.ts';
import { freshDatabase } from './db.ts';
import type { Db } from '../src/db/client.ts';
import { hasDemoTemplate } from './db.ts';

export type TestApp = {
  app: FastifyInstance;
  database: Database & { drop(): Promise<void> };
  config: Config;
  /** Fixes the application's clock (use cases read it through ctx.now); null returns to real time. */
  setNow(d: Date | null): void;
  close(): Promise<void>;
};

/** What startTestApp seeds; test/global-setup.ts builds the `demo` template database with it. */
export const demoSeed = (db: Db) => seedDemo(db);

/** A fresh database (PGlite or PostgreSQL per TEST_DATABASE) with the demo seed and an app on top. */
export async function startTestApp(opts: { seed?: boolean; env?: Record<string, string> } = {}): Promise<TestApp> {
  const seeded = opts.seed !== false;
  const database = await freshDatabase({ template: seeded ? 'demo' : 'migrated' });
  if (seeded && !hasDemoTemplate()) await demoSeed(database.db);
  const config = loadConfig({ SAMSPIL_MODE: 'demo', LOG_LEVEL: 'silent', PUBLIC_URL: 'http://samspil.test', MENU_COUNT_SECONDS: '0', ...opts.env });
  let now: Date | null = null;
  const app = await buildApp({ config, database, logger: false, clock: () => now ?? new Date() });
  await app.ready();
  return {
    app,
    database,
    config,
    setNow: (d) => {
      now = d;
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/** A browser-like client: keeps cookies, finds the CSRF token in pages, posts forms. */
export class Client {
  cookies = new Map<string, string>();
  csrf = '';
  constructor(readonly app: FastifyInstance) {}

  private remember(res: LightMyRequestResponse) {
    for (const c of res.cookies) {
      if (c.maxAge === 0 || (c.expires && c.expires.getTime() < Date.now())) this.cookies.delete(c.name);
      else this.cookies.set(c.name, c.value);
    }
    const m = /name="_csrf" value="([^"]+)"/.exec(res.body);
    if (m?.[1]) this.csrf = m[1];
    return res;
  }

  private cookieHeader() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  }

  async get(url: string, headers: Record<string, string> = {}) {
    return this.remember(await this.app.inject({ method: 'GET', url, headers: { cookie: this.cookieHeader(), ...headers } }));
  }

  /** Posts an urlencoded form with the current CSRF token unless one is given. */
  async post(url: string, form: Record<string, string> = {}, opts: { csrf?: string | null } = {}) {
    const fields = { ...form };
    const token = opts.csrf === undefined ? this.csrf : opts.csrf;
    if (token !== null) fields._csrf = token;
    return this.remember(
      await this.app.inject({
        method: 'POST',
        url,
        headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams(fields).toString(),
      }),
    );
  }

  /** JSON call authenticated by the session cookie (needs the CSRF header for writes). */
  async api(method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown, extraHeaders: Record<string, string> = {}) {
    const headers: Record<string, string> = { cookie: this.cookieHeader(), 'x-csrf-token': this.csrf, ...extraHeaders };
    if (body !== undefined) headers['content-type'] = 'application/json';
    return this.remember(await this.app.inject({ method, url, headers, payload: body === undefined ? undefined : JSON.stringify(body) }));
  }
}

export const DEMO = {
  admin: 'admin@samspil.demo',
  consultant: 'konsulent@samspil.demo',
  klikAdmin: (code: string) => `klikadmin-${code}@samspil.demo`,
  programLeader: (code: string) => `programleder-${code}@samspil.demo`,
  password: 'demo1234',
};

export async function loginAs(app: FastifyInstance, email: string, password = DEMO.password): Promise<Client> {
  const client = new Client(app);
  await client.get('/login');
  const res = await client.post('/login', { email, password });
  if (res.statusCode !== 303) throw new Error(`login as ${email} failed: ${res.statusCode}`);
  await client.get('/');
  return client;
}

/** Bearer-token JSON call, as an integration would make it. */
export async function bearer(app: FastifyInstance, token: string, method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, body?: unknown) {
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (body !== undefined) headers['content-type'] = 'application/json';
  return app.inject({ method, url, headers, payload: body === undefined ? undefined : JSON.stringify(body) });
}
