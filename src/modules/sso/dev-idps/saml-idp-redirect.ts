import { createSign, createVerify } from 'node:crypto';
import { deflateRawSync, inflateRawSync } from 'node:zlib';

export const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

/**
 * The HTTP-Redirect binding as the SAML bindings spec describes it: the message deflated and
 * base64'd, and the signature over the URL-encoded `SAMLRequest|SAMLResponse`, `RelayState` and
 * `SigAlg` exactly as they stand in the query string.
 */
export function signedRedirectUrl(target: string, kind: 'SAMLRequest' | 'SAMLResponse', xml: string, relayState: string | null, keyPem: string): string {
  let query = `${kind}=${encodeURIComponent(deflateRawSync(Buffer.from(xml, 'utf8')).toString('base64'))}`;
  if (relayState) query += `&RelayState=${encodeURIComponent(relayState)}`;
  query += `&SigAlg=${encodeURIComponent(RSA_SHA256)}`;
  const signature = createSign('RSA-SHA256').update(query).sign(keyPem, 'base64');
  return `${target}${target.includes('?') ? '&' : '?'}${query}&Signature=${encodeURIComponent(signature)}`;
}

export type RedirectMessage = { kind: 'SAMLRequest' | 'SAMLResponse'; xml: string; relayState: string | null };

/** Reads a redirect-bound message and checks its signature against the sender's certificate. */
export function readSignedRedirect(rawQuery: string, certPem: string): RedirectMessage {
  const parts = rawQuery.split('&');
  const raw = (name: string) => parts.find((p) => p.startsWith(`${name}=`)) ?? null;
  const value = (name: string) => {
    const p = raw(name);
    return p === null ? null : decodeURIComponent(p.slice(name.length + 1).replace(/\+/g, ' '));
  };
  const kind = raw('SAMLRequest') ? 'SAMLRequest' : raw('SAMLResponse') ? 'SAMLResponse' : null;
  if (!kind) throw new Error('no SAMLRequest or SAMLResponse');
  const sigAlg = value('SigAlg');
  const signature = value('Signature');
  if (sigAlg !== RSA_SHA256 || !signature) throw new Error('the message is not signed with RSA-SHA256');
  const signed = [raw(kind), raw('RelayState'), raw('SigAlg')].filter((p) => p !== null).join('&');
  if (!createVerify('RSA-SHA256').update(signed).verify(certPem, signature, 'base64')) throw new Error('the signature does not verify');
  const xml = inflateRawSync(Buffer.from(value(kind)!, 'base64')).toString('utf8');
  return { kind, xml, relayState: value('RelayState') };
}
