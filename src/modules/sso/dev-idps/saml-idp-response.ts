import { escapeHtml } from '@kitajs/html';
import { randomBytes, X509Certificate } from 'node:crypto';
import { SignedXml } from 'xml-crypto';
import { encrypt, type EncryptionAlgorithm, type KeyEncryptionAlgorithm } from 'xml-encryption';
import type { DemoIdentity } from './identities.ts';

/** XML text and attribute escaping for the messages the test IdP writes: the views' own escaper. */
export const xmlEscape = (s: string): string => escapeHtml(s);
export const samlId = () => `_${randomBytes(20).toString('hex')}`;
const instant = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

const NS_SAML = 'urn:oasis:names:tc:SAML:2.0:assertion';
const NS_SAMLP = 'urn:oasis:names:tc:SAML:2.0:protocol';
const EXC_C14N = 'http://www.w3.org/2001/10/xml-exc-c14n#';
const RSA_SHA256 = 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256';

/** Knobs a test turns to make a response the SP must refuse (or a variant it must accept). */
export type ResponseKnobs = {
  /** The AuthnRequest's ID; null makes an unsolicited response. */
  inResponseTo: string | null;
  /** The InResponseTo inside the signed assertion's SubjectConfirmationData, if not the request's; null sends none. */
  subjectInResponseTo?: string | null;
  /** Change a value (the e-mail address) after signing: the signature no longer holds. */
  tamper?: boolean;
  /** The validity window lies an hour in the past. */
  expired?: boolean;
  /** Another audience than the SP's entity ID. */
  audience?: string;
  /** Another level of assurance than the identity's; null sends none. */
  loa?: DemoIdentity['loa'] | null;
  /** The older OIO-SAML 2 attribute names. */
  oioSaml2?: boolean;
  /** Encrypt the assertion to the SP's certificate (EncryptedAssertion). */
  encrypt?: boolean;
  /** Other encryption algorithms than AES-256-GCM and RSA-OAEP (to test that weak ones are refused). */
  encryption?: { data?: EncryptionAlgorithm; key?: KeyEncryptionAlgorithm };
  /** A fixed assertion ID (to send the same assertion in answer to another request). */
  assertionId?: string;
  /** Another Recipient in the signed assertion than the SP's ACS. */
  recipient?: string;
  /** Another Destination on the (unsigned) response than the SP's ACS. */
  destination?: string;
  sessionIndex?: string;
};

export type ResponseParties = {
  idpEntityId: string;
  idpKeyPem: string;
  idpCertPem: string;
  spEntityId: string;
  acsUrl: string;
  /** The SP's encryption certificate. */
  spCertPem: string;
};

