import { readFile } from 'node:fs/promises';
import { X509Certificate } from 'node:crypto';
import { childElements, descendants, NS, parseXmlSafely, textOf } from '../safe-xml.ts';

export type IdpMetadata = {
  entityId: string;
  /** Where the AuthnRequest is sent (HTTP-Redirect binding). */
  ssoUrl: string;
  /** Where single logout messages go (HTTP-Redirect preferred); null when the IdP offers none. */
  sloUrl: string | null;
  /** The base64 bodies of the IdP's signing certificates (several during its roll-over). */
  signingCerts: string[];
};

const REDIRECT = 'urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect';
const MAX_METADATA = 1024 * 1024;

/**
 * The metadata's address: a file, or an https:// address. Plain http:// is accepted only for a
 * loopback address (the in-process test IdP), since metadata carries the certificates we trust.
 */
export function metadataSource(value: string): { kind: 'url'; url: URL } | { kind: 'file'; path: string } {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return { kind: 'file', path: value };
  const url = new URL(value);
  const loopback = ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname);
  if (url.protocol === 'https:' || (url.protocol === 'http:' && loopback)) return { kind: 'url', url };
  throw new Error(`adressen skal være https:// (http:// kun til 127.0.0.1): ${value}`);
}

/** Reads the IdP's metadata from a file or an address (fetched once, at start). */
export async function loadIdpMetadata(value: string): Promise<IdpMetadata> {
  const source = metadataSource(value);
  let text: string;
  if (source.kind === 'file') {
    text = await readFile(source.path, 'utf8');
  } else {
    const res = await fetch(source.url, { signal: AbortSignal.timeout(10_000), redirect: 'error' });
    if (!res.ok) throw new Error(`${source.url.href} svarede ${String(res.status)}`);
    const declared = Number(res.headers.get('content-length') ?? '0');
    if (declared > MAX_METADATA) throw new Error('metadata er større end 1 MB');
    text = await res.text();
  }
  return parseIdpMetadata(text);
}

/** Picks out what the service provider needs from an IdP's EntityDescriptor. */
export function parseIdpMetadata(text: string): IdpMetadata {
  const doc = parseXmlSafely(text, MAX_METADATA);
  const root = doc.documentElement!;
  const entity =
    root.namespaceURI === NS.md && root.localName === 'EntityDescriptor'
      ? root
      : descendants(doc, NS.md, 'EntityDescriptor').find((e) => childElements(e, NS.md, 'IDPSSODescriptor').length > 0);
  if (!entity) throw new Error('metadata indeholder ingen EntityDescriptor');
  const entityId = entity.getAttribute('entityID') ?? '';
  if (!entityId) throw new Error('metadata mangler entityID');
  const idp = childElements(entity, NS.md, 'IDPSSODescriptor')[0];
  if (!idp) throw new Error('metadata beskriver ingen identitetsudbyder (IDPSSODescriptor)');

  const sso = childElements(idp, NS.md, 'SingleSignOnService').find((e) => e.getAttribute('Binding') === REDIRECT);
  const ssoUrl = sso?.getAttribute('Location') ?? '';
  if (!ssoUrl) throw new Error('metadata mangler SingleSignOnService med HTTP-Redirect');
  const slos = childElements(idp, NS.md, 'SingleLogoutService');
  const slo = slos.find((e) => e.getAttribute('Binding') === REDIRECT);
  const sloUrl = slo?.getAttribute('Location') || null;

  const signingCerts = childElements(idp, NS.md, 'KeyDescriptor')
    .filter((k) => (k.getAttribute('use') ?? 'signing') === 'signing')
    .flatMap((k) => descendants(k, NS.ds, 'X509Certificate').map((c) => textOf(c).replace(/\s+/g, '')))
    .filter((c) => c.length > 0);
  if (signingCerts.length === 0) throw new Error('metadata mangler identitetsudbyderens signeringscertifikat');
  for (const body of signingCerts) {
    try {
      new X509Certificate(Buffer.from(body, 'base64'));
    } catch {
      throw new Error('et signeringscertifikat i metadata kan ikke læses');
    }
  }
  return { entityId, ssoUrl, sloUrl, signingCerts };
}
