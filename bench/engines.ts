import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/db/client.ts';

export type EngineName = 'pglite' | 'postgres';

export type OpenedEngine = {
  database: Database;
  /** Human-readable: where the data lives. */
  where: string;
  dispose(): Promise<void>;
};

export type EngineOutcome = { ok: true; engine: OpenedEngine } | { ok: false; reason: string };

export const postgresAdminUrl = () => process.env.BENCH_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';

/** PGlite on disk in a temporary directory, as in production (DATA_DIR), removed afterwards. */
export async function openPgliteEngine(): Promise<EngineOutcome> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-bench-'));
  const database = await openPglite(path.join(dir, 'pglite'));
  return {
    ok: true,
    engine: {
      database,
      where: `PGlite in ${dir}`,
      async dispose() {
        await database.close();
        fs.rmSync(dir, { recursive: true, force: true });
      },
    },
  };
}

function redact(url: string) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

/** A throwaway database on the PostgreSQL server at BENCH_POSTGRES_URL, dropped afterwards. */
export async function openPostgresEngine(): Promise<EngineOutcome> {
  const adminUrl = postgresAdminUrl();
  const admin = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 3000 });
  admin.on('error', () => {});
  const name = `samspil_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  try {
    await admin.connect();
    const { rows } = await admin.query<{ v: number }>("select current_setting('server_version_num')::int as v");
    const version = Number(rows[0]?.v ?? 0);
    if (version < 150000) return { ok: false, reason: `server at ${redact(adminUrl)} is version ${version}; PostgreSQL 15+ is required` };
    await admin.query(`create database ${name}`);
  } catch (error) {
    const message = error instanceof Error ? error.message || error.name : String(error);
    return { ok: false, reason: `cannot use ${redact(adminUrl)}: ${message} (set BENCH_POSTGRES_URL to a server where this user may create databases)` };
  } finally {
    await admin.end().catch(() => {});
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 10 });
  return {
    ok: true,
    engine: {
      database,
      where: `PostgreSQL, throwaway database ${name} on ${redact(adminUrl)}`,
      async dispose() {
        await database.close();
        const a = new pg.Client({ connectionString: adminUrl });
        await a.connect();
        await a.query(`drop database if exists ${name} with (force)`);
        await a.end();
      },
    },
  };
}
