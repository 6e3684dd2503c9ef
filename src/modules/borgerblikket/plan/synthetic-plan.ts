/**
 * A made-up KLE plan written in KL's published format (KLE-XML 2.0), for tests, the demo and the
 * benchmark: KL's plan is licensed and the project ships no copy of it. The main groups are named
 * after the real areas a municipality works in; groups and topics are plausible inventions, not
 * KL's numbers or titles. Numbers other parts and the browser journey rely on: see DEMO_KLE.
 */

type Group = { nr: string; title: string; topics: string[] };
type MainGroup = { nr: string; title: string; groups: Group[] };

/** Numbers the demo and the tests may rely on being in the synthetic plan (and open in Faxe: 27 and 28). */
export const DEMO_KLE = {
  /** The issue's example: youth support for education, under 27.12 (cash benefits). */
  youthEducationBenefit: '27.12.04',
  cashBenefitGroup: '27.12',
  /** Topics under 28 Børn og unge with cases of 15–17-year-olds. */
  children: ['28.01.01', '28.05.03', '28.15.02', '28.15.04', '28.20.02', '28.20.04', '28.25.01'],
  /** The one topic the plan marks as expired (Historisk/UdgaaetDato). */
  expired: '27.24.07',
  expiredOn: '2024-07-01',
} as const;

const g = (nr: string, title: string, ...topics: string[]): Group => ({ nr, title, topics });

