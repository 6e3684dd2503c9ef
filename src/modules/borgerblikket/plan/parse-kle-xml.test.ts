import { describe, expect, it } from 'vitest';
import { newlyExpiredNumbers } from './import-kle-plan.ts';
import { parseKlePlan, type KlePlanParse } from './parse-kle-xml.ts';
import { DEMO_KLE, syntheticKleNumbers, syntheticKlePlan } from './synthetic-plan.ts';
import { decodeXmlBytes, readXml } from './xml-reader.ts';

const plan = (body: string, published = '<UdgivelsesDato>2025-01-15</UdgivelsesDato>') =>
  `<?xml version="1.0" encoding="UTF-8"?>\n<KLE-Emneplan>\n${published}\n${body}\n</KLE-Emneplan>\n`;
const topic = (nr: string, title = `Emne ${nr}`, admin = '') => `<Emne><EmneNr>${nr}</EmneNr><EmneTitel>${title}</EmneTitel>${admin}</Emne>`;
const group = (nr: string, ...topics: string[]) => `<Gruppe><GruppeNr>${nr}</GruppeNr><GruppeTitel>Gruppe ${nr}</GruppeTitel>${topics.join('\n')}</Gruppe>`;
const main = (nr: string, ...groups: string[]) => `<Hovedgruppe><HovedgruppeNr>${nr}</HovedgruppeNr><HovedgruppeTitel>Hovedgruppe ${nr}</HovedgruppeTitel>\n${groups.join('\n')}\n</Hovedgruppe>`;
const errorsOf = (r: KlePlanParse) => (r.ok ? [] : r.errors);

