import type { Db } from '../../db/client.ts';
import { seedDemoFollowUp } from './demo-follow-up.ts';
import { seedDemoMeetingInput } from './demo-municipal.ts';
import { seedDemoMeetingPlans } from './demo-meetings.ts';

/** The deck's meetings (May and June 2025) and one ahead of `now`, the municipalities' attendance and input, the follow-up. */
export async function seedDemoMeetings(db: Db, now: Date): Promise<void> {
  await seedDemoMeetingPlans(db, now);
  await seedDemoMeetingInput(db, now);
  await seedDemoFollowUp(db, now);
}