/** The plan's content. A group's topics are numbered from NN.NN.00 ("… i almindelighed"), as KL numbers them. */
const PLAN: MainGroup[] = [
  {
    nr: '00',
    title: 'Kommunens styrelse',
    groups: [
      g('00.01', 'Kommunalbestyrelsen', 'Kommunalbestyrelsen i almindelighed', 'Dagsordener og referater', 'Borgmesteren', 'Vederlag til medlemmer'),
      g('00.05', 'Udvalg og kommissioner', 'Udvalg i almindelighed', 'Stående udvalg', 'Særlige udvalg', 'Børne- og ungeudvalg'),
      g('00.07', 'Valg', 'Valg i almindelighed', 'Kommunal- og regionsvalg', 'Folketingsvalg', 'Valgstyrere og tilforordnede'),
      g('00.13', 'Klager og tilsyn', 'Klager i almindelighed', 'Borgerrådgiver', 'Tilsyn med kommunen', 'Ombudsmanden'),
      g('00.32', 'Aktindsigt og persondata', 'Aktindsigt i almindelighed', 'Indsigtsretten', 'Brud på persondatasikkerheden'),
    ],
  },
  {
    nr: '01',
    title: 'Fysisk planlægning og naturbeskyttelse',
    groups: [
      g('01.02', 'Kommuneplanlægning', 'Kommuneplanlægning i almindelighed', 'Kommuneplanstrategi', 'Kommuneplantillæg'),
      g('01.03', 'Lokalplanlægning', 'Lokalplaner i almindelighed', 'Forslag til lokalplan', 'Ophævelse af lokalplan'),
      g('01.05', 'Landzoneadministration', 'Landzone i almindelighed', 'Landzonetilladelser', 'Dispensationer i landzone'),
      g('01.11', 'Naturbeskyttelse', 'Naturbeskyttelse i almindelighed', 'Beskyttede naturtyper', 'Fredninger', 'Strandbeskyttelse'),
    ],
  },
  {
    nr: '02',
    title: 'Byggeri',
    groups: [
      g('02.00', 'Byggeri i almindelighed', 'Byggesager i almindelighed', 'Byggeskadesager', 'Bygningsreglementet'),
      g('02.03', 'Byggetilladelser', 'Byggetilladelser i almindelighed', 'Enfamiliehuse', 'Erhvervsbyggeri', 'Tilbygninger og carporte', 'Nedrivning'),
      g('02.05', 'Ulovligt byggeri', 'Ulovligt byggeri i almindelighed', 'Påbud og forbud', 'Lovliggørelse'),
      g('02.34', 'Byfornyelse', 'Byfornyelse i almindelighed', 'Bygningsfornyelse', 'Kondemnering'),
    ],
  },
  {
    nr: '05',
    title: 'Veje og trafik',
    groups: [
      g('05.01', 'Offentlige veje', 'Offentlige veje i almindelighed', 'Vejbelysning', 'Vintertjeneste', 'Vejafvanding'),
      g('05.04', 'Private fællesveje', 'Private fællesveje i almindelighed', 'Istandsættelse', 'Optagelse som offentlig vej'),
      g('05.09', 'Parkering', 'Parkering i almindelighed', 'Parkeringskontrol', 'Handicapparkering'),
      g('05.13', 'Trafiksikkerhed', 'Trafiksikkerhed i almindelighed', 'Skoleveje', 'Hastighedsdæmpning'),
    ],
  },
  {
    nr: '09',
    title: 'Miljøbeskyttelse',
    groups: [
      g('09.02', 'Miljøtilsyn med virksomheder', 'Miljøtilsyn i almindelighed', 'Miljøgodkendelser', 'Påbud efter miljøbeskyttelsesloven'),
      g('09.05', 'Støj', 'Støj i almindelighed', 'Støj fra virksomheder', 'Støj fra arrangementer'),
      g('09.17', 'Jordforurening', 'Jordforurening i almindelighed', 'Kortlægning', 'Flytning af jord'),
      g('09.21', 'Affald', 'Affald i almindelighed', 'Husholdningsaffald', 'Erhvervsaffald', 'Genbrugspladser'),
    ],
  },
  {
    nr: '15',
    title: 'Redningsberedskab',
    groups: [
      g('15.00', 'Redningsberedskab i almindelighed', 'Beredskabet i almindelighed', 'Risikobaseret dimensionering', 'Beredskabsplaner'),
      g('15.05', 'Forebyggelse', 'Brandforebyggelse i almindelighed', 'Brandsyn', 'Fyrværkeri', 'Afbrænding'),
      g('15.20', 'Indsats', 'Indsats i almindelighed', 'Brandslukning', 'Redning', 'Miljøuheld'),
    ],
  },
  {
    nr: '17',
    title: 'Undervisning og uddannelse',
    groups: [
      g('17.01', 'Folkeskolen', 'Folkeskolen i almindelighed', 'Indskrivning', 'Skoledistrikter', 'Frit skolevalg', 'Fritagelse for undervisning'),
      g('17.05', 'Specialundervisning', 'Specialundervisning i almindelighed', 'Visitation til specialtilbud', 'Pædagogisk-psykologisk rådgivning', 'Specialklasser'),
      g('17.12', 'Elevbefordring', 'Elevbefordring i almindelighed', 'Befordring af elever med handicap', 'Trafikfarlige skoleveje'),
      g('17.21', 'Ungdomsuddannelser og vejledning', 'Vejledning i almindelighed', 'Uddannelsesparathedsvurdering', 'Uddannelsesplaner', 'Forberedende grunduddannelse'),
      g('17.40', 'Fritidsundervisning', 'Fritidsundervisning i almindelighed', 'Ungdomsskolen', 'Knallertkørekort'),
    ],
  },
  {
    nr: '20',
    title: 'Kultur og fritid',
    groups: [
      g('20.01', 'Biblioteker', 'Biblioteker i almindelighed', 'Lånerforhold', 'Erstatningskrav'),
      g('20.04', 'Folkeoplysning', 'Folkeoplysning i almindelighed', 'Tilskud til foreninger', 'Lokaler til foreninger'),
      g('20.10', 'Idræt', 'Idræt i almindelighed', 'Idrætsanlæg', 'Talentudvikling'),
    ],
  },
  {
    nr: '23',
    title: 'Borgerservice og personregistrering',
    groups: [
      g('23.01', 'Folkeregistrering', 'Folkeregistrering i almindelighed', 'Flytning', 'Adressebeskyttelse', 'Udrejse'),
      g('23.05', 'Pas og kørekort', 'Pas i almindelighed', 'Pas til børn', 'Kørekort'),
      g('23.10', 'Digital post og fritagelse', 'Digital post i almindelighed', 'Fritagelse for digital post'),
    ],
  },
  {
    nr: '25',
    title: 'Skatter og opkrævning',
    groups: [
      g('25.01', 'Ejendomsskat', 'Ejendomsskat i almindelighed', 'Grundskyld', 'Dækningsafgift'),
      g('25.05', 'Opkrævning og inddrivelse', 'Opkrævning i almindelighed', 'Restancer', 'Afdragsordninger'),
      g('25.10', 'Lån til betaling af ejendomsskat', 'Ejendomsskattelån i almindelighed', 'Ansøgning om lån', 'Indfrielse'),
    ],
  },
  {
    nr: '27',
    title: 'Arbejdsmarked og beskæftigelse',
    groups: [
      g('27.02', 'Jobcenter og indsats', 'Jobcentret i almindelighed', 'Jobsamtaler', 'Virksomhedspraktik', 'Løntilskud', 'Mentorstøtte'),
      g('27.06', 'Sygedagpenge', 'Sygedagpenge i almindelighed', 'Opfølgning på sygedagpenge', 'Forlængelse af sygedagpenge', 'Jobafklaringsforløb', 'Refusion til arbejdsgivere'),
      g('27.12', 'Kontanthjælp og uddannelseshjælp', 'Kontanthjælp i almindelighed', 'Kontanthjælp til personer over 30 år', 'Hjælp i særlige tilfælde', 'Tilbagebetaling af hjælp', 'Uddannelseshjælp til unge under 30 år', 'Ungeydelse til 18–24-årige', 'Samtaler med unge ledige'),
      g('27.16', 'Ungeindsats', 'Ungeindsatsen i almindelighed', 'Den kommunale ungeindsats for 15–17-årige', 'Fritidsjob og småjob for unge', 'Koordineret ungeindsats'),
      g('27.24', 'Fleksjob og ledighedsydelse', 'Fleksjob i almindelighed', 'Visitation til fleksjob', 'Ledighedsydelse', 'Tilskud til fleksjob', 'Revurdering af fleksjob', 'Fleksjob for selvstændige', 'Seniorfleksjob', 'Fleksydelse'),
      g('27.36', 'Ressourceforløb', 'Ressourceforløb i almindelighed', 'Rehabiliteringsteamet', 'Ressourceforløbsydelse'),
    ],
  },
  {
    nr: '28',
    title: 'Børn og unge',
    groups: [
      g('28.01', 'Dagtilbud', 'Dagtilbud i almindelighed', 'Optagelse i dagtilbud', 'Søskendetilskud', 'Økonomisk fripladstilskud', 'Privat pasning'),
      g('28.05', 'Fritidstilbud og klubber', 'Fritidstilbud i almindelighed', 'Fritidshjem', 'Fritidsklubber', 'Ungdomsklubber for 14–18-årige'),
      g('28.10', 'Sundhedsordninger for børn og unge', 'Sundhedsordninger i almindelighed', 'Sundhedsplejen', 'Børne- og ungdomstandpleje', 'Skolesundhed'),
      g('28.15', 'Særlig støtte til børn og unge', 'Særlig støtte i almindelighed', 'Underretninger', 'Børnefaglig undersøgelse', 'Handleplaner', 'Forebyggende foranstaltninger', 'Kontaktperson for barnet eller den unge', 'Aflastning'),
      g('28.20', 'Anbringelse uden for hjemmet', 'Anbringelse i almindelighed', 'Anbringelse med samtykke', 'Anbringelse i plejefamilie', 'Anbringelse uden samtykke', 'Anbringelse på døgninstitution', 'Samvær under anbringelse', 'Hjemgivelse'),
      g('28.25', 'Efterværn og overgang til voksenlivet', 'Efterværn i almindelighed', 'Kontaktperson i efterværn', 'Opretholdelse af anbringelse efter 18 år', 'Overgang til voksenområdet'),
      g('28.30', 'Ungdomskriminalitet', 'Ungdomskriminalitet i almindelighed', 'Ungdomskriminalitetsnævnet', 'Forbedringsforløb', 'Børne- og ungepålæg'),
    ],
  },
  {
    nr: '29',
    title: 'Sundhed',
    groups: [
      g('29.03', 'Genoptræning', 'Genoptræning i almindelighed', 'Genoptræning efter sygehusophold', 'Vederlagsfri fysioterapi'),
      g('29.07', 'Forebyggelse og sundhedsfremme', 'Forebyggelse i almindelighed', 'Rygestop', 'Alkoholbehandling', 'Stofmisbrugsbehandling for unge'),
      g('29.09', 'Hjemmesygepleje', 'Hjemmesygepleje i almindelighed', 'Sygeplejeklinikker', 'Medicinhåndtering'),
      g('29.15', 'Tandpleje for voksne', 'Tandpleje i almindelighed', 'Omsorgstandpleje', 'Specialtandpleje'),
      g('29.30', 'Psykiatri', 'Psykiatri i almindelighed', 'Samarbejde med regionspsykiatrien', 'Tvang i psykiatrien'),
    ],
  },
  {
    nr: '32',
    title: 'Social service',
    groups: [
      g('32.01', 'Personlig og praktisk hjælp', 'Hjemmehjælp i almindelighed', 'Praktisk hjælp', 'Personlig pleje', 'Madservice', 'Frit valg af leverandør'),
      g('32.03', 'Hjælpemidler', 'Hjælpemidler i almindelighed', 'Kropsbårne hjælpemidler', 'Kørestole', 'Boligindretning', 'Støtte til bil'),
      g('32.05', 'Tabt arbejdsfortjeneste og merudgifter', 'Kompensation i almindelighed', 'Merudgifter til børn med handicap', 'Tabt arbejdsfortjeneste', 'Merudgifter til voksne'),
      g('32.10', 'Botilbud', 'Botilbud i almindelighed', 'Midlertidige botilbud', 'Længerevarende botilbud', 'Socialpædagogisk støtte'),
      g('32.18', 'Socialt udsatte', 'Socialt udsatte i almindelighed', 'Herberger og forsorgshjem', 'Kvindekrisecentre', 'Gadeplansarbejde'),
      g('32.25', 'Plejebolig og ældreområdet', 'Plejeboliger i almindelighed', 'Visitation til plejebolig', 'Ældreboliger', 'Forebyggende hjemmebesøg'),
    ],
  },
];

