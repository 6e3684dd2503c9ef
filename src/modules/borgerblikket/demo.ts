import type { Db } from '../../db/client.ts';
import { seedDemoAssessment } from './demo-assessment.ts';
import { seedDemoKlePlan } from './demo-plan.ts';

/**
 * Borgerblikket's demo (issue #13): a synthetic KLE plan (KL's plan is licensed) with every
 * municipality's configuration, then the assessment of KLE numbers with youth data.
 */
export async function seedDemoBorgerblikket(db: Db, now: Date): Promise<void> {
  await seedDemoKlePlan(db, now);
  await seedDemoAssessment(db, now);
}
