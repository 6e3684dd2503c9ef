import { describe, expect, it } from 'vitest';
import { AppError } from '../../../platform/errors.ts';
import { LIMITS, parseOioBpp } from './parse-oiobpp.ts';

const BPP = 'xmlns:bpp="http://digst.dk/oiosaml/basic_privilege_profile"';
const scope = (cvr: string) => `urn:dk:gov:saml:cvrNumberIdentifier:${cvr}`;
const group = (cvr: string, ...privileges: string[]) =>
  `<PrivilegeGroup Scope="${scope(cvr)}">${privileges.map((p) => `<Privilege>${p}</Privilege>`).join('')}</PrivilegeGroup>`;
const list = (...groups: string[]) => `<?xml version="1.0" encoding="UTF-8"?><bpp:PrivilegeList ${BPP}>${groups.join('')}</bpp:PrivilegeList>`;

/** The Danish message a refused document gives. */
function refusal(xml: string): string {
  try {
    parseOioBpp(xml);
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).status).toBe(403);
    return (error as AppError).message;
  }
  throw new Error('the document was accepted');
}

describe('reading the OIO-BPP privilege list', () => {
  it("reads Faxe's and Stevns' groups, privileges and constraints, the children unqualified as Context Handler sends them", () => {
    const xml = list(
      `<PrivilegeGroup Scope="${scope('29188475')}"><Privilege>http://samspil.kombit.dk/roles/usersystemrole/programleder/1</Privilege><Constraint Name="urn:dk:kombit:KLE">00.*</Constraint></PrivilegeGroup>`,
      group('29208654', 'http://samspil.kombit.dk/roles/usersystemrole/superbruger-aula/1'),
    );
    expect(parseOioBpp(xml)).toEqual({
      groups: [
        { cvr: '29188475', privileges: ['http://samspil.kombit.dk/roles/usersystemrole/programleder/1'], constraints: [{ name: 'urn:dk:kombit:KLE', value: '00.*' }] },
        { cvr: '29208654', privileges: ['http://samspil.kombit.dk/roles/usersystemrole/superbruger-aula/1'], constraints: [] },
      ],
      skipped: [],
    });
  });

  it('accepts children qualified with the bpp prefix, whitespace and line breaks around values, and repeats', () => {
    const xml = `<bpp:PrivilegeList ${BPP}>
      <bpp:PrivilegeGroup Scope="  ${scope('29188475')} ">
        <bpp:Privilege>
          urn:dk:kombit:role:a
        </bpp:Privilege>
        <bpp:Privilege>urn:dk:kombit:role:a</bpp:Privilege>
        <bpp:Privilege>   </bpp:Privilege>
      </bpp:PrivilegeGroup>
      ${group('29188475', 'urn:dk:kombit:role:b')}
    </bpp:PrivilegeList>`;
    expect(parseOioBpp(xml).groups).toEqual([{ cvr: '29188475', privileges: ['urn:dk:kombit:role:a', 'urn:dk:kombit:role:b'], constraints: [] }]);
  });

  it('skips a group whose scope is not a CVR number (a P-number, nothing) and says why', () => {
    const xml = list(
      `<PrivilegeGroup Scope="urn:dk:gov:saml:productionUnitIdentifier:1003388394"><Privilege>urn:x</Privilege></PrivilegeGroup>`,
      `<PrivilegeGroup><Privilege>urn:y</Privilege></PrivilegeGroup>`,
      group('2918847', 'urn:z'),
      group('29188475', 'urn:ok'),
    );
    const parsed = parseOioBpp(xml);
    expect(parsed.groups).toEqual([{ cvr: '29188475', privileges: ['urn:ok'], constraints: [] }]);
    expect(parsed.skipped.map((s) => s.reason)).toEqual([
      'Scope "urn:dk:gov:saml:productionUnitIdentifier:1003388394" er ikke et CVR-nummer.',
      'Rettighedsgruppen har intet Scope.',
      'Scope "urn:dk:gov:saml:cvrNumberIdentifier:2918847" er ikke et CVR-nummer.',
    ]);
  });

  it('an empty list is no groups', () => {
    expect(parseOioBpp(`<bpp:PrivilegeList ${BPP}/>`)).toEqual({ groups: [], skipped: [] });
  });

  it('refuses an external entity (XXE) before any parser sees it', () => {
    const xxe = `<?xml version="1.0"?><!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]><bpp:PrivilegeList ${BPP}>${group('29188475', '&xxe;')}</bpp:PrivilegeList>`;
    expect(refusal(xxe)).toBe('Rettighederne fra Context Handler kunne ikke læses: dokumentet indeholder en DOCTYPE- eller ENTITY-erklæring, som ikke er tilladt.');
    expect(refusal(`<!doctype x SYSTEM "http://127.0.0.1:1/dtd"><bpp:PrivilegeList ${BPP}/>`)).toContain('DOCTYPE');
  });

  it('refuses entity expansion (billion laughs)', () => {
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;"><!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]><bpp:PrivilegeList ${BPP}>${group('29188475', '&lol3;')}</bpp:PrivilegeList>`;
    expect(refusal(lol)).toContain('DOCTYPE- eller ENTITY-erklæring');
  });

  it('refuses an oversized document, too many groups or privileges, and an overlong URI', () => {
    expect(refusal(list(`<!-- ${'x'.repeat(LIMITS.bytes)} -->`))).toBe('Rettighederne fra Context Handler kunne ikke læses: dokumentet er større end 256 KB.');
    const groups = Array.from({ length: LIMITS.groups + 1 }, (_, i) => group(String(10000000 + i), 'urn:a'));
    expect(refusal(list(...groups))).toContain('flere end 200 rettighedsgrupper');
    const many = Array.from({ length: LIMITS.privileges + 1 }, (_, i) => `urn:p:${String(i)}`);
    expect(refusal(list(group('29188475', ...many)))).toContain('flere end 1000 rettigheder');
    expect(refusal(list(group('29188475', `urn:${'a'.repeat(LIMITS.valueLength)}`)))).toContain('Privilege er længere end 1024 tegn');
  });

  it('refuses what is not a privilege list: not XML, another root, a privilege with spaces inside, an empty document', () => {
    expect(refusal('det er ikke xml')).toContain('kunne ikke læses');
    expect(refusal('<Assertion xmlns="urn:oasis:names:tc:SAML:2.0:assertion"/>')).toContain('ikke en OIO-BPP-rettighedsliste');
    expect(refusal(`<bpp:PrivilegeList xmlns:bpp="urn:andet">${group('29188475', 'urn:a')}</bpp:PrivilegeList>`)).toContain('ikke en OIO-BPP-rettighedsliste');
    expect(refusal(list(group('29188475', 'urn:a urn:b')))).toContain('er ikke en URI');
    expect(refusal('  ')).toContain('tomt');
  });
});
