import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildTask } from '../../../../test/factories/tasks.ts';
import type { Db } from '../../../db/client.ts';
import { municipality, person } from '../../../platform/identity/schema.ts';
import { project, stepAnswer, task, taskDeadlineChange, taskStep, taskTarget } from '../schema.ts';

/**
 * The central task pages run a bounded number of SQL statements, whatever the number of tasks,
 * addressed municipalities and answers (the benchmark has 2,000 tasks to all 98 municipalities).
 * Each page is requested once with few rows and once after many more were added to exactly what
 * it lists; the number of statements (Database.queries) must be the same both times.
 *
 * The cap: 2 for the auth hook; the dashboard needs 6 (open critical tasks, the page, its total,
 * the counts of both in one grouped query, projects, solutions); a task's overview 6 (the task,
 * its project, steps, targets with responsible people, all answers, deadline history).
 */
const CAP = 10;
const FAXE = '0320';
const BRONDBY = '0153';
const MANY_TASKS = 150;

describe('central task pages run a bounded number of SQL queries (no N+1)', () => {
  let t: TestApp;
  let admin: Client;
  let taskId = '';
  const before = new Map<string, number>();

  const pages = () => [
    { name: 'GET /overblik', url: '/overblik', shows: 'BENCH - kritisk 7' },
    { name: 'GET /overblik (filtered, page 2)', url: '/overblik?q=bench&side=2', shows: 'BENCH - ' },
    { name: 'GET /opgaver/:id/overblik', url: `/opgaver/${taskId}/overblik`, shows: 'svar-0101' },
    { name: 'GET /opgaver/:id/overblik?mangler=1', url: `/opgaver/${taskId}/overblik?mangler=1`, shows: 'svar-0101' },
    { name: 'GET /opgaver/:id/eksport.csv', url: `/opgaver/${taskId}/eksport.csv`, shows: 'svar-0101' },
    { name: 'GET /opgaver/:id/eksport.xlsx', url: `/opgaver/${taskId}/eksport.xlsx` },
    { name: `GET /kommuner/${FAXE}/opgaver`, url: `/kommuner/${FAXE}/opgaver`, shows: 'BENCH - ' },
    { name: `GET /kommuner/${FAXE}/opgaver?mangler=1`, url: `/kommuner/${FAXE}/opgaver?mangler=1`, shows: 'BENCH - ' },
    { name: `GET /kommuner/${FAXE}/opgaver?side=2`, url: `/kommuner/${FAXE}/opgaver?side=2`, shows: 'BENCH - ' },
    { name: 'GET /api/v1/tasks', url: '/api/v1/tasks', shows: 'BENCH - ' },
    { name: 'GET /api/v1/tasks/:id/overview', url: `/api/v1/tasks/${taskId}/overview`, shows: 'svar-0101' },
    { name: `GET /api/v1/municipalities/${FAXE}/tasks`, url: `/api/v1/municipalities/${FAXE}/tasks`, shows: 'BENCH - ' },
  ];

  async function countQueries(page: { name: string; url: string }) {
    const start = t.database.queries.count;
    const res = await admin.get(page.url);
    const count = t.database.queries.count - start;
    expect(res.statusCode, `${page.name} answered ${res.statusCode}`).toBe(200);
    return { count, body: res.body };
  }

  /** Many more of everything: targets, answers, responsible people and deadline changes of the task; tasks to all 98. */
  async function addRows(db: Db) {
    const codes = (await db.select({ code: municipality.code }).from(municipality)).map((m) => m.code);
    const others = codes.filter((c) => c !== FAXE && c !== BRONDBY);
    const leaders = await db.select({ id: person.id, code: person.municipalityCode }).from(person).where(inArray(person.municipalityCode, codes));
    const leaderOf = new Map(leaders.map((p) => [p.code, p.id]));
    await db.insert(taskTarget).values(
      others.map((code, i) => ({
        taskId,
        municipalityCode: code,
        status: (['ikke_startet', 'i_gang', 'loest', 'ikke_relevant'] as const)[i % 4],
        responsiblePersonId: leaderOf.get(code) ?? null,
        lastActivityAt: new Date(),
      })),
    );
    const steps = await db.select({ id: taskStep.id }).from(taskStep).where(eq(taskStep.taskId, taskId));
    await db
      .insert(stepAnswer)
      .values(codes.filter((c) => c !== FAXE).flatMap((code) => steps.map((s) => ({ stepId: s.id, taskId, municipalityCode: code, value: `svar-${code}`, completed: true }))));
    await db.insert(taskDeadlineChange).values(
      Array.from({ length: 5 }, (_, i) => ({ taskId, fromDeadline: `2030-0${i + 1}-01`, toDeadline: `2030-0${i + 2}-01`, reason: `Ændring ${i}` })),
    );

    // Many tasks to all 98 municipalities: critical, cross-cutting, plain, closed, drafts, in projects.
    const [proj] = await db.select({ id: project.id }).from(project).limit(1);
    const inserted = await db
      .insert(task)
      .values(
        Array.from({ length: MANY_TASKS }, (_, i) => ({
          code: `BENCH - ${i % 2 === 0 ? 'kritisk' : 'almindelig'} ${i}`,
          title: `Benchopgave ${i}`,
          critical: i % 2 === 0,
          crossCutting: i % 3 === 0,
          status: (['published', 'published', 'announced', 'closed', 'draft'] as const)[i % 5],
          deadline: `2025-${String((i % 12) + 1).padStart(2, '0')}-15`,
          projectId: i % 4 === 0 ? proj!.id : null,
          audienceRoleKey: 'programleder',
        })),
      )
      .returning({ id: task.id, status: task.status });
    await db.insert(taskStep).values(inserted.map((x) => ({ taskId: x.id, position: 1, title: 'Gør det' })));
    const sent = inserted.filter((x) => x.status !== 'draft');
    for (let i = 0; i < sent.length; i += 20) {
      await db.insert(taskTarget).values(
        sent.slice(i, i + 20).flatMap((x, j) =>
          codes.map((code, k) => ({
            taskId: x.id,
            municipalityCode: code,
            status: (['ikke_startet', 'i_gang', 'loest', 'ikke_relevant'] as const)[(j + k) % 4],
            responsiblePersonId: leaderOf.get(code) ?? null,
          })),
        ),
      );
    }
  }

  beforeAll(async () => {
    t = await startTestApp();
    t.setNow(new Date('2025-05-26T10:00:00+02:00'));
    admin = await loginAs(t.app, DEMO.admin);
    const db = t.database.db;
    const [proj] = await db.insert(project).values({ key: 'bench', name: 'Benchprojekt' }).returning();
    // Few: the task to two municipalities with one answer, one other critical task, one task to Faxe.
    const built = await buildTask(db, {
      code: 'BENCH - AftaleID',
      critical: true,
      deadline: '2025-05-28',
      targets: [FAXE, BRONDBY],
      steps: [
        { title: 'Læs', answerKind: 'none' },
        { title: 'AftaleID', answerKind: 'identifier', answerLabel: 'AftaleID' },
        { title: 'Test', answerKind: 'yes_no' },
      ],
    });
    taskId = built.task.id;
    await db.update(task).set({ projectId: proj!.id }).where(eq(task.id, taskId));
    await db.insert(stepAnswer).values({ stepId: built.steps[1]!.id, taskId, municipalityCode: FAXE, value: '123456', completed: true });
    await buildTask(db, { code: 'BENCH - kritisk 7', critical: true, targets: [FAXE] });
    for (const page of pages()) before.set(page.name, (await countQueries(page)).count);
    await addRows(db);
  });
  afterAll(async () => {
    t?.setNow(null);
    await t?.close();
  });

  it.each(
    [
      'GET /overblik',
      'GET /overblik (filtered, page 2)',
      'GET /opgaver/:id/overblik',
      'GET /opgaver/:id/overblik?mangler=1',
      'GET /opgaver/:id/eksport.csv',
      'GET /opgaver/:id/eksport.xlsx',
      `GET /kommuner/${FAXE}/opgaver`,
      `GET /kommuner/${FAXE}/opgaver?mangler=1`,
      `GET /kommuner/${FAXE}/opgaver?side=2`,
      'GET /api/v1/tasks',
      'GET /api/v1/tasks/:id/overview',
      `GET /api/v1/municipalities/${FAXE}/tasks`,
    ].map((n) => [n]),
  )('%s', async (name) => {
    const page = pages().find((p) => p.name === name)!;
    const { count, body } = await countQueries(page);
    const baseline = before.get(name)!;
    if (page.shows) expect(body, `${name} should list the added rows`).toContain(page.shows);
    expect(count, `${name}: ${baseline} SQL queries with few rows, ${count} after adding rows – the count must not grow with the rows`).toBe(baseline);
    expect(count, `${name}: ${count} SQL queries – more than the cap of ${CAP}`).toBeLessThanOrEqual(CAP);
  });

  it('lists the many rows: 98 municipalities on the overview, pages of 100 tasks', async () => {
    const overview = await admin.get(`/opgaver/${taskId}/overblik`);
    expect((overview.body.match(/<tr data-kommune=/g) ?? []).length).toBe(98);
    const dash = await admin.get('/overblik');
    expect((dash.body.slice(dash.body.indexOf('Alle opgaver</h2>')).match(/<tr data-opgave=/g) ?? []).length).toBe(100);
    expect(dash.body).toContain('Side 1 af 2');
    expect(dash.body).toContain('href="/overblik?side=2"');
  });
});
