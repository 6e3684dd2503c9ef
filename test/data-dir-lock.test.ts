import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openPglite, rawRows } from '../src/db/client.ts';
import { samspil, startServer, type Server } from './cli-run.ts';
import { engine, migratedDataDir } from './db.ts';

async function tokenNames(dataDir: string): Promise<string[]> {
  const database = await openPglite(path.join(dataDir, 'pglite'));
  try {
    return (await rawRows<{ name: string }>(database.db, sql`select name from api_token order by name`)).map((r) => r.name);
  } finally {
    await database.close();
  }
}

// The lock guards the embedded database only; PostgreSQL is shared by design.
describe.skipIf(engine === 'postgres')('one process per PGlite data directory', { timeout: 180_000 }, () => {
  let tmp: string;
  let dataDir: string;
  let server: Server | undefined;
  beforeAll(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-lock-'));
    dataDir = path.join(tmp, 'data');
  });
  afterAll(async () => {
    await server?.stop();
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('token create and a second serve stop at once while a server runs, and work once it has stopped', async () => {
    await migratedDataDir(dataDir);
    const admin = await samspil(['admin', 'create', '--email', 'bo@kombit.test', '--name', 'Bo Hansen'], { DATA_DIR: dataDir });
    expect(admin.code).toBe(0);
    server = await startServer([], { DATA_DIR: dataDir });
    const pid = server.child.pid!;

    const token = await samspil(['token', 'create', '--user', 'bo@kombit.test', '--name', 'Mens serveren kører'], { DATA_DIR: dataDir });
    expect(token.code).not.toBe(0);
    expect(token.stdout).not.toMatch(/samspil_/);
    expect(token.stderr).toContain(`er i brug af en anden proces`);
    expect(token.stderr).toContain(`pid ${pid}`);
    expect(token.stderr).toContain('bin/samspil.mjs serve');
    expect(token.stderr).toContain('Min profil');
    expect(token.stderr).toContain('stop den kørende server');

    const second = await samspil(['serve'], { DATA_DIR: dataDir, HOST: '127.0.0.1', PORT: String(server.port + 1), OUTBOX_WORKER: 'off' });
    expect(second.code).not.toBe(0);
    expect(second.stderr).toContain(`pid ${pid}`);
    expect(second.stdout).not.toContain('Samspil kører på');

    // The first server is unharmed and still answers.
    const health = await fetch(`http://127.0.0.1:${server.port}/healthz`);
    expect(health.status).toBe(200);

    expect(await server.stop()).toBe(0);
    server = undefined;
    expect(fs.existsSync(path.join(dataDir, 'pglite.lock'))).toBe(false);
    expect(await tokenNames(dataDir)).toEqual([]);

    const after = await samspil(['token', 'create', '--user', 'bo@kombit.test', '--name', 'Efter stop'], { DATA_DIR: dataDir });
    expect(after.stderr).toBe('');
    expect(after.code).toBe(0);
    expect(await tokenNames(dataDir)).toEqual(['Efter stop']);
  });

  it('takes over a lock left by a process that died without releasing it', async () => {
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid;
    const lockFile = path.join(dataDir, 'pglite.lock');
    fs.writeFileSync(lockFile, JSON.stringify({ pid: dead, hostname: os.hostname(), command: 'samspil serve', since: new Date().toISOString() }));
    const run = await samspil(['token', 'create', '--user', 'bo@kombit.test', '--name', 'Efter nedbrud'], { DATA_DIR: dataDir });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(fs.existsSync(lockFile)).toBe(false);
  });
});
