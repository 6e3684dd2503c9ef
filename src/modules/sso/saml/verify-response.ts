import type { Profile } from '@node-saml/node-saml';
import type { Db } from '../../../db/client.ts';
import type { ContextHandlerAssertion } from '../assertion.ts';
import { claimOnce } from '../once.ts';
import { weakEncryption } from './check-encryption.ts';
import { decodePrivileges, loaAtLeast, readAssertion, readLoa } from './read-assertion.ts';
import { loaMessage, MESSAGES, SamlRefusal } from './refusal.ts';
import { takeRequestId, validateTakingIds } from './request-id-cache.ts';
import { parseXmlSafely, UnsafeXmlError } from '../safe-xml.ts';
import type { ServiceProvider } from './service-provider.ts';

/** A SAMLResponse larger than this is not read (a Context Handler response is a few tens of KB). */
export const MAX_RESPONSE_BASE64 = 1024 * 1024;
const BEARER = 'urn:oasis:names:tc:SAML:2.0:cm:bearer';

type XmlJs = { $?: Record<string, string>; _?: string; [child: string]: unknown };
const kids = (node: XmlJs | undefined, name: string): XmlJs[] => (Array.isArray(node?.[name]) ? (node[name] as XmlJs[]) : []);

/** node-saml's reasons, as the user should read them. */
function refusalFor(error: unknown): SamlRefusal {
  const reason = error instanceof Error ? error.message : String(error);
  if (/expired|not yet valid|No valid subject confirmation/i.test(reason)) return new SamlRefusal(400, MESSAGES.expired, reason);
  if (/audience/i.test(reason)) return new SamlRefusal(400, MESSAGES.audience, reason);
  if (/InResponseTo/i.test(reason)) return new SamlRefusal(400, MESSAGES.unsolicited, reason);
  return new SamlRefusal(400, MESSAGES.invalid, reason);
}

/**
 * Checks a posted SAMLResponse from Context Handler and returns what the login needs, or throws a
 * SamlRefusal. node-saml checks the assertion's signature against the IdP's certificates from its
 * metadata, decrypts an encrypted assertion, and checks the validity window (with the configured
 * clock skew), the audience and InResponseTo against the request IDs we sent. Checked here as well:
 * the issuer, the recipient and destination, that the request ID is used once, that the assertion
 * itself is used once (across app instances), the level of assurance and the privileges' size.
 * `startedHere` is the request ID from the browser's own cookie: the signed assertion must answer
 * that request, so a login started by someone else cannot be posted through this browser.
 */
