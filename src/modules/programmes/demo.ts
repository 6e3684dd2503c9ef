import type { Db } from '../../db/client.ts';

/** The programmes module's demo from the deck (issue #14 point 8): filled in as its parts land. */
export async function seedDemoProgrammes(_db: Db, _now: Date): Promise<void> {}
