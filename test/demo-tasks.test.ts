import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../src/db/client.ts';
import { seedDemo } from '../src/modules/organisations/demo.ts';
import { seedDemoTasks } from '../src/modules/tasks/demo.ts';
import { freshDatabase } from './db.ts';

describe('demo tasks from the programme leader meeting', () => {
  let d: Awaited<ReturnType<typeof freshDatabase>>;
  beforeAll(async () => {
    d = await freshDatabase();
    await seedDemo(d.db);
    await seedDemoTasks(d.db);
  });
  afterAll(() => d.drop());

  it('has the FLIS AftaleID task solved by every municipality but Brøndby, Norddjurs and Faxe', async () => {
    const missing = await rawRows<{ name: string }>(
      d.db,
      sql`select m.name from task_target tt join task t on t.id = tt.task_id join municipality m on m.code = tt.municipality_code
          where t.code = 'KLIK - FLIS 01' and tt.status <> 'loest' order by m.name`,
    );
    expect(missing.map((m) => m.name)).toEqual(['Brøndby', 'Faxe', 'Norddjurs']);
    const [step3] = await rawRows<{ answer_label: string; answer_pattern: string }>(
      d.db,
      sql`select s.answer_label, s.answer_pattern from task_step s join task t on t.id = s.task_id where t.code = 'KLIK - FLIS 01' and s.position = 3`,
    );
    expect(step3).toMatchObject({ answer_label: 'AftaleID' });
    const [deadline] = await rawRows<{ deadline: string }>(d.db, sql`select deadline from task where code = 'KLIK - FLIS 01'`);
    expect(deadline!.deadline).toBe('2025-05-28');
  });

  it('has KLIK - KR MI 02 with its deadline moved from 30.05.2025 to 18.06.2025', async () => {
    const [change] = await rawRows<{ from_deadline: string; to_deadline: string; deadline: string }>(
      d.db,
      sql`select c.from_deadline, c.to_deadline, t.deadline from task_deadline_change c join task t on t.id = c.task_id where t.code = 'KLIK - KR MI 02'`,
    );
    expect(change).toEqual({ from_deadline: '2025-05-30', to_deadline: '2025-06-18', deadline: '2025-06-18' });
  });

  it('has the published reform tasks, the announced ones, and the VALG task for VALG system owners', async () => {
    const tasks = await rawRows<{ code: string; status: string; optional: boolean; audience_role_key: string; audience_solution_key: string | null }>(
      d.db,
      sql`select code, status, optional, audience_role_key, audience_solution_key from task order by code`,
    );
    const byCode = Object.fromEntries(tasks.map((t) => [t.code, t]));
    for (const code of ['KLIK - KR MI 03', 'KLIK - KR SA 01']) expect(byCode[code]?.status).toBe('published');
    for (const code of ['KLIK - KR MI 04', 'KLIK - KR NULSUM', 'KLIK - KR SA 02', 'KLIK - KR MI 05']) expect(byCode[code]?.status).toBe('announced');
    expect(byCode['KLIK - KR NULSUM']?.optional).toBe(true);
    expect(byCode['KLIK - VALG 01']).toMatchObject({ status: 'published', audience_role_key: 'systemansvarlig', audience_solution_key: 'valg' });
  });

  it('keeps every municipality status consistent with its step answers', async () => {
    const wrong = await rawRows<{ code: string }>(
      d.db,
      sql`select t.code from task_target tt join task t on t.id = tt.task_id
          where tt.status = 'loest' and (select count(*) from step_answer a where a.task_id = t.id and a.municipality_code = tt.municipality_code and a.completed)
                <> (select count(*) from task_step s where s.task_id = t.id)`,
    );
    expect(wrong).toEqual([]);
  });
});
