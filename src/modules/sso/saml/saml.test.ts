import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, startTestApp, type TestApp } from '../../../../test/app.ts';
import { buildApp } from '../../../app.ts';
import { loadConfig } from '../../../config.ts';
import { rawRows } from '../../../db/client.ts';
import { certBody, selfSignedCertificate } from '../dev-idps/certificates.ts';
import { CVR, type DemoIdentity, demoIdentities, demoPrivilege } from '../dev-idps/identities.ts';
import { seedDemoMappings } from '../demo-mappings.ts';
import { startTestSamlIdp, type TestSamlIdp } from '../dev-idps/saml-idp.ts';
import { samlId } from '../dev-idps/saml-idp-response.ts';
import { parseIdpMetadata } from './idp-metadata.ts';
import { decodePrivileges, loaAtLeast, MAX_PRIVILEGES_BASE64, OIO2, OIO3, readLoa } from './read-assertion.ts';
import { relayStateFor } from './relay-state.ts';
import { MESSAGES } from './refusal.ts';
import { childElements, descendants, NS, parseXmlSafely } from '../safe-xml.ts';

/**
 * Context Handler login against a real SAML identity provider running in-process on 127.0.0.1:
 * the app sends signed AuthnRequests to it, the IdP verifies them and answers with signed (and
 * encrypted) assertions; the app is driven as a browser would, the IdP over real HTTP.
 */

const PUBLIC_URL = 'http://samspil.test';
const SP_ENTITY_ID = 'https://samspil.test/saml/sp';
const ACS = `${PUBLIC_URL}/saml/acs`;
const programleder = demoIdentities.find((i) => i.key === 'faxe-programleder')!;
/** A Faxe user whose only privilege maps to nothing in Samspil. */
const UNMAPPED = demoPrivilege('ukendt-i-samspil');
const unmappedUser: DemoIdentity = {
  key: 'faxe-ukendt-rettighed',
  label: 'Faxe: kun en rettighed, Samspil ikke kender',
  nameId: `C=DK,O=Kommune,CN=Ukendt rettighed Faxe,Serial=CVR:${CVR.faxe}-RID:41099`,
  name: 'Ukendt rettighed Faxe',
  email: 'ukendt-rettighed-0320@samspil.demo',
  cvr: CVR.faxe,
  loa: 'Substantial',
  professionalUuid: null,
  privileges: [{ cvr: CVR.faxe, privileges: [UNMAPPED] }],
  mitidSub: null,
};

let t: TestApp;
let idp: TestSamlIdp;
let dir: string;
const spCert = selfSignedCertificate('Samspil SP (test)');
const nextCert = selfSignedCertificate('Samspil SP (næste)');

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'samspil-saml-'));
  writeFileSync(path.join(dir, 'sp.key'), spCert.keyPem);
  writeFileSync(path.join(dir, 'sp.crt'), spCert.certPem);
  writeFileSync(path.join(dir, 'next.crt'), nextCert.certPem);
  idp = await startTestSamlIdp({ sp: { entityId: SP_ENTITY_ID, acsUrl: ACS, sloUrl: `${PUBLIC_URL}/saml/slo`, certPem: spCert.certPem }, identities: [...demoIdentities, unmappedUser] });
  t = await startTestApp({ env: samlEnv() });
  // The privilege mapping as the demo has it (safe to run again).
  await seedDemoMappings(t.database.db, new Date());
});

