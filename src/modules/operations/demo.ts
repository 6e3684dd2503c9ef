import type { Db } from '../../db/client.ts';

export async function seedDemoOperations(_db: Db, _now: Date): Promise<void> {}
