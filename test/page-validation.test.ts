import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { taskMessage } from '../src/modules/tasks/schema.ts';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from './app.ts';
import { buildAgreement } from './factories/agreements.ts';
import { buildTask } from './factories/tasks.ts';

/**
 * Pages validate their params, query strings and bodies through route schemas as the API does. A
 * user who mistypes or mangles an address sees what the page always showed: 404 for an id or code
 * that cannot name anything, the page with its defaults for a query value it cannot read, a Danish
 * 4xx for a body no browser form sends; never a 500.
 */

const FAXE = '0320';
/** Passes a "36 characters of hex or dash" check, but PostgreSQL cannot read it as a uuid. */
const DASHES = '-'.repeat(36);

let t: TestApp;
let admin: Client;
let leader: Client;
let taskId: string;
let agreementId: string;

beforeAll(async () => {
  t = await startTestApp();
  admin = await loginAs(t.app, DEMO.admin);
  leader = await loginAs(t.app, DEMO.programLeader(FAXE));
  taskId = (await buildTask(t.database.db, { targets: [FAXE] })).task.id;
  agreementId = (await buildAgreement(t.database.db, { targets: [FAXE] })).agreement.id;
});
afterAll(() => t?.close());

describe('page params', () => {
  it('answer 404 as a Danish page for an id or code that cannot name anything', async () => {
    const urls = [
      `/opgaver/${DASHES}`,
      `/opgaver/${DASHES}/overblik`,
      `/opgaver/${DASHES}/pdf`,
      `/opgaver/${DASHES}/kommuner/${FAXE}`,
      `/opgaver/${taskId}/kommuner/abcd`,
      `/opgaver/${taskId}/filer/${DASHES}`,
      `/aftaler/ikke-et-id`,
      `/aftaler/${agreementId}/kommuner/03200`,
      `/aftaler/${agreementId}/underskrifter/${DASHES}/kvittering`,
      `/kommuner/03x0`,
      `/kommuner/${FAXE}/personer/ikke-et-id`,
      `/kommuner/03%0020`,
      `/kommuner/03%0020/opgaver`,
      `/udgaaende-post/${DASHES}`,
    ];
    for (const url of urls) {
      const res = await admin.get(url);
      expect(res.statusCode, url).toBe(404);
      expect(res.headers['content-type'], url).toContain('text/html');
      expect(res.body, url).toContain('Siden findes ikke');
    }
  });

  it('answer 404 on a form post to a malformed address, and the API keeps its structured 422', async () => {
    const post = await leader.post(`/opgaver/${DASHES}/beskeder`, { body: 'Hej' });
    expect(post.statusCode).toBe(404);
    const api = await leader.api('GET', `/api/v1/tasks/${DASHES}/municipalities/${FAXE}`);
    expect(api.statusCode).toBe(422);
    expect(api.json()).toMatchObject({ code: 'validation_failed', fieldErrors: { id: 'Ugyldigt id' } });
  });
});

describe('page query strings', () => {
  it('show the page with its defaults when a value cannot be read', async () => {
    const urls = [
      `/opgaver/${taskId}/overblik?mangler=1&mangler=ja`,
      `/kommuner/${FAXE}/opgaver?mangler=1&mangler=ja&side=x`,
      `/opgaver?side=-3`,
      `/aftaler/${agreementId}/status?status=a&status=b`,
      `/aftaler/overblik?type=a&type=b`,
      `/portefoelje?fase=a&fase=b&besked=x&besked=y`,
      `/rolleoverblik?rolle=a&rolle=b`,
    ];
    for (const url of urls) {
      const client = url.startsWith('/opgaver?') ? leader : admin;
      const res = await client.get(url);
      expect(res.statusCode, url).toBe(200);
    }
  });

  it('read the page number, falling back to the first page', async () => {
    const first = await leader.get('/opgaver');
    const mangled = await leader.get('/opgaver?side=abc');
    expect(mangled.statusCode).toBe(200);
    const rows = (html: string) => (html.match(/<tr/g) ?? []).length;
    expect(rows(mangled.body)).toBe(rows(first.body));
  });
});

describe('page form bodies', () => {
  it('refuse a body no form sends with a Danish 422 page, and change nothing', async () => {
    const messages = async () => (await t.database.db.select().from(taskMessage).where(eq(taskMessage.taskId, taskId))).length;
    const before = await messages();
    const res = await leader.app.inject({
      method: 'POST',
      url: `/opgaver/${taskId}/beskeder`,
      headers: { cookie: [...leader.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/json' },
      payload: JSON.stringify({ _csrf: leader.csrf, body: { nested: true } }),
    });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Der er fejl i det indsendte.');
    expect(await messages()).toBe(before);
  });

  it('still redraw the form with Danish field errors from the use case', async () => {
    const res = await leader.post(`/opgaver/${taskId}/beskeder`, { body: '' });
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('<form');
  });
});

describe('the source', () => {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../src');
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const full = path.join(dir, name);
      if (statSync(full).isDirectory()) return files(full);
      return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) ? [full] : [];
    });

  it('reads params, query strings and bodies only through route schemas, and checks ids with the shared uuid schema', () => {
    const found: string[] = [];
    const forbidden = [
      /\b(request|req)\.(params|query|body)\s+as\b/,
      /\(\s*(request|req)\.(params|query|body)\s*\?\?[^)]*\)\s+as\b/,
      /\[0-9a-f\]\{8\}/i,
      /\[0-9a-f-\]\{36\}/i,
    ];
    for (const file of files(root)) {
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (forbidden.some((re) => re.test(line))) found.push(`${path.relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    expect(found).toEqual([]);
  });
});
