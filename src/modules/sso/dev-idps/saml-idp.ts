import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import { childElements, NS, parseXmlSafely, textOf } from '../safe-xml.ts';
import { certBody, type KeyAndCert, selfSignedCertificate } from './certificates.ts';
import { type DemoIdentity, demoIdentities } from './identities.ts';
import { autoPostPage, messagePage, pickerPage } from './saml-idp-pages.ts';
import { readSignedRedirect, signedRedirectUrl } from './saml-idp-redirect.ts';
import { makeSamlResponse, type ResponseKnobs, samlId, xmlEscape } from './saml-idp-response.ts';

/**
 * A real SAML identity provider standing in for Context Handler in tests and the demo: it listens
 * on 127.0.0.1 with its own key, verifies the SP's signed AuthnRequests and LogoutRequests against
 * the SP certificate it is given, lets the user pick a test identity, and answers with signed (and,
 * if asked, encrypted) OIO-SAML 3 assertions carrying OIO-BPP privileges.
 */
export type TestSamlIdpOptions = {
  /** The service provider it serves: its entity ID, ACS, single logout and signing/encryption certificate. */
  sp: { entityId: string; acsUrl: string; sloUrl: string; certPem: string };
  identities?: DemoIdentity[];
  port?: number;
  entityId?: string;
  /** How the picker's responses are made (e.g. encrypted, or with OIO-SAML 2 names). */
  defaults?: Omit<ResponseKnobs, 'inResponseTo'>;
  keyAndCert?: KeyAndCert;
};

export type AuthnRequestInfo = { id: string; issuer: string; acsUrl: string | null; relayState: string | null };
export type LogoutRequestInfo = { id: string; nameId: string; sessionIndex: string | null };
export type MakeResponseOptions = { identity: string | DemoIdentity } & Partial<ResponseKnobs>;

export type TestSamlIdp = {
  url: string;
  entityId: string;
  metadataUrl: string;
  metadataXml: string;
  certPem: string;
  /** A SAMLResponse (base64) made directly, with the test's knobs. */
  makeResponse(o: MakeResponseOptions): Promise<string>;
  /** Checks the signature of a redirect to the IdP's SSO address and reads the AuthnRequest. */
  readAuthnRequest(url: string): AuthnRequestInfo;
  /** An IdP-initiated single logout: a signed LogoutRequest to the SP for the identity's last session. */
  logoutRequestUrl(o: { identity: string; sessionIndex?: string | null; relayState?: string }): string;
  /** Checks and reads a LogoutResponse the SP sent back. */
  readLogoutResponse(url: string): { inResponseTo: string | null; status: string | null };
  /** The SessionIndex last issued to an identity. */
  sessionIndexOf(identity: string): string | null;
  /** The LogoutRequests the SP sent (its users logging out), oldest first. */
  logoutRequests: LogoutRequestInfo[];
  close(): Promise<void>;
};

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const instant = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
const queryOf = (url: string) => (url.includes('?') ? url.slice(url.indexOf('?') + 1) : '');

function readBody(req: IncomingMessage, limit = 64 * 1024): Promise<string> {
  return new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > limit) reject(new Error('body too large'));
      else chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function idpMetadata(entityId: string, url: string, certPem: string): string {
  return `<?xml version="1.0" encoding="UTF-8"?>
<md:EntityDescriptor xmlns:md="${NS.md}" xmlns:ds="${NS.ds}" entityID="${xmlEscape(entityId)}">
  <md:IDPSSODescriptor WantAuthnRequestsSigned="true" protocolSupportEnumeration="urn:oasis:names:tc:SAML:2.0:protocol">
    <md:KeyDescriptor use="signing"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>${certBody(certPem)}</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>
    <md:SingleLogoutService Binding="${REDIRECT}" Location="${xmlEscape(url)}/slo"/>
    <md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName</md:NameIDFormat>
    <md:SingleSignOnService Binding="${REDIRECT}" Location="${xmlEscape(url)}/sso"/>
  </md:IDPSSODescriptor>
</md:EntityDescriptor>
`;
}

