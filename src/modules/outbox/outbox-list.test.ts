import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO, loginAs, startTestApp, type Client, type TestApp } from '../../../test/app.ts';
import { outboxMail } from '../../platform/outbox/schema.ts';

/**
 * The outbox as a KOMBIT administrator reads it: paged, searchable by recipient, subject, status and
 * Danish day, and as quick with ten thousand mails as with ten.
 */

let t: TestApp;
let admin: Client;
let seq = 0;

/** Mails with a subject prefix of their own, so that each test sees only what it wrote. */
async function mails(list: { to?: string; subject?: string; status?: 'pending' | 'sent' | 'failed' | 'uncertain'; at?: string; body?: string }[]) {
  const tag = `Filtertest${++seq}`;
  await t.database.db.insert(outboxMail).values(
    list.map((m, i) => ({
      toAddress: m.to ?? `modtager${i}@kommune.test`,
      subject: `${tag} ${m.subject ?? i}`,
      body: m.body ?? 'Hej',
      kind: 'test',
      status: m.status ?? 'sent',
      ...(m.at ? { createdAt: new Date(m.at) } : {}),
    })),
  );
  return tag;
}

/** What the API lists for the filter: total and subjects (without the tag). */
async function listed(tag: string, filter: Record<string, string>) {
  const res = await admin.api('GET', `/api/v1/outbox?${new URLSearchParams({ subject: tag, ...filter })}`);
  expect(res.statusCode, res.body).toBe(200);
  const json = res.json() as { total: number; mails: { subject: string }[] };
  return { total: json.total, subjects: json.mails.map((m) => m.subject.slice(tag.length + 1)).sort() };
}

/** The mails a list page shows (one link per row). */
const rowsOn = (html: string) => [...html.matchAll(/<a href="\/udgaaende-post\/[0-9a-f-]{36}"/g)].length;

beforeAll(async () => {
  t = await startTestApp();
  admin = await loginAs(t.app, DEMO.admin);
});
afterAll(() => t?.close());

describe('a large outbox', () => {
  it('opens with 10,000 mails as with 10: 50 rows, the right total, the same number of SQL statements', async () => {
    const db = t.database.db;
    const insert = (from: number, to: number) =>
      db.execute(sql`
        insert into outbox_mail (to_address, subject, body, kind, status, created_at)
        select 'stor' || g || '@kommune.test', 'Storpost ' || g, repeat('Langt indhold ', 200), 'test', 'sent',
               timestamptz '2024-01-01 00:00:00+00' + g * interval '1 minute'
        from generate_series(${from}::int, ${to}::int) g`);
    const open = async (url: string) => {
      const start = t.database.queries.count;
      const res = await admin.get(url);
      return { res, statements: t.database.queries.count - start };
    };

    await insert(1, 10);
    const few = await open('/udgaaende-post?emne=Storpost');
    expect(few.res.statusCode).toBe(200);
    expect(rowsOn(few.res.body)).toBe(10);
    expect(few.res.body).toContain('10 mails');
    const fewAll = await open('/udgaaende-post');

    await insert(11, 10_000);
    const many = await open('/udgaaende-post?emne=Storpost');
    expect(many.res.statusCode).toBe(200);
    expect(rowsOn(many.res.body)).toBe(50);
    expect(many.res.body).toContain('10.000 mails');
    expect(many.res.body).toContain('Side 1 af 200');
    // Newest first: the last one inserted heads the list.
    expect(many.res.body).toContain('stor10000@kommune.test');
    expect(many.res.body).not.toContain('Langt indhold');
    expect(many.statements).toBe(few.statements);
    const manyAll = await open('/udgaaende-post');
    expect(rowsOn(manyAll.res.body)).toBe(50);
    expect(manyAll.statements).toBe(fewAll.statements);

    // The pager keeps the search in its links, and the next page shows the next 50.
    const next = /<a href="([^"]+)" class="function-link" rel="next"/.exec(many.res.body)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBe('/udgaaende-post?emne=Storpost&side=2');
    const second = await admin.get(next!);
    expect(rowsOn(second.body)).toBe(50);
    expect(second.body).toContain('stor9950@kommune.test');
    expect(second.body).not.toContain('stor9951@kommune.test');
    expect(second.body).toMatch(/rel="prev"/);

    // The API pages the same way, up to 200 a page.
    const api = await admin.api('GET', '/api/v1/outbox?subject=Storpost&page=3&pageSize=200');
    expect(api.statusCode).toBe(200);
    const json = api.json() as { total: number; page: number; mails: { to: string; body?: string }[] };
    expect(json.total).toBe(10_000);
    expect(json.mails).toHaveLength(200);
    expect(json.mails[0]!.to).toBe('stor9600@kommune.test');
    expect(json.mails[0]!.body).toBeUndefined();
    expect((await admin.api('GET', '/api/v1/outbox?pageSize=201')).statusCode).toBe(422);
  }, 60_000);
});