afterAll(async () => {
  await t?.close();
  await idp?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function samlEnv(overrides: Record<string, string> = {}): Record<string, string> {
  return {
    SAML_IDP_METADATA: idp.metadataUrl,
    SAML_SP_ENTITY_ID: SP_ENTITY_ID,
    SAML_SP_KEY: path.join(dir, 'sp.key'),
    SAML_SP_CERT: path.join(dir, 'sp.crt'),
    SAML_SP_NEXT_CERT: path.join(dir, 'next.crt'),
    PUBLIC_URL,
    ...overrides,
  };
}

const rows = <T,>(q: ReturnType<typeof sql>) => rawRows<T>(t.database.db, q);
const sessionCount = async () => (await rows<{ n: number }>(sql`select count(*)::int as n from session where method = 'context-handler'`))[0]!.n;
const localPath = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};
const unescapeHtml = (s: string) => s.replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
const field = (html: string, name: string) => {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  return m ? unescapeHtml(m[1]!) : null;
};

/** GET /saml/login: the redirect to the IdP, and the AuthnRequest in it as the IdP reads it (signature checked). */
async function beginLogin(client: Client, next = '/') {
  const res = await client.get(`/saml/login?next=${encodeURIComponent(next)}`);
  expect(res.statusCode).toBe(303);
  const location = String(res.headers.location);
  expect(location.startsWith(`${idp.url}/sso?`)).toBe(true);
  return { location, request: idp.readAuthnRequest(location) };
}

/** The whole browser journey: the app's redirect, the IdP's picker, the auto-posting form back to the ACS. */
async function loginThroughIdp(client: Client, identity: string, next = '/') {
  const { location } = await beginLogin(client, next);
  const picker = await fetch(location);
  expect(picker.status).toBe(200);
  const pickerHtml = await picker.text();
  expect(pickerHtml).toContain(`value="${identity}"`);
  const chosen = await fetch(`${idp.url}/sso/vaelg`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ anmodning: field(pickerHtml, 'anmodning')!, identitet: identity }).toString(),
  });
  const form = await chosen.text();
  expect(/<form method="post" action="([^"]+)"/.exec(form)?.[1]).toBe(ACS);
  expect(form).toContain('<button type="submit">');
  const SAMLResponse = field(form, 'SAMLResponse')!;
  const RelayState = field(form, 'RelayState');
  const res = await client.post('/saml/acs', { SAMLResponse, ...(RelayState ? { RelayState } : {}) }, { csrf: null });
  return { res, SAMLResponse };
}

/** Posts a response the test made itself (with knobs) in answer to a login this client started. */
async function postResponse(client: Client, knobs: Parameters<TestSamlIdp['makeResponse']>[0], app?: FastifyInstance) {
  const SAMLResponse = await idp.makeResponse(knobs);
  const poster = app ? Object.assign(new Client(app), { cookies: client.cookies }) : client;
  const res = await poster.post('/saml/acs', { SAMLResponse, RelayState: '/' }, { csrf: null });
  return { res, SAMLResponse };
}

async function whoAmI(client: Client): Promise<string | null> {
  const res = await client.api('GET', '/api/v1/me');
  return res.statusCode === 200 ? (res.json() as { email: string }).email : null;
}

function expectRefused(res: LightMyRequestResponse, status: number, message: string) {
  expect(res.statusCode).toBe(status);
  expect(res.body).toContain('Log ind med Context Handler mislykkedes');
  expect(unescapeHtml(res.body)).toContain(message);
  expect(res.headers['set-cookie'] ?? '').not.toContain('samspil_session=');
}

describe('SP metadata', () => {
  it('is well-formed and lists the ACS, single logout, signing and encryption keys, and the next certificate during a roll-over', async () => {
    const res = await new Client(t.app).get('/saml/metadata');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/samlmetadata+xml');
    const root = parseXmlSafely(res.body).documentElement!;
    expect(root.getAttribute('entityID')).toBe(SP_ENTITY_ID);
    const sp = childElements(root, NS.md, 'SPSSODescriptor')[0]!;
    expect(sp.getAttribute('AuthnRequestsSigned')).toBe('true');
    expect(sp.getAttribute('WantAssertionsSigned')).toBe('true');
    const acs = childElements(sp, NS.md, 'AssertionConsumerService')[0]!;
    expect([acs.getAttribute('Binding'), acs.getAttribute('Location')]).toEqual(['urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST', ACS]);
    expect(childElements(sp, NS.md, 'SingleLogoutService')[0]!.getAttribute('Location')).toBe(`${PUBLIC_URL}/saml/slo`);
    const keys = childElements(sp, NS.md, 'KeyDescriptor').map((k) => [k.getAttribute('use'), descendants(k, NS.ds, 'X509Certificate')[0]!.textContent]);
    expect(keys).toEqual([
      ['signing', certBody(spCert.certPem)],
      ['signing', certBody(nextCert.certPem)],
      ['encryption', certBody(spCert.certPem)],
    ]);
  });
});

