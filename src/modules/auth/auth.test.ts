import { sql } from 'drizzle-orm';
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bearer, Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../test/app.ts';
import { rawRows } from '../../db/client.ts';
import { SESSION_COOKIE } from '../../platform/auth/sessions.ts';
import { sha256 } from '../../platform/auth/secrets.ts';

/** Login, sessions, CSRF, rate limiting, API tokens and password links, as a user meets them. */

const FAXE = '0320';
const BRONDBY = '0153';
const WRONG_LOGIN = 'E-mailadressen eller adgangskoden er forkert';
const CSRF_MESSAGE = 'Formularen er udløbet eller ugyldig. Genindlæs siden og prøv igen.';

let t: TestApp;
// One administrator session for the whole file: every login counts towards the rate limit.
let admin: Client;
let seq = 0;
const uniq = (prefix: string) => `${prefix}-${++seq}-${Date.now().toString(36)}`;

const rows = <T,>(query: ReturnType<typeof sql>) => rawRows<T>(t.database.db, query);
async function counts() {
  const [r] = await rows<{ people: number; audit: number; tokens: number; sessions: number }>(sql`
    select (select count(*)::int from person) as people,
           (select count(*)::int from audit_event) as audit,
           (select count(*)::int from api_token) as tokens,
           (select count(*)::int from session) as sessions`);
  return r!;
}

const setCookies = (res: LightMyRequestResponse): string[] => {
  const h = res.headers['set-cookie'];
  return h === undefined ? [] : Array.isArray(h) ? h : [h];
};
const sessionCookie = (res: LightMyRequestResponse) => setCookies(res).find((c) => c.startsWith(`${SESSION_COOKIE}=`));

