import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildTask, targetOf } from '../../../../test/factories/tasks.ts';
import { hashPassword } from '../../../platform/auth/secrets.ts';
import { person, userAccount } from '../../../platform/identity/schema.ts';

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
});