describe('Context Handler login', () => {
  it("logs Faxe's programleder in through the IdP's picker and returns to the page asked for", async () => {
    const client = new Client(t.app);
    const { location, request } = await beginLogin(client, '/profil');
    // The AuthnRequest is signed with RSA-SHA256 (the IdP checked it) and asks for our ACS.
    expect(new URL(location).searchParams.get('SigAlg')).toBe('http://www.w3.org/2001/04/xmldsig-more#rsa-sha256');
    expect(request.acsUrl).toBe(ACS);
    expect(request.relayState).toBe('/profil');

    const { res } = await loginThroughIdp(client, 'faxe-programleder', '/profil');
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/profil');
    expect(await whoAmI(client)).toBe('programleder-0320@samspil.demo');
    const [s] = await rows<{ saml_name_id: string; saml_session_index: string }>(
      sql`select saml_name_id, saml_session_index from session where method = 'context-handler' and saml_name_id = ${programleder.nameId}`,
    );
    expect(s?.saml_session_index).toBe(idp.sessionIndexOf('faxe-programleder'));
  });

  it('accepts an encrypted assertion, decrypted with the SP key', async () => {
    const client = new Client(t.app);
    const { request } = await beginLogin(client);
    const { res, SAMLResponse } = await postResponse(client, { identity: 'faxe-programleder', inResponseTo: request.id, encrypt: true });
    const xml = Buffer.from(SAMLResponse, 'base64').toString('utf8');
    expect(xml).toContain('EncryptedAssertion');
    expect(xml).not.toContain(programleder.email);
    expect(res.statusCode).toBe(303);
    expect(await whoAmI(client)).toBe(programleder.email);
  });

  it('refuses an assertion encrypted with AES-CBC or with its key by RSA-1_5, writing no session', async () => {
    const before = await sessionCount();
    for (const encryption of [{ data: 'http://www.w3.org/2001/04/xmlenc#aes256-cbc' }, { key: 'http://www.w3.org/2001/04/xmlenc#rsa-1_5' }] as const) {
      const client = new Client(t.app);
      const { request } = await beginLogin(client);
      const { res, SAMLResponse } = await postResponse(client, { identity: 'faxe-programleder', inResponseTo: request.id, encrypt: true, encryption });
      expect(Buffer.from(SAMLResponse, 'base64').toString('utf8')).toContain(Object.values(encryption)[0]);
      expectRefused(res, 400, MESSAGES.invalid);
      expect(await whoAmI(client)).toBeNull();
    }
    expect(await sessionCount()).toBe(before);
  });

  it('reads the OIO-SAML 2 attribute names', async () => {
    const client = new Client(t.app);
    const { request } = await beginLogin(client);
    const { res } = await postResponse(client, { identity: 'faxe-programleder', inResponseTo: request.id, oioSaml2: true });
    expect(res.statusCode).toBe(303);
    expect(await whoAmI(client)).toBe(programleder.email);
  });

  it('refuses a tampered assertion, an expired one, the wrong audience, a wrong recipient or destination, writing no session', async () => {
    const before = await sessionCount();
    for (const [knobs, message] of [
      [{ tamper: true }, MESSAGES.invalid],
      [{ expired: true }, MESSAGES.expired],
      [{ audience: 'https://en-anden-tjeneste.example/sp' }, MESSAGES.audience],
      [{ recipient: 'https://en-anden-tjeneste.example/acs' }, MESSAGES.invalid],
      [{ destination: 'https://en-anden-tjeneste.example/acs' }, MESSAGES.invalid],
    ] as const) {
      const client = new Client(t.app);
      const { request } = await beginLogin(client);
      const { res } = await postResponse(client, { identity: 'faxe-programleder', inResponseTo: request.id, ...knobs });
      expectRefused(res, 400, message);
      expect(await whoAmI(client)).toBeNull();
    }
    expect(await sessionCount()).toBe(before);
  });

  it('refuses an unsolicited response and one answering a request it never sent', async () => {
    const client = new Client(t.app);
    expectRefused((await postResponse(client, { identity: 'faxe-programleder', inResponseTo: null })).res, 400, MESSAGES.unsolicited);
    expectRefused((await postResponse(client, { identity: 'faxe-programleder', inResponseTo: samlId() })).res, 400, MESSAGES.unsolicited);
  });

  it("refuses a login posted through another browser than the one that started it (login CSRF), and an assertion that names no request", async () => {
    // The attacker starts a login, picks their own identity at the IdP and stops before the auto-post.
    const attacker = new Client(t.app);
    const { request } = await beginLogin(attacker);
    const SAMLResponse = await idp.makeResponse({ identity: 'faxe-programleder', inResponseTo: request.id });
    // The victim's browser posts it: without a login of its own, and with a login of its own started.
    const victim = new Client(t.app);
    expectRefused(await victim.post('/saml/acs', { SAMLResponse, RelayState: '/' }, { csrf: null }), 400, MESSAGES.unsolicited);
    expect(await whoAmI(victim)).toBeNull();
    const busy = new Client(t.app);
    await beginLogin(busy);
    expectRefused(await busy.post('/saml/acs', { SAMLResponse, RelayState: '/' }, { csrf: null }), 400, MESSAGES.unsolicited);
    expect(busy.cookies.has('samspil_saml_req')).toBe(false);
    expect(await whoAmI(busy)).toBeNull();

    // The Response names the request, but the signed assertion's SubjectConfirmationData does not.
    const client = new Client(t.app);
    const { request: own } = await beginLogin(client);
    expectRefused((await postResponse(client, { identity: 'faxe-programleder', inResponseTo: own.id, subjectInResponseTo: null })).res, 400, MESSAGES.unsolicited);
    expect(await whoAmI(client)).toBeNull();
  });

  it('keeps the request ID in a cookie for the assertion consumer only, that a cross-site POST carries and the login uses up', async () => {
    const client = new Client(t.app);
    const res = await client.get('/saml/login?next=%2F');
    const cookie = [res.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('samspil_saml_req='))!;
    expect(cookie).toMatch(/Path=\/saml\/acs/);
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/Max-Age=1800/);
    // On loopback (the demo) as on https: SameSite=None, which browsers keep only when Secure.
    expect(cookie).toMatch(/SameSite=None/);
    expect(cookie).toMatch(/Secure/);
    const plain = await new Client(t.app).get('/saml/login?next=%2F', { host: 'samspil.test' });
    const plainCookie = [plain.headers['set-cookie'] ?? []].flat().find((c) => c.startsWith('samspil_saml_req='))!;
    expect(plainCookie).not.toMatch(/SameSite|Secure/);
    const { res: done } = await loginThroughIdp(client, 'faxe-programleder');
    expect(done.statusCode).toBe(303);
    expect(client.cookies.has('samspil_saml_req')).toBe(false);
  });

  it('refuses a level of assurance below Substantial, and a missing one', async () => {
    const client = new Client(t.app);
    const { res } = await loginThroughIdp(client, 'faxe-lav-loa');
    expectRefused(res, 403, 'for lavt sikringsniveau');
    const { request } = await beginLogin(client);
    expectRefused((await postResponse(client, { identity: 'faxe-programleder', inResponseTo: request.id, loa: null })).res, 403, 'for lavt sikringsniveau');
  });

  it('shows the login\'s own refusal (an organisation that is not a municipality) the same way', async () => {
    const client = new Client(t.app);
    const { res } = await loginThroughIdp(client, 'ukendt-cvr');
    expect(res.statusCode).toBe(403);
    expect(res.body).toContain('Log ind med Context Handler mislykkedes');
    expect(await whoAmI(client)).toBeNull();
  });
});