describe('the outbox’s search', () => {
  it('finds the recipient text literally and case-insensitively: % and _ are not wildcards', async () => {
    const tag = await mails([
      { to: 'a%b@kommune.test', subject: 'procent' },
      { to: 'axxb@kommune.test', subject: 'andet' },
      { to: 'A_B@kommune.test', subject: 'understreg' },
      { to: 'ayb@kommune.test', subject: 'tredje' },
    ]);
    expect((await listed(tag, { recipient: 'a%b' })).subjects).toEqual(['procent']);
    expect((await listed(tag, { recipient: 'a_b' })).subjects).toEqual(['understreg']);
    expect((await listed(tag, { recipient: 'B@KOMMUNE' })).total).toBe(4);
    const page = await admin.get(`/udgaaende-post?${new URLSearchParams({ emne: tag, modtager: 'a_b' })}`);
    expect(page.statusCode).toBe(200);
    expect(rowsOn(page.body)).toBe(1);
    expect(page.body).toContain('A_B@kommune.test');
  });

  it('narrows by subject and by status', async () => {
    const tag = await mails([
      { subject: 'Påmindelse om frist', status: 'failed' },
      { subject: 'Påmindelse om aftale', status: 'sent' },
      { subject: 'Nyt link', status: 'uncertain' },
    ]);
    expect((await listed(tag, { subject: `${tag} påmindelse om` })).subjects).toEqual(['Påmindelse om aftale', 'Påmindelse om frist']);
    expect((await listed(tag, { status: 'failed' })).subjects).toEqual(['Påmindelse om frist']);
    const page = await admin.get(`/udgaaende-post?${new URLSearchParams({ emne: tag, status: 'uncertain' })}`);
    expect(rowsOn(page.body)).toBe(1);
    expect(page.body).toContain('Nyt link');
    // The status choice is offered with Danish labels, and the chosen one stays chosen.
    expect(page.body).toMatch(/<option value="uncertain" selected>Usikker – kontrollér<\/option>/);
    expect(page.body).toContain('>Fejlet</option>');
  });

  it('uses Danish days: a mail at 00:30 on 1 June (22:30 UTC on 31 May) belongs to 1 June', async () => {
    const tag = await mails([
      { subject: 'sidst 31. maj', at: '2025-05-31T21:59:59Z' },
      { subject: 'nat 1. juni', at: '2025-05-31T22:30:00Z' },
      { subject: 'sidst 1. juni', at: '2025-06-01T21:59:59Z' },
      { subject: 'først 2. juni', at: '2025-06-01T22:00:00Z' },
      { subject: 'vinter 00.30', at: '2025-01-14T23:30:00Z' },
    ]);
    expect((await listed(tag, { from: '2025-06-01', to: '2025-06-01' })).subjects).toEqual(['nat 1. juni', 'sidst 1. juni']);
    expect((await listed(tag, { from: '2025-05-31', to: '2025-05-31' })).subjects).toEqual(['sidst 31. maj']);
    expect((await listed(tag, { from: '2025-01-15', to: '2025-01-15' })).subjects).toEqual(['vinter 00.30']);
    expect((await listed(tag, { from: '2025-06-02' })).subjects).toEqual(['først 2. juni']);
    const page = await admin.get(`/udgaaende-post?${new URLSearchParams({ emne: tag, fra: '2025-06-01', til: '2025-06-01' })}`);
    expect(rowsOn(page.body)).toBe(2);
    expect(page.body).toContain('nat 1. juni');
    expect(page.body).not.toContain('sidst 31. maj');
  });

  it('answers a filter it cannot read with the page and a Danish message, never an error page', async () => {
    const tag = await mails([{ subject: 'en' }, { subject: 'to' }]);
    const bads: Record<string, string>[] = [{ fra: '2025-13-45' }, { til: 'i går' }, { status: 'bortkommet' }, { side: 'x' }, { modtager: 'x'.repeat(300) }];
    for (const bad of bads) {
      const res = await admin.get(`/udgaaende-post?${new URLSearchParams({ emne: tag, ...bad })}`);
      expect(res.statusCode, JSON.stringify(bad)).toBe(200);
      expect(rowsOn(res.body), JSON.stringify(bad)).toBe(2);
      if (!('side' in bad)) expect(res.body, JSON.stringify(bad)).toContain('Filteret kunne ikke bruges helt');
    }
    expect((await admin.get(`/udgaaende-post?fra=2025-13-45`)).body).toContain('Skriv datoen som åååå-mm-dd');
    expect((await admin.get(`/udgaaende-post?modtager=a&modtager=b`)).statusCode).toBe(200);
    const api = await admin.api('GET', '/api/v1/outbox?from=2025-13-45');
    expect(api.statusCode).toBe(422);
    expect(api.json()).toMatchObject({ code: expect.any(String), fieldErrors: expect.anything() });
  });
});

describe('a mail’s page', () => {
  it('wraps a 2,000-character line instead of widening the page', async () => {
    const line = 'https://samspil.test/' + 'x'.repeat(2_000);
    const tag = await mails([{ subject: 'lang linje', body: `Hej\n${line}\nHilsen` }]);
    const list = await admin.get(`/udgaaende-post?emne=${tag}`);
    const href = /<a href="(\/udgaaende-post\/[0-9a-f-]{36})"/.exec(list.body)![1]!;
    const page = await admin.get(href);
    expect(page.statusCode).toBe(200);
    expect(page.body).toMatch(/<pre class="samspil-mail">[^<]*x{2000}/);
    const css = await admin.get('/static/samspil.css');
    const rule = /\.samspil-mail\s*\{([^}]*)\}/.exec(css.body)?.[1] ?? '';
    expect(rule).toMatch(/white-space:\s*pre-wrap/);
    expect(rule).toMatch(/overflow-wrap:\s*anywhere/);
  });
});
