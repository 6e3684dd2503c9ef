import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildTask } from '../../../../test/factories/tasks.ts';
import { MY_TASKS_PAGE_SIZE } from './my-tasks-queries.ts';

describe('Mine opgaver with many tasks', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
    for (let i = 0; i < MY_TASKS_PAGE_SIZE + 5; i++) {
      await buildTask(t.database.db, { code: `SIDE ${String(i).padStart(3, '0')}`, targets: ['0320'], deadline: `2031-01-${String((i % 28) + 1).padStart(2, '0')}` });
    }
  });
  afterAll(() => t.close());

  it('shows one page at a time, sorted by deadline, keeping the filters in the page links', async () => {
    const leader = await loginAs(t.app, DEMO.programLeader('0320'));
    const first = await leader.get('/opgaver?kritisk=');
    const rowsOn = (html: string) => (html.match(/<tr data-opgave=/g) ?? []).length;
    expect(rowsOn(first.body)).toBe(MY_TASKS_PAGE_SIZE);
    expect(first.body).toContain('Næste side');
    expect(first.body).toContain('side=2');
    const second = await leader.get('/opgaver?side=2');
    expect(rowsOn(second.body)).toBe(5);
    expect(second.body).toContain('Forrige side');
    expect(second.body).not.toContain('Næste side');
    // The API and the calendar still get every task.
    expect((await leader.api('GET', '/api/v1/my-tasks')).json()).toHaveLength(MY_TASKS_PAGE_SIZE + 5);
  });
});
