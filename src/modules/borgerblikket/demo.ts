import type { Db } from '../../db/client.ts';

/** Borgerblikket's demo (issue #13): filled in as the parts land. */
export async function seedDemoBorgerblikket(_db: Db, _now: Date): Promise<void> {}
