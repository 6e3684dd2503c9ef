import type { Db } from '../../db/client.ts';

/** The news module's demo from the deck (issue #14 point 8): filled in as its parts land. */
export async function seedDemoNews(_db: Db, _now: Date): Promise<void> {}
