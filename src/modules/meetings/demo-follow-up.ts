import type { Db } from '../../db/client.ts';

export async function seedDemoFollowUp(_db: Db, _now: Date): Promise<void> {}