/** Context Handler's privileges: an OIO-BPP document with one group per CVR scope. */
export function privilegeDocument(identity: DemoIdentity): string {
  const groups = identity.privileges
    .map(
      (g) =>
        `<PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:${xmlEscape(g.cvr)}">${g.privileges.map((p) => `<Privilege>${xmlEscape(p)}</Privilege>`).join('')}</PrivilegeGroup>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8"?><bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">${groups}</bpp:PrivilegeList>`;
}

const ASSURANCE_LEVEL = { Low: '2', Substantial: '3', High: '4' } as const;

function attributes(identity: DemoIdentity, knobs: ResponseKnobs): [string, string][] {
  const loa = knobs.loa === undefined ? identity.loa : knobs.loa;
  const privileges = Buffer.from(privilegeDocument(identity), 'utf8').toString('base64');
  if (knobs.oioSaml2) {
    return [
      ['dk:gov:saml:attribute:SpecVer', 'DK-SAML-2.0'],
      ['dk:gov:saml:attribute:CvrNumberIdentifier', identity.cvr],
      ...(loa ? [['dk:gov:saml:attribute:AssuranceLevel', ASSURANCE_LEVEL[loa]] as [string, string]] : []),
      ['urn:oid:0.9.2342.19200300.100.1.3', identity.email],
      ['urn:oid:2.5.4.3', identity.name],
      ['dk:gov:saml:attribute:Privileges_intermediate', privileges],
    ];
  }
  return [
    ['https://data.gov.dk/model/core/specVer', 'OIO-SAML-3.0'],
    ['https://data.gov.dk/model/core/eid/professional/cvr', identity.cvr],
    ...(loa ? [['https://data.gov.dk/concept/core/nsis/loa', loa] as [string, string]] : []),
    ['https://data.gov.dk/model/core/eid/email', identity.email],
    ['https://data.gov.dk/model/core/eid/fullName', identity.name],
    ...(identity.professionalUuid ? [['https://data.gov.dk/model/core/eid/professional/uuid/persistent', identity.professionalUuid] as [string, string]] : []),
    ['https://data.gov.dk/model/core/eid/privilegesIntermediate', privileges],
  ];
}

function assertionXml(parties: ResponseParties, identity: DemoIdentity, knobs: ResponseKnobs, now: Date): string {
  const from = knobs.expired ? new Date(now.getTime() - 2 * 3600_000) : new Date(now.getTime() - 60_000);
  const until = knobs.expired ? new Date(now.getTime() - 3600_000) : new Date(now.getTime() + 5 * 60_000);
  const loa = (knobs.loa === undefined ? identity.loa : knobs.loa) ?? 'Low';
  const answers = knobs.subjectInResponseTo === undefined ? knobs.inResponseTo : knobs.subjectInResponseTo;
  const inResponseTo = answers ? ` InResponseTo="${xmlEscape(answers)}"` : '';
  const attrs = attributes(identity, knobs)
    .map(
      ([name, value]) =>
        `<saml:Attribute Name="${xmlEscape(name)}" NameFormat="urn:oasis:names:tc:SAML:2.0:attrname-format:uri"><saml:AttributeValue xsi:type="xs:string">${xmlEscape(value)}</saml:AttributeValue></saml:Attribute>`,
    )
    .join('');
  // The assertion declares every namespace it uses, so it stays valid when encrypted on its own.
  return (
    `<saml:Assertion xmlns:saml="${NS_SAML}" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" ID="${knobs.assertionId ?? samlId()}" Version="2.0" IssueInstant="${instant(knobs.expired ? from : now)}">` +
    `<saml:Issuer>${xmlEscape(parties.idpEntityId)}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="urn:oasis:names:tc:SAML:1.1:nameid-format:X509SubjectName">${xmlEscape(identity.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData${inResponseTo} NotOnOrAfter="${instant(until)}" Recipient="${xmlEscape(knobs.recipient ?? parties.acsUrl)}"/></saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${instant(from)}" NotOnOrAfter="${instant(until)}"><saml:AudienceRestriction><saml:Audience>${xmlEscape(knobs.audience ?? parties.spEntityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${instant(from)}" SessionIndex="${xmlEscape(knobs.sessionIndex ?? samlId())}"><saml:AuthnContext><saml:AuthnContextClassRef>https://data.gov.dk/concept/core/nsis/loa/${loa}</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    `<saml:AttributeStatement>${attrs}</saml:AttributeStatement>` +
    `</saml:Assertion>`
  );
}

/** Signs the assertion as Context Handler does: enveloped, exclusive c14n, RSA-SHA256, after the Issuer. */
export function signAssertion(xml: string, keyPem: string, certPem: string): string {
  const sig = new SignedXml({ privateKey: keyPem, publicCert: certPem, signatureAlgorithm: RSA_SHA256, canonicalizationAlgorithm: EXC_C14N });
  sig.addReference({
    xpath: "//*[local-name(.)='Assertion']",
    transforms: ['http://www.w3.org/2000/09/xmldsig#enveloped-signature', EXC_C14N],
    digestAlgorithm: 'http://www.w3.org/2001/04/xmlenc#sha256',
  });
  sig.computeSignature(xml, { prefix: 'ds', location: { reference: "//*[local-name(.)='Assertion']/*[local-name(.)='Issuer']", action: 'after' } });
  return sig.getSignedXml();
}

/** Encrypts a signed assertion to the SP's certificate (AES-256-GCM, key by RSA-OAEP, unless the test asks otherwise). */
export async function encryptAssertion(signedAssertion: string, spCertPem: string, algorithms: ResponseKnobs['encryption'] = {}): Promise<string> {
  const encrypted = await new Promise<string>((resolve, reject) =>
    encrypt(
      signedAssertion,
      {
        rsa_pub: new X509Certificate(spCertPem).publicKey.export({ type: 'spki', format: 'pem' }).toString(),
        pem: spCertPem,
        encryptionAlgorithm: algorithms.data ?? 'http://www.w3.org/2009/xmlenc11#aes256-gcm',
        keyEncryptionAlgorithm: algorithms.key ?? 'http://www.w3.org/2001/04/xmlenc#rsa-oaep-mgf1p',
        disallowEncryptionWithInsecureAlgorithm: !algorithms.data && !algorithms.key,
      },
      (err, result) => (err ? reject(err) : resolve(result)),
    ),
  );
  return `<saml:EncryptedAssertion xmlns:saml="${NS_SAML}">${encrypted}</saml:EncryptedAssertion>`;
}

/** A complete SAMLResponse (base64, as the HTTP-POST binding carries it). */
export async function makeSamlResponse(parties: ResponseParties, identity: DemoIdentity, knobs: ResponseKnobs, now = new Date()): Promise<string> {
  let assertion = signAssertion(assertionXml(parties, identity, knobs, now), parties.idpKeyPem, parties.idpCertPem);
  if (knobs.tamper) {
    const tampered = assertion.replace(`>${xmlEscape(identity.email)}<`, '>admin@samspil.demo<');
    if (tampered === assertion) throw new Error('tamper: the e-mail value was not found');
    assertion = tampered;
  }
  if (knobs.encrypt) assertion = await encryptAssertion(assertion, parties.spCertPem, knobs.encryption);
  const inResponseTo = knobs.inResponseTo ? ` InResponseTo="${xmlEscape(knobs.inResponseTo)}"` : '';
  const response =
    `<samlp:Response xmlns:samlp="${NS_SAMLP}" xmlns:saml="${NS_SAML}" ID="${samlId()}" Version="2.0" IssueInstant="${instant(now)}" Destination="${xmlEscape(knobs.destination ?? parties.acsUrl)}"${inResponseTo}>` +
    `<saml:Issuer>${xmlEscape(parties.idpEntityId)}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="urn:oasis:names:tc:SAML:2.0:status:Success"/></samlp:Status>` +
    assertion +
    `</samlp:Response>`;
  return Buffer.from(response, 'utf8').toString('base64');
}
