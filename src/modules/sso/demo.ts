import type { Db } from '../../db/client.ts';
import { seedDemoMappings } from './demo-mappings.ts';
import { seedDemoBackup } from './demo-backup.ts';

/** Single sign-on's demo: the privilege mapping, and people who logged in through Context Handler with and without MitID Erhverv. */
export async function seedDemoSso(_db: Db, _now: Date): Promise<void> {
  await seedDemoMappings(_db, _now);
  // each part adds its own demo rows here
  await seedDemoBackup(_db, _now);
}
