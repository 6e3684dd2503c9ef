import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, loginAs, startTestApp, type TestApp } from './app.ts';
import { buildTask } from './factories/tasks.ts';

/**
 * Input the database cannot store, bodies that cannot be read, and requests about another
 * municipality: each is the sender's mistake (4xx), never the server's, and writes nothing.
 */

const FAXE = '0320';
const BRONDBY = '0153';

describe('bad input', () => {
  let t: TestApp;
  let admin: Client;
  let faxeAdmin: Client;
  let taskId: string;

  const count = async (table: string): Promise<number> => {
    const res = (await t.database.db.execute(sql.raw(`select count(*)::int as n from "${table}"`))) as unknown as { rows: { n: number }[] };
    return Number(res.rows[0]!.n);
  };
  const cookieOf = (c: Client) => [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
  const send = (c: Client, method: 'POST' | 'PUT', url: string, contentType: string | undefined, payload: string | Buffer | undefined) =>
    t.app.inject({
      method,
      url,
      headers: { cookie: cookieOf(c), 'x-csrf-token': c.csrf, ...(contentType ? { 'content-type': contentType } : {}) },
      payload,
    });
  const multipart = (fields: Record<string, string>, boundary = 'graense42') => {
    let text = '';
    for (const [k, v] of Object.entries(fields)) text += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
    return { contentType: `multipart/form-data; boundary=${boundary}`, payload: Buffer.from(`${text}--${boundary}--\r\n`) };
  };
  const fieldErrors = (res: LightMyRequestResponse) => (res.json() as { fieldErrors: Record<string, string> }).fieldErrors;

  beforeAll(async () => {
    t = await startTestApp();
    admin = await loginAs(t.app, DEMO.admin);
    faxeAdmin = await loginAs(t.app, DEMO.klikAdmin(FAXE));
    taskId = (await buildTask(t.database.db, { targets: [FAXE, BRONDBY] })).task.id;
  });
  afterAll(async () => t?.close());

  describe('a NUL or a lone surrogate in any text field is a 422 naming the field, and writes nothing', () => {
    it('in a JSON body, at any depth', async () => {
      const before = await count('task');
      const body = { title: 'Lokal opgave', deadline: '2030-06-30', steps: [{ title: 'Første trin' }] };
      const nul = await faxeAdmin.api('POST', '/api/v1/local-tasks', { ...body, title: 'Lokal\u0000opgave' });
      expect(nul.statusCode).toBe(422);
      expect(nul.json()).toMatchObject({ code: 'validation_failed', fieldErrors: { title: expect.stringContaining('tegn') }, requestId: expect.any(String) });
      const surrogate = await faxeAdmin.api('POST', '/api/v1/local-tasks', { ...body, steps: [{ title: 'Trin \ud800' }] });
      expect(surrogate.statusCode).toBe(422);
      expect(Object.keys(fieldErrors(surrogate))).toEqual(['steps.0.title']);
      const lowAlone = await faxeAdmin.api('POST', '/api/v1/local-tasks', { ...body, description: '\udc00 alene' });
      expect(Object.keys(fieldErrors(lowAlone))).toEqual(['description']);
      // A whole pair is an ordinary character (an emoji) and is stored as such.
      const pair = await faxeAdmin.api('POST', '/api/v1/local-tasks', { ...body, title: 'Lokal opgave 👍' });
      expect(pair.statusCode).toBe(201);
      expect(await count('task')).toBe(before + 1);
    });

    it('in a page form, shown as a Danish validation error', async () => {
      const before = await count('person');
      const res = await faxeAdmin.post(`/kommuner/${FAXE}/personer`, { name: 'Anne\u0000Andersen', email: 'anne-nul@faxe.dk', title: 'Tester', phone: '' });
      expect(res.statusCode).toBe(422);
      expect(res.headers['content-type']).toContain('text/html');
      expect(res.body).toContain('name');
      expect(res.body).toContain('ikke kan gemmes');
      expect(await count('person')).toBe(before);
    });

    it('in a multipart text field, with either multipart parser', async () => {
      const before = await count('person');
      // Multipart is bytes: UTF-8 cannot carry a lone surrogate, but it can carry a NUL.
      const form = multipart({ _csrf: faxeAdmin.csrf, name: 'Bo\u0000', email: 'bo-nul@faxe.dk', title: 'Tester' });
      const page = await send(faxeAdmin, 'POST', `/kommuner/${FAXE}/personer`, form.contentType, form.payload);
      expect(page.statusCode).toBe(422);
      expect(await count('person')).toBe(before);

      const files = await count('task_file');
      const upload = multipart({ note: 'bilag\u0000' });
      const res = await send(admin, 'POST', `/api/v1/tasks/${taskId}/attachments`, upload.contentType, upload.payload);
      expect(res.statusCode).toBe(422);
      expect(fieldErrors(res)).toHaveProperty('note');
      expect(await count('task_file')).toBe(files);
    });

    it('in a query string', async () => {
      const res = await admin.api('GET', '/api/v1/audit?soeg=a%00b');
      expect(res.statusCode).toBe(422);
      expect(fieldErrors(res)).toHaveProperty('soeg');
      // Percent-encoded bytes that are no UTF-8 become U+FFFD, an ordinary character.
      const replaced = await admin.api('GET', '/api/v1/audit?handling=%ED%A0%80');
      expect(replaced.statusCode).toBe(200);
    });
  });

  describe('a multipart body that cannot be read is a 400', () => {
    const whole = multipart({ email: 'x@y.dk', password: 'hemmelig' });
    const bodies: [string, string, Buffer][] = [
      ['truncated', whole.contentType, whole.payload.subarray(0, 40)],
      ['another boundary', 'multipart/form-data; boundary=findesikke', whole.payload],
      ['no boundary', 'multipart/form-data', whole.payload],
      ['garbage', whole.contentType, Buffer.from('--graense42\r\n\u0000\u00ff\r\n\r\n')],
    ];

    it.each(bodies)('on the anonymous login form: %s', async (_what, contentType, payload) => {
      const visitor = new Client(t.app);
      await visitor.get('/login');
      const res = await send(visitor, 'POST', '/login', contentType, payload);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Formularen kunne ikke læses');
    });

    it.each(bodies)('on a page form and an upload route: %s', async (_what, contentType, payload) => {
      const people = await count('person');
      const page = await send(faxeAdmin, 'POST', `/kommuner/${FAXE}/personer`, contentType, payload);
      expect(page.statusCode).toBe(400);
      const upload = await send(admin, 'POST', `/api/v1/tasks/${taskId}/attachments`, contentType, payload);
      expect(upload.statusCode).toBe(400);
      expect(upload.json()).toMatchObject({ code: 'bad_request', requestId: expect.any(String) });
      expect(await count('person')).toBe(people);
    });
  });

  describe("another municipality's URL is 404 whatever the body", () => {
    const huge = JSON.stringify({ name: 'x'.repeat(3 * 1024 * 1024) });
    const bodies: [string, string | undefined, string | Buffer | undefined][] = [
      ['no body', undefined, undefined],
      ['an empty JSON body', 'application/json', ''],
      ['malformed JSON', 'application/json', '{"name":'],
      ['a body above the size limit', 'application/json', huge],
      ['a content type nobody reads', 'text/xml', '<person/>'],
      ['a broken multipart body', 'multipart/form-data; boundary=x', Buffer.from('--x\r\nbroken')],
    ];

    it.each(bodies)('API: %s', async (_what, contentType, payload) => {
      const res = await send(faxeAdmin, 'POST', `/api/v1/municipalities/${BRONDBY}/people`, contentType, payload);
      expect(res.statusCode).toBe(404);
      expect(res.json()).toMatchObject({ code: 'not_found' });
    });

    it.each(bodies)('page: %s', async (_what, contentType, payload) => {
      const res = await send(faxeAdmin, 'POST', `/kommuner/${BRONDBY}/personer`, contentType, payload);
      expect(res.statusCode).toBe(404);
    });

    it('while the own municipality still gets the parser\'s answer', async () => {
      const res = await send(faxeAdmin, 'POST', `/api/v1/municipalities/${FAXE}/people`, 'application/json', '{"name":');
      expect(res.statusCode).toBe(400);
    });
  });
});
