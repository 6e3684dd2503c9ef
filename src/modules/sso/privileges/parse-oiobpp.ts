import { parseXmlSafely, UnsafeXmlError } from '../safe-xml.ts';
import { AppError } from '../../../platform/errors.ts';

/**
 * Reads the OIO-BPP (basic privilege profile) document Context Handler sends:
 *
 *   <bpp:PrivilegeList xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile">
 *     <PrivilegeGroup Scope="urn:dk:gov:saml:cvrNumberIdentifier:29188475">
 *       <Privilege>http://…/usersystemrole/…/1</Privilege>
 *       <Constraint Name="…">…</Constraint>
 *     </PrivilegeGroup>
 *   </bpp:PrivilegeList>
 *
 * Pure. The document is signed by the identity provider, but it is still treated as hostile: no
 * DOCTYPE or entity declaration is accepted (no external entity is ever fetched, no entity expands),
 * and the size, the number of groups and privileges and the length of each value are bounded
 * before and while it is read. Elements are matched by local name: in the wild the root is
 * qualified and its children are not (they are then in no namespace), and some senders qualify all.
 */

export const BPP_NAMESPACE = 'http://digst.dk/oiosaml/basic_privilege_profile';
export const LIMITS = { bytes: 256 * 1024, groups: 200, privileges: 1000, constraintsPerGroup: 100, valueLength: 1024 } as const;
const CVR_SCOPE = /^urn:dk:gov:saml:cvrNumberIdentifier:(\d{8})$/;

export type PrivilegeConstraint = { name: string; value: string };
export type PrivilegeGroup = { cvr: string; privileges: string[]; constraints: PrivilegeConstraint[] };
/** A group the login cannot use (its scope is not a CVR number); kept so the caller can log it. */
export type SkippedGroup = { scope: string; reason: string };
export type PrivilegeList = { groups: PrivilegeGroup[]; skipped: SkippedGroup[] };

const refuse = (message: string) => new AppError(403, 'invalid_privileges', `Rettighederne fra Context Handler kunne ikke læses: ${message}`);

export function parseOioBpp(xml: string): PrivilegeList {
  let doc: Document;
  try {
    doc = parseXmlSafely(xml, LIMITS.bytes);
  } catch (error) {
    if (error instanceof UnsafeXmlError) throw refuse(error.message);
    throw error;
  }
  const root = doc.documentElement;
  if (root.localName !== 'PrivilegeList' || (root.namespaceURI !== BPP_NAMESPACE && root.namespaceURI !== null)) {
    throw refuse('dokumentet er ikke en OIO-BPP-rettighedsliste (PrivilegeList).');
  }

  const groups: PrivilegeGroup[] = [];
  const skipped: SkippedGroup[] = [];
  let privilegeCount = 0;
  for (const groupEl of elementChildren(root)) {
    if (groupEl.localName !== 'PrivilegeGroup') continue;
    if (groups.length + skipped.length >= LIMITS.groups) throw refuse(`dokumentet har flere end ${String(LIMITS.groups)} rettighedsgrupper.`);
    const scope = bounded(groupEl.getAttribute('Scope') ?? '', 'Scope');
    const privileges: string[] = [];
    const constraints: PrivilegeConstraint[] = [];
    for (const el of elementChildren(groupEl)) {
      if (el.localName === 'Privilege') {
        privilegeCount += 1;
        if (privilegeCount > LIMITS.privileges) throw refuse(`dokumentet har flere end ${String(LIMITS.privileges)} rettigheder.`);
        const uri = bounded(el.textContent ?? '', 'Privilege');
        if (uri === '') continue;
        if (/\s/.test(uri)) throw refuse(`rettigheden "${uri.slice(0, 80)}" er ikke en URI.`);
        if (!privileges.includes(uri)) privileges.push(uri);
      } else if (el.localName === 'Constraint') {
        if (constraints.length >= LIMITS.constraintsPerGroup) throw refuse(`en rettighedsgruppe har flere end ${String(LIMITS.constraintsPerGroup)} begrænsninger.`);
        constraints.push({ name: bounded(el.getAttribute('Name') ?? '', 'Constraint Name'), value: bounded(el.textContent ?? '', 'Constraint') });
      }
    }
    const cvr = CVR_SCOPE.exec(scope)?.[1];
    if (!cvr) {
      skipped.push({ scope, reason: scope === '' ? 'Rettighedsgruppen har intet Scope.' : `Scope "${scope.slice(0, 120)}" er ikke et CVR-nummer.` });
      continue;
    }
    // The same CVR in two groups is one municipality: its privileges are the union.
    const same = groups.find((g) => g.cvr === cvr);
    if (same) {
      for (const p of privileges) if (!same.privileges.includes(p)) same.privileges.push(p);
      same.constraints.push(...constraints);
    } else {
      groups.push({ cvr, privileges, constraints });
    }
  }
  return { groups, skipped };
}

/** Trimmed text, refused when longer than any real URI or constraint value. */
function bounded(text: string, what: string): string {
  const value = text.trim();
  if (value.length > LIMITS.valueLength) throw refuse(`${what} er længere end ${String(LIMITS.valueLength)} tegn.`);
  return value;
}

type El = { localName: string | null; nodeType: number; getAttribute(name: string): string | null; textContent: string | null; childNodes: { length: number; item(i: number): unknown } };

function elementChildren(parent: El): El[] {
  const out: El[] = [];
  for (let i = 0; i < parent.childNodes.length; i++) {
    const node = parent.childNodes.item(i) as El;
    if (node.nodeType === 1) out.push(node);
  }
  return out;
}
