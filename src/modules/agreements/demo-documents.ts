import type { Content } from 'pdfmake/interfaces.js';
import { renderPdf } from '../../platform/pdf/render.ts';
import { danishTime } from '../../platform/days.ts';
import { solutions } from '../../db/reference/solutions.ts';

/**
 * The demo agreements' documents: small, readable PDFs with fixed creation dates, so that every
 * version hash is the same on every machine. The seed (demo.ts) stores them as the app would.
 */

const at = danishTime;

export const DEMO_TITLES = {
  bygOgMiljoe: 'Databehandleraftale for Byg og Miljø',
  microsoftEducation: 'Samarbejdsaftale om fælleskommunal konsekvensanalyse af Microsoft Education',
  k98: 'K98-aftalen',
  aula: 'Tilslutningsaftale Aula',
  valg: 'Tilslutningsaftale Valg',
  flis: 'Tilslutningsaftale FLIS',
} as const;

export type DemoFile = { kind: 'document' | 'annex'; position: number; title: string; filename: string; content: Buffer };

/** A short, readable agreement text as a PDF; the creation date is fixed so the hash is stable. */
async function pdf(heading: string, subtitle: string, sections: [string, string][], created: Date, footer?: Content): Promise<Buffer> {
  return renderPdf({
    info: { title: heading, author: 'KOMBIT', creationDate: created } as never,
    pageSize: 'A4',
    pageMargins: [56, 64, 56, 64],
    defaultStyle: { fontSize: 10.5, lineHeight: 1.25 },
    content: [
      { text: heading, fontSize: 17, bold: true, margin: [0, 0, 0, 4] },
      { text: subtitle, color: '#555555', margin: [0, 0, 0, 16] },
      ...sections.flatMap(([h, body]): Content[] => [
        { text: h, bold: true, fontSize: 12, margin: [0, 10, 0, 4] },
        { text: body },
      ]),
      ...(footer ? [footer] : []),
    ],
  });
}

const signatureBlock: Content = {
  margin: [0, 28, 0, 0],
  columns: [
    { text: 'For kommunen\n\n\n______________________________\nDato, navn og stilling' },
    { text: 'For KOMBIT A/S\n\n\n______________________________\nDato, navn og stilling' },
  ],
};

function file(kind: DemoFile['kind'], position: number, title: string, filename: string, content: Buffer): DemoFile {
  return { kind, position, title, filename, content };
}

// ------------------------------------------------------------------------------- documents

