import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildTask } from '../../../../test/factories/tasks.ts';

describe('a municipality question on the task overview', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('is flagged until KOMBIT has answered in the thread', async () => {
    const { task } = await buildTask(t.database.db, { targets: ['0320', '0153'] });
    const leader = await loginAs(t.app, DEMO.programLeader('0320'));
    const consultant = await loginAs(t.app, DEMO.consultant);
    const rowOf = (html: string, code: string) => new RegExp(`<tr data-kommune="${code}">([\\s\\S]*?)</tr>`).exec(html)?.[1] ?? '';

    const before = (await consultant.get(`/opgaver/${task.id}/overblik`)).body;
    expect(rowOf(before, '0320')).not.toContain('Ubesvaret spørgsmål');

    const asked = await leader.api('POST', `/api/v1/tasks/${task.id}/municipalities/0320/messages`, { body: 'Gælder trin 1 også for vores underleverandør?' });
    expect(asked.statusCode).toBe(201);
    const waiting = (await consultant.get(`/opgaver/${task.id}/overblik`)).body;
    expect(rowOf(waiting, '0320')).toContain('Ubesvaret spørgsmål');
    expect(rowOf(waiting, '0153')).not.toContain('Ubesvaret spørgsmål');
    expect(waiting).toContain('1 kommune venter på svar fra KOMBIT');

    const answered = await consultant.api('POST', `/api/v1/tasks/${task.id}/municipalities/0320/messages`, { body: 'Ja, det gør det.' });
    expect(answered.statusCode).toBe(201);
    const after = (await consultant.get(`/opgaver/${task.id}/overblik`)).body;
    expect(rowOf(after, '0320')).not.toContain('Ubesvaret spørgsmål');
    expect(after).not.toContain('venter på svar fra KOMBIT');
  });
});
