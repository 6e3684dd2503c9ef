import { sql } from 'drizzle-orm';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../../test/app.ts';
import { rawRows } from '../../../db/client.ts';
import { pruneJobs } from '../../../platform/scheduler/prune-expired.ts';

/** A double click, a resent form or a client's retry creates one local task, and every repeat answers with it. */

let t: TestApp;
let leader: Client;

const tasksTitled = (title: string) =>
  rawRows<{ id: string; code: string }>(t.database.db, sql`select id, code from task where title = ${title} and local_municipality_code = '0320'`);
const auditFor = (taskId: string) =>
  rawRows<{ id: string }>(t.database.db, sql`select id from audit_event where action = 'task.local_created' and entity_id = ${taskId}`);

/** The API call with the session and, if given, an Idempotency-Key header. */
const post = (body: unknown, key?: string) =>
  t.app.inject({
    method: 'POST',
    url: '/api/v1/local-tasks',
    headers: {
      cookie: [...leader.cookies].map(([k, v]) => `${k}=${v}`).join('; '),
      'x-csrf-token': leader.csrf,
      'content-type': 'application/json',
      ...(key ? { 'idempotency-key': key } : {}),
    },
    payload: JSON.stringify(body),
  });

beforeAll(async () => {
  t = await startTestApp();
  leader = await loginAs(t.app, DEMO.programLeader('0320'));
});
afterEach(() => t.setNow(null));
afterAll(() => t?.close());

describe('creating a local task twice at once', () => {
  it('20 identical parallel API calls create one task and one audit row, and all answer with it', async () => {
    const body = { title: 'Tjek adgangskort', deadline: '2031-03-01', steps: [{ title: 'Tjek dem' }] };
    const answers = await Promise.all(Array.from({ length: 20 }, () => post(body)));

    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(201));
    const tasks = await tasksTitled('Tjek adgangskort');
    expect(tasks).toHaveLength(1);
    expect(new Set(answers.map((a) => a.json().task.id))).toEqual(new Set([tasks[0]!.id]));
    expect(await auditFor(tasks[0]!.id)).toHaveLength(1);
  });

  it('the form posted 20 times with the same values creates one task, and every post leads to it', async () => {
    const form = await leader.get('/opgaver/lokal/ny');
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(form.body)?.[1];
    expect(requestKey).toBeDefined();
    const values = { title: 'Ryd op i fællesdrevet', deadline: '2031-04-01', steps: 'Find filerne\r\nSlet dem', requestKey: requestKey! };
    const answers = await Promise.all(Array.from({ length: 20 }, () => leader.post('/opgaver/lokal/ny', values)));

    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(303));
    const tasks = await tasksTitled('Ryd op i fællesdrevet');
    expect(tasks).toHaveLength(1);
    expect(new Set(answers.map((a) => a.headers.location))).toEqual(new Set([`/opgaver/${tasks[0]!.id}?besked=lokal-oprettet`]));
    expect(await auditFor(tasks[0]!.id)).toHaveLength(1);
    // A new form is a new request.
    const next = await leader.get('/opgaver/lokal/ny');
    expect(/name="requestKey" value="([^"]+)"/.exec(next.body)?.[1]).not.toBe(requestKey);
  });

  it('keeps an Idempotency-Key for a day, and treats the same content without one as new after a few seconds', async () => {
    const body = { title: 'Gentaget opgave', deadline: '2031-05-01', steps: [{ title: 'Gør det' }] };
    const first = await post(body, 'klient-noegle-1');
    expect(first.statusCode).toBe(201);

    t.setNow(new Date(Date.now() + 3600_000));
    const retried = await post(body, 'klient-noegle-1');
    expect(retried.statusCode).toBe(201);
    expect(retried.json().task.id).toBe(first.json().task.id);
    expect(await tasksTitled('Gentaget opgave')).toHaveLength(1);

    // On purpose, later: a new key, or no key after the short window, is a new task.
    expect((await post(body, 'klient-noegle-2')).json().task.id).not.toBe(first.json().task.id);
    expect((await post(body)).statusCode).toBe(201);
    t.setNow(new Date(Date.now() + 3600_000 + 60_000));
    expect((await post(body)).statusCode).toBe(201);
    expect(await tasksTitled('Gentaget opgave')).toHaveLength(4);

    const tooLong = await post(body, 'x'.repeat(201));
    expect(tooLong.statusCode).toBe(422);
    expect(tooLong.json()).toMatchObject({ fieldErrors: { idempotencyKey: 'Nøglen skal være 1-200 tegn' } });
    expect(await tasksTitled('Gentaget opgave')).toHaveLength(4);

    // The scheduler clears keys whose day has passed.
    const [prune] = pruneJobs(t.database);
    await prune!.run(new Date(Date.now() + 2 * 24 * 3600_000));
    expect(await rawRows(t.database.db, sql`select scope from request_key`)).toEqual([]);
  });
});