export async function documents() {
  const k98Names = solutions.filter((s) => s.k98).map((s) => s.name);
  const bomCreated = at('2025-03-07', 9, 30);
  const bomV2Created = at('2025-03-28', 10, 0);
  const [bomDoc, bomAnnex1, bomAnnex2, bomAnnex3v1, bomAnnex3v2, eduDoc, k98Doc, k98Annex, aulaDoc, valgDoc, flisDoc, aarhusUpload] = await Promise.all([
    pdf(
      'Databehandleraftale for Byg og Miljø',
      'Mellem kommunen (dataansvarlig) og KOMBIT A/S (databehandler)',
      [
        ['1. Baggrund', 'Aftalen fastsætter vilkårene for KOMBITs behandling af personoplysninger på kommunens vegne i Byg og Miljø, den fælleskommunale løsning til ansøgninger om byggetilladelser og miljøgodkendelser.'],
        ['2. Instruks', 'KOMBIT behandler alene personoplysninger efter dokumenteret instruks fra kommunen, jf. bilag 1.'],
        ['3. Sikkerhed', 'KOMBIT gennemfører de tekniske og organisatoriske foranstaltninger, der er beskrevet i bilag 2.'],
        ['4. Underdatabehandlere', 'KOMBIT anvender de underdatabehandlere, der er nævnt i bilag 3. Nye underdatabehandlere varsles over for kommunen.'],
        ['5. Ikrafttræden', 'Aftalen træder i kraft ved kommunens underskrift og gælder, så længe KOMBIT behandler personoplysninger på kommunens vegne i Byg og Miljø.'],
      ],
      bomCreated,
      signatureBlock,
    ),
    pdf('Bilag 1: Instruks', 'Databehandleraftale for Byg og Miljø', [
      ['Behandlingens formål', 'Modtagelse, sagsbehandling og arkivering af ansøgninger om byggetilladelser og miljøgodkendelser.'],
      ['Kategorier af registrerede', 'Ansøgere, ejere, naboer og andre parter i sagerne samt kommunens medarbejdere.'],
    ], bomCreated),
    pdf('Bilag 2: Sikkerhedsforanstaltninger', 'Databehandleraftale for Byg og Miljø', [
      ['Adgangsstyring', 'Adgang til løsningen sker via den fælleskommunale brugerstyring og Context Handler.'],
      ['Logning', 'Alle opslag i sager logges og opbevares i fem år.'],
    ], bomCreated),
    pdf('Bilag 3: Underdatabehandlere', 'Databehandleraftale for Byg og Miljø – version 1', [
      ['Driftspartner A/S', 'Drift og support af løsningen. Behandlingen sker i Danmark.'],
      ['Nordisk Hosting ApS', 'Hosting af løsningen. Behandlingen sker i Danmark.'],
    ], bomCreated),
    pdf('Bilag 3: Underdatabehandlere', 'Databehandleraftale for Byg og Miljø – version 2 (rettet)', [
      ['Driftspartner A/S', 'Drift og support af løsningen. Behandlingen sker i Danmark.'],
      ['Nordisk Hosting ApS', 'Hosting af løsningen. Behandlingen sker i Danmark og Sverige (EU). Rettet: version 1 angav fejlagtigt kun Danmark.'],
    ], bomV2Created),
    pdf(
      DEMO_TITLES.microsoftEducation,
      'Mellem de deltagende kommuner og KOMBIT A/S',
      [
        ['1. Formål', 'Kommunerne gennemfører i fællesskab en konsekvensanalyse (DPIA) af Microsoft Education i folkeskolen, så den enkelte kommune ikke skal lave sin egen.'],
        ['2. Organisering', 'KOMBIT leder arbejdet. Københavns Kommune deltager som primær samarbejdspart og stiller fagpersoner til rådighed.'],
        ['3. Økonomi', 'Udgifterne fordeles mellem de deltagende kommuner efter indbyggertal.'],
        ['4. Resultat', 'Konsekvensanalysen stilles til rådighed for alle deltagende kommuner, som selv træffer beslutning om den videre brug.'],
      ],
      at('2025-05-12', 10, 0),
      signatureBlock,
    ),
    pdf(
      'K98-aftalen',
      'Aftale mellem kommunen og KOMBIT A/S om de fælleskommunale it-løsninger i drift',
      [
        ['1. Aftalens genstand', 'Aftalen omfatter de fælleskommunale it-løsninger i bilag 1: løsninger i drift, som alle 98 kommuner er tilsluttet.'],
        ['2. Forholdet til tilslutningsaftaler', 'For løsningerne i bilag 1 erstatter aftalen kommunens hidtidige tilslutningsaftaler fra den dag, kommunen underskriver den.'],
        ['3. Løsninger under ind- og udfasning', 'Løsninger under indfasning eller udfasning er ikke omfattet; for dem gælder de særskilte aftaler.'],
        ['4. Underskrift', 'Aftalen er åben for underskrift fra 15. maj til 1. juli 2025.'],
      ],
      at('2025-05-08', 10, 0),
      signatureBlock,
    ),
    pdf('Bilag 1: Omfattede it-løsninger', 'K98-aftalen', k98Names.map((name, i): [string, string] => [`${i + 1}. ${name}`, 'I drift med alle 98 kommuner tilsluttet.']), at('2025-05-08', 10, 0)),
    pdf('Tilslutningsaftale Aula', 'Mellem kommunen og KOMBIT A/S', [
      ['1. Tilslutning', 'Kommunen tilslutter sig Aula, den fælles kommunikationsplatform for skole og dagtilbud, på vilkårene i denne aftale.'],
      ['2. Betaling', 'Kommunen betaler sin andel af udvikling og drift efter indbyggertal.'],
    ], at('2020-08-20', 10, 0), signatureBlock),
    pdf('Tilslutningsaftale Valg', 'Mellem kommunen og KOMBIT A/S', [
      ['1. Tilslutning', 'Kommunen tilslutter sig den fælleskommunale valgløsning til afvikling af valg og folkeafstemninger.'],
      ['2. Betaling', 'Kommunen betaler sin andel af udvikling og drift efter indbyggertal.'],
    ], at('2021-01-11', 10, 0), signatureBlock),
    pdf('Tilslutningsaftale FLIS', 'Mellem kommunen og KOMBIT A/S', [
      ['1. Tilslutning', 'Kommunen tilslutter sig FLIS, det fælleskommunale ledelsesinformationssystem.'],
      ['2. Data', 'Kommunen giver FLIS adgang til de data fra kommunens fagsystemer, der er beskrevet i løsningens datakatalog.'],
    ], at('2020-10-01', 10, 0), signatureBlock),
    pdf('K98-aftalen – underskrevet', 'Aarhus Kommune', [['Underskrift', 'Underskrevet af IT- og digitaliseringschefen på vegne af Aarhus Kommune den 30. juni 2025.']], at('2025-06-30', 14, 0)),
  ]);
  return {
    bom: {
      v1: [
        file('document', 0, 'Databehandleraftale', 'databehandleraftale-byg-og-miljoe.pdf', bomDoc),
        file('annex', 1, 'Bilag 1: Instruks', 'bilag-1-instruks.pdf', bomAnnex1),
        file('annex', 2, 'Bilag 2: Sikkerhedsforanstaltninger', 'bilag-2-sikkerhed.pdf', bomAnnex2),
        file('annex', 3, 'Bilag 3: Underdatabehandlere', 'bilag-3-underdatabehandlere.pdf', bomAnnex3v1),
      ],
      // The correction was in annex 3; the agreement itself and the other annexes are unchanged.
      v2: [
        file('document', 0, 'Databehandleraftale', 'databehandleraftale-byg-og-miljoe.pdf', bomDoc),
        file('annex', 1, 'Bilag 1: Instruks', 'bilag-1-instruks.pdf', bomAnnex1),
        file('annex', 2, 'Bilag 2: Sikkerhedsforanstaltninger', 'bilag-2-sikkerhed.pdf', bomAnnex2),
        file('annex', 3, 'Bilag 3: Underdatabehandlere', 'bilag-3-underdatabehandlere-rettet.pdf', bomAnnex3v2),
      ],
    },
    edu: [file('document', 0, 'Samarbejdsaftale', 'samarbejdsaftale-microsoft-education.pdf', eduDoc)],
    k98: [file('document', 0, 'K98-aftalen', 'k98-aftalen.pdf', k98Doc), file('annex', 1, 'Bilag 1: Omfattede it-løsninger', 'k98-bilag-1.pdf', k98Annex)],
    aula: [file('document', 0, 'Tilslutningsaftale', 'tilslutningsaftale-aula.pdf', aulaDoc)],
    valg: [file('document', 0, 'Tilslutningsaftale', 'tilslutningsaftale-valg.pdf', valgDoc)],
    flis: [file('document', 0, 'Tilslutningsaftale', 'tilslutningsaftale-flis.pdf', flisDoc)],
    aarhusUpload,
  };
}


