import type { Db } from '../../db/client.ts';

export async function seedDemoMeetingInput(_db: Db, _now: Date): Promise<void> {}
