import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { buildTask, targetOf } from '../../../../test/factories/tasks.ts';
import { rawRows } from '../../../db/client.ts';
import { normalizeValue } from './answer-step.ts';

/** Answering steps, the derived status per municipality and "ikke relevant". Faxe (0320) answers. */

const FAXE = '0320';
const BRONDBY = '0153';

const STEPS = [
  { title: 'Læs vejledningen' },
  { title: 'Indberet AftaleID', answerKind: 'identifier' as const, answerLabel: 'AftaleID', answerPattern: '^[0-9]{6}$', answerHint: 'AftaleID består af 6 cifre' },
  { title: 'Er testen gennemført?', answerKind: 'yes_no' as const, answerLabel: 'Test gennemført' },
  { title: 'Hvornår?', answerKind: 'date' as const, answerLabel: 'Dato' },
  { title: 'Kontaktperson', answerKind: 'text' as const, answerLabel: 'Kontakt' },
];

describe('answering steps', () => {
  let t: TestApp;
  let faxe: Client;

  const db = () => t.database.db;
  const count = async (table: string, where: ReturnType<typeof sql>) =>
    (await rawRows<{ n: number }>(db(), sql`select count(*)::int as n from ${sql.raw(table)} where ${where}`))[0]!.n;
  const put = (taskId: string, stepId: string, body: unknown, code = FAXE) => faxe.api('PUT', `/api/v1/tasks/${taskId}/municipalities/${code}/steps/${stepId}`, body);

  beforeAll(async () => {
    t = await startTestApp();
    faxe = await loginAs(t.app, DEMO.klikAdmin(FAXE));
  });
  afterAll(() => t.close());

  it('validates an identifier against the step’s pattern and shows the Danish hint; nothing is written on error', async () => {
    const built = await buildTask(db(), { targets: [FAXE], steps: STEPS });
    const step = built.steps[1]!;
    await faxe.get(`/opgaver/${built.task.id}`);
    const form = await faxe.post(`/opgaver/${built.task.id}/trin/${step.id}`, { value: '12345', completed: 'on' });
    expect(form.statusCode).toBe(422);
    expect(form.body).toContain('AftaleID består af 6 cifre');
    expect(form.body).toContain('href="#felt-trin-2"'); // the error summary links to the field
    expect(form.body).toContain('value="12345"'); // the user's input is shown again

    const api = await put(built.task.id, step.id, { value: '1234567', completed: false });
    expect(api.statusCode).toBe(422);
    expect(api.json()).toMatchObject({ fieldErrors: { value: 'AftaleID består af 6 cifre' } });
    expect(await count('step_answer', sql`task_id = ${built.task.id}`)).toBe(0);
    expect(await count('audit_event', sql`entity_id = ${built.task.id}`)).toBe(0);
    expect((await targetOf(db(), built.task.id, FAXE))!.status).toBe('ikke_startet');

    const ok = await faxe.post(`/opgaver/${built.task.id}/trin/${step.id}`, { value: ' 123456 ', completed: 'on' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe(`/opgaver/${built.task.id}?besked=trin-gemt#trin-${step.id}`);
    const [answer] = await rawRows<{ value: string; completed: boolean }>(db(), sql`select value, completed from step_answer where step_id = ${step.id}`);
    expect(answer).toEqual({ value: '123456', completed: true });
  });

  it('requires a valid answer to complete a step with an answer field', async () => {
    const built = await buildTask(db(), { targets: [FAXE], steps: STEPS });
    const res = await put(built.task.id, built.steps[4]!.id, { value: '  ', completed: true });
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ fieldErrors: { value: 'Udfyld Kontakt, før trinnet markeres som udført' } });
    expect((await put(built.task.id, built.steps[2]!.id, { value: 'måske', completed: true })).json()).toMatchObject({ fieldErrors: { value: 'Vælg ja eller nej' } });
    expect((await put(built.task.id, built.steps[3]!.id, { value: '31.02.2025', completed: true })).json()).toMatchObject({
      fieldErrors: { value: 'Skriv en gyldig dato, fx 28.05.2025' },
    });
    expect(await count('step_answer', sql`task_id = ${built.task.id}`)).toBe(0);
  });

  it('derives the status: some activity is "i gang", every step completed is "løst" with solved_at, and back', async () => {
    const built = await buildTask(db(), { targets: [FAXE, BRONDBY], steps: STEPS });
    const id = built.task.id;
    const [s1, s2, s3, s4, s5] = built.steps;

    // A saved answer without "Udført" already means the municipality has started.
    expect((await put(id, s5!.id, { value: 'Mette, IT', completed: false })).json()).toMatchObject({ status: 'i_gang' });
    let target = await targetOf(db(), id, FAXE);
    expect(target).toMatchObject({ status: 'i_gang', solvedAt: null });
    expect(target!.lastActivityAt).not.toBeNull();

    await put(id, s1!.id, { completed: true });
    await put(id, s2!.id, { value: '654321', completed: true });
    await put(id, s3!.id, { value: 'ja', completed: true });
    await put(id, s4!.id, { value: '2025-05-28', completed: true });
    expect((await targetOf(db(), id, FAXE))!.status).toBe('i_gang');
    // `value` left out keeps the saved answer.
    const solved = await put(id, s5!.id, { completed: true });
    expect(solved.json()).toMatchObject({ status: 'loest' });
    target = await targetOf(db(), id, FAXE);
    expect(target!.status).toBe('loest');
    expect(target!.solvedAt).toBeInstanceOf(Date);
    expect((solved.json() as { steps: { answer: { value: string } }[] }).steps[4]!.answer.value).toBe('Mette, IT');
    expect((await targetOf(db(), id, BRONDBY))!.status).toBe('ikke_startet');

    const page = (await faxe.get(`/opgaver/${id}`)).body;
    expect(page).toContain('Løst');
    expect(page).toContain('Trin (5 af 5 udført)');

    // Un-completing a step reopens the task.
    await put(id, s1!.id, { completed: false });
    expect(await targetOf(db(), id, FAXE)).toMatchObject({ status: 'i_gang', solvedAt: null });
  });

  it('treats the same answer twice as a no-op: no second audit row, no change', async () => {
    const built = await buildTask(db(), { targets: [FAXE], steps: STEPS });
    const step = built.steps[1]!;
    await put(built.task.id, step.id, { value: '111111', completed: true });
    const before = await targetOf(db(), built.task.id, FAXE);
    const audits = () => count('audit_event', sql`action = 'task.step_answered' and entity_id = ${built.task.id}`);
    expect(await audits()).toBe(1);
    const again = await put(built.task.id, step.id, { value: '111111', completed: true });
    expect(again.statusCode).toBe(200);
    expect(await audits()).toBe(1);
    expect(await targetOf(db(), built.task.id, FAXE)).toEqual(before);
    await faxe.get(`/opgaver/${built.task.id}`);
    const form = await faxe.post(`/opgaver/${built.task.id}/trin/${step.id}`, { value: '111111', completed: 'on' });
    expect(form.headers.location).toContain('besked=ingen-aendring');
    expect(await audits()).toBe(1);
    // The audit row carries the municipality and the answer.
    const [row] = await rawRows<{ municipality_code: string; after: { value: string; completed: boolean } }>(
      db(),
      sql`select municipality_code, after from audit_event where action = 'task.step_answered' and entity_id = ${built.task.id}`,
    );
    expect(row).toMatchObject({ municipality_code: FAXE, after: { value: '111111', completed: true } });
  });

  it('refuses a step of another task and unknown steps with 404', async () => {
    const a = await buildTask(db(), { targets: [FAXE] });
    const b = await buildTask(db(), { targets: [FAXE] });
    expect((await put(a.task.id, b.steps[0]!.id, { completed: true })).statusCode).toBe(404);
    expect((await put(a.task.id, '00000000-0000-0000-0000-000000000000', { completed: true })).statusCode).toBe(404);
  });

  it('refuses answers to a closed task', async () => {
    const built = await buildTask(db(), { status: 'closed', targets: [FAXE] });
    expect((await put(built.task.id, built.steps[0]!.id, { completed: true })).statusCode).toBe(403);
  });

  describe('ikke relevant', () => {
    it('is only for optional tasks', async () => {
      const built = await buildTask(db(), { targets: [FAXE] });
      await faxe.get(`/opgaver/${built.task.id}`);
      expect((await faxe.get(`/opgaver/${built.task.id}`)).body).not.toContain('Markér som ikke relevant');
      const res = await faxe.post(`/opgaver/${built.task.id}/ikke-relevant`, { reason: 'Vi bruger ikke løsningen' });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('Kun valgfrie opgaver kan markeres som ikke relevante.');
      expect((await targetOf(db(), built.task.id, FAXE))!.status).toBe('ikke_startet');
    });

    it('needs a reason, blocks answers while marked, and can be undone', async () => {
      const built = await buildTask(db(), { optional: true, targets: [FAXE], steps: [{ title: 'Nulsumstest' }, { title: 'Rapportér' }] });
      const id = built.task.id;
      await faxe.get(`/opgaver/${id}`);
      await faxe.post(`/opgaver/${id}/trin/${built.steps[0]!.id}`, { completed: 'on' });
      expect((await targetOf(db(), id, FAXE))!.status).toBe('i_gang');

      const missing = await faxe.post(`/opgaver/${id}/ikke-relevant`, { reason: '' });
      expect(missing.statusCode).toBe(422);
      expect(missing.body).toContain('Skriv hvorfor opgaven ikke er relevant for kommunen');

      expect((await faxe.post(`/opgaver/${id}/ikke-relevant`, { reason: 'Vi kører ikke nulsumstest <i>' })).statusCode).toBe(303);
      expect(await targetOf(db(), id, FAXE)).toMatchObject({ status: 'ikke_relevant', notRelevantReason: 'Vi kører ikke nulsumstest <i>' });
      const page = (await faxe.get(`/opgaver/${id}`)).body;
      expect(page).toContain('Vi kører ikke nulsumstest &lt;i>');
      expect(page).toContain('Fortryd – opgaven er relevant');
      expect(page).not.toContain(`/trin/${built.steps[1]!.id}"`);
      expect((await put(id, built.steps[1]!.id, { completed: true })).statusCode).toBe(409);

      const audits = () => count('audit_event', sql`action = 'task.marked_not_relevant' and entity_id = ${id}`);
      await faxe.post(`/opgaver/${id}/ikke-relevant`, { reason: 'Vi kører ikke nulsumstest <i>' });
      expect(await audits()).toBe(1);

      const api = await faxe.api('DELETE', `/api/v1/tasks/${id}/municipalities/${FAXE}/not-relevant`);
      expect(api.statusCode).toBe(200);
      expect(api.json()).toMatchObject({ status: 'i_gang', notRelevantReason: null });
      expect((await faxe.post(`/opgaver/${id}/relevant`)).headers.location).toContain('besked=ingen-aendring');
      expect(await count('audit_event', sql`action = 'task.marked_relevant' and entity_id = ${id}`)).toBe(1);

      const viaApi = await faxe.api('POST', `/api/v1/tasks/${id}/municipalities/${FAXE}/not-relevant`, { reason: 'Alligevel ikke' });
      expect(viaApi.json()).toMatchObject({ status: 'ikke_relevant', notRelevantReason: 'Alligevel ikke' });
    });
  });

  it('normalises answers by kind', () => {
    const step = { answerKind: 'date' as const, answerPattern: null, answerHint: '', answerLabel: '' };
    expect(normalizeValue(step, '1.6.2025')).toBe('2025-06-01');
    expect(normalizeValue({ ...step, answerKind: 'yes_no' }, 'Ja')).toBe('ja');
    // A pattern applies to the whole answer, anchored or not.
    const id = { answerKind: 'identifier' as const, answerPattern: '[0-9]{6}', answerHint: 'Seks cifre', answerLabel: 'AftaleID' };
    expect(normalizeValue(id, '123456')).toBe('123456');
    expect(() => normalizeValue(id, 'x1234567')).toThrow();
  });
});
