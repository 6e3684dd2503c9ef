import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../test/app.ts';
import { rawRows } from '../../db/client.ts';

/** An administrator's double click or a client's retry on "send login link": one link, one mail. */

const FAXE = '0320';
let t: TestApp;
let admin: Client;

const rows = <T,>(query: ReturnType<typeof sql>) => rawRows<T>(t.database.db, query);

async function addPerson(name: string, email: string) {
  const res = await admin.api('POST', `/api/v1/municipalities/${FAXE}/people`, { name, email });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function linksAndMails(email: string) {
  const [r] = await rows<{ accounts: number; open: number; links: number; mails: number; audit: number }>(sql`
    select (select count(*)::int from user_account where email = ${email}) as accounts,
           (select count(*)::int from password_reset r join user_account u on u.id = r.user_id
             where u.email = ${email} and r.used_at is null) as open,
           (select count(*)::int from password_reset r join user_account u on u.id = r.user_id where u.email = ${email}) as links,
           (select count(*)::int from outbox_mail where to_address = ${email}) as mails,
           (select count(*)::int from audit_event where action = 'auth.password_link_issued' and after->>'email' = ${email}) as audit`);
  return r!;
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await loginAs(t.app, DEMO.klikAdmin(FAXE));
});
afterAll(() => t?.close());

describe('sending a login link twice at once', () => {
  it('20 parallel API requests create one account, one valid link and one mail, and answer alike', async () => {
    const email = 'parallel-api@faxe.dk';
    const id = await addPerson('Parallel Api', email);
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => admin.api('POST', `/api/v1/municipalities/${FAXE}/people/${id}/password-link`)),
    );

    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(202));
    expect(new Set(answers.map((a) => JSON.stringify(a.json()))).size).toBe(1);
    expect(answers[0]!.json()).toMatchObject({ newAccount: true });
    expect(await linksAndMails(email)).toEqual({ accounts: 1, open: 1, links: 1, mails: 1, audit: 1 });
  });

  it('the button posted 20 times from one page sends one link and one mail', async () => {
    const email = 'parallel-form@faxe.dk';
    const id = await addPerson('Parallel Formular', email);
    const page = await admin.get(`/kommuner/${FAXE}/personer/${id}`);
    const requestKey = /name="requestKey" value="([^"]+)"/.exec(page.body)?.[1];
    expect(requestKey).toBeDefined();
    const answers = await Promise.all(Array.from({ length: 20 }, () => admin.post(`/kommuner/${FAXE}/personer/${id}/login-link`, { requestKey: requestKey! })));

    expect(answers.map((a) => a.statusCode)).toEqual(Array(20).fill(303));
    expect(new Set(answers.map((a) => a.headers.location))).toEqual(new Set([`/kommuner/${FAXE}/personer/${id}?besked=link-sendt`]));
    expect(await linksAndMails(email)).toEqual({ accounts: 1, open: 1, links: 1, mails: 1, audit: 1 });

    // The link works.
    const [mail] = await rows<{ body: string }>(sql`select body from outbox_mail where to_address = ${email}`);
    const path = /\/adgangskode\/[\w-]+/.exec(mail!.body)![0];
    const visitor = new Client(t.app);
    expect((await visitor.get(path)).statusCode).toBe(200);
  });

  it('two administrators at once leave only the newest link open', async () => {
    const email = 'to-admins@faxe.dk';
    const id = await addPerson('To Administratorer', email);
    const other = await loginAs(t.app, DEMO.programLeader(FAXE));
    const answers = await Promise.all([admin, other, admin, other].map((c) => c.api('POST', `/api/v1/municipalities/${FAXE}/people/${id}/password-link`)));
    expect(answers.every((a) => a.statusCode === 202)).toBe(true);
    expect((await linksAndMails(email)).open).toBe(1);
  });
});
