import type { Db } from '../../db/client.ts';

export async function seedDemoMeetingPlans(_db: Db, _now: Date): Promise<void> {}
