import type { SamlConfig } from '../../../config.ts';
import type { ContextHandlerAssertion } from '../assertion.ts';

/** OIO-SAML 3 attribute names, then the OIO-SAML 2 names read when the first are absent. */
export const OIO3 = {
  specVer: 'https://data.gov.dk/model/core/specVer',
  cvr: 'https://data.gov.dk/model/core/eid/professional/cvr',
  loa: 'https://data.gov.dk/concept/core/nsis/loa',
  privileges: 'https://data.gov.dk/model/core/eid/privilegesIntermediate',
  email: 'https://data.gov.dk/model/core/eid/email',
  name: 'https://data.gov.dk/model/core/eid/fullName',
  professionalUuid: 'https://data.gov.dk/model/core/eid/professional/uuid/persistent',
} as const;

export const OIO2 = {
  cvr: 'dk:gov:saml:attribute:CvrNumberIdentifier',
  privileges: 'dk:gov:saml:attribute:Privileges_intermediate',
  email: 'urn:oid:0.9.2342.19200300.100.1.3',
  name: 'urn:oid:2.5.4.3',
  /** OIO-SAML 2's assurance level (1–4); 2, 3 and 4 are read as NSIS Low, Substantial and High. */
  assuranceLevel: 'dk:gov:saml:attribute:AssuranceLevel',
} as const;

/** The largest base64 privilege document accepted (its decoded XML is about three quarters of it). */
export const MAX_PRIVILEGES_BASE64 = 256 * 1024;

type Loa = SamlConfig['minLoa'];
const LOA_RANK: Record<Loa, number> = { Low: 1, Substantial: 2, High: 3 };
const ASSURANCE_LEVEL: Record<string, Loa> = { '2': 'Low', '3': 'Substantial', '4': 'High' };

/** The first text value of an attribute (node-saml gives a string, a list, or an object for complex values). */
function first(attributes: Record<string, unknown>, name: string): string | null {
  const v = attributes[name];
  const one = Array.isArray(v) ? v[0] : v;
  return typeof one === 'string' && one.trim() !== '' ? one.trim() : null;
}

const pick = (attributes: Record<string, unknown>, ...names: string[]) => {
  for (const n of names) {
    const v = first(attributes, n);
    if (v !== null) return v;
  }
  return null;
};

/** The level of assurance sent: OIO-SAML 3's value (a name or a URI ending in it), or OIO-SAML 2's number. */
export function readLoa(attributes: Record<string, unknown>): Loa | null {
  const v = first(attributes, OIO3.loa);
  if (v) {
    const name = v.slice(v.lastIndexOf('/') + 1);
    return name in LOA_RANK ? (name as Loa) : null;
  }
  const level = first(attributes, OIO2.assuranceLevel);
  return level ? (ASSURANCE_LEVEL[level] ?? null) : null;
}

/** Missing or unknown counts as too low. */
export const loaAtLeast = (loa: Loa | null, min: Loa): boolean => loa !== null && LOA_RANK[loa] >= LOA_RANK[min];

export type PrivilegesResult = { ok: true; xml: string | null } | { ok: false; reason: string };

/** The OIO-BPP document, base64-decoded but not parsed; refused when too large or not base64. */
export function decodePrivileges(attributes: Record<string, unknown>): PrivilegesResult {
  const b64 = pick(attributes, OIO3.privileges, OIO2.privileges);
  if (b64 === null) return { ok: true, xml: null };
  const compact = b64.replace(/\s+/g, '');
  if (compact.length > MAX_PRIVILEGES_BASE64) return { ok: false, reason: `privileges too large (${String(compact.length)} base64 characters)` };
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(compact)) return { ok: false, reason: 'privileges are not base64' };
  return { ok: true, xml: Buffer.from(compact, 'base64').toString('utf8') };
}

/** What the login needs from a verified assertion. */
export function readAssertion(
  p: { nameId: string; nameIdFormat: string | null; sessionIndex: string | null },
  attributes: Record<string, unknown>,
  privilegesXml: string | null,
): ContextHandlerAssertion {
  return {
    nameId: p.nameId,
    nameIdFormat: p.nameIdFormat,
    sessionIndex: p.sessionIndex,
    specVer: first(attributes, OIO3.specVer),
    cvr: pick(attributes, OIO3.cvr, OIO2.cvr),
    loa: readLoa(attributes),
    email: pick(attributes, OIO3.email, OIO2.email),
    name: pick(attributes, OIO3.name, OIO2.name),
    professionalUuid: first(attributes, OIO3.professionalUuid),
    privilegesXml,
  };
}