/** The live agreement (demo-live.ts): dated by the day the demo is seeded, so its hash changes with that day. */
export const LIVE_TITLE = 'Tillæg til databehandleraftalen for Borgerblikket: unges adgang til egne sager';

export async function liveDocuments(created: Date): Promise<DemoFile[]> {
  const [doc, annex] = await Promise.all([
    pdf(
      LIVE_TITLE,
      'Mellem kommunen (dataansvarlig) og KOMBIT A/S (databehandler)',
      [
        ['1. Baggrund', 'Unge på 15–17 år kan se deres egne sager i Mit Overblik, hvor kommunen har åbnet KLE-nummeret, og kildesystemet har leveret sagen til indekset.'],
        ['2. Ændring af instruksen', 'Instruksen i databehandleraftalen for Borgerblikket udvides med visning af sager for unge på 15–17 år, hvor den unge er primær part.'],
        ['3. Kommunens valg', 'Kommunen fastsætter selv, hvilke KLE-numre der vises for unge. Er data ikke klar, vises sagen, når borgeren fylder 18 år.'],
        ['4. Ikrafttræden', 'Tillægget træder i kraft ved kommunens underskrift og er en del af databehandleraftalen for Borgerblikket.'],
      ],
      created,
      signatureBlock,
    ),
    pdf('Bilag 1: KLE-konfiguration for unge', LIVE_TITLE, [
      ['Udgangspunkt', 'Alle eksisterende KLE-konfigurationer står som udgangspunkt til "Ja". Kommunen modtager et udtræk i Excel af sine KLE-numre med data om unge.'],
    ], created),
  ]);
  return [file('document', 0, 'Tillæg', 'tillaeg-databehandleraftale-borgerblikket.pdf', doc), file('annex', 1, 'Bilag 1: KLE-konfiguration for unge', 'bilag-1-kle-konfiguration.pdf', annex)];
}