describe('what the privileges grant, through the IdP', () => {
  const personRoles = async (email: string) =>
    (
      await rows<{ role: string; code: string }>(
        sql`select ra.role_type_key as role, p.municipality_code as code from role_assignment ra join person p on p.id = ra.person_id where p.email = ${email} and ra.removed_at is null`,
      )
    ).map((r) => `${r.code}:${r.role}`).sort();

  it('privileges in Faxe and Stevns end on the chooser, and the chosen municipality gets the session', async () => {
    const client = new Client(t.app);
    const { res } = await loginThroughIdp(client, 'faxe-stevns');
    expect(res.statusCode).toBe(303);
    expect(String(res.headers.location)).toBe('/sso/vaelg-kommune?next=%2F');
    expect(await whoAmI(client)).toBeNull();
    const chooser = await client.get(String(res.headers.location));
    expect(chooser.statusCode).toBe(200);
    expect(chooser.body).toContain('Hvilken kommune vil du arbejde for?');
    const options = [...chooser.body.matchAll(/name="bruger" id="([^"]+)" value="([^"]+)"[^>]*>\s*<label for="\1">([^<]+)</g)].map((m) => ({ value: m[2]!, label: m[3]!.trim() }));
    expect(options.map((o) => o.label).join(' | ')).toMatch(/Faxe.*\|.*Stevns/);
    const stevns = options.find((o) => o.label.includes('Stevns'))!;
    const chosen = await client.post('/sso/vaelg-kommune?next=%2F', { bruger: stevns.value });
    expect(chosen.statusCode).toBe(303);
    expect(chosen.headers.location).toBe('/');
    // The session acts for Stevns, with the Aula super user role the privilege grants there.
    const me = (await client.api('GET', '/api/v1/me')).json() as { email: string; municipalityCode: string; roles: { roleTypeKey: string; solutionKey: string | null }[] };
    expect([me.email, me.municipalityCode]).toEqual(['aula-faelles@samspil.demo', '0336']);
    expect(me.roles).toContainEqual(expect.objectContaining({ roleTypeKey: 'superbruger', solutionKey: 'aula' }));
    expect(await personRoles('aula-faelles@samspil.demo')).toEqual(expect.arrayContaining(['0320:superbruger', '0336:superbruger']));
  });

  it('a privilege that maps to nothing is counted for the mapping page and grants no role', async () => {
    const client = new Client(t.app);
    const { res } = await loginThroughIdp(client, 'faxe-ukendt-rettighed');
    expect(res.statusCode).toBe(303);
    const me = (await client.api('GET', '/api/v1/me')).json() as { email: string; municipalityCode: string; roles: unknown[] };
    expect([me.email, me.municipalityCode, me.roles]).toEqual([unmappedUser.email, '0320', []]);
    const [unmapped] = await rows<{ times: number }>(sql`select times from sso_unmapped_privilege where privilege = ${UNMAPPED} and scope_cvr = ${CVR.faxe}`);
    expect(unmapped?.times).toBe(1);
    expect(await personRoles(unmappedUser.email)).toEqual([]);
  });
});

