import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { openPglite, openPostgres, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';
import type { DbTemplates, TemplateName } from './db-templates.ts';

/**
 * Which engine the suite runs on: PGlite by default, PostgreSQL when TEST_DATABASE=postgres.
 * Every test file gets a fresh, migrated database of its own; nothing is shared between files.
 * The copy comes from a template built once per run (test/global-setup.ts); without one (a
 * config that has no global setup) the database is migrated here instead.
 */
export const engine: 'pglite' | 'postgres' = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';
export const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Set by a test for a script it runs as its own process (test/memory/), so that one copies the templates too. */
export const TEMPLATES_ENV = 'SAMSPIL_TEST_DB_TEMPLATES';

function templates(): DbTemplates | undefined {
  let t: DbTemplates | undefined;
  try {
    t = inject('dbTemplates');
  } catch {
    // Outside a vitest worker (a script run as its own process, e.g. test/memory/): the templates
    // the test passed on, or none (then the database is migrated here).
    const passed = process.env[TEMPLATES_ENV];
    t = passed ? (JSON.parse(passed) as DbTemplates) : undefined;
  }
  return t && t.engine === engine ? t : undefined;
}

/** The environment for a child process that calls freshDatabase: this run's templates, when there are any. */
export function childEnv(env: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const t = templates();
  return t ? { ...env, [TEMPLATES_ENV]: JSON.stringify(t) } : env;
}

/** Whether `freshDatabase({ template: 'demo' })` comes with the demo seed already applied. */
export function hasDemoTemplate(): boolean {
  return templates() !== undefined;
}

export async function freshDatabase(opts: { template?: TemplateName } = {}): Promise<Database & { drop(): Promise<void> }> {
  const t = templates();
  const template = opts.template ?? 'migrated';
  if (engine === 'pglite') {
    if (t?.engine === 'pglite') {
      const database = await openPglite(undefined, { loadDataDir: new Blob([fs.readFileSync(t.files[template])]) });
      return Object.assign(database, { drop: () => database.close() });
    }
    const database = await openPglite(undefined);
    await migrate(database);
    return Object.assign(database, { drop: () => database.close() });
  }
  const name = `samspil_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(t?.engine === 'postgres' ? `create database ${name} template ${t.names[template]}` : `create database ${name}`);
  await admin.query(`alter database ${name} set synchronous_commit = off`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 6 });
  if (!t) await migrate(database);
  return Object.assign(database, {
    async drop() {
      await database.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  });
}

/**
 * A migrated PGlite directory on disk for tests that run the samspil command in a child process:
 * each child then skips initdb and the migrations (seconds each) that the template already ran.
 */
export async function migratedDataDir(dataDir: string): Promise<void> {
  const t = templates();
  const dir = path.join(dataDir, 'pglite');
  if (t?.engine === 'pglite') {
    const database = await openPglite(dir, { loadDataDir: new Blob([fs.readFileSync(t.files.migrated)]) });
    await database.close();
    return;
  }
  const database = await openPglite(dir);
  try {
    await migrate(database);
  } finally {
    await database.close();
  }
}
