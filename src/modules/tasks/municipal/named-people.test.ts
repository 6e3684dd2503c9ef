import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildTask, targetOf } from '../../../../test/factories/tasks.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { person, userAccount } from '../../../platform/identity/schema.ts';
import { taskTarget } from '../schema.ts';

const FAXE = '0320';

describe('the person a municipality names as executor', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('can open the task and answer it without holding the role it was sent to', async () => {
    const { task, steps } = await buildTask(t.database.db, { audienceRoleKey: 'programleder', targets: [FAXE, '0153'] });
    const [p] = await t.database.db.insert(person).values({ municipalityCode: FAXE, name: 'Ulla Udfører', email: 'ulla@faxe.test', title: 'Økonomimedarbejder' }).returning();
    await t.database.db.insert(userAccount).values({ personId: p!.id, email: 'ulla@faxe.test', passwordHash: await hashPassword('ullas-kode-123') });
    const ulla = await loginAs(t.app, 'ulla@faxe.test', 'ullas-kode-123');
    expect((await ulla.get(`/opgaver/${task.id}`)).statusCode).toBe(404);
    expect((await ulla.get('/opgaver')).body).not.toContain(task.code);

    const leader = await loginAs(t.app, DEMO.programLeader(FAXE));
    await leader.get(`/opgaver/${task.id}`);
    const named = await leader.api('PUT', `/api/v1/tasks/${task.id}/municipalities/${FAXE}/people`, { responsiblePersonId: null, executorPersonId: p!.id });
    expect(named.statusCode).toBe(200);

    expect((await ulla.get('/opgaver')).body).toContain(task.code);
    expect((await ulla.get(`/opgaver/${task.id}`)).statusCode).toBe(200);
    const answered = await ulla.api('PUT', `/api/v1/tasks/${task.id}/municipalities/${FAXE}/steps/${steps[0]!.id}`, { value: null, completed: true });
    expect(answered.statusCode).toBe(200);
    expect((await targetOf(t.database.db, task.id, FAXE))?.status).toBe('loest');
    // Named in Faxe, she still sees nothing of Brøndby.
    expect((await ulla.api('GET', `/api/v1/tasks/${task.id}/municipalities/0153`)).statusCode).toBe(404);
  });

  it('finds the task on every list of her municipality that "Mine opgaver" shows it on', async () => {
    const db = t.database.db;
    const { task } = await buildTask(db, { title: 'Opgave til programledere, navngivet udfører', audienceRoleKey: 'programleder', targets: [FAXE, '0153'] });
    const other = await buildTask(db, { title: 'Opgave til programledere, ingen navngivet', audienceRoleKey: 'programleder', targets: [FAXE, '0153'] });
    const [p] = await db.insert(person).values({ municipalityCode: FAXE, name: 'Ulrik Udfører', email: 'ulrik@faxe.test', title: 'Konsulent' }).returning();
    const [r] = await db.insert(person).values({ municipalityCode: FAXE, name: 'Rikke Ansvarlig', email: 'rikke@faxe.test', title: 'Leder' }).returning();
    for (const x of [p!, r!]) await db.insert(userAccount).values({ personId: x.id, email: x.email, passwordHash: await hashPassword('navngivet-kode-1') });
    await db.update(taskTarget).set({ executorPersonId: p!.id, responsiblePersonId: r!.id }).where(and(eq(taskTarget.taskId, task.id), eq(taskTarget.municipalityCode, FAXE)));

    for (const email of ['ulrik@faxe.test', 'rikke@faxe.test']) {
      const named = await loginAs(t.app, email, 'navngivet-kode-1');
      const mine = await named.api('GET', '/api/v1/my-tasks');
      expect(mine.body, email).toContain(task.id);
      const list = await named.api('GET', `/api/v1/municipalities/${FAXE}/tasks`);
      expect(list.statusCode).toBe(200);
      const ids = (list.json() as { tasks: { id: string }[] }).tasks.map((x) => x.id);
      expect(ids, email).toContain(task.id);
      expect(ids, email).not.toContain(other.task.id);
      expect(list.json(), email).toMatchObject({ summary: { all: 1, open: 1 } });
      const page = await named.get('/opgaver');
      expect(page.body, email).toContain(task.id);
      expect(page.body, email).not.toContain(other.task.id);
    }
  });
});