export async function verifyContextHandlerResponse(sp: ServiceProvider, db: Db, now: Date, samlResponse: string, startedHere: string | null): Promise<ContextHandlerAssertion> {
  const compact = samlResponse.replace(/\s+/g, '');
  if (compact.length === 0 || compact.length > MAX_RESPONSE_BASE64 || !/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) {
    throw new SamlRefusal(400, MESSAGES.invalid, 'SAMLResponse missing, too large or not base64');
  }
  // Read once without trust, before node-saml does: no DOCTYPE, no weak encryption, and the Destination the IdP named.
  let destination: string | null;
  let weak: string | null;
  try {
    const doc = parseXmlSafely(Buffer.from(compact, 'base64').toString('utf8'), MAX_RESPONSE_BASE64);
    destination = doc.documentElement!.getAttribute('Destination') || null;
    weak = weakEncryption(doc);
  } catch (error) {
    if (error instanceof UnsafeXmlError) throw new SamlRefusal(400, MESSAGES.invalid, error.message);
    throw error;
  }
  if (weak) throw new SamlRefusal(400, MESSAGES.invalid, weak);
  if (destination !== null && destination !== sp.acsUrl) throw new SamlRefusal(400, MESSAGES.invalid, `Destination ${destination} is not ${sp.acsUrl}`);

  let profile: Profile | null;
  let taken: Set<string>;
  try {
    ({ result: { profile }, taken } = await validateTakingIds(() => sp.saml.validatePostResponseAsync({ SAMLResponse: compact })));
  } catch (error) {
    throw refusalFor(error);
  }
  if (!profile) throw new SamlRefusal(400, MESSAGES.invalid, 'no assertion in the response');
  if (profile.issuer !== sp.idp.entityId) throw new SamlRefusal(400, MESSAGES.invalid, `assertion issuer ${String(profile.issuer)} is not ${sp.idp.entityId}`);

  // Of two responses to one AuthnRequest only the first gets through, on whichever instance.
  const inResponseTo = typeof profile.inResponseTo === 'string' ? profile.inResponseTo : null;
  if (!inResponseTo) throw new SamlRefusal(400, MESSAGES.unsolicited, 'no InResponseTo');
  if (!taken.has(inResponseTo) && !(await takeRequestId(db, inResponseTo, now))) {
    throw new SamlRefusal(400, MESSAGES.unsolicited, `request ${inResponseTo} already answered`);
  }

  const assertion = (profile.getAssertion?.() as { Assertion?: XmlJs } | undefined)?.Assertion;
  const assertionId = assertion?.$?.ID;
  if (!assertion || !assertionId) throw new SamlRefusal(400, MESSAGES.invalid, 'assertion without ID');
  const confirmations = kids(kids(assertion, 'Subject')[0], 'SubjectConfirmation');
  const bearer = confirmations.map((c) => (c.$?.Method === BEARER ? kids(c, 'SubjectConfirmationData')[0] : undefined)).find((d) => d?.$?.Recipient === sp.acsUrl);
  if (!bearer) throw new SamlRefusal(400, MESSAGES.invalid, `no bearer SubjectConfirmation with Recipient ${sp.acsUrl}`);
  // The response's own InResponseTo is not signed; the one inside the signed assertion is what counts.
  const signedInResponseTo = bearer.$?.InResponseTo;
  if (!signedInResponseTo) throw new SamlRefusal(400, MESSAGES.unsolicited, 'bearer SubjectConfirmationData without InResponseTo');
  if (signedInResponseTo !== inResponseTo) throw new SamlRefusal(400, MESSAGES.unsolicited, `assertion answers ${signedInResponseTo}, the response ${inResponseTo}`);
  if (startedHere !== inResponseTo) throw new SamlRefusal(400, MESSAGES.unsolicited, `request ${inResponseTo} was not started in this browser`);
  const notOnOrAfter = Date.parse(kids(assertion, 'Conditions')[0]?.$?.NotOnOrAfter ?? '');
  if (Number.isNaN(notOnOrAfter)) throw new SamlRefusal(400, MESSAGES.invalid, 'assertion without Conditions/@NotOnOrAfter');

  // Replay: the assertion ID is claimed until it expires anyway, in the table every instance shares.
  const firstUse = await claimOnce(db, 'assertion', assertionId, new Date(notOnOrAfter + sp.clockSkewMs), now, { issuer: sp.idp.entityId });
  if (!firstUse) throw new SamlRefusal(400, MESSAGES.replayed, `assertion ${assertionId} replayed`);

  const attributes = (profile.attributes ?? {}) as Record<string, unknown>;
  const loa = readLoa(attributes);
  if (!loaAtLeast(loa, sp.minLoa)) throw new SamlRefusal(403, loaMessage(sp.minLoa), `level of assurance ${loa ?? 'missing'} below ${sp.minLoa}`);
  const privileges = decodePrivileges(attributes);
  if (!privileges.ok) throw new SamlRefusal(400, MESSAGES.privileges, privileges.reason);
  if (!profile.nameID) throw new SamlRefusal(400, MESSAGES.invalid, 'assertion without NameID');
  return readAssertion(
    { nameId: profile.nameID, nameIdFormat: profile.nameIDFormat ?? null, sessionIndex: profile.sessionIndex ?? null },
    attributes,
    privileges.xml,
  );
}
