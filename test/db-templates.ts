import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { openPglite, openPostgres, type Database, type Db } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';

/**
 * Migrating a database took most of each test file's setup (initdb, every migration, the reference
 * data), so a run does it once per engine and every file copies the result: PGlite from a
 * `dumpDataDir()` tarball, PostgreSQL with CREATE DATABASE … TEMPLATE. `demo` additionally holds
 * what startTestApp seeds, so most files skip seeding too.
 */
export type TemplateName = 'migrated' | 'demo';
export type DbTemplates =
  | { engine: 'pglite'; files: Record<TemplateName, string> }
  | { engine: 'postgres'; names: Record<TemplateName, string> };

declare module 'vitest' {
  export interface ProvidedContext {
    dbTemplates: DbTemplates | undefined;
  }
}

type Seed = (db: Db) => Promise<unknown>;

async function dump(database: Database, file: string) {
  const client = (database.db as unknown as { $client: PGlite }).$client;
  // Uncompressed: loading skips the gunzip, and the files live only for one run.
  const tarball = await client.dumpDataDir('none');
  fs.writeFileSync(file, Buffer.from(await tarball.arrayBuffer()));
}

async function pgliteTemplates(seed: Seed) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-templates-'));
  const files = { migrated: path.join(dir, 'migrated.tar'), demo: path.join(dir, 'demo.tar') };
  const database = await openPglite(undefined);
  try {
    await migrate(database);
    await dump(database, files.migrated);
    await seed(database.db);
    await dump(database, files.demo);
  } finally {
    await database.close();
  }
  return {
    templates: { engine: 'pglite' as const, files },
    drop: async () => fs.rmSync(dir, { recursive: true, force: true }),
  };
}

async function postgresTemplates(adminUrl: string, seed: Seed) {
  const suffix = `${process.pid}_${randomBytes(4).toString('hex')}`;
  const names = { migrated: `samspil_tmpl_${suffix}`, demo: `samspil_tmpl_demo_${suffix}` };
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  const fill = async (name: string, fn: (database: Database) => Promise<unknown>) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    const database = await openPostgres(url.toString(), { max: 2 });
    try {
      await fn(database);
    } finally {
      await database.close();
    }
    // A template is copied only while nobody is connected to it; refusing connections from now on
    // keeps a stray client from failing every CREATE DATABASE of the run.
    await admin.query(`alter database ${name} with allow_connections false`);
  };
  try {
    await admin.query(`create database ${names.migrated}`);
    await fill(names.migrated, (database) => migrate(database));
    await admin.query(`create database ${names.demo} template ${names.migrated}`);
    await fill(names.demo, (database) => seed(database.db));
  } catch (error) {
    for (const name of Object.values(names)) await admin.query(`drop database if exists ${name} with (force)`);
    await admin.end();
    throw error;
  }
  await admin.end();
  return {
    templates: { engine: 'postgres' as const, names },
    async drop() {
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      try {
        for (const name of Object.values(names)) await a.query(`drop database if exists ${name} with (force)`);
      } finally {
        await a.end();
      }
    },
  };
}

export function createTemplates(engine: 'pglite' | 'postgres', adminUrl: string, seed: Seed): Promise<{ templates: DbTemplates; drop(): Promise<void> }> {
  return engine === 'pglite' ? pgliteTemplates(seed) : postgresTemplates(adminUrl, seed);
}
