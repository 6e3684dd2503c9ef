import type { RiskTreatment, SupplierRole } from './schema.ts';

/**
 * The shape of the demo's package content, written once per solution for 2025; the 2024 package is
 * derived from it (what was new in 2025 left out, the risk levels as they were), so "what changed
 * since last year" always has the same few, visible differences.
 */
export interface DemoActivity {
  ref: string;
  name: string;
  purpose: string;
  legalBases: string[];
  legalBasisNote: string;
  /** Column G: each personal-data category with the data-subject categories it concerns. */
  g: [dataKey: string, subjectKeys: string[]][];
  recipients: string;
  thirdCountries?: string;
  transferBasis?: string;
  retention: string;
  deletion: string;
}

export interface DemoMeasure {
  description: string;
  owner: string;
  /** The 2025 package's deadline; the 2024 package has the same a year earlier. */
  deadline: string;
}

export interface DemoRisk {
  ref: string;
  threat: string;
  impact: string;
  /** likelihood, consequence */
  l: number;
  c: number;
  existing: string;
  measures: DemoMeasure[];
  rl: number;
  rc: number;
  treatment?: RiskTreatment;
  rationale?: string;
}

export interface DemoPackage {
  solutionKey: string;
  introduction: string;
  principles: string;
  securityMeasures: string;
  rights: Record<string, string>;
  activities: DemoActivity[];
  risks: DemoRisk[];
  /** keys into DEMO_SUPPLIERS */
  suppliers: string[];
  /** What 2024 did not have, and the risks whose values 2024 had otherwise. */
  newIn2025: { activities: string[]; risks: string[]; suppliers: string[] };
  riskIn2024: Record<string, Pick<DemoRisk, 'l' | 'c' | 'rl' | 'rc'>>;
}

export interface DemoSupplier {
  key: string;
  name: string;
  cvr: string;
  role: SupplierRole;
  parent?: string;
  locations: string;
  /** The fields new in 2025: blank in what the 2024 packages froze. */
  address: string;
  contractParty: string;
  processingActivity: string;
  transferBasis: string;
}

const KOMBIT = 'KOMBIT A/S';

/**
 * The demo's suppliers are examples, not the solutions' real suppliers: the deck names none for
 * these solutions, so the names are made up ("Eksempel …") and the CVR numbers are fictional.
 */
