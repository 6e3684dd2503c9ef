import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openPglite, openPostgres, type Database } from '../src/db/client.ts';
import { migrate } from '../src/db/migrate.ts';

/**
 * Which engine the suite runs on: PGlite by default, PostgreSQL when TEST_DATABASE=postgres.
 * Every test file gets a fresh, migrated database of its own; nothing is shared between files.
 */
export const engine: 'pglite' | 'postgres' = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'pglite';
export const adminUrl = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

export async function freshDatabase(): Promise<Database & { drop(): Promise<void> }> {
  if (engine === 'pglite') {
    const database = await openPglite(undefined);
    await migrate(database);
    return Object.assign(database, { drop: () => database.close() });
  }
  const name = `samspil_t_${process.pid}_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const database = await openPostgres(url.toString(), { max: 6 });
  await migrate(database);
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