const two = (n: number) => String(n).padStart(2, '0');
const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A stable made-up date for a number, so the same plan is the same file (and the same SHA-256) every time. */
function dayFor(seed: string, fromYear: number, years: number): string {
  let h = 2166136261;
  for (const c of seed) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  const year = fromYear + (h % years);
  return `${year}-${two(1 + ((h >>> 8) % 12))}-${two(1 + ((h >>> 16) % 28))}`;
}

export type SyntheticPlanOptions = {
  /** UdgivelsesDato; the demo's plan is from 15 January 2025. */
  publishedOn?: string;
  /** Topics wanted in all (the benchmark's ~2,000): each group gets more made-up topics, round by round, until there are this many. */
  topics?: number;
  /** More numbers to mark as expired: number → UdgaaetDato. */
  expire?: Readonly<Record<string, string>>;
  /** Numbers left out of the file (a newer plan that dropped them). */
  omit?: readonly string[];
};

export type SyntheticNumber = { number: string; title: string; expiredOn: string | null };

/** The synthetic plan's numbers in document order (main group, group, topics). */
export function syntheticKleNumbers(opts: SyntheticPlanOptions = {}): SyntheticNumber[] {
  const expire: Record<string, string> = { [DEMO_KLE.expired]: DEMO_KLE.expiredOn, ...opts.expire };
  const omit = new Set(opts.omit ?? []);
  const groups = PLAN.flatMap((m) => m.groups);
  const topicsOf = new Map(groups.map((gr) => [gr.nr, gr.topics.map((title, i) => ({ number: `${gr.nr}.${two(i)}`, title }))]));
  let total = groups.reduce((n, gr) => n + gr.topics.length, 0);
  for (let round = 0; total < (opts.topics ?? 0) && round < 99; round++) {
    for (const gr of groups) {
      const list = topicsOf.get(gr.nr)!;
      if (total >= opts.topics! || list.length >= 100) continue;
      list.push({ number: `${gr.nr}.${two(list.length)}`, title: `${gr.title}: særlige sager ${list.length}` });
      total++;
    }
  }
  const out: SyntheticNumber[] = [];
  const add = (number: string, title: string) => {
    if (!omit.has(number)) out.push({ number, title, expiredOn: expire[number] ?? null });
  };
  for (const m of PLAN) {
    add(m.nr, m.title);
    for (const gr of m.groups) {
      add(gr.nr, gr.title);
      for (const t of topicsOf.get(gr.nr)!) add(t.number, t.title);
    }
  }
  return out;
}