describe('the KLE-XML reader', () => {
  it('reads the synthetic plan: counts, levels, parents, dates, and the expired topic; what it does not know is passed over', () => {
    const r = parseKlePlan(Buffer.from(syntheticKlePlan()));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.plan.publishedOn).toBe('2025-01-15');
    expect([r.plan.mainGroups, r.plan.groups, r.plan.topics]).toEqual([14, 62, 238]);
    expect(r.plan.numbers).toHaveLength(syntheticKleNumbers().length);
    const byNumber = new Map(r.plan.numbers.map((n) => [n.number, n]));
    expect(byNumber.get('27')).toMatchObject({ level: 'hovedgruppe', parent: null, title: 'Arbejdsmarked og beskæftigelse', expiredOn: null });
    expect(byNumber.get('27.12')).toMatchObject({ level: 'gruppe', parent: '27', title: 'Kontanthjælp og uddannelseshjælp' });
    expect(byNumber.get('27.12.04')).toMatchObject({ level: 'emne', parent: '27.12', title: 'Uddannelseshjælp til unge under 30 år', expiredOn: null });
    expect(byNumber.get('27.12.04')!.createdOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(byNumber.get(DEMO_KLE.expired)).toMatchObject({ title: 'Fleksydelse', expiredOn: DEMO_KLE.expiredOn });
    for (const n of [...DEMO_KLE.children, DEMO_KLE.youthEducationBenefit, DEMO_KLE.cashBenefitGroup, '27.12.05']) expect(byNumber.get(n)?.expiredOn, n).toBeNull();
    // The action facets' numbers (K07, P35) are not KLE numbers and are not read as such.
    expect([...byNumber.keys()].every((n) => /^\d{2}(\.\d{2}){0,2}$/.test(n))).toBe(true);
    // The same options give the same bytes, so re-importing the demo's plan is recognised.
    expect(syntheticKlePlan()).toBe(syntheticKlePlan());
  });

  it('makes a plan of ~2,000 topics for the benchmark, drops and expires numbers on request', () => {
    const big = parseKlePlan(syntheticKlePlan({ topics: 2000 }));
    expect(big.ok && big.plan.topics).toBe(2000);
    const newer = parseKlePlan(syntheticKlePlan({ publishedOn: '2026-01-15', omit: ['27.12.05'], expire: { '28.01.01': '2026-01-01' } }));
    if (!newer.ok) throw new Error('the newer plan is refused');
    expect(newer.plan.numbers.find((n) => n.number === '27.12.05')).toBeUndefined();
    expect(newer.plan.numbers.find((n) => n.number === '28.01.01')?.expiredOn).toBe('2026-01-01');
    const before = [
      { number: '27.12.05', expiredOn: null },
      { number: '28.01.01', expiredOn: null },
      { number: DEMO_KLE.expired, expiredOn: DEMO_KLE.expiredOn },
      { number: '27.12.04', expiredOn: null },
      { number: '99', expiredOn: '2020-01-01' },
    ];
    expect(newlyExpiredNumbers(before, newer.plan)).toEqual(['27.12.05', '28.01.01']);
  });

  it('takes namespaces, prefixes, attributes, entities, CDATA, comments, a DOCTYPE and self-closing elements', () => {
    const text = `\uFEFF<?xml version="1.0"?>
<!DOCTYPE KLE-Emneplan [ <!ENTITY x "y"> ]>
<!-- a comment -->
<kle:KLE-Emneplan xmlns:kle="http://www.klxml.dk/kle/2" UdgivelsesDato="2024-12-01">
  <kle:Hovedgruppe><kle:HovedgruppeNr>00</kle:HovedgruppeNr><kle:HovedgruppeTitel>Styrelse &amp; ledelse</kle:HovedgruppeTitel>
    <kle:Stikord/>
    <kle:Gruppe><kle:GruppeNr> 00.01 </kle:GruppeNr><kle:GruppeTitel><![CDATA[Udvalg <og> råd & nævn]]></kle:GruppeTitel>
      <kle:Emne><kle:EmneNr>00.01.00</kle:EmneNr><kle:EmneTitel>Emne &#230;&#xF8;</kle:EmneTitel>
        <kle:EmneAdministrativInfo><kle:OprettetDato>1988-01-01+01:00</kle:OprettetDato><kle:RettetDato></kle:RettetDato>
          <kle:Historisk><kle:UdgaaetDato>2024-01-01</kle:UdgaaetDato></kle:Historisk></kle:EmneAdministrativInfo>
        <kle:HenvisningEmne><kle:Emne><kle:EmneNr>99.99.99</kle:EmneNr></kle:Emne></kle:HenvisningEmne>
      </kle:Emne>
    </kle:Gruppe>
  </kle:Hovedgruppe>
</kle:KLE-Emneplan>`;
    const r = parseKlePlan(Buffer.from(text));
    if (!r.ok) throw new Error(JSON.stringify(r.errors));
    expect(r.plan.publishedOn).toBe('2024-12-01');
    expect(r.plan.numbers.map((n) => [n.number, n.title, n.createdOn, n.changedOn, n.expiredOn])).toEqual([
      ['00', 'Styrelse & ledelse', null, null, null],
      ['00.01', 'Udvalg <og> råd & nævn', null, null, null],
      ['00.01.00', 'Emne æø', '1988-01-01', null, '2024-01-01'],
    ]);
  });

  it('reads the 8-bit encoding a declaration names, UTF-16 with a BOM, and refuses bytes that are not UTF-8', () => {
    const latin = Buffer.from(plan(main('00', group('00.01', topic('00.01.00', 'Sø og å')))).replace('UTF-8', 'ISO-8859-1'), 'latin1');
    const r = parseKlePlan(latin);
    expect(r.ok && r.plan.numbers[2]!.title).toBe('Sø og å');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(plan(main('00', group('00.01', topic('00.01.00', 'Æble')))).replace('UTF-8', 'UTF-16'), 'utf16le')]);
    expect(decodeXmlBytes(utf16)).toContain('Æble');
    expect(errorsOf(parseKlePlan(Buffer.from([0x3c, 0x61, 0xff, 0x3e])))).toEqual([{ line: 1, message: expect.stringContaining('ikke gyldig UTF-8') }]);
  });

  it('says in Danish, with the line, when a file is not KLE-XML at all', () => {
    expect(errorsOf(parseKlePlan('Kommunekode;Navn\n0320;Faxe\n'))).toEqual([{ line: 1, message: 'Filen er ikke en KLE-plan i KLE-XML: filen begynder ikke med et XML-element' }]);
    expect(errorsOf(parseKlePlan('<?xml version="1.0"?>\n\n<Emneplan><Emne/></Emneplan>'))).toEqual([
      { line: 3, message: 'Filen er ikke en KLE-plan i KLE-XML: dokumentets element hedder Emneplan, ikke KLE-Emneplan' },
    ]);
    expect(errorsOf(parseKlePlan(''))).toEqual([{ line: 1, message: 'Filen er ikke en KLE-plan i KLE-XML: filen indeholder intet XML-element' }]);
    expect(errorsOf(parseKlePlan(plan(main('00', group('00.01', topic('00.01.00'))), '')))).toEqual([{ line: 2, message: 'KLE-Emneplan mangler UdgivelsesDato (planens udgivelsesdato)' }]);
    expect(errorsOf(parseKlePlan(plan('')))).toEqual([{ line: 2, message: 'Planen indeholder ingen KLE-numre' }]);
  });

  it('says where the XML breaks: unclosed, mismatched, stray ampersand, unknown entity, a second root', () => {
    expect(errorsOf(parseKlePlan(plan(main('00', group('00.01', '<Emne><EmneNr>00.01.00</EmneNr>')))))[0]).toEqual({ line: 5, message: 'Filen er ikke gyldig XML: sluttagget </Gruppe> passer ikke til <Emne> fra linje 5' });
    expect(errorsOf(parseKlePlan('<KLE-Emneplan>\n<UdgivelsesDato>2025-01-15</UdgivelsesDato>\n'))[0]!.message).toMatch(/lukkes aldrig; filen er ufuldstændig/);
    expect(errorsOf(parseKlePlan(plan(main('00', group('00.01', topic('00.01.00', 'Jord & beton')))))).map((e) => e.line)).toEqual([5]);
    expect(errorsOf(parseKlePlan(plan(main('00', group('00.01', topic('00.01.00', 'Jord &nbsp; beton'))))))[0]!.message).toMatch(/ukendt XML-entitet "&nbsp;"/);
    expect(errorsOf(parseKlePlan(`${plan(main('00', group('00.01', topic('00.01.00'))))}<KLE-Emneplan/>`))[0]!.message).toMatch(/mere end ét rodelement/);
  });

  it('refuses numbers out of place, badly written, without a title, or twice — every fault with its line, in line order', () => {
    const text = plan(
      [
        main('27', group('27.12', topic('27.12.04'), topic('27.13.05')), group('28.01', topic('28.01.01'))),
        main('28', group('28.01', topic('28.01.01'), topic('28.1.2')), `<Emne><EmneNr>28.02.01</EmneNr><EmneTitel>Løst</EmneTitel></Emne>`),
        main('29', group('29.01', topic('29.01.01', ''), topic('27.12.04'))),
        `<Hovedgruppe><HovedgruppeTitel>Uden nummer</HovedgruppeTitel></Hovedgruppe>`,
        main('32', group('32.01', topic('32.01.01', 'Dato', '<EmneAdministrativInfo><OprettetDato>01-01-1990</OprettetDato></EmneAdministrativInfo>'))),
      ].join('\n'),
    );
    const r = parseKlePlan(text);
    expect(r.ok).toBe(false);
    expect(errorsOf(r).map((e) => `${e.line}: ${e.message}`)).toEqual([
      '6: Emne 27.13.05 står under gruppe 27.12; nummeret skal begynde med 27.12',
      '7: Gruppe 28.01 står under hovedgruppe 27; nummeret skal begynde med 27',
      '10: KLE-nummer 28.01.01 står også i linje 7',
      '11: EmneNr skal skrives som 27.12.04, ikke "28.1.2"',
      '12: <Emne> står direkte i <Hovedgruppe>; et emne skal stå i <Gruppe>',
      '15: Emne 29.01.01 mangler EmneTitel',
      '16: Emne 27.12.04 står under gruppe 29.01; nummeret skal begynde med 29.01',
      '18: <Hovedgruppe> mangler HovedgruppeNr',
      '20: OprettetDato skal være en dato som 2025-01-15, ikke "01-01-1990"',
    ]);
  });

  it('gives the reader\'s events with line numbers, and no more than the five XML entities', () => {
    const events = [...readXml('<a x="1" y=\'&lt;\'>\n<b/>\ntekst\n</a>')];
    expect(events.map((e) => `${e.kind}:${e.kind === 'text' ? e.text.trim() : e.name}:${e.line}`)).toEqual(['open:a:1', 'text::1', 'open:b:2', 'close:b:2', 'text:tekst:2', 'close:a:4']);
    expect(events[0]).toMatchObject({ attributes: { x: '1', y: '<' } });
    expect(() => [...readXml('<a x=1></a>')]).toThrow(/attributter skal stå i anførselstegn/);
  });
});