describe('each response and assertion counts once, on every app instance', () => {
  let second: FastifyInstance;
  beforeAll(async () => {
    // A second app on the same database, as a second instance behind the load balancer would be.
    second = await buildApp({ config: loadConfig({ SAMSPIL_MODE: 'demo', LOG_LEVEL: 'silent', ...samlEnv() }), database: t.database, logger: false });
    await second.ready();
  });
  afterAll(async () => {
    await second?.close();
  });

  it('accepts the answer on another instance than the one that sent the request', async () => {
    const client = new Client(t.app);
    const { request } = await beginLogin(client);
    const { res } = await postResponse(client, { identity: 'faxe-programleder', inResponseTo: request.id }, second);
    expect(res.statusCode).toBe(303);
  });

  it('refuses the same response posted twice, on the same and on another instance', async () => {
    const client = new Client(t.app);
    const { request } = await beginLogin(client);
    const assertionId = samlId();
    const { res, SAMLResponse } = await postResponse(client, { identity: 'faxe-programleder', inResponseTo: request.id, assertionId });
    expect(res.statusCode).toBe(303);
    const [claimed] = await rows<{ n: number }>(sql`select count(*)::int as n from sso_once where kind = 'assertion' and key = ${assertionId}`);
    expect(claimed?.n).toBe(1);

    // Even from the browser that started it (its request cookie put back), on either instance.
    const withCookie = (app: FastifyInstance) => Object.assign(new Client(app), { cookies: new Map([['samspil_saml_req', request.id]]) });
    const again = await withCookie(t.app).post('/saml/acs', { SAMLResponse, RelayState: '/' }, { csrf: null });
    expectRefused(again, 400, MESSAGES.unsolicited);
    const elsewhere = await withCookie(second).post('/saml/acs', { SAMLResponse, RelayState: '/' }, { csrf: null });
    expectRefused(elsewhere, 400, MESSAGES.unsolicited);

    // The same assertion in answer to a fresh request: the assertion ID itself is refused.
    const fresh = new Client(second);
    const { request: next } = await beginLogin(fresh);
    expectRefused((await postResponse(fresh, { identity: 'faxe-programleder', inResponseTo: next.id, assertionId }, second)).res, 400, MESSAGES.replayed);
  });
});

