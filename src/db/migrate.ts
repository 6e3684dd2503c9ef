import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { NodePgDatabase } from 'drizzle-orm/node-postgres';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import type { Database } from './client.ts';
import { syncReferenceData } from './reference/sync.ts';

const migrationsFolder = path.join(path.dirname(fileURLToPath(import.meta.url)), 'migrations');
/** Arbitrary constant shared by every instance, so concurrent starts migrate one at a time. */
const MIGRATION_LOCK = 7_243_901;

export async function migrate(database: Database): Promise<void> {
  await database.withLock(MIGRATION_LOCK, async () => {
    if (database.kind === 'postgres') {
      await migratePg(database.db as unknown as NodePgDatabase, { migrationsFolder });
    } else {
      await migratePglite(database.db as unknown as PgliteDatabase, { migrationsFolder });
    }
    await syncReferenceData(database.db);
  });
}
