import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Logger, SQL } from 'drizzle-orm';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { lockDataDir } from './data-dir-lock.ts';
import * as schema from './schema.ts';

export type Schema = typeof schema;
/** Both drivers and their transactions share this surface; use cases take it and never know which. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

/** Counts statements so tests can prove that list pages do not grow queries with their rows. */
export class QueryCounter implements Logger {
  count = 0;
  /** Statements that may have changed data: every one that is not a plain SELECT. */
  writes = 0;
  logQuery(query: string): void {
    this.count++;
    if (!/^\s*select\b/i.test(query)) this.writes++;
  }
}

const embeddedCounters = new WeakMap<Db, QueryCounter>();

/**
 * How many data-changing statements the embedded database has run, or null for PostgreSQL (and
 * inside a transaction). One process owns an embedded database (data-dir-lock.ts) and every
 * statement goes through this Drizzle instance, so an unchanged number means unchanged data;
 * PostgreSQL may be written by other instances, so there the answer is always "unknown".
 */
export function embeddedWrites(db: Db): number | null {
  return embeddedCounters.get(db)?.writes ?? null;
}

export type Database = {
  db: Db;
  kind: 'pglite' | 'postgres';
  queries: QueryCounter;
  /** Runs one statement on a dedicated connection (advisory locks) or the embedded engine. */
  withLock<T>(key: number, fn: () => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  close(): Promise<void>;
};

// node-postgres returns int8 as string and date as Date; PGlite returns numbers and strings.
// Aligning them here keeps every read model identical on both engines.
pg.types.setTypeParser(20, (v) => Number(v));
pg.types.setTypeParser(1082, (v) => v);

export async function openPostgres(url: string, opts: { max?: number } = {}): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: opts.max ?? 10 });
  pool.on('error', () => {
    // An idle client lost its server; the pool replaces it on next use.
  });
  const queries = new QueryCounter();
  const db = drizzlePg(pool, { schema, logger: queries }) as unknown as Db;
  return {
    db,
    kind: 'postgres',
    queries,
    async withLock(key, fn) {
      const client = await pool.connect();
      try {
        await client.query('select pg_advisory_lock($1)', [key]);
        try {
          return await fn();
        } finally {
          await client.query('select pg_advisory_unlock($1)', [key]);
        }
      } finally {
        client.release();
      }
    },
    async ping() {
      await pool.query('select 1');
    },
    close: () => pool.end(),
  };
}

/** `loadDataDir` starts from a `dumpDataDir()` tarball instead of an empty cluster (the test suite's templates). */
export async function openPglite(dataDir: string | undefined, opts: { loadDataDir?: Blob } = {}): Promise<Database> {
  let lock: { release(): void } | undefined;
  if (dataDir) {
    fs.mkdirSync(path.dirname(dataDir), { recursive: true });
    // Before PGlite touches the directory: a second process must stop here, not open a copy.
    lock = lockDataDir(dataDir);
    fs.mkdirSync(dataDir, { recursive: true });
  }
  let client: PGlite;
  try {
    client = await PGlite.create({ ...(dataDir ? { dataDir } : {}), ...(opts.loadDataDir ? { loadDataDir: opts.loadDataDir } : {}) });
  } catch (error) {
    lock?.release();
    throw error;
  }
  const queries = new QueryCounter();
  const db = drizzlePglite(client, { schema, logger: queries }) as unknown as Db;
  embeddedCounters.set(db, queries);
  return {
    db,
    kind: 'pglite',
    queries,
    // One process owns an embedded database (see data-dir-lock.ts), so there is nobody to lock against.
    withLock: (_key, fn) => fn(),
    async ping() {
      await client.query('select 1');
    },
    async close() {
      try {
        await client.close();
      } finally {
        lock?.release();
      }
    },
  };
}

export async function openDatabase(config: { databaseUrl?: string | undefined; dataDir: string }): Promise<Database> {
  if (config.databaseUrl) return openPostgres(config.databaseUrl);
  return openPglite(`${config.dataDir}/pglite`);
}

/** Both drivers answer raw statements with `{ rows }`; the shared type cannot know that. */
export async function rawRows<T>(db: Db, query: SQL): Promise<T[]> {
  const result = (await db.execute(query)) as unknown as { rows: T[] };
  return result.rows;
}

/**
 * The node-postgres connection under a PostgreSQL transaction, for what Drizzle has no words for
 * (COPY FROM STDIN); null on the embedded engine. Drizzle keeps the transaction's client on its
 * session; reading it here keeps that knowledge in one place.
 */
export function postgresClientOf(tx: Db): pg.PoolClient | null {
  const client = (tx as unknown as { session?: { client?: unknown } }).session?.client;
  return client instanceof pg.Client ? (client as pg.PoolClient) : null;
}