describe('single logout', () => {
  it('logging out of a Context Handler session continues to the IdP, whose answer ends on the login page', async () => {
    const client = new Client(t.app);
    await loginThroughIdp(client, 'faxe-programleder');
    await client.get('/');
    const res = await client.post('/logout');
    expect(res.statusCode).toBe(200);
    const refresh = String(res.headers.refresh);
    const sloUrl = refresh.slice(refresh.indexOf('url=') + 4);
    expect(sloUrl.startsWith(`${idp.url}/slo?SAMLRequest=`)).toBe(true);
    expect(unescapeHtml(res.body)).toContain(sloUrl);
    expect(await whoAmI(client)).toBeNull();

    const atIdp = await fetch(sloUrl, { redirect: 'manual' });
    expect(atIdp.status).toBe(303);
    const sent = idp.logoutRequests.at(-1)!;
    expect(sent.nameId).toBe(programleder.nameId);
    expect(sent.sessionIndex).toBe(idp.sessionIndexOf('faxe-programleder'));
    const back = String(atIdp.headers.get('location'));
    expect(back.startsWith(`${PUBLIC_URL}/saml/slo?SAMLResponse=`)).toBe(true);
    const done = await client.get(localPath(back));
    expect(done.statusCode).toBe(303);
    expect(done.headers.location).toBe('/login?besked=logget-ud');
    expect((await client.get('/login?besked=logget-ud')).body).toContain('Du er logget ud');
  });

  it('a LogoutRequest from the IdP ends that session only, and is answered with a signed LogoutResponse', async () => {
    const a = new Client(t.app);
    await loginThroughIdp(a, 'faxe-programleder');
    const aIndex = idp.sessionIndexOf('faxe-programleder');
    const b = new Client(t.app);
    await loginThroughIdp(b, 'faxe-programleder');
    const url = idp.logoutRequestUrl({ identity: 'faxe-programleder', sessionIndex: aIndex });

    // Unsigned, it changes nothing.
    const unsigned = await new Client(t.app).get(localPath(url).replace(/&Signature=[^&]*/, ''));
    expect(unsigned.statusCode).toBe(400);
    expect(await whoAmI(a)).toBe(programleder.email);

    const res = await new Client(t.app).get(localPath(url));
    expect(res.statusCode).toBe(303);
    const answer = idp.readLogoutResponse(String(res.headers.location));
    expect(answer.status).toBe('urn:oasis:names:tc:SAML:2.0:status:Success');
    expect(await whoAmI(a)).toBeNull();
    expect(await whoAmI(b)).toBe(programleder.email);
  });

  it('a replayed LogoutRequest is answered again but ends no session started since', async () => {
    const first = new Client(t.app);
    await loginThroughIdp(first, 'faxe-programleder');
    // No SessionIndex: the request ends every Context Handler session of the person.
    const url = idp.logoutRequestUrl({ identity: 'faxe-programleder', sessionIndex: null });
    expect((await new Client(t.app).get(localPath(url))).statusCode).toBe(303);
    expect(await whoAmI(first)).toBeNull();

    const later = new Client(t.app);
    await loginThroughIdp(later, 'faxe-programleder');
    const replay = await new Client(t.app).get(localPath(url));
    expect(replay.statusCode).toBe(303);
    expect(idp.readLogoutResponse(String(replay.headers.location)).status).toBe('urn:oasis:names:tc:SAML:2.0:status:Success');
    expect(await whoAmI(later)).toBe(programleder.email);
  });
});

