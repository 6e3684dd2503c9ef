import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { buildTask } from '../../../test/factories/tasks.ts';
import { rawRows } from '../../db/client.ts';

/**
 * Answer patterns run in linear time: patterns that make a backtracking engine take seconds (and
 * block every other request meanwhile) answer at once, and what only backtracking can do is
 * refused when the step is written.
 */

const FAXE = '0320';
let seq = 0;

/**
 * The fastest of up to twenty runs (stopping at the first one under the limit): a worst-case guard
 * that a busy machine does not fail, while an engine that backtracks fails every run.
 */
async function fastestRun<T>(limitMs: number, run: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let best = Infinity;
  let result!: T;
  for (let i = 0; i < 20 && best >= limitMs; i++) {
    const start = performance.now();
    result = await run();
    best = Math.min(best, performance.now() - start);
  }
  return { ms: best, result };
}

describe('answer patterns', () => {
  let t: TestApp;
  let faxe: Client;
  let consultant: Client;
  const db = () => t.database.db;
  const count = async (table: string) => (await rawRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.raw(table)}`))[0]!.n;

  beforeAll(async () => {
    t = await startTestApp();
    faxe = await loginAs(t.app, DEMO.klikAdmin(FAXE));
    consultant = await loginAs(t.app, DEMO.consultant);
  });
  afterAll(() => t?.close());

  const worstCases: [pattern: string, answer: string][] = [
    ['(a+)+$', `${'a'.repeat(199)}!`],
    ['(a+)+', `${'a'.repeat(199)}!`],
    ['(a|aa)+', `${'a'.repeat(199)}!`],
    ['(.*a){20}', `${'a'.repeat(199)}!`],
    ['^(\\w+\\s?)*$', `${'a'.repeat(199)}!`],
    ['([a-z]*)*[0-9]', 'a'.repeat(200)],
  ];

  it.each(worstCases)('checks %s against a 200-character answer in under 50 ms through the API', async (pattern, answer) => {
    const built = await buildTask(db(), {
      targets: [FAXE],
      steps: [{ title: 'Indberet nøglen', answerKind: 'identifier', answerLabel: 'Nøgle', answerPattern: pattern, answerHint: 'Nøglen har et andet format' }],
    });
    const url = `/api/v1/tasks/${built.task.id}/municipalities/${FAXE}/steps/${built.steps[0]!.id}`;
    const { ms, result } = await fastestRun(50, () => faxe.api('PUT', url, { value: answer, completed: false }));
    expect(result.statusCode).toBe(422);
    expect(result.json()).toMatchObject({ fieldErrors: { value: 'Nøglen har et andet format' } });
    expect(ms).toBeLessThan(50);
  });

  it('keeps the anchored, whole-answer meaning of the patterns in use', async () => {
    const built = await buildTask(db(), {
      targets: [FAXE],
      steps: [
        { title: 'AftaleID', answerKind: 'identifier', answerLabel: 'AftaleID', answerPattern: '^[0-9]{6}$', answerHint: 'Seks cifre' },
        { title: 'Sagsnummer', answerKind: 'identifier', answerLabel: 'Sagsnummer', answerPattern: '[A-Z]{2}-\\d{4}|\\d{8}', answerHint: 'Fx AB-1234' },
        { title: 'Nøgle', answerKind: 'identifier', answerLabel: 'Nøgle', answerPattern: '(a|aa)+', answerHint: 'Kun a' },
      ],
    });
    const put = (step: number, value: string) =>
      faxe.api('PUT', `/api/v1/tasks/${built.task.id}/municipalities/${FAXE}/steps/${built.steps[step]!.id}`, { value, completed: false });
    expect((await put(0, '1234567')).statusCode).toBe(422);
    expect((await put(0, '123456')).statusCode).toBe(200);
    // Without ^ and $ the pattern still has to match the whole answer, on either side of the |.
    expect((await put(1, 'xAB-1234')).statusCode).toBe(422);
    expect((await put(1, '123456789')).statusCode).toBe(422);
    expect((await put(1, 'AB-1234')).statusCode).toBe(200);
    expect((await put(1, '12345678')).statusCode).toBe(200);
    expect((await put(2, 'a'.repeat(200))).statusCode).toBe(200);
  });

  const formFields = (code: string, pattern: string) => ({
    code,
    title: 'Indberet nøglen',
    description: '',
    consequence: '',
    audienceRoleKey: 'programleder',
    'targets.mode': 'list',
    'targets.pasted': '0320',
    deadline: '2030-05-30',
    antalTrin: '1',
    'steps.0.title': 'Indberet nøglen',
    'steps.0.answerKind': 'identifier',
    'steps.0.answerLabel': 'Nøgle',
    'steps.0.answerPattern': pattern,
    'steps.0.answerHint': 'To ens cifre',
  });
  const apiBody = (code: string, pattern: string) => ({
    code,
    title: 'Indberet nøglen',
    audienceRoleKey: 'programleder',
    targets: { mode: 'list', codes: ['0320'] },
    deadline: '2030-05-30',
    steps: [{ title: 'Indberet nøglen', answerKind: 'identifier', answerLabel: 'Nøgle', answerPattern: pattern }],
  });

  it.each([
    ['a back-reference', '^(\\d)\\1$', 'tilbagereferencer'],
    ['a lookahead', '^(?=\\d{6}$)1\\d+$', 'lookaround'],
    ['a lookbehind', '^\\d+(?<!0)$', 'lookaround'],
    ['a broken pattern', '^[0-9{6}$', 'ikke et gyldigt regulært udtryk'],
    ['a pattern too large to run fast', '(\\p{L}?){1000}', 'for komplekst'],
  ])('refuses %s at authoring with a field error, in the form and the API, and writes nothing', async (_what, pattern, message) => {
    const before = [await count('task'), await count('task_step'), await count('audit_event')];

    const form = await consultant.post('/opgaver', formFields(`KLIK - MOENSTER ${++seq}`, pattern));
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('Trin 1, mønster');
    expect(form.body).toContain(message);

    const api = await consultant.api('POST', '/api/v1/tasks', apiBody(`KLIK - MOENSTER ${++seq}`, pattern));
    expect(api.statusCode).toBe(422);
    expect(api.json().fieldErrors['steps.0.answerPattern']).toContain(message);

    expect([await count('task'), await count('task_step'), await count('audit_event')]).toEqual(before);
  });

  it('accepts the patterns authors write today', async () => {
    for (const pattern of ['^[0-9]{6}$', '^[0-9]{13}$', '[A-ZÆØÅ]{2}\\d{4}', '^(?:DK)?\\d{8}$', '(?<aar>\\d{4})-\\d+', '\\d{2}\\-\\d{2}\\/\\d{4}']) {
      const api = await consultant.api('POST', '/api/v1/tasks', apiBody(`KLIK - MOENSTER ${++seq}`, pattern));
      expect(api.statusCode, pattern).toBe(201);
    }
  });
});
