import type { Db } from '../../db/client.ts';
import { seedDemoAssessment } from './demo-assessment.ts';
import { seedDemoMilestones } from './demo-milestones.ts';
import { seedDemoKlePlan } from './demo-plan.ts';

/**
 * Borgerblikket's demo (issue #13): the programme with the deck's timeline, a synthetic KLE plan (KL's plan is licensed) with every
 * municipality's configuration, then the assessment of KLE numbers with youth data.
 */
export async function seedDemoBorgerblikket(db: Db, now: Date): Promise<void> {
  await seedDemoMilestones(db, now);
  await seedDemoKlePlan(db, now);
  await seedDemoAssessment(db, now);
}