export const DEMO_SUPPLIERS: DemoSupplier[] = [
  {
    key: 'laering',
    name: 'Eksempel Læringsplatform A/S',
    cvr: '90112233',
    role: 'processor',
    locations: 'Danmark',
    address: 'Eksempelvej 12, 8000 Aarhus C',
    contractParty: KOMBIT,
    processingActivity: 'Udvikling, vedligeholdelse og 2. niveau-support af Aula',
    transferBasis: 'eu-eoes',
  },
  {
    key: 'drift',
    name: 'Eksempel Drift A/S',
    cvr: '90223344',
    role: 'processor',
    locations: 'Danmark (to datacentre)',
    address: 'Driftsallé 4, 2630 Taastrup',
    contractParty: KOMBIT,
    processingActivity: 'Drift, overvågning, backup og hosting af løsningens produktionsmiljø',
    transferBasis: 'eu-eoes',
  },
  {
    key: 'datacenter',
    name: 'Eksempel Datacenter ApS',
    cvr: '90334455',
    role: 'sub-processor',
    parent: 'drift',
    locations: 'Danmark (Høje-Taastrup og Aarhus)',
    address: 'Serverparken 1, 2630 Taastrup',
    contractParty: 'Eksempel Drift A/S',
    processingActivity: 'Fysisk hosting: strøm, køling, adgangskontrol til serverrum',
    transferBasis: 'eu-eoes',
  },
  {
    key: 'sms',
    name: 'Eksempel Besked ApS',
    cvr: '90445566',
    role: 'sub-processor',
    parent: 'laering',
    locations: 'Danmark og Irland',
    address: 'Beskedgade 7, 5000 Odense C',
    contractParty: 'Eksempel Læringsplatform A/S',
    processingActivity: 'Afsendelse af SMS- og e-mailnotifikationer til forældre og medarbejdere',
    transferBasis: 'eu-eoes',
  },
  {
    key: 'support',
    name: 'Eksempel Brugersupport A/S',
    cvr: '90556677',
    role: 'sub-processor',
    parent: 'laering',
    locations: 'Danmark',
    address: 'Hjælpevej 3, 9000 Aalborg',
    contractParty: 'Eksempel Læringsplatform A/S',
    processingActivity: 'Behandling af supporthenvendelser fra kommunernes superbrugere',
    transferBasis: 'eu-eoes',
  },
  {
    key: 'ydelse',
    name: 'Eksempel Ydelsessystemer A/S',
    cvr: '90667788',
    role: 'processor',
    locations: 'Danmark',
    address: 'Ydelsesvej 21, 2300 København S',
    contractParty: KOMBIT,
    processingActivity: 'Udvikling, vedligeholdelse og applikationsdrift af KY',
    transferBasis: 'eu-eoes',
  },
  {
    key: 'mail',
    name: 'Eksempel Mailservice ApS',
    cvr: '90778899',
    role: 'sub-processor',
    parent: 'ydelse',
    locations: 'Irland; support fra USA',
    address: 'Postkassen 9, 1620 København V',
    contractParty: 'Eksempel Ydelsessystemer A/S',
    processingActivity: 'Afsendelse af e-mails om driftsstatus og kvitteringer til sagsbehandlere',
    transferBasis: 'scc',
  },
  {
    key: 'logning',
    name: 'Eksempel Logning ApS',
    cvr: '90889900',
    role: 'sub-processor',
    parent: 'drift',
    locations: 'Danmark',
    address: 'Sporet 2, 7100 Vejle',
    contractParty: 'Eksempel Drift A/S',
    processingActivity: 'Central opsamling og opbevaring af sikkerhedslog',
    transferBasis: 'eu-eoes',
  },
  {
    key: 'byggesag',
    name: 'Eksempel Byggesag A/S',
    cvr: '91001122',
    role: 'processor',
    locations: 'Danmark',
    address: 'Matrikelvej 5, 4000 Roskilde',
    contractParty: KOMBIT,
    processingActivity: 'Udvikling og vedligeholdelse af Byg og Miljø og dets integrationer',
    transferBasis: 'eu-eoes',
  },
  {
    key: 'cloud',
    name: 'Eksempel Cloud Drift A/S',
    cvr: '91112233',
    role: 'processor',
    locations: 'EU (Danmark og Irland)',
    address: 'Skyvej 8, 2800 Kongens Lyngby',
    contractParty: KOMBIT,
    processingActivity: 'Drift og hosting af Byg og Miljø i et EU-baseret cloudmiljø',
    transferBasis: 'eu-eoes',
  },
  {
    key: 'scanning',
    name: 'Eksempel Scanning ApS',
    cvr: '91223344',
    role: 'sub-processor',
    parent: 'byggesag',
    locations: 'Danmark',
    address: 'Arkivstien 6, 6000 Kolding',
    contractParty: 'Eksempel Byggesag A/S',
    processingActivity: 'Konvertering af indsendte tegninger og bilag til arkivformat',
    transferBasis: 'eu-eoes',
  },
];

/** How each data-subject right is handled: the municipality answers, the supplier helps through KOMBIT. */
export function demoRights(solution: string, portability: string): Record<string, string> {
  return {
    indsigt: `Kommunen besvarer anmodninger om indsigt. Leverandøren udtrækker på kommunens anmodning via KOMBIT de oplysninger, der er registreret om personen i ${solution}, inden for 10 arbejdsdage.`,
    berigtigelse: `Kommunens medarbejdere retter forkerte oplysninger direkte i ${solution}. Oplysninger fra grunddataregistre (fx CPR) rettes i kilden og opdateres automatisk.`,
    sletning: `Oplysninger slettes efter de slettefrister, der står i fortegnelsen. Kommunen kan anmode om sletning af enkelte oplysninger før tid, når der ikke længere er grundlag for at behandle dem.`,
    begraensning: `Kommunen kan markere oplysninger, så de ikke behandles yderligere, mens en indsigelse eller berigtigelse afklares. Markeringen logges.`,
    dataportabilitet: portability,
    indsigelse: `Behandlingen sker som myndighedsudøvelse (art. 6, stk. 1, litra e). Kommunen vurderer en indsigelse konkret og kan begrænse behandlingen, mens den vurderes.`,
  };
}
