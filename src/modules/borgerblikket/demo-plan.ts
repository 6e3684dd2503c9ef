import { and, eq, like } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { loadConfig } from '../../config.ts';
import { loadActor } from '../../platform/auth/load-actor.ts';
import type { Actor } from '../../platform/context.ts';
import { danishTime } from '../../platform/days.ts';
import { municipality, person, userAccount } from '../../platform/identity/schema.ts';
import { applyConfigChanges } from './apply-changes.ts';
import { importKlePlan } from './plan/import-kle-plan.ts';
import { DEMO_KLE, syntheticKlePlan } from './plan/synthetic-plan.ts';
import { bbConfigChange } from './schema.ts';
import type { KleSettings } from './visibility/effective-entry.ts';

export const FAXE = '0320';
/** The reason on every demo municipality's first change: the configuration as it stood in the old client. */
export const DEMO_CONFIGURATION_REASON = 'Opsætningen overført fra den tidligere opsætningsklient til Samspil (demodata)';

/** The day the demo's plan was imported and the day the configurations were moved over, or `now` if the demo is seeded earlier. */
const demoTime = (day: string, now: Date) => {
  const at = danishTime(day, 10);
  return at <= now ? at : now;
};

/**
 * One municipality's configuration in the demo, mostly on main groups and groups, a few topics
 * overridden: opened areas with a from-date, some groups closed or closed for 15–17-year-olds,
 * source-system filters, document titles, and on a few an entry on the expired topic, so the
 * review of expired numbers has something to show. Faxe opens 27 and 28 with youth Ja, so the
 * assessment's "ikke klar" is what closes numbers there.
 */
export function demoConfiguration(code: string, i: number): Record<string, Partial<KleSettings>> {
  if (code === FAXE) {
    return {
      '27': { shown: true, youth: true, fromDate: '2020-01-01' },
      '28': { shown: true, youth: true, fromDate: '2020-01-01', fromDateOffForActive: true },
      '29': { shown: true, fromDate: '2021-01-01' },
      '32': { shown: true, fromDate: '2020-01-01' },
      '28.01': { documentTitles: true },
      '32.01': { sourceSystems: ['Nexus', 'KMD Sag'] },
    };
  }
  const from = `${2018 + (i % 5)}-01-01`;
  const e: Record<string, Partial<KleSettings>> = {
    '27': { shown: true, fromDate: from },
    '28': { shown: true, fromDate: from, ...(i % 3 === 0 ? { fromDateOffForActive: true } : {}), ...(i % 6 === 4 ? { sourceSystems: ['DUBU', 'Nexus'] } : {}) },
    '29': { shown: i % 4 !== 1, fromDate: from },
    '32': { shown: true, fromDate: from, ...(i % 5 === 0 ? { documentTitles: true } : {}) },
    '23': { shown: i % 3 !== 2 },
  };
  if (i % 2 === 0) e['17'] = { shown: true, fromDate: from };
  if (i % 3 === 1) e['28.20'] = { shown: false };
  if (i % 4 === 2) e['28.15'] = { youth: false };
  if (i % 7 === 3) e['28.30'] = { youth: false };
  if (i % 5 === 1) e['27.12'] = { sourceSystems: ['KY'] };
  if (i % 8 === 5) e['29.30'] = { shown: false };
  if (i % 4 === 0) e['27.12.04'] = { documentTitles: true };
  if (i % 9 === 2) e['28.25.01'] = { caseTitleInsteadOfKle: true };
  if (i % 10 === 7) e['32.18.02'] = { shown: false };
  if (i % 11 === 6) e['28.05.03'] = { youth: false };
  if (i % 16 === 3) e[DEMO_KLE.expired] = { shown: true, fromDateOffForActive: true };
  return e;
}

/**
 * The demo's synthetic KLE plan, imported through the import use case as a central administrator,
 * and every municipality's configuration, written through applyConfigChanges by its programleder
 * (one change each, with a reason), all in one transaction. A second seed does nothing: the same
 * plan file is a no-op, and the configurations are left alone once their change exists (the
 * assessment's later changes must not be undone).
 */
export async function seedDemoKlePlan(db: Db, now: Date): Promise<void> {
  const config = loadConfig();
  const [admin] = await db.select({ id: userAccount.id }).from(userAccount).where(eq(userAccount.email, 'admin@samspil.demo'));
  const adminActor = admin ? await loadActor(db, admin.id) : null;
  await importKlePlan(
    { actor: adminActor, db, now: demoTime('2025-02-03', now), requestId: 'demo-kle-plan', config },
    { filename: 'kle-emneplan-syntetisk-2025-01-15.xml', content: Buffer.from(syntheticKlePlan(), 'utf8') },
  );

  const [done] = await db.select({ id: bbConfigChange.id }).from(bbConfigChange).where(eq(bbConfigChange.reason, DEMO_CONFIGURATION_REASON)).limit(1);
  if (done) return;
  const municipalities = await db.select({ code: municipality.code }).from(municipality).orderBy(municipality.code);
  const leaders = await db
    .select({ userId: userAccount.id, personId: person.id, name: person.name, email: person.email, code: person.municipalityCode })
    .from(userAccount)
    .innerJoin(person, eq(person.id, userAccount.personId))
    .where(and(like(person.email, 'programleder-%@samspil.demo')));
  const byCode = new Map(leaders.map((l) => [l.code, l]));
  const at = demoTime('2025-05-20', now);
  await db.transaction(async (tx) => {
    for (const [i, m] of municipalities.entries()) {
      const l = byCode.get(m.code);
      // Without the demo's people (a bare test database) the change has no one to be made by.
      if (!l) continue;
      const actor: Actor = { userId: l.userId, personId: l.personId, name: l.name, email: l.email, municipalityCode: m.code, municipalityName: null, roles: [{ roleTypeKey: 'programleder', solutionKey: null, isPrimary: false }] };
      const entries = Object.entries(demoConfiguration(m.code, i)).map(([kle, settings]) => ({ kle, settings }));
      await applyConfigChanges(tx, { actor, db: tx, now: at, requestId: `demo-kle-config-${m.code}`, config }, m.code, { kind: 'import', reason: DEMO_CONFIGURATION_REASON, entries });
    }
  });
}
