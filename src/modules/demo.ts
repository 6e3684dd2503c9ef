import type { Db } from '../db/client.ts';
import { seedDemoAgreements } from './agreements/demo.ts';
import { seedDemoAula } from './aula/demo.ts';
import { seedDemoBorgerblikket } from './borgerblikket/demo.ts';
import { seedDemoNews } from './news/demo.ts';
import { seedDemoMeetings } from './meetings/demo.ts';
import { seedDemoOperations } from './operations/demo.ts';
import { seedDemoProgrammes } from './programmes/demo.ts';
import { seedLiveDemoAgreement } from './agreements/demo-live.ts';
import { seedDemoCompliance } from './compliance/demo.ts';
import { seedDemoEconomy } from './economy/demo.ts';
import { publishDemoEconomy } from './economy/demo-publish.ts';
import { loadConfig, type Config } from '../config.ts';
import { seedDemo } from './organisations/demo.ts';
import { seedDemoTasks } from './tasks/demo.ts';
import { seedDemoSso } from './sso/index.ts';
import { seedLiveDemoTasks } from './tasks/demo-live.ts';

export { DEMO_PASSWORD, hasAnyPeople } from './organisations/demo.ts';

/**
 * The demo data of every module, in the order they build on each other: people and roles first,
 * then tasks addressed to them, then agreements (which add the IT chefs who sign them). Beside the
 * deck's 2025 history come current items dated from `now` (the day the demo is seeded, in Danish
 * days): tasks due in 3, 10 and 30 days and one 5 days overdue, an agreement to sign within 14 days
 * and a question waiting for KOMBIT, and the compliance packages (2024 and 2025 as history, next
 * year's being prepared and one delivered 20 days ago), and the K98 economy (prices, budgets, the
 * published yearly documents, the councils' meetings, proposals to the pool; next year's prices as a
 * draft), then Aula (the example deletion rules, every municipality's ESDH and archive, a readiness
 * history and ~40,000 secure files whose trigger dates lie around `now`, so the deletion preview
 * shows files passing their deadline), so the front pages have something to show on any date.
 */
export async function seedDemoData(db: Db, opts: { now?: Date; config?: Config } = {}): Promise<{ users: number }> {
  const now = opts.now ?? new Date();
  const { users } = await seedDemo(db);
  await seedDemoTasks(db);
  await seedDemoAgreements(db, now);
  // Before the live tasks: the task to register compliance-package recipients is solved where they are registered.
  await seedDemoCompliance(db, now);
  await seedLiveDemoTasks(db, now);
  await seedLiveDemoAgreement(db, now);
  await seedDemoEconomy(db, now);
  await publishDemoEconomy(db, opts.config ?? loadConfig(), now);
  await seedDemoAula(db, now);
  await seedDemoBorgerblikket(db, now);
  await seedDemoProgrammes(db, now);
  await seedDemoNews(db, now);
  await seedDemoOperations(db, now);
  await seedDemoMeetings(db, now);
  await seedDemoSso(db, now);
  return { users };
}
