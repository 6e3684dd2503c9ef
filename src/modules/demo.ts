import type { Db } from '../db/client.ts';
import { seedDemoAgreements } from './agreements/demo.ts';
import { seedDemo } from './organisations/demo.ts';
import { seedDemoTasks } from './tasks/demo.ts';

export { DEMO_PASSWORD, hasAnyPeople } from './organisations/demo.ts';

/**
 * The demo data of every module, in the order they build on each other: people and roles first,
 * then tasks addressed to them, then agreements (which add the IT chefs who sign them).
 */
export async function seedDemoData(db: Db): Promise<{ users: number }> {
  const { users } = await seedDemo(db);
  await seedDemoTasks(db);
  await seedDemoAgreements(db);
  return { users };
}