/** Fetches the login form, then posts e-mail and password with the form's CSRF token. */
async function attemptLogin(app: TestApp['app'], email: string, password: string, headers: Record<string, string> = {}) {
  const client = new Client(app);
  await client.get('/login', headers);
  const res = await app.inject({
    method: 'POST',
    url: '/login',
    headers: { cookie: [...client.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/x-www-form-urlencoded', ...headers },
    payload: new URLSearchParams({ email, password, _csrf: client.csrf }).toString(),
  });
  return res;
}

/** A cookie-authenticated JSON call that lets the test choose the CSRF header (or none). */
function cookieApi(c: Client, method: 'POST' | 'DELETE' | 'PUT', url: string, body: unknown, csrf: string | null) {
  const headers: Record<string, string> = { cookie: [...c.cookies].map(([k, v]) => `${k}=${v}`).join('; '), 'content-type': 'application/json' };
  if (csrf !== null) headers['x-csrf-token'] = csrf;
  return c.app.inject({ method, url, headers, payload: JSON.stringify(body) });
}

/** Adds a person to Faxe as the central administrator and returns the id. */
async function addFaxePerson(admin: Client, name: string, email: string) {
  const res = await admin.api('POST', `/api/v1/municipalities/${FAXE}/people`, { name, email });
  expect(res.statusCode).toBe(201);
  return res.json().id as string;
}

async function linkFromOutbox(email: string) {
  const mails = await rows<{ subject: string; body: string; kind: string; municipality_code: string | null; status: string }>(
    sql`select subject, body, kind, municipality_code, status from outbox_mail where to_address = ${email} order by created_at desc, id`,
  );
  const m = /http:\/\/samspil\.test\/adgangskode\/([\w-]+)/.exec(mails[0]?.body ?? '');
  return { mails, token: m?.[1], path: m ? `/adgangskode/${m[1]}` : undefined };
}

beforeAll(async () => {
  t = await startTestApp();
  admin = await loginAs(t.app, DEMO.admin);
});
afterAll(() => t?.close());

describe('logging in', () => {
  it('opens a session in an HttpOnly, SameSite=Lax cookie and redirects to the front page', async () => {
    const res = await attemptLogin(t.app, DEMO.klikAdmin(FAXE), DEMO.password);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/');
    const cookie = sessionCookie(res);
    expect(cookie).toBeDefined();
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    expect(cookie).toMatch(/; Path=\//i);
    // Plain HTTP without a trusted proxy: not Secure (the browser would drop it otherwise).
    expect(cookie).not.toMatch(/; Secure/i);

    // The database keeps only a hash of the session id.
    const id = cookie!.split(';')[0]!.slice(SESSION_COOKIE.length + 1);
    const stored = await rows<{ id_hash: string }>(sql`select id_hash from session where id_hash in (${id}, ${sha256(id)})`);
    expect(stored).toEqual([{ id_hash: sha256(id) }]);

    const c = await loginAs(t.app, DEMO.klikAdmin(FAXE));
    const home = await c.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Det skal I nu');
    expect(home.body).toContain('KLIK-administrator Faxe');
  });

  it('does not trust X-Forwarded-Proto unless TRUST_PROXY is set', async () => {
    const res = await attemptLogin(t.app, DEMO.programLeader(FAXE), DEMO.password, { 'x-forwarded-proto': 'https' });
    expect(res.statusCode).toBe(303);
    expect(sessionCookie(res)).not.toMatch(/; Secure/i);
  });

  it('refuses a wrong password or unknown user with 401, one Danish message and no session', async () => {
    const before = await counts();
    for (const [email, password] of [
      [DEMO.consultant, 'forkert-kode'],
      ['ingen-saadan@samspil.demo', DEMO.password],
    ] as const) {
      const res = await attemptLogin(t.app, email, password);
      expect(res.statusCode).toBe(401);
      expect(res.body).toContain(WRONG_LOGIN);
      expect(res.body).toContain('Log ind i Samspil');
      expect(sessionCookie(res)).toBeUndefined();
    }
    expect((await counts()).sessions).toBe(before.sessions);
  });

  it('asks for missing fields in Danish (422)', async () => {
    const res = await attemptLogin(t.app, '', '');
    expect(res.statusCode).toBe(422);
    expect(res.body).toContain('Skriv din e-mailadresse');
    expect(res.body).toContain('Skriv din adgangskode');
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('follows a local "next" after login but never an outside address', async () => {
    // A different user each time, to stay below the login rate limit.
    const users = ['0101', '0147', '0151', '0155', '0157', '0159', '0161', '0163', '0165'].map(DEMO.programLeader);
    const go = async (next: string) => {
      const c = new Client(t.app);
      await c.get(`/login?next=${encodeURIComponent(next)}`);
      const res = await c.post(`/login?next=${encodeURIComponent(next)}`, { email: users.pop()!, password: DEMO.password });
      expect(res.statusCode).toBe(303);
      return res.headers.location;
    };
    expect(await go('/kommuner/0320')).toBe('/kommuner/0320');
    expect(await go('//evil.example')).toBe('/');
    expect(await go('https://evil.example/')).toBe('/');
    expect(await go('/\\evil.example')).toBe('/');
    // Browsers drop tabs and newlines inside URLs, so "/<tab>/evil.example" would become "//evil.example".
    expect(await go('/\t/evil.example')).toBe('/');
    expect(await go('/\n/evil.example')).toBe('/');
    expect(await go('/\t\\evil.example')).toBe('/');
  });

  it('sends anonymous visitors of a page to the login with the page as "next", and API callers get 401', async () => {
    const page = await t.app.inject('/kommuner/0320');
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/login?next=%2Fkommuner%2F0320');
    const api = await t.app.inject('/api/v1/me');
    expect(api.statusCode).toBe(401);
    expect(api.json()).toMatchObject({ code: 'unauthenticated', message: 'Du skal være logget ind.' });
  });
});

describe('session cookie behind a trusted proxy', () => {
  let proxied: TestApp;
  beforeAll(async () => {
    proxied = await startTestApp({ env: { TRUST_PROXY: 'true' } });
  });
  afterAll(() => proxied?.close());

  it('is Secure when the proxy says the request came over HTTPS', async () => {
    expect(proxied.config.trustProxy).toBeTruthy();
    const https = await attemptLogin(proxied.app, DEMO.klikAdmin(FAXE), DEMO.password, { 'x-forwarded-proto': 'https' });
    expect(https.statusCode).toBe(303);
    const cookie = sessionCookie(https);
    expect(cookie).toMatch(/; Secure/i);
    expect(cookie).toMatch(/; HttpOnly/i);
    expect(cookie).toMatch(/; SameSite=Lax/i);
    const http = await attemptLogin(proxied.app, DEMO.klikAdmin(FAXE), DEMO.password, { 'x-forwarded-proto': 'http' });
    expect(sessionCookie(http)).not.toMatch(/; Secure/i);
  });

  it('does not let a client escape the login limit by inventing X-Forwarded-For addresses', async () => {
    // The client sends an X-Forwarded-For of its own choosing; the proxy appends the real address.
    const email = DEMO.programLeader('0101');
    const via = (invented: string) => ({ 'x-forwarded-for': `${invented}, 198.51.100.7` });
    for (let i = 0; i < 10; i++) {
      const res = await attemptLogin(proxied.app, email, 'forkert-kode', via(`203.0.113.${i + 1}`));
      expect(res.statusCode).toBe(401);
    }
    const res = await attemptLogin(proxied.app, email, DEMO.password, via('192.0.2.99'));
    expect(res.statusCode).toBe(429);
    // Someone else behind the same proxy, at another address, is not affected.
    const other = await attemptLogin(proxied.app, email, DEMO.password, { 'x-forwarded-for': '198.51.100.8' });
    expect(other.statusCode).toBe(303);
  });
});

describe('logging out', () => {
  it('ends the session: the old cookie no longer opens pages or the API', async () => {
    const c = await loginAs(t.app, DEMO.consultant);
    const oldCookie = c.cookies.get(SESSION_COOKIE)!;
    expect(oldCookie).toBeDefined();
    const sessionsBefore = (await counts()).sessions;

    const res = await c.post('/logout');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/login');
    expect(c.cookies.has(SESSION_COOKIE)).toBe(false);
    expect((await counts()).sessions).toBe(sessionsBefore - 1);

    // Someone who kept the old cookie value gets nothing.
    const replay = await t.app.inject({ method: 'GET', url: '/kommuner', headers: { cookie: `${SESSION_COOKIE}=${oldCookie}` } });
    expect(replay.statusCode).toBe(303);
    expect(replay.headers.location).toMatch(/^\/login/);
    const api = await t.app.inject({ method: 'GET', url: '/api/v1/me', headers: { cookie: `${SESSION_COOKIE}=${oldCookie}` } });
    expect(api.statusCode).toBe(401);
  });

  it('needs the CSRF token, so another site cannot log a user out', async () => {
    const c = await loginAs(t.app, DEMO.consultant);
    const res = await c.post('/logout', {}, { csrf: null });
    expect(res.statusCode).toBe(403);
    expect((await c.get('/')).statusCode).toBe(200);
  });

  it('ends a session by itself after 12 hours', async () => {
    const c = await loginAs(t.app, DEMO.consultant);
    t.setNow(new Date(Date.now() + 13 * 3600_000));
    try {
      const res = await c.get('/');
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toMatch(/^\/login/);
    } finally {
      t.setNow(null);
    }
  });
});

describe('CSRF', () => {
  it('refuses a form post without or with a wrong token (403) and writes nothing', async () => {
    const other = await loginAs(t.app, DEMO.klikAdmin(FAXE));
    const before = await counts();
    const form = { name: 'Forfalsket Formular', email: 'forfalsket@faxe.dk' };
    for (const csrf of [null, 'forkert-token', other.csrf]) {
      const res = await admin.post(`/kommuner/${FAXE}/personer`, form, { csrf });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain(CSRF_MESSAGE);
    }
    expect(await counts()).toEqual(before);
    // With the right token the same form works.
    expect((await admin.post(`/kommuner/${FAXE}/personer`, form)).statusCode).toBe(303);
  });

  it('refuses a cookie-authenticated API write without the x-csrf-token header', async () => {
    const before = await counts();
    for (const csrf of [null, 'forkert-token']) {
      const res = await cookieApi(admin, 'POST', `/api/v1/municipalities/${FAXE}/people`, { name: 'Uden Token', email: 'uden-token@faxe.dk' }, csrf);
      expect(res.statusCode).toBe(403);
      expect(res.json()).toMatchObject({ code: 'csrf_failed', message: CSRF_MESSAGE });
    }
    const token = await cookieApi(admin, 'POST', '/api/v1/tokens', { name: 'snydt' }, null);
    expect(token.statusCode).toBe(403);
    expect(await counts()).toEqual(before);

    const ok = await cookieApi(admin, 'POST', `/api/v1/municipalities/${FAXE}/people`, { name: 'Med Token', email: 'med-token@faxe.dk' }, admin.csrf);
    expect(ok.statusCode).toBe(201);
  });

  it('refuses the login form without the anonymous CSRF token', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/login',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({ email: DEMO.admin, password: DEMO.password }).toString(),
    });
    expect(res.statusCode).toBe(403);
    expect(sessionCookie(res)).toBeUndefined();
  });

  it('is not needed with a Bearer token', async () => {
    const token = (await admin.api('POST', '/api/v1/tokens', { name: 'Uden CSRF' })).json().token as string;
    const res = await bearer(t.app, token, 'POST', `/api/v1/municipalities/${FAXE}/people`, { name: 'Via Nøgle', email: `${uniq('noegle')}@faxe.dk` });
    expect(res.statusCode).toBe(201);
  });
});

describe('login rate limiting', () => {
  it('answers the 11th attempt for an e-mail with 429, even with the right password', async () => {
    const email = DEMO.programLeader(BRONDBY);
    for (let i = 0; i < 10; i++) {
      expect((await attemptLogin(t.app, email, `forkert-${i}`)).statusCode).toBe(401);
    }
    const blocked = await attemptLogin(t.app, email, DEMO.password);
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('For mange forsøg. Vent lidt og prøv igen.');
    expect(sessionCookie(blocked)).toBeUndefined();
    // Other people can still log in.
    expect((await attemptLogin(t.app, DEMO.klikAdmin(BRONDBY), DEMO.password)).statusCode).toBe(303);
  });

  it('counts the same e-mail written with other capitals or spaces as the same e-mail', async () => {
    const email = DEMO.programLeader('0707');
    const variants = [email, email.toUpperCase(), ` ${email}`, `${email} `, `  ${email}`, `${email}  `, `\t${email}`, ` ${email.toUpperCase()} `, `   ${email}`, `${email}   `];
    for (const variant of variants) {
      expect((await attemptLogin(t.app, variant, 'forkert-kode')).statusCode).toBe(401);
    }
    expect((await attemptLogin(t.app, email, DEMO.password)).statusCode).toBe(429);
  });
});

describe('login throttling counts failures only', () => {
  it('lets a user who logs in often keep logging in', async () => {
    const email = DEMO.klikAdmin('0851');
    for (let i = 0; i < 12; i++) expect((await attemptLogin(t.app, email, DEMO.password)).statusCode).toBe(303);
  });

  it('forgets earlier failures once the right password is given', async () => {
    const email = DEMO.programLeader('0851');
    for (let i = 0; i < 9; i++) expect((await attemptLogin(t.app, email, 'forkert')).statusCode).toBe(401);
    expect((await attemptLogin(t.app, email, DEMO.password)).statusCode).toBe(303);
    for (let i = 0; i < 9; i++) expect((await attemptLogin(t.app, email, 'forkert')).statusCode).toBe(401);
    expect((await attemptLogin(t.app, email, DEMO.password)).statusCode).toBe(303);
  });
});

describe('personal API tokens', () => {
  it('are created on the profile page, work as Bearer, and stop working when revoked', async () => {
    const c = await loginAs(t.app, DEMO.programLeader(FAXE));
    const page = await c.post('/profil/noegler', { name: 'Integration til ESDH' });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Nøglen er oprettet');
    const token = /<code id="ny-noegle">\s*(samspil_[\w-]+)\s*<\/code>/.exec(page.body)?.[1];
    expect(token).toBeDefined();

    const me = await bearer(t.app, token!, 'GET', '/api/v1/me');
    expect(me.statusCode).toBe(200);
    expect(me.json()).toMatchObject({ email: DEMO.programLeader(FAXE), municipalityCode: FAXE });

    // Only a hash is stored; the profile lists the token by prefix without the secret.
    expect(await rows(sql`select 1 from api_token where token_hash = ${token!}`)).toEqual([]);
    const profile = await c.get('/profil');
    expect(profile.body).toContain('Integration til ESDH');
    expect(profile.body).not.toContain(token!);

    // A Faxe user's token sees Faxe, and Brøndby does not exist for it.
    expect((await bearer(t.app, token!, 'GET', `/api/v1/municipalities/${FAXE}/gallery`)).statusCode).toBe(200);
    const other = await bearer(t.app, token!, 'GET', `/api/v1/municipalities/${BRONDBY}/gallery`);
    expect(other.statusCode).toBe(404);
    expect(JSON.stringify(other.json())).not.toContain('Brøndby');

    const [row] = await rows<{ id: string }>(sql`select id from api_token where token_hash = ${sha256(token!)}`);
    const revoked = await c.post(`/profil/noegler/${row!.id}/tilbagekald`);
    expect(revoked.statusCode).toBe(303);
    expect((await c.get('/profil?besked=tilbagekaldt')).body).toContain('Nøglen er tilbagekaldt.');
    const after = await bearer(t.app, token!, 'GET', '/api/v1/me');
    expect(after.statusCode).toBe(401);
    expect(after.json()).toMatchObject({ code: 'invalid_token', message: 'API-nøglen er ugyldig eller tilbagekaldt.' });
  });

  it('are created and revoked through the API, and only by their owner', async () => {
    const c = await loginAs(t.app, DEMO.klikAdmin(FAXE));
    const created = await c.api('POST', '/api/v1/tokens', { name: 'Script' });
    expect(created.statusCode).toBe(201);
    const { id, token, prefix } = created.json() as { id: string; token: string; prefix: string };
    expect(token.startsWith(prefix)).toBe(true);
    expect((await bearer(t.app, token, 'GET', '/api/v1/me')).json().email).toBe(DEMO.klikAdmin(FAXE));

    const listed = await bearer(t.app, token, 'GET', '/api/v1/tokens');
    expect(listed.statusCode).toBe(200);
    expect(listed.json()).toContainEqual(expect.objectContaining({ id, name: 'Script', revokedAt: null, lastUsedAt: expect.any(String) }));
    expect(listed.body).not.toContain(token);

    const empty = await c.api('POST', '/api/v1/tokens', { name: '  ' });
    expect(empty.statusCode).toBe(422);
    expect(empty.json().fieldErrors.name).toBe('Giv nøglen et navn, så du kan kende den igen');

    // Someone else cannot revoke it.
    expect((await admin.api('DELETE', `/api/v1/tokens/${id}`)).statusCode).toBe(404);
    expect((await bearer(t.app, token, 'GET', '/api/v1/me')).statusCode).toBe(200);

    expect((await c.api('DELETE', `/api/v1/tokens/${id}`)).statusCode).toBe(204);
    expect((await bearer(t.app, token, 'GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await bearer(t.app, token, 'POST', `/api/v1/municipalities/${FAXE}/people`, { name: 'X', email: 'x@faxe.dk' })).statusCode).toBe(401);
  });

  it('refuses a made-up token', async () => {
    const res = await bearer(t.app, 'samspil_opdigtet', 'GET', '/api/v1/me');
    expect(res.statusCode).toBe(401);
  });
});

describe('password links', () => {
  it('lets an administrator invite a person, who sets a password once and can then log in', async () => {
    const email = `${uniq('ny')}@faxe.dk`;
    const id = await addFaxePerson(admin, 'Nina Nybruger', email);
    await admin.get(`/kommuner/${FAXE}/personer/${id}`);

    const issued = await admin.post(`/kommuner/${FAXE}/personer/${id}/login-link`);
    expect(issued.statusCode).toBe(303);
    expect(issued.headers.location).toBe(`/kommuner/${FAXE}/personer/${id}?besked=link-sendt`);
    expect((await admin.get(String(issued.headers.location))).body).toContain('Der er sendt en mail med et link til at vælge adgangskode.');

    const { mails, path } = await linkFromOutbox(email);
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ subject: 'Du er oprettet som bruger i Samspil', kind: 'password-link', municipality_code: FAXE, status: 'pending' });
    expect(mails[0]!.body).toContain('Kære Nina Nybruger');
    expect(path).toBeDefined();

    const visitor = new Client(t.app);
    const form = await visitor.get(path!);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('Hej Nina Nybruger.');

    const short = await visitor.post(path!, { password: 'kort', confirm: 'kort' });
    expect(short.statusCode).toBe(422);
    expect(short.body).toContain('Adgangskoden skal være mindst 10 tegn');
    const mismatch = await visitor.post(path!, { password: 'en-lang-kode-1', confirm: 'en-lang-kode-2' });
    expect(mismatch.statusCode).toBe(422);
    expect(mismatch.body).toContain('De to adgangskoder er ikke ens');
    // Mistakes do not spend the link.
    expect((await visitor.get(path!)).statusCode).toBe(200);

    const ok = await visitor.post(path!, { password: 'min-nye-kode-123', confirm: 'min-nye-kode-123' });
    expect(ok.statusCode).toBe(303);
    expect(ok.headers.location).toBe('/login?besked=adgangskode');
    expect((await visitor.get('/login?besked=adgangskode')).body).toContain('Din adgangskode er gemt. Du kan nu logge ind.');

    // Once only.
    const again = await visitor.get(path!);
    expect(again.statusCode).toBe(404);
    expect(again.body).toContain('Linket er udløbet eller allerede brugt');
    const reuse = await visitor.post(path!, { password: 'en-anden-kode-99', confirm: 'en-anden-kode-99' });
    expect(reuse.statusCode).toBe(404);
    expect((await attemptLogin(t.app, email, 'en-anden-kode-99')).statusCode).toBe(401);

    const nina = await loginAs(t.app, email, 'min-nye-kode-123');
    const me = await nina.api('GET', '/api/v1/me');
    expect(me.json()).toMatchObject({ email, municipalityCode: FAXE, roles: [] });
    expect((await admin.get(`/kommuner/${FAXE}/personer/${id}`)).body).toContain('Har en brugerkonto');
  });

  it('a new link replaces the old one, and a link expires after 72 hours', async () => {
    const email = `${uniq('glemt')}@faxe.dk`;
    const id = await addFaxePerson(admin, 'Glemsom Gert', email);
    expect((await admin.api('POST', `/api/v1/municipalities/${FAXE}/people/${id}/password-link`)).json()).toMatchObject({ newAccount: true });
    const first = (await linkFromOutbox(email)).path!;
    // Sent again a minute later: within seconds it would count as a double click.
    t.setNow(new Date(Date.now() + 60_000));
    const second = await admin.api('POST', `/api/v1/municipalities/${FAXE}/people/${id}/password-link`);
    t.setNow(null);
    expect(second.statusCode).toBe(202);
    expect(second.json()).toMatchObject({ newAccount: false });
    const { mails, path } = await linkFromOutbox(email);
    expect(mails.map((m) => m.subject).sort()).toEqual(['Du er oprettet som bruger i Samspil', 'Link til at vælge ny adgangskode i Samspil']);
    const latest = (await rows<{ body: string }>(sql`select body from outbox_mail where to_address = ${email} and subject like 'Link til%'`))[0]!.body;
    const secondPath = /\/adgangskode\/[\w-]+/.exec(latest)![0];
    expect(secondPath).not.toBe(first);
    expect(path).toBeDefined();

    const visitor = new Client(t.app);
    expect((await visitor.get(first)).statusCode).toBe(404);
    expect((await visitor.get(secondPath)).statusCode).toBe(200);

    t.setNow(new Date(Date.now() + 73 * 3600_000));
    try {
      expect((await visitor.get(secondPath)).statusCode).toBe(404);
    } finally {
      t.setNow(null);
    }
  });

  it('ends the sessions that were open when a new password is chosen', async () => {
    const email = `${uniq('skift')}@faxe.dk`;
    const id = await addFaxePerson(admin, 'Skifte Sanne', email);
    const choose = async (password: string) => {
      const sent = await admin.api('POST', `/api/v1/municipalities/${FAXE}/people/${id}/password-link`);
      expect(sent.statusCode).toBe(202);
      // The newest mail: the first is the invitation, later ones say "Link til …".
      const subject = sent.json().newAccount ? 'Du er oprettet som bruger i Samspil' : 'Link til at vælge ny adgangskode i Samspil';
      const mails = await rows<{ body: string }>(sql`select body from outbox_mail where to_address = ${email} and subject = ${subject}`);
      const path = /\/adgangskode\/[\w-]+/.exec(mails.at(-1)!.body)![0];
      const visitor = new Client(t.app);
      await visitor.get(path);
      expect((await visitor.post(path, { password, confirm: password })).statusCode).toBe(303);
    };
    await choose('foerste-kode-1');
    const sanne = await loginAs(t.app, email, 'foerste-kode-1');
    expect((await sanne.get('/')).statusCode).toBe(200);

    // Whoever knew the old password and had a session open is logged out by the new one, sent a
    // minute later (within seconds it would count as a double click).
    t.setNow(new Date(Date.now() + 60_000));
    await choose('anden-kode-22');
    t.setNow(null);
    const after = await sanne.get('/');
    expect(after.statusCode).toBe(303);
    expect(after.headers.location).toMatch(/^\/login/);
    expect((await attemptLogin(t.app, email, 'foerste-kode-1')).statusCode).toBe(401);
    expect((await attemptLogin(t.app, email, 'anden-kode-22')).statusCode).toBe(303);
  });

  it('cannot be issued by someone who may not manage the gallery', async () => {
    const consultant = await loginAs(t.app, DEMO.consultant);
    const id = await addFaxePerson(admin, 'Ikke Inviteret', `${uniq('ikke')}@faxe.dk`);
    const before = await rows<{ n: number }>(sql`select count(*)::int as n from outbox_mail`);
    await consultant.get(`/kommuner/${FAXE}/personer/${id}`);
    expect((await consultant.post(`/kommuner/${FAXE}/personer/${id}/login-link`)).statusCode).toBe(403);
    const brondby = await loginAs(t.app, DEMO.klikAdmin(BRONDBY));
    expect((await brondby.api('POST', `/api/v1/municipalities/${FAXE}/people/${id}/password-link`)).statusCode).toBe(404);
    expect(await rows<{ n: number }>(sql`select count(*)::int as n from outbox_mail`)).toEqual(before);
  });
});

describe('a deactivated person', () => {
  it('can no longer log in, and their session and tokens stop working at once', async () => {
    const email = `${uniq('fratraadt')}@faxe.dk`;
    const id = await addFaxePerson(admin, 'Fratrådt Frede', email);
    await admin.api('POST', `/api/v1/municipalities/${FAXE}/people/${id}/roles`, { roleTypeKey: 'programleder' });
    await admin.api('POST', `/api/v1/municipalities/${FAXE}/people/${id}/password-link`);
    const path = (await linkFromOutbox(email)).path!;
    const visitor = new Client(t.app);
    await visitor.get(path);
    expect((await visitor.post(path, { password: 'fredes-kode-1', confirm: 'fredes-kode-1' })).statusCode).toBe(303);

    const frede = await loginAs(t.app, email, 'fredes-kode-1');
    const token = (await frede.api('POST', '/api/v1/tokens', { name: 'Fredes nøgle' })).json().token as string;
    expect((await frede.get(`/kommuner/${FAXE}`)).statusCode).toBe(200);
    expect((await bearer(t.app, token, 'GET', '/api/v1/me')).statusCode).toBe(200);

    await admin.get(`/kommuner/${FAXE}/personer/${id}`);
    expect((await admin.post(`/kommuner/${FAXE}/personer/${id}/deaktiver`)).statusCode).toBe(303);

    const page = await frede.get(`/kommuner/${FAXE}`);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toMatch(/^\/login/);
    expect((await frede.api('GET', '/api/v1/me')).statusCode).toBe(401);
    expect((await bearer(t.app, token, 'GET', '/api/v1/me')).statusCode).toBe(401);

    const login = await attemptLogin(t.app, email, 'fredes-kode-1');
    expect(login.statusCode).toBe(401);
    expect(login.body).toContain(WRONG_LOGIN);
    expect(sessionCookie(login)).toBeUndefined();
  });
});

describe('someone re-hired under the same e-mail', () => {
  it('gets a new login, while the old account stays closed', async () => {
    const email = `${uniq('genansat')}@faxe.dk`;
    const first = await addFaxePerson(admin, 'Gitte Genansat', email);
    await admin.api('POST', `/api/v1/municipalities/${FAXE}/people/${first}/password-link`);
    const oldPath = (await linkFromOutbox(email)).path!;
    expect((await admin.api('POST', `/api/v1/municipalities/${FAXE}/people/${first}/deactivate`)).statusCode).toBe(200);
    // The link sent before the deactivation is dead now.
    expect((await new Client(t.app).get(oldPath)).statusCode).toBe(404);

    const second = await addFaxePerson(admin, 'Gitte Genansat', email);
    const link = await admin.api('POST', `/api/v1/municipalities/${FAXE}/people/${second}/password-link`);
    expect(link.statusCode).toBe(202);
    expect(link.json()).toMatchObject({ newAccount: true });
    const { mails } = await linkFromOutbox(email);
    expect(mails).toHaveLength(2);
    const path = mails.map((m) => /\/adgangskode\/[\w-]+/.exec(m.body)![0]).find((p) => p !== oldPath)!;
    const visitor = new Client(t.app);
    await visitor.get(path);
    expect((await visitor.post(path, { password: 'gittes-nye-kode', confirm: 'gittes-nye-kode' })).statusCode).toBe(303);
    const gitte = await loginAs(t.app, email, 'gittes-nye-kode');
    expect((await gitte.api('GET', '/api/v1/me')).json()).toMatchObject({ email });
    const [accounts] = await rows<{ live: number; closed: number }>(
      sql`select count(*) filter (where not disabled)::int as live, count(*) filter (where disabled)::int as closed from user_account where email = ${email}`,
    );
    expect(accounts).toEqual({ live: 1, closed: 1 });
  });
});

describe('unknown addresses', () => {
  it('give a Danish 404 page, and JSON under /api', async () => {
    const c = await loginAs(t.app, DEMO.consultant);
    const page = await c.get('/findes/ikke');
    expect(page.statusCode).toBe(404);
    expect(page.headers['content-type']).toContain('text/html');
    expect(page.body).toContain('<html lang="da"');
    expect(page.body).toContain('Siden findes ikke');
    expect(page.body).toContain('Vi kunne ikke finde den side, du bad om.');

    const api = await c.get('/api/v1/findes-ikke');
    expect(api.statusCode).toBe(404);
    expect(api.headers['content-type']).toContain('application/json');
    expect(api.json()).toMatchObject({ code: 'not_found', message: 'Vi kunne ikke finde den side, du bad om.', requestId: expect.any(String) });

    const person = await c.get(`/kommuner/${FAXE}/personer/00000000-0000-4000-8000-000000000000`);
    expect(person.statusCode).toBe(404);
    expect(person.body).toContain('Personen findes ikke.');
  });
});