describe('configuration', () => {
  it('refuses to start when the IdP metadata cannot be read, naming the variable', async () => {
    const config = loadConfig({ SAMSPIL_MODE: 'demo', LOG_LEVEL: 'silent', ...samlEnv({ SAML_IDP_METADATA: path.join(dir, 'findes-ikke.xml') }) });
    await expect(buildApp({ config, database: t.database, logger: false })).rejects.toThrow(/SAML_IDP_METADATA: Context Handlers metadata kunne ikke læses/);
  });

  it('reads IdP metadata without a DOCTYPE only', () => {
    expect(parseIdpMetadata(idp.metadataXml).signingCerts).toEqual([certBody(idp.certPem)]);
    const withDoctype = idp.metadataXml.replace('<md:EntityDescriptor', '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>\n<md:EntityDescriptor');
    expect(() => parseIdpMetadata(withDoctype)).toThrow(/DOCTYPE/);
  });
});

describe('reading what the assertion carries', () => {
  it('orders the levels of assurance and counts a missing or unknown one as too low', () => {
    expect(readLoa({ [OIO3.loa]: 'Substantial' })).toBe('Substantial');
    expect(readLoa({ [OIO3.loa]: 'https://data.gov.dk/concept/core/nsis/loa/High' })).toBe('High');
    expect(readLoa({ [OIO2.assuranceLevel]: '3' })).toBe('Substantial');
    expect(readLoa({ [OIO3.loa]: 'Medium' })).toBeNull();
    expect(loaAtLeast('High', 'Substantial')).toBe(true);
    expect(loaAtLeast('Low', 'Substantial')).toBe(false);
    expect(loaAtLeast(null, 'Low')).toBe(false);
  });

  it('refuses privileges larger than the limit or not base64', () => {
    expect(decodePrivileges({ [OIO3.privileges]: Buffer.from('<x/>').toString('base64') })).toEqual({ ok: true, xml: '<x/>' });
    expect(decodePrivileges({ [OIO3.privileges]: 'A'.repeat(MAX_PRIVILEGES_BASE64 + 4) }).ok).toBe(false);
    expect(decodePrivileges({ [OIO2.privileges]: '<ikke base64>' }).ok).toBe(false);
  });

  it('carries only a local, short, plainly written page in the RelayState', () => {
    expect(relayStateFor('/opgaver?side=2')).toBe('/opgaver?side=2');
    expect(relayStateFor('https://evil.example/')).toBe('/');
    expect(relayStateFor('//evil.example/')).toBe('/');
    expect(relayStateFor(`/${'a'.repeat(100)}`)).toBe('/');
  });
});
