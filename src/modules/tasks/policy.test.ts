import { randomUUID } from 'node:crypto';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test/app.ts';
import { buildTask, type BuildTask } from '../../../test/factories/tasks.ts';
import type { Actor, HeldRole } from '../../platform/context.ts';
import { person } from '../../platform/identity/schema.ts';
import { loadTask } from './load-task.ts';
import { targetVisibleTo, taskVisibleTo } from './policy.ts';
import { task, taskTarget } from './schema.ts';

/**
 * The task policy is written twice: can() for one loaded task, and taskVisibleTo/targetVisibleTo
 * for lists. For every actor and task below, both SQL conditions must answer as the check does.
 */

const FAXE = '0320';
const BRONDBY = '0153';

const role = (roleTypeKey: string, solutionKey: string | null = null, isPrimary = false): HeldRole => ({ roleTypeKey, solutionKey, isPrimary });

describe('who may see a task: the SQL conditions agree with can()', () => {
  let t: TestApp;
  const tasks = new Map<string, string>();
  const actors = new Map<string, Actor>();
  const db = () => t.database.db;

  const actor = (name: string, municipalityCode: string | null, roles: HeldRole[], personId: string = randomUUID()): Actor => ({
    userId: randomUUID(),
    personId,
    name,
    email: `${name}@politik.test`,
    municipalityCode,
    municipalityName: null,
    roles,
  });

  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    const newPerson = async (name: string, code: string) => {
      const [p] = await db().insert(person).values({ municipalityCode: code, name, email: `${name}@politik.test`, title: 'Test' }).returning({ id: person.id });
      return p!.id;
    };
    const executor = await newPerson('udfoerer', FAXE);
    const responsible = await newPerson('ansvarlig', FAXE);

    for (const a of [
      actor('admin', null, [role('administrator')]),
      actor('konsulent', null, [role('konsulent')]),
      actor('oekonomi', null, [role('oekonomi')]),
      actor('programleder', FAXE, [role('programleder')]),
      actor('klikadmin', FAXE, [role('klik-administrator')]),
      actor('superbruger-aula', FAXE, [role('superbruger', 'aula')]),
      actor('superbruger-flis', FAXE, [role('superbruger', 'flis')]),
      actor('system-flis-primaer', FAXE, [role('systemansvarlig', 'flis', true)]),
      actor('system-flis', FAXE, [role('systemansvarlig', 'flis')]),
      actor('itchef', FAXE, [role('it-chef')]),
      actor('uden-roller', FAXE, []),
      actor('udfoerer', FAXE, [], executor),
      actor('ansvarlig', FAXE, [role('valgsekretariat')], responsible),
      actor('broendby-superbruger', BRONDBY, [role('superbruger', 'aula')]),
      actor('broendby-programleder', BRONDBY, [role('programleder')]),
    ])
      actors.set(a.name, a);

    const both = [FAXE, BRONDBY];
    const specs: Record<string, BuildTask & { executorIn?: string; responsibleIn?: string }> = {
      'draft til superbrugere': { status: 'draft', audienceRoleKey: 'superbruger', audienceSolutionKey: 'aula', targets: both },
      'annonceret til superbrugere': { status: 'announced', audienceRoleKey: 'superbruger', audienceSolutionKey: 'aula', targets: both },
      'publiceret til superbrugere': { audienceRoleKey: 'superbruger', audienceSolutionKey: 'aula', targets: both },
      'lukket til superbrugere': { status: 'closed', audienceRoleKey: 'superbruger', audienceSolutionKey: 'aula', targets: both },
      'til superbrugere af alle løsninger': { audienceRoleKey: 'superbruger', audienceSolutionKey: null, targets: both },
      'til programledere': { audienceRoleKey: 'programleder', targets: both },
      'til primære systemansvarlige': { audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'flis', audiencePrimaryOnly: true, targets: both },
      'til alle systemansvarlige': { audienceRoleKey: 'systemansvarlig', audienceSolutionKey: 'flis', targets: both },
      'kun til Brøndby': { audienceRoleKey: 'superbruger', audienceSolutionKey: 'aula', targets: [BRONDBY] },
      'navngivet udfører i Faxe': { audienceRoleKey: 'programleder', targets: both, executorIn: FAXE },
      'navngivet ansvarlig i Faxe': { audienceRoleKey: 'programleder', targets: both, responsibleIn: FAXE },
      'navngivet på Brøndbys række': { audienceRoleKey: 'programleder', targets: both, executorIn: BRONDBY, responsibleIn: BRONDBY },
      'navngivet, men kladde': { status: 'draft', audienceRoleKey: 'programleder', targets: both, executorIn: FAXE },
      'Faxes lokale': { localMunicipalityCode: FAXE },
      'Brøndbys lokale': { localMunicipalityCode: BRONDBY },
    };
    for (const [title, spec] of Object.entries(specs)) {
      const built = await buildTask(db(), { ...spec, title });
      // buildTask leaves a draft's municipalities out; authoring stores them from the start.
      if (spec.status === 'draft') await db().insert(taskTarget).values(spec.targets!.map((municipalityCode) => ({ taskId: built.task.id, municipalityCode })));
      if (spec.executorIn)
        await db().update(taskTarget).set({ executorPersonId: executor }).where(and(eq(taskTarget.taskId, built.task.id), eq(taskTarget.municipalityCode, spec.executorIn)));
      if (spec.responsibleIn)
        await db().update(taskTarget).set({ responsiblePersonId: responsible }).where(and(eq(taskTarget.taskId, built.task.id), eq(taskTarget.municipalityCode, spec.responsibleIn)));
      tasks.set(title, built.task.id);
    }
  }, 60_000);
  afterAll(() => t?.close());

  /** Per actor: the titles can(actor, 'read', …) allows, and the titles each SQL condition lets through. */
  async function answers(a: Actor) {
    const check: string[] = [];
    for (const [title, id] of tasks) {
      try {
        await loadTask(db(), a, id, 'read');
        check.push(title);
      } catch (e) {
        if ((e as { status?: number }).status !== 404) throw e;
      }
    }
    const titles = async (rows: Promise<{ title: string }[]>) => [...new Set((await rows).map((r) => r.title))].sort();
    const ids = [...tasks.values()];
    const inTest = sql`${task.id} in (${sql.join(ids.map((id) => sql`${id}`), sql`, `)})`;
    const byTask = await titles(db().select({ title: task.title }).from(task).where(and(inTest, taskVisibleTo(a))));
    const byTarget = await titles(db().select({ title: task.title }).from(taskTarget).innerJoin(task, eq(task.id, taskTarget.taskId)).where(and(inTest, targetVisibleTo(a))));
    return { check: check.sort(), byTask, byTarget };
  }

  it('gives the same tasks for every actor, whichever form of the rule is asked', async () => {
    for (const a of actors.values()) {
      const got = await answers(a);
      expect(got.byTask, `${a.name}: taskVisibleTo`).toEqual(got.check);
      expect(got.byTarget, `${a.name}: targetVisibleTo`).toEqual(got.check);
    }
  });

  it('lets each actor read what the policy says', async () => {
    const sees = async (name: string) => (await answers(actors.get(name)!)).check;
    const central = [...tasks.keys()].filter((k) => !k.endsWith('lokale')).sort();
    const faxeAll = [...tasks.keys()].filter((k) => !k.includes('raft') && !k.includes('kladde') && k !== 'kun til Brøndby' && k !== 'Brøndbys lokale').sort();
    // Central staff read every central task, drafts included, and no municipality's local task.
    for (const name of ['admin', 'konsulent', 'oekonomi']) expect(await sees(name), name).toEqual(central);
    // The programleder and the KLIK-administrator read every task sent to Faxe once it is out.
    for (const name of ['programleder', 'klikadmin']) expect(await sees(name), name).toEqual(faxeAll);
    expect(await sees('superbruger-aula')).toEqual(
      ['Faxes lokale', 'annonceret til superbrugere', 'lukket til superbrugere', 'publiceret til superbrugere', 'til superbrugere af alle løsninger'].sort(),
    );
    expect(await sees('superbruger-flis')).toEqual(['Faxes lokale', 'til superbrugere af alle løsninger'].sort());
    expect(await sees('system-flis-primaer')).toEqual(['Faxes lokale', 'til alle systemansvarlige', 'til primære systemansvarlige'].sort());
    expect(await sees('system-flis')).toEqual(['Faxes lokale', 'til alle systemansvarlige'].sort());
    for (const name of ['itchef', 'uden-roller']) expect(await sees(name), name).toEqual(['Faxes lokale']);
    // Named on Faxe's row of a published task: readable without the role; never a draft, never through Brøndby's row.
    expect(await sees('udfoerer')).toEqual(['Faxes lokale', 'navngivet udfører i Faxe'].sort());
    expect(await sees('ansvarlig')).toEqual(['Faxes lokale', 'navngivet ansvarlig i Faxe'].sort());
    expect(await sees('broendby-superbruger')).toEqual(
      ['Brøndbys lokale', 'annonceret til superbrugere', 'kun til Brøndby', 'lukket til superbrugere', 'publiceret til superbrugere', 'til superbrugere af alle løsninger'].sort(),
    );
    expect(await sees('broendby-programleder')).toContain('navngivet på Brøndbys række');
    expect(await sees('broendby-programleder')).not.toContain('Faxes lokale');
  });
});
