import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, rawRows } from '../src/db/client.ts';
import { root, startServer } from './cli-run.ts';
import { engine, migratedDataDir } from './db.ts';

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

  it('with --demo (what npm start runs) the empty database gets the demo accounts', async () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.start).toBe('node bin/samspil.mjs serve --demo');
    const dataDir = path.join(tmp, 'demo');
    await migratedDataDir(dataDir);
    const server = await startServer(['--demo'], { DATA_DIR: dataDir });
    expect(await server.stop()).toBe(0);
    expect(server.output()).toContain('Demodata er indlæst.');
    expect(await accounts(dataDir)).toContain('admin@samspil.demo');
  });
});
