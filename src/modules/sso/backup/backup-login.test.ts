import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rawRows } from '../../../db/client.ts';
import { person } from '../../../platform/identity/schema.ts';
import { Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildContextHandlerUser, mitidRoundTrip } from '../../../../test/factories/sso.ts';
import { startTestOidcProvider, type TestOidcProvider } from '../dev-idps/oidc-provider.ts';
import { demoIdentities, demoMitidOnly } from '../dev-idps/identities.ts';
import { ssoIdentity } from '../schema.ts';

/**
 * MitID Erhverv as the backup login, against a real OpenID provider (oidc-provider) on 127.0.0.1:
 * discovery, PKCE, state, nonce and the code grant all go over HTTP; the browser's part is fetch
 * with its own cookies for the broker and the test client for Samspil.
 */
const mitidOf = (key: string) => demoIdentities.find((i) => i.key === key)!.mitidSub!;
const PROGRAMLEDER_SUB = mitidOf('faxe-programleder');
const KLIK_SUB = mitidOf('faxe-klikadmin');
const UNKNOWN_SUB = demoMitidOnly[0]!.sub;
const START = { get: '/mitid-erhverv/login?next=%2Fprofil' };

describe('MitID Erhverv backup login through an OIDC broker', () => {
  let broker: TestOidcProvider;
  let t: TestApp;

  beforeAll(async () => {
    broker = await startTestOidcProvider({ clientId: 'samspil-test', clientSecret: 'test-hemmelighed-1234', redirectUris: ['http://samspil.test/mitid-erhverv/callback'] });
    t = await startTestApp({ env: { OIDC_ISSUER: broker.issuer, OIDC_CLIENT_ID: 'samspil-test', OIDC_CLIENT_SECRET: 'test-hemmelighed-1234' } });
  });
  afterAll(async () => {
    await t?.close();
    await broker?.close();
  });

  const audits = (action: string) => rawRows<{ entity_id: string }>(t.database.db, sql`select entity_id from audit_event where action = ${action}`);

  it('logs in a user first seen through Context Handler, by the professional UUID it recorded, with the roles Context Handler last granted', async () => {
    // Faxe's programleder logged in through Context Handler, which sent their MitID Erhverv UUID (OIO-SAML 3 spells it urn:uuid:, in any case).
    const ch = await buildContextHandlerUser(t.database.db, { code: '0320', email: DEMO.programLeader('0320'), professionalUuid: `urn:uuid:${PROGRAMLEDER_SUB.toUpperCase()}` });
    const viaPassword = await loginAs(t.app, DEMO.programLeader('0320'));
    const before = (await viaPassword.api('GET', '/api/v1/me')).json<{ roles: unknown[] }>();

    const browser = new Client(t.app);
    const trip = await mitidRoundTrip(browser, PROGRAMLEDER_SUB, START);
    expect(trip.callback.statusCode).toBe(303);
    expect(trip.callback.headers.location).toBe('/profil');
    const me = (await browser.api('GET', '/api/v1/me')).json<{ userId: string; municipalityCode: string; roles: unknown[] }>();
    expect(me.userId).toBe(ch.userId);
    expect(me.municipalityCode).toBe('0320');
    expect(me.roles).toEqual(before.roles);
    expect(me.roles).toContainEqual(expect.objectContaining({ roleTypeKey: 'programleder' }));

    const [link] = await t.database.db.select().from(ssoIdentity).where(and(eq(ssoIdentity.provider, 'mitid-erhverv'), eq(ssoIdentity.personId, ch.personId)));
    expect(link).toMatchObject({ subject: PROGRAMLEDER_SUB, linkedVia: 'login', linkedBy: null });
    expect(link!.lastLoginAt).not.toBeNull();
    expect(await audits('sso.backup_linked')).toContainEqual({ entity_id: link!.id });
    const [session] = await rawRows<{ method: string }>(t.database.db, sql`select method from session where user_id = ${ch.userId} order by created_at desc limit 1`);
    expect(session?.method).toBe('mitid-erhverv');
  });

  it('logs the same person in again through the stored link, without linking twice', async () => {
    // Context Handler no longer sends the UUID: the link made at the first backup login is what matches now.
    await t.database.db.update(ssoIdentity).set({ professionalUuid: null }).where(eq(ssoIdentity.provider, 'context-handler'));
    const linkedBefore = (await audits('sso.backup_linked')).length;
    const browser = new Client(t.app);
    const trip = await mitidRoundTrip(browser, PROGRAMLEDER_SUB, { get: '/mitid-erhverv/login' });
    expect(trip.callback.statusCode).toBe(303);
    expect(trip.callback.headers.location).toBe('/');
    const me = (await browser.api('GET', '/api/v1/me')).json<{ email: string }>();
    expect(me.email).toBe(DEMO.programLeader('0320'));
    expect(await audits('sso.backup_linked')).toHaveLength(linkedBefore);
    expect(await audits('sso.backup_login')).not.toHaveLength(0);
  });

  it('refuses a MitID Erhverv linked to nobody, showing the identifier to give the KLIK-administrator', async () => {
    const browser = new Client(t.app);
    const trip = await mitidRoundTrip(browser, UNKNOWN_SUB, START);
    expect(trip.callback.statusCode).toBe(403);
    expect(trip.callback.body).toContain('Dit MitID Erhverv er ikke tilknyttet en bruger i Samspil endnu');
    expect(trip.callback.body).toContain(UNKNOWN_SUB);
    expect(trip.callback.body).toContain('KLIK-administrator');
    expect((await browser.get('/profil')).statusCode).toBe(303);
  });

  it('refuses a state used before, and a callback in a browser that did not start the login', async () => {
    const browser = new Client(t.app);
    const trip = await mitidRoundTrip(browser, PROGRAMLEDER_SUB, START);
    expect(trip.callback.statusCode).toBe(303);
    const again = await new Client(t.app).get(trip.callbackUrl);
    expect(again.statusCode).toBe(400);
    expect(again.body).toContain('Log ind-forsøget er udløbet eller allerede brugt');
    const replayedSameBrowser = await browser.get(trip.callbackUrl);
    expect(replayedSameBrowser.statusCode).toBe(400);

    // A fresh state, but its callback opened by another browser (no state cookie): refused, and the state is used up.
    const attacker = new Client(t.app);
    const start = await attacker.get('/mitid-erhverv/login');
    const state = new URL(String(start.headers.location)).searchParams.get('state')!;
    const elsewhere = await new Client(t.app).get(`/mitid-erhverv/callback?state=${encodeURIComponent(state)}&code=x`);
    expect(elsewhere.statusCode).toBe(400);
    expect(elsewhere.body).toContain('startet i en anden browser');
    expect((await attacker.get(`/mitid-erhverv/callback?state=${encodeURIComponent(state)}&code=x`)).statusCode).toBe(400);
  });

  it('lets a logged-in user link their own MitID Erhverv, and refuses the same MitID Erhverv for someone else in the municipality', async () => {
    const klik = await loginAs(t.app, DEMO.klikAdmin('0320'));
    expect((await klik.get('/mitid-erhverv')).body).toContain('Dit MitID Erhverv er ikke tilknyttet endnu');
    const trip = await mitidRoundTrip(klik, KLIK_SUB, { post: '/mitid-erhverv/tilknyt' });
    expect(trip.callback.statusCode).toBe(303);
    expect(trip.callback.headers.location).toBe('/mitid-erhverv?besked=tilknyttet');
    const page = await klik.get('/mitid-erhverv?besked=tilknyttet');
    expect(page.body).toContain('Dit MitID Erhverv er tilknyttet.');
    expect(page.body).toContain(KLIK_SUB);
    const [klikPerson] = await t.database.db.select({ id: person.id }).from(person).where(eq(person.email, DEMO.klikAdmin('0320')));
    const [row] = await t.database.db.select().from(ssoIdentity).where(and(eq(ssoIdentity.provider, 'mitid-erhverv'), eq(ssoIdentity.personId, klikPerson!.id)));
    expect(row).toMatchObject({ subject: KLIK_SUB, linkedVia: 'self' });

    // Faxe's IT chef (any other Faxe user) tries to link the KLIK-administrator's MitID Erhverv to themselves.
    const other = await buildContextHandlerUser(t.database.db, { code: '0320', roles: [{ roleTypeKey: 'superbruger', solutionKey: 'aula' }] });
    await t.database.db.execute(sql`update user_account set password_hash = (select password_hash from user_account where email = ${DEMO.klikAdmin('0320')}) where id = ${other.userId}`);
    const otherClient = await loginAs(t.app, other.email);
    const refused = await mitidRoundTrip(otherClient, KLIK_SUB, { post: '/mitid-erhverv/tilknyt' });
    expect(refused.callback.statusCode).toBe(409);
    expect(refused.callback.body).toContain('allerede tilknyttet en anden bruger i samme kommune');
    const links = await t.database.db.select().from(ssoIdentity).where(and(eq(ssoIdentity.provider, 'mitid-erhverv'), eq(ssoIdentity.subject, KLIK_SUB)));
    expect(links).toHaveLength(1);

    // And the KLIK-administrator now logs in with it.
    const backup = new Client(t.app);
    const login = await mitidRoundTrip(backup, KLIK_SUB, START);
    expect(login.callback.statusCode).toBe(303);
    expect((await backup.api('GET', '/api/v1/me')).json<{ email: string }>().email).toBe(DEMO.klikAdmin('0320'));
  });

  it('offers the municipality chooser when the MitID Erhverv belongs to people in two municipalities', async () => {
    const sub = mitidOf('faxe-stevns');
    const faxe = await buildContextHandlerUser(t.database.db, { code: '0320', roles: [{ roleTypeKey: 'superbruger', solutionKey: 'aula' }], professionalUuid: sub });
    const stevns = await buildContextHandlerUser(t.database.db, { code: '0336', roles: [{ roleTypeKey: 'superbruger', solutionKey: 'aula' }], professionalUuid: sub });
    const browser = new Client(t.app);
    const trip = await mitidRoundTrip(browser, sub, START);
    expect(trip.callback.statusCode).toBe(303);
    expect(trip.callback.headers.location).toBe('/sso/vaelg-kommune?next=%2Fprofil');
    const chooser = await browser.get('/sso/vaelg-kommune?next=%2Fprofil');
    expect(chooser.body).toContain('Faxe Kommune');
    expect(chooser.body).toContain('Stevns Kommune');
    const links = await t.database.db.select({ personId: ssoIdentity.personId }).from(ssoIdentity).where(and(eq(ssoIdentity.provider, 'mitid-erhverv'), eq(ssoIdentity.subject, sub)));
    expect(links.map((l) => l.personId).sort()).toEqual([faxe.personId, stevns.personId].sort());
  });

  it("refuses a link finished in someone else's session (a forwarded broker address)", async () => {
    const starter = await loginAs(t.app, DEMO.programLeader('0153'));
    const started = await starter.post('/mitid-erhverv/tilknyt');
    expect(started.statusCode).toBe(303);
    const brokerUrl = String(started.headers.location);
    // The victim, logged in as Faxe's KLIK-administrator, opens the address the starter sent them;
    // even with the starter's state cookie copied over, the stored state names the starter's user.
    const victim = await loginAs(t.app, DEMO.klikAdmin('0320'));
    victim.cookies.set('samspil_mitid_state', new URL(brokerUrl).searchParams.get('state')!);
    const trip = await mitidRoundTrip(victim, UNKNOWN_SUB, { brokerUrl });
    expect(trip.callback.statusCode).toBe(403);
    expect(trip.callback.body).toContain('startet af en anden bruger');
    expect(await t.database.db.select().from(ssoIdentity).where(eq(ssoIdentity.subject, UNKNOWN_SUB))).toHaveLength(0);
  });
});