export async function startTestSamlIdp(opts: TestSamlIdpOptions): Promise<TestSamlIdp> {
  const identities = opts.identities ?? demoIdentities;
  const { keyPem, certPem } = opts.keyAndCert ?? selfSignedCertificate('Samspil test-IdP (Context Handler)');
  const pending = new Map<string, { id: string; relayState: string | null }>();
  const sessions = new Map<string, string>();
  const logoutRequests: LogoutRequestInfo[] = [];
  let entityId = '';
  let url = '';

  const identityOf = (key: string | DemoIdentity): DemoIdentity => {
    if (typeof key !== 'string') return key;
    const found = identities.find((i) => i.key === key);
    if (!found) throw new Error(`unknown test identity ${key}`);
    return found;
  };

  async function makeResponse(o: MakeResponseOptions): Promise<string> {
    const identity = identityOf(o.identity);
    const sessionIndex = o.sessionIndex ?? samlId();
    sessions.set(identity.key, sessionIndex);
    const parties = { idpEntityId: entityId, idpKeyPem: keyPem, idpCertPem: certPem, spEntityId: opts.sp.entityId, acsUrl: opts.sp.acsUrl, spCertPem: opts.sp.certPem };
    return makeSamlResponse(parties, identity, { ...opts.defaults, ...o, inResponseTo: o.inResponseTo ?? null, sessionIndex });
  }

  function parseAuthnRequest(rawQuery: string): AuthnRequestInfo {
    const msg = readSignedRedirect(rawQuery, opts.sp.certPem);
    const root = parseXmlSafely(msg.xml).documentElement!;
    if (msg.kind !== 'SAMLRequest' || root.namespaceURI !== NS.samlp || root.localName !== 'AuthnRequest') throw new Error('not an AuthnRequest');
    const issuer = textOf(childElements(root, NS.saml, 'Issuer')[0]);
    if (issuer !== opts.sp.entityId) throw new Error(`unknown service provider ${issuer}`);
    const acsUrl = root.getAttribute('AssertionConsumerServiceURL') || null;
    if (acsUrl !== null && acsUrl !== opts.sp.acsUrl) throw new Error(`ACS ${acsUrl} is not the registered ${opts.sp.acsUrl}`);
    return { id: root.getAttribute('ID') ?? '', issuer, acsUrl, relayState: msg.relayState };
  }

  function answerLogoutRequest(rawQuery: string): string {
    const msg = readSignedRedirect(rawQuery, opts.sp.certPem);
    const root = parseXmlSafely(msg.xml).documentElement!;
    if (root.localName !== 'LogoutRequest') throw new Error('not a LogoutRequest');
    const id = root.getAttribute('ID') ?? '';
    logoutRequests.push({ id, nameId: textOf(childElements(root, NS.saml, 'NameID')[0]), sessionIndex: textOf(childElements(root, NS.samlp, 'SessionIndex')[0]) || null });
    const response =
      `<samlp:LogoutResponse xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${samlId()}" Version="2.0" IssueInstant="${instant()}" Destination="${xmlEscape(opts.sp.sloUrl)}" InResponseTo="${xmlEscape(id)}">` +
      `<saml:Issuer>${xmlEscape(entityId)}</saml:Issuer><samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status></samlp:LogoutResponse>`;
    return signedRedirectUrl(opts.sp.sloUrl, 'SAMLResponse', response, msg.relayState, keyPem);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const path = (req.url ?? '/').split('?')[0];
    const send = (status: number, body: string, type = 'text/html; charset=utf-8') => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
      res.end(body);
    };
    try {
      if (req.method === 'GET' && path === '/metadata') return send(200, idpMetadata(entityId, url, certPem), 'application/samlmetadata+xml; charset=utf-8');
      if (req.method === 'GET' && path === '/sso') {
        const request = parseAuthnRequest(queryOf(req.url ?? ''));
        const token = randomBytes(16).toString('hex');
        pending.set(token, { id: request.id, relayState: request.relayState });
        return send(200, pickerPage(token, identities, request.issuer));
      }
      if (req.method === 'POST' && path === '/sso/vaelg') {
        const form = new URLSearchParams(await readBody(req));
        const chosen = pending.get(form.get('anmodning') ?? '');
        if (!chosen) return send(400, messagePage('Anmodningen er udløbet', 'Start forfra fra tjenesten.'));
        pending.delete(form.get('anmodning') ?? '');
        const SAMLResponse = await makeResponse({ identity: form.get('identitet') ?? '', inResponseTo: chosen.id });
        return send(200, autoPostPage(opts.sp.acsUrl, { SAMLResponse, ...(chosen.relayState ? { RelayState: chosen.relayState } : {}) }));
      }
      if (req.method === 'GET' && path === '/slo') {
        const q = queryOf(req.url ?? '');
        if (/(^|&)SAMLRequest=/.test(q)) {
          res.writeHead(303, { location: answerLogoutRequest(q) });
          return res.end();
        }
        readSignedRedirect(q, opts.sp.certPem);
        return send(200, messagePage('Du er logget ud', 'Du er logget ud af tjenesten.'));
      }
      return send(404, messagePage('Findes ikke', 'Adressen findes ikke hos test-identitetsudbyderen.'));
    } catch (error) {
      return send(400, messagePage('Anmodningen blev afvist', error instanceof Error ? error.message : String(error)));
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(opts.port ?? 0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${String((server.address() as AddressInfo).port)}`;
  entityId = opts.entityId ?? `${url}/metadata`;

  return {
    url,
    entityId,
    metadataUrl: `${url}/metadata`,
    metadataXml: idpMetadata(entityId, url, certPem),
    certPem,
    makeResponse,
    readAuthnRequest: (u) => parseAuthnRequest(queryOf(u)),
    logoutRequestUrl({ identity, sessionIndex, relayState }) {
      const who = identityOf(identity);
      const index = sessionIndex === undefined ? (sessions.get(who.key) ?? null) : sessionIndex;
      const request =
        `<samlp:LogoutRequest xmlns:samlp="${NS.samlp}" xmlns:saml="${NS.saml}" ID="${samlId()}" Version="2.0" IssueInstant="${instant()}" Destination="${xmlEscape(opts.sp.sloUrl)}">` +
        `<saml:Issuer>${xmlEscape(entityId)}</saml:Issuer><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName">${xmlEscape(who.nameId)}</saml:NameID>` +
        (index ? `<samlp:SessionIndex>${xmlEscape(index)}</samlp:SessionIndex>` : '') +
        `</samlp:LogoutRequest>`;
      return signedRedirectUrl(opts.sp.sloUrl, 'SAMLRequest', request, relayState ?? null, keyPem);
    },
    readLogoutResponse(u) {
      const msg = readSignedRedirect(queryOf(u), opts.sp.certPem);
      const root = parseXmlSafely(msg.xml).documentElement!;
      if (root.localName !== 'LogoutResponse') throw new Error('not a LogoutResponse');
      const status = root.getElementsByTagNameNS(NS.samlp, 'StatusCode').item(0)?.getAttribute('Value') ?? null;
      return { inResponseTo: root.getAttribute('InResponseTo'), status };
    },
    sessionIndexOf: (identity) => sessions.get(identityOf(identity).key) ?? null,
    logoutRequests,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((e) => (e ? reject(e) : resolve()));
        // fetch keeps connections alive; they would hold the close up.
        server.closeAllConnections();
      }),
  };
}
