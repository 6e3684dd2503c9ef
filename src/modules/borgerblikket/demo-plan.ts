import type { Db } from '../../db/client.ts';

/** The demo's synthetic KLE plan and every municipality's configuration. */
export async function seedDemoKlePlan(_db: Db, _now: Date): Promise<void> {}