/** The synthetic plan as KLE-XML text, with the elements a reader must pass over (guidance, retention, action facets) as KL's file has them. */
export function syntheticKlePlan(opts: SyntheticPlanOptions = {}): string {
  const numbers = syntheticKleNumbers(opts);
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!-- Syntetisk KLE-plan til test og demonstration. Numre og titler er opdigtede; det er ikke KL\'s emneplan. -->',
    '<KLE-Emneplan xmlns="http://www.klxml.dk/kle/2">',
    `  <UdgivelsesDato>${opts.publishedOn ?? '2025-01-15'}</UdgivelsesDato>`,
  ];
  const info = (tag: string, n: SyntheticNumber, indent: string) => {
    lines.push(`${indent}<${tag}AdministrativInfo>`);
    lines.push(`${indent}  <OprettetDato>${dayFor(n.number, 1988, 30)}</OprettetDato>`);
    lines.push(`${indent}  <RettetDato>${dayFor(`r${n.number}`, 2018, 6)}</RettetDato>`);
    if (n.expiredOn) lines.push(`${indent}  <Historisk>`, `${indent}    <UdgaaetDato>${n.expiredOn}</UdgaaetDato>`, `${indent}  </Historisk>`);
    lines.push(`${indent}</${tag}AdministrativInfo>`);
  };
  let openGroup = false;
  let openMain = false;
  for (const n of numbers) {
    const depth = n.number.split('.').length;
    if (depth === 1) {
      if (openGroup) lines.push('    </Gruppe>');
      if (openMain) lines.push('  </Hovedgruppe>');
      openGroup = false;
      openMain = true;
      lines.push('  <Hovedgruppe>', `    <HovedgruppeNr>${n.number}</HovedgruppeNr>`, `    <HovedgruppeTitel>${xmlText(n.title)}</HovedgruppeTitel>`);
      info('Hovedgruppe', n, '    ');
      lines.push(`    <HovedgruppeVejledning><![CDATA[<p>Vejledning til ${xmlText(n.title)} & tilgrænsende emner.</p>]]></HovedgruppeVejledning>`);
    } else if (depth === 2) {
      if (openGroup) lines.push('    </Gruppe>');
      openGroup = true;
      lines.push('    <Gruppe>', `      <GruppeNr>${n.number}</GruppeNr>`, `      <GruppeTitel>${xmlText(n.title)}</GruppeTitel>`);
      info('Gruppe', n, '      ');
    } else {
      lines.push('      <Emne>', `        <EmneNr>${n.number}</EmneNr>`, `        <EmneTitel>${xmlText(n.title)}</EmneTitel>`);
      info('Emne', n, '        ');
      lines.push('        <BevaringJaevnfoerArkivloven>B</BevaringJaevnfoerArkivloven>', '        <SletningJaevnfoerPersondataloven>P1825D</SletningJaevnfoerPersondataloven>', '      </Emne>');
    }
  }
  if (openGroup) lines.push('    </Gruppe>');
  if (openMain) lines.push('  </Hovedgruppe>');
  lines.push(
    '  <HandlingsfacetKategori>',
    '    <HandlingsfacetKategoriNr>K</HandlingsfacetKategoriNr>',
    '    <HandlingsfacetKategoriTitel>Kontrol og tilsyn</HandlingsfacetKategoriTitel>',
    '    <Handlingsfacet><HandlingsfacetNr>K07</HandlingsfacetNr><HandlingsfacetTitel>Tilsyn</HandlingsfacetTitel></Handlingsfacet>',
    '    <Handlingsfacet><HandlingsfacetNr>P35</HandlingsfacetNr><HandlingsfacetTitel>Ansøgning &amp; bevilling</HandlingsfacetTitel></Handlingsfacet>',
    '  </HandlingsfacetKategori>',
    '</KLE-Emneplan>',
    '',
  );
  return lines.join('\n');
}
