import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { and, count, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, DEMO, loginAs, startTestApp, type TestApp } from '../../../../test/app.ts';
import { auditEvent } from '../../../platform/audit/schema.ts';
import { passwordReset } from '../../../platform/auth/schema.ts';
import { randomToken, sha256 } from '../../../platform/auth/secrets.ts';
import { municipality, person, userAccount } from '../../../platform/identity/schema.ts';
import { DEMO_UNMAPPED, seedDemoMappings } from '../demo-mappings.ts';
import { selfSignedCertificate } from '../dev-idps/certificates.ts';
import { CVR } from '../dev-idps/identities.ts';
import { startTestSamlIdp } from '../dev-idps/saml-idp.ts';
import { ssoPrivilegeMapping } from '../schema.ts';
import { completeContextHandlerLogin } from './complete-login.ts';

const FAXE = '0320';
const BRONDBY = '0153';
const STEVNS = '0336';

describe('the privilege mapping pages and API, and "SSO only"', () => {
  let t: TestApp;
  let admin: Client;
  const db = () => t.database.db;
  const audits = async (action: string) => (await db().select({ n: count() }).from(auditEvent).where(eq(auditEvent.action, action)))[0]!.n;
  const mappingCount = async () => (await db().select({ n: count() }).from(ssoPrivilegeMapping))[0]!.n;

  let dir: string;

  /** This server has a Context Handler (a test IdP's metadata in a file), so "SSO only" can be switched on. */
  async function samlEnv(): Promise<Record<string, string>> {
    dir = mkdtempSync(path.join(tmpdir(), 'samspil-privileges-'));
    const sp = selfSignedCertificate('Samspil SP (test)');
    const idp = await startTestSamlIdp({ sp: { entityId: 'https://samspil.test/saml/sp', acsUrl: 'http://samspil.test/saml/acs', sloUrl: 'http://samspil.test/saml/slo', certPem: sp.certPem } });
    writeFileSync(path.join(dir, 'idp.xml'), idp.metadataXml);
    await idp.close();
    writeFileSync(path.join(dir, 'sp.key'), sp.keyPem);
    writeFileSync(path.join(dir, 'sp.crt'), sp.certPem);
    return { SAML_IDP_METADATA: path.join(dir, 'idp.xml'), SAML_SP_ENTITY_ID: 'https://samspil.test/saml/sp', SAML_SP_KEY: path.join(dir, 'sp.key'), SAML_SP_CERT: path.join(dir, 'sp.crt') };
  }

  beforeAll(async () => {
    t = await startTestApp({ env: await samlEnv() });
    await seedDemoMappings(db(), new Date());
    admin = await loginAs(t.app, DEMO.admin);
  });
  afterAll(async () => {
    await t?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  describe('/sso/rettigheder', () => {
    it('lists the mappings and the privileges that mapped to nothing, each with a link that fills in the form', async () => {
      const res = await admin.get('/sso/rettigheder');
      expect(res.statusCode).toBe(200);
      expect(res.body).toContain('http://samspil.kombit.dk/roles/usersystemrole/systemansvarlig-valg/1');
      expect(res.body).toMatch(/systemansvarlig-valg\/1<\/code><\/td><td[^>]*>Systemansvarlig<\/td><td[^>]*>Valg<\/td>/);
      const unmapped = res.body.slice(res.body.indexOf('data-unmapped'));
      expect(unmapped).toContain(DEMO_UNMAPPED.privilege);
      expect(unmapped).toContain('Faxe (CVR 29188475)');
      const link = `/sso/rettigheder?rettighed=${encodeURIComponent(DEMO_UNMAPPED.privilege)}#tilknyt`;
      expect(res.body).toContain(link);
      const filled = await admin.get(link.replace('#tilknyt', ''));
      expect(filled.body).toContain(`name="privilege" type="text" value="${DEMO_UNMAPPED.privilege}"`);
    });

    it('shows a privilege that arrived at a login and maps to nothing, with its municipality', async () => {
      await completeContextHandlerLogin(
        { actor: null, db: db(), now: new Date(), requestId: 'test', config: t.config },
        {
          nameId: 'C=DK,O=Stevns,CN=Ny rolle,Serial=CVR:29208654-RID:1',
          nameIdFormat: null,
          sessionIndex: null,
          specVer: 'OIO-SAML-3.0',
          cvr: CVR.stevns,
          loa: 'Substantial',
          email: 'ny-rolle@stevns.example',
          name: 'Ny Rolle',
          professionalUuid: null,
          privilegesXml: `<bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile"><PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:${CVR.stevns}"><Privilege>urn:dk:kombit:test:ukendt-rolle</Privilege></PrivilegeGroup></bpp:PrivilegeList>`,
        },
        {},
      );
      const res = await admin.get('/sso/rettigheder');
      expect(res.body).toMatch(/urn:dk:kombit:test:ukendt-rolle<\/code><\/td><td[^>]*>Stevns \(CVR 29208654\)<\/td>/);
      const apiRes = await admin.api('GET', '/api/v1/sso/unmapped-privileges');
      expect(apiRes.json()).toContainEqual(expect.objectContaining({ privilege: 'urn:dk:kombit:test:ukendt-rolle', scopeCvr: CVR.stevns, municipalityCode: STEVNS, municipalityName: 'Stevns', times: 1 }));
    });

    it('adds a mapping from the form once however often it is sent; the privilege then leaves the unmapped list; a duplicate is refused in Danish', async () => {
      await admin.get('/sso/rettigheder');
      const before = await mappingCount();
      const form = { privilege: DEMO_UNMAPPED.privilege, roleTypeKey: 'valgsekretariat', solutionKey: '', requestKey: 'dobbeltklik-1' };
      const first = await admin.post('/sso/rettigheder', form);
      expect(first.statusCode).toBe(303);
      expect(first.headers.location).toBe('/sso/rettigheder?besked=tilfoejet');
      expect((await admin.post('/sso/rettigheder', form)).statusCode).toBe(303);
      expect(await mappingCount()).toBe(before + 1);
      expect(await audits('sso.mapping_added')).toBe(1);
      const page = await admin.get('/sso/rettigheder?besked=tilfoejet');
      expect(page.body).toContain('Tilknytningen er gemt.');
      expect(page.body.slice(page.body.indexOf('data-unmapped'))).not.toContain(DEMO_UNMAPPED.privilege);

      const again = await admin.post('/sso/rettigheder', { ...form, requestKey: 'senere' });
      expect(again.statusCode).toBe(409);
      expect(again.body).toContain('Rettigheden er allerede tilknyttet rollen Valgsekretariat.');
      expect(await mappingCount()).toBe(before + 1);
    });

    it('refuses bad input with a Danish message and writes nothing', async () => {
      await admin.get('/sso/rettigheder');
      const before = await mappingCount();
      const cases: [Record<string, string>, string][] = [
        [{ privilege: 'ikke en uri', roleTypeKey: 'programleder' }, 'Rettigheden skal være en URI, der begynder med http://, https:// eller urn:'],
        [{ privilege: 'ftp://x.dk/rolle', roleTypeKey: 'programleder' }, 'Rettigheden skal være en URI'],
        [{ privilege: '', roleTypeKey: 'programleder' }, 'Skriv rettighedens URI'],
        [{ privilege: 'urn:x:central', roleTypeKey: 'administrator' }, 'Vælg en af kommunernes roller'],
        [{ privilege: 'urn:x:findes-ikke', roleTypeKey: 'findes-ikke' }, 'Vælg en af kommunernes roller'],
        [{ privilege: 'urn:x:uden-loesning', roleTypeKey: 'superbruger' }, 'Vælg hvilken løsning rollen Superbruger gælder'],
        [{ privilege: 'urn:x:med-loesning', roleTypeKey: 'programleder', solutionKey: 'aula' }, 'Rollen Programleder gælder hele kommunen og har ingen løsning'],
        [{ privilege: 'urn:x:ukendt-loesning', roleTypeKey: 'superbruger', solutionKey: 'findes-ikke' }, 'Vælg en løsning fra listen'],
      ];
      for (const [form, message] of cases) {
        const res = await admin.post('/sso/rettigheder', form);
        expect(res.statusCode, JSON.stringify(form)).toBe(422);
        expect(res.body).toContain(message);
      }
      const apiRes = await admin.api('POST', '/api/v1/sso/privilege-mappings', { privilege: 'urn:x:y', roleTypeKey: 'superbruger' });
      expect(apiRes.statusCode).toBe(422);
      expect(apiRes.json()).toMatchObject({ code: 'validation_failed', fieldErrors: { solutionKey: 'Vælg hvilken løsning rollen Superbruger gælder' } });
      expect(await mappingCount()).toBe(before);
    });

    it('the API adds (201), refuses a duplicate (409), lists, and removes (204, once)', async () => {
      const body = { privilege: 'https://kombit.dk/roller/superbruger-valg/1', roleTypeKey: 'superbruger', solutionKey: 'valg' };
      const created = await admin.api('POST', '/api/v1/sso/privilege-mappings', body);
      expect(created.statusCode).toBe(201);
      const { id } = created.json() as { id: string };
      expect(created.json()).toMatchObject({ ...body, roleLabel: 'Superbruger', solutionName: 'Valg' });
      const dup = await admin.api('POST', '/api/v1/sso/privilege-mappings', body, { 'idempotency-key': 'anden' });
      expect(dup.statusCode).toBe(409);
      expect(dup.json()).toMatchObject({ code: 'conflict', message: 'Rettigheden er allerede tilknyttet rollen Superbruger for den løsning.' });
      expect((await admin.api('GET', '/api/v1/sso/privilege-mappings')).json()).toContainEqual(expect.objectContaining({ id }));

      // The page asks first; the API removes.
      const ask = await admin.get(`/sso/rettigheder/${id}/fjern`);
      expect(ask.statusCode).toBe(200);
      expect(ask.body).toContain('giver i dag rollen Superbruger for Valg.');
      const removedBefore = await audits('sso.mapping_removed');
      expect((await admin.api('DELETE', `/api/v1/sso/privilege-mappings/${id}`)).statusCode).toBe(204);
      expect((await admin.api('DELETE', `/api/v1/sso/privilege-mappings/${id}`)).statusCode).toBe(204);
      expect(await audits('sso.mapping_removed')).toBe(removedBefore + 1);
      expect((await admin.api('GET', '/api/v1/sso/privilege-mappings')).json()).not.toContainEqual(expect.objectContaining({ id }));
      expect((await admin.get(`/sso/rettigheder/${id}/fjern`)).statusCode).toBe(404);
    });

    it('removes from the confirmation page', async () => {
      const { id } = (await admin.api('POST', '/api/v1/sso/privilege-mappings', { privilege: 'urn:x:fjernes', roleTypeKey: 'it-chef' })).json() as { id: string };
      await admin.get(`/sso/rettigheder/${id}/fjern`);
      const res = await admin.post(`/sso/rettigheder/${id}/fjern`);
      expect(res.statusCode).toBe(303);
      expect(res.headers.location).toBe('/sso/rettigheder?besked=fjernet');
      expect(await db().select().from(ssoPrivilegeMapping).where(eq(ssoPrivilegeMapping.id, id))).toEqual([]);
    });

    it("is KOMBIT's administrators' only: a consultant and Faxe's KLIK-administrator get 403 and write nothing", async () => {
      const before = await mappingCount();
      for (const who of [DEMO.consultant, DEMO.klikAdmin(FAXE)]) {
        const c = await loginAs(t.app, who);
        expect((await c.get('/sso/rettigheder')).statusCode).toBe(403);
        expect((await c.api('GET', '/api/v1/sso/unmapped-privileges')).statusCode).toBe(403);
        const res = await c.api('POST', '/api/v1/sso/privilege-mappings', { privilege: 'urn:x:uvedkommende', roleTypeKey: 'programleder' });
        expect(res.statusCode).toBe(403);
        expect(res.json()).toMatchObject({ message: 'Tilknytning af rettigheder er forbeholdt KOMBITs administratorer.' });
      }
      expect(await mappingCount()).toBe(before);
    });
  });

  describe('"SSO only"', () => {
    const ssoOnly = async (code: string) => (await db().select({ v: municipality.ssoOnly }).from(municipality).where(eq(municipality.code, code)))[0]!.v;

    async function openLinkFor(email: string, code: string): Promise<string> {
      const [account] = await db()
        .select({ id: userAccount.id })
        .from(userAccount)
        .innerJoin(person, eq(person.id, userAccount.personId))
        .where(and(eq(sql`lower(${userAccount.email})`, email.toLowerCase()), eq(person.municipalityCode, code)));
      const token = randomToken();
      await db().insert(passwordReset).values({ userId: account!.id, tokenHash: sha256(token), expiresAt: new Date(Date.now() + 3600_000) });
      return token;
    }

    it("the page is Faxe's KLIK-administrator's and KOMBIT's administrators'; Brøndby's is not found for Faxe", async () => {
      const klik = await loginAs(t.app, DEMO.klikAdmin(FAXE));
      const own = await klik.get(`/kommuner/${FAXE}/log-ind`);
      expect(own.statusCode).toBe(200);
      expect(own.body).toContain('Kommunens brugere kan logge ind med Context Handler, MitID Erhverv og adgangskode.');
      expect(own.body).toContain('Kun single sign-on');
      expect((await klik.get(`/kommuner/${BRONDBY}/log-ind`)).statusCode).toBe(404);
      expect((await klik.api('PUT', `/api/v1/municipalities/${BRONDBY}/sso-only`, { ssoOnly: true })).statusCode).toBe(404);
      expect((await (await loginAs(t.app, DEMO.programLeader(FAXE))).get(`/kommuner/${FAXE}/log-ind`)).statusCode).toBe(403);
      expect((await (await loginAs(t.app, DEMO.consultant)).get(`/kommuner/${FAXE}/log-ind`)).statusCode).toBe(403);
      expect((await admin.get(`/kommuner/${BRONDBY}/log-ind`)).statusCode).toBe(200);
      expect(await ssoOnly(BRONDBY)).toBe(false);
    });

    it("switched on, Faxe's passwords stop working (refused and audited, a wrong one still a plain 401); central staff and other municipalities log in; the reset link says so and sets nothing", async () => {
      const klik = await loginAs(t.app, DEMO.klikAdmin(FAXE));
      // Sessions opened with a password before the switch: Faxe's end with it, Stevns's do not.
      const faxeOpen = await loginAs(t.app, DEMO.programLeader(FAXE));
      const stevnsOpen = await loginAs(t.app, DEMO.programLeader(STEVNS));
      expect((await faxeOpen.get('/')).statusCode).toBe(200);
      await klik.get(`/kommuner/${FAXE}/log-ind`);
      const on = await klik.post(`/kommuner/${FAXE}/log-ind`, { ssoOnly: 'ja' });
      expect(on.statusCode).toBe(303);
      const ended = await faxeOpen.get('/');
      expect(ended.statusCode).toBe(303);
      expect(ended.headers.location).toMatch(/^\/login/);
      expect((await stevnsOpen.get('/')).statusCode).toBe(200);
      expect(on.headers.location).toBe(`/kommuner/${FAXE}/log-ind?besked=gemt`);
      // The KLIK-administrator had logged in with a password too, so their session ended as well.
      expect((await klik.get(`/kommuner/${FAXE}/log-ind`)).headers.location).toMatch(/^\/login/);
      await admin.get(`/kommuner/${FAXE}/log-ind`);
      expect((await admin.post(`/kommuner/${FAXE}/log-ind`, { ssoOnly: 'ja' })).headers.location).toBe(`/kommuner/${FAXE}/log-ind?besked=uaendret`);
      expect(await audits('sso.sso_only_changed')).toBe(1);
      const [changed] = await db().select({ after: auditEvent.after }).from(auditEvent).where(eq(auditEvent.action, 'sso.sso_only_changed'));
      expect(changed!.after).toEqual({ ssoOnly: true, passwordSessionsEnded: expect.any(Number) as number });
      expect((await admin.get(`/kommuner/${FAXE}/log-ind`)).body).toContain('data-sso-only="true"');

      const browser = new Client(t.app);
      await browser.get('/login');
      const refusedBefore = await audits('auth.login_refused');
      const refused = await browser.post('/login', { email: DEMO.programLeader(FAXE), password: DEMO.password });
      expect(refused.statusCode).toBe(403);
      expect(refused.body).toContain('Faxe Kommune bruger kun single sign-on, så adgangskoder virker ikke. Log ind med Context Handler');
      expect(browser.cookies.has('samspil_session')).toBe(false);
      expect(await audits('auth.login_refused')).toBe(refusedBefore + 1);
      const wrong = await browser.post('/login', { email: DEMO.programLeader(FAXE), password: 'forkert-kode' });
      expect(wrong.statusCode).toBe(401);
      expect(wrong.body).not.toContain('single sign-on, så');
      await loginAs(t.app, DEMO.admin);
      await loginAs(t.app, DEMO.programLeader(STEVNS));

      const token = await openLinkFor(DEMO.programLeader(FAXE), FAXE);
      const linkPage = await browser.get(`/adgangskode/${token}`);
      expect(linkPage.statusCode).toBe(200);
      expect(linkPage.body).toContain('Adgangskoder er slået fra');
      expect(linkPage.body).toContain('Faxe Kommune bruger kun single sign-on, så du kan ikke vælge en adgangskode.');
      expect(linkPage.body).not.toContain('name="password"');
      const [before] = await db().select({ hash: userAccount.passwordHash }).from(userAccount).where(eq(userAccount.email, DEMO.programLeader(FAXE)));
      const post = await browser.post(`/adgangskode/${token}`, { password: 'en-helt-ny-kode', confirm: 'en-helt-ny-kode' });
      expect(post.statusCode).toBe(403);
      const [after] = await db().select({ hash: userAccount.passwordHash }).from(userAccount).where(eq(userAccount.email, DEMO.programLeader(FAXE)));
      expect(after!.hash).toBe(before!.hash);

      // Switched off again through the API: the password works again.
      const res = await admin.api('PUT', `/api/v1/municipalities/${FAXE}/sso-only`, { ssoOnly: false });
      expect(res.json()).toEqual({ code: FAXE, name: 'Faxe', ssoOnly: false, changed: true });
      expect((await admin.api('PUT', `/api/v1/municipalities/${FAXE}/sso-only`, { ssoOnly: 'ja' })).statusCode).toBe(422);
      expect(await ssoOnly(FAXE)).toBe(false);
      await loginAs(t.app, DEMO.programLeader(FAXE));
    });

    it('is refused (422, Danish, nothing written) while this server has no Context Handler, since nobody could log in then; switching it off still works', async () => {
      const saml = t.config.saml;
      t.config.saml = null;
      try {
        const changedBefore = await audits('sso.sso_only_changed');
        const klik = await loginAs(t.app, DEMO.klikAdmin(FAXE));
        await klik.get(`/kommuner/${FAXE}/log-ind`);
        const page = await klik.post(`/kommuner/${FAXE}/log-ind`, { ssoOnly: 'ja' });
        expect(page.statusCode).toBe(422);
        expect(page.body).toContain('Kun single sign-on kan ikke slås til, fordi Samspil ikke er sat op til log ind med Context Handler.');
        const res = await admin.api('PUT', `/api/v1/municipalities/${FAXE}/sso-only`, { ssoOnly: true });
        expect(res.statusCode).toBe(422);
        expect(res.json()).toMatchObject({ code: 'sso_not_configured', fieldErrors: { ssoOnly: expect.stringContaining('Kun single sign-on kan ikke slås til') } });
        expect(await ssoOnly(FAXE)).toBe(false);
        expect(await audits('sso.sso_only_changed')).toBe(changedBefore);
        expect((await admin.api('PUT', `/api/v1/municipalities/${FAXE}/sso-only`, { ssoOnly: false })).json()).toMatchObject({ ssoOnly: false, changed: false });
        await loginAs(t.app, DEMO.programLeader(FAXE));
      } finally {
        t.config.saml = saml;
      }
    });

    it('choosing a password for an e-mail another live password account has gives a Danish message, not an error', async () => {
      // A Context Handler account in Stevns (no password) carrying Faxe's program leader's address.
      const [p] = await db().insert(person).values({ municipalityCode: STEVNS, name: 'Samme Adresse', email: DEMO.programLeader(FAXE) }).returning({ id: person.id });
      await db().insert(userAccount).values({ personId: p!.id, email: DEMO.programLeader(FAXE) });
      const token = await openLinkFor(DEMO.programLeader(FAXE), STEVNS);
      const browser = new Client(t.app);
      await browser.get(`/adgangskode/${token}`);
      const res = await browser.post(`/adgangskode/${token}`, { password: 'en-helt-ny-kode', confirm: 'en-helt-ny-kode' });
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain(`E-mailadressen ${DEMO.programLeader(FAXE)} bruges allerede af en anden bruger med adgangskode i Samspil.`);
      const [account] = await db().select({ hash: userAccount.passwordHash }).from(userAccount).where(eq(userAccount.personId, p!.id));
      expect(account!.hash).toBeNull();
    });
  });
});
