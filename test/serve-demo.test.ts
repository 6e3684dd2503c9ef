import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, rawRows } from '../src/db/client.ts';
import { root, startServer } from './cli-run.ts';
import { engine, migratedDataDir } from './db.ts';

const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');

async function accounts(dataDir: string): Promise<string[]> {
  const database = await openPglite(path.join(dataDir, 'pglite'));
  try {
    const rows = await rawRows<{ email: string }>(database.db, sql`select email from user_account order by email`);
    return rows.map((r) => r.email);
  } finally {
    await database.close();
  }
}

// Runs real `samspil serve` processes on PGlite directories; nothing here depends on TEST_DATABASE.
describe.skipIf(engine === 'postgres')('samspil serve and demo data', { timeout: 120_000 }, () => {
  let tmp: string;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-serve-'));
  });
  afterAll(() => {
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('without --demo it is production: an empty database gets no demo account, and the operator is told how to make the first administrator', async () => {
    const dataDir = path.join(tmp, 'production');
    await migratedDataDir(dataDir);
    // NODE_ENV unset, as on a developer's machine: that alone must not mean demo.
    const server = await startServer([], { DATA_DIR: dataDir });
    const stopped = await server.stop();
    expect(stopped).toBe(0);
    expect(server.output()).toContain('tilstand: production');
    expect(server.output()).toContain('admin create --email');
    expect(server.output()).not.toContain('demo1234');
    expect(await accounts(dataDir)).toEqual([]);
  });

  it('with --demo --demo-idps (what npm start runs) the empty database gets the demo accounts, and Faxe\'s program leader logs in through the test Context Handler', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node bin/samspil.mjs serve --demo --demo-idps');
    const dataDir = path.join(tmp, 'demo');
    await migratedDataDir(dataDir);
    const server = await startServer(['--demo', '--demo-idps'], (port) => ({ DATA_DIR: dataDir, PUBLIC_URL: `http://127.0.0.1:${String(port)}` }));
    try {
      const base = `http://127.0.0.1:${String(server.port)}`;
      const login = await fetch(`${base}/login`);
      expect(await login.text()).toContain('Log ind med Context Handler');
      // The SP's signed AuthnRequest goes to the in-process IdP, whose picker posts the response back.
      const started = await fetch(`${base}/saml/login`, { redirect: 'manual' });
      expect(started.status).toBe(303);
      // The browser keeps the login's request ID for the assertion consumer (login CSRF protection).
      const requestCookie = /samspil_saml_req=[^;]+/.exec(started.headers.get('set-cookie') ?? '')?.[0];
      expect(requestCookie).toBeTruthy();
      const picker = await fetch(started.headers.get('location')!);
      const pickerHtml = await picker.text();
      const token = /name="anmodning" value="([^"]+)"/.exec(pickerHtml)?.[1];
      expect(token, pickerHtml.slice(0, 300)).toBeTruthy();
      const chosen = await fetch(new URL('/sso/vaelg', picker.url), {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ anmodning: unescapeHtml(token!), identitet: 'faxe-programleder' }).toString(),
      });
      const post = await chosen.text();
      const fields = Object.fromEntries([...post.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1]!, unescapeHtml(m[2]!)]));
      const action = unescapeHtml(/<form method="post" action="([^"]+)"/.exec(post)![1]!);
      expect(action).toBe(`${base}/saml/acs`);
      const acs = await fetch(action, { method: 'POST', redirect: 'manual', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: requestCookie! }, body: new URLSearchParams(fields).toString() });
      expect(acs.status).toBe(303);
      const cookie = /samspil_session=[^;]+/.exec(acs.headers.get('set-cookie') ?? '')?.[0];
      expect(cookie).toBeTruthy();
      const profile = await fetch(`${base}/profil`, { headers: { cookie: cookie! } });
      expect(profile.status).toBe(200);
      expect(await profile.text()).toContain('programleder-0320@samspil.demo');
    } finally {
      expect(await server.stop()).toBe(0);
    }
    expect(server.output()).toContain('Demodata er indlæst.');
    expect(server.output()).toContain('Context Handler (SAML):');
    expect(await accounts(dataDir)).toContain('admin@samspil.demo');
  });
});
