import type { AulaCategory } from './categories.ts';
import type { ArchiveKind, ArchiveState, EsdhSystem, IntegrationState, ReadinessItem } from './schema.ts';

/** A number in [0, 1) from a municipality code and a salt: the same every run, different per question asked of the code. */
export function codeShare(code: string, salt: number): number {
  let h = Math.imul(Number(code) + 0x9e3779b9, 0x85ebca6b) ^ Math.imul(salt + 1, 0xc2b2ae35);
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return ((h ^ (h >>> 16)) >>> 0) / 4294967296;
}

/** Municipalities with their own archive under § 7 of the archives act in the demo; the rest deliver to Rigsarkivet. */
const PARAGRAPH_7: Record<string, string> = {
  '0101': 'Københavns Stadsarkiv',
  '0147': 'Frederiksberg Stadsarkiv',
  '0461': 'Odense Stadsarkiv',
  '0751': 'Aarhus Stadsarkiv',
  '0851': 'Aalborg Stadsarkiv',
  '0630': 'Vejle Stadsarkiv',
};

const OTHER_ESDH = ['WorkZone', 'Captia', 'GetOrganized'] as const;

export type DemoRegistration = {
  municipalityCode: string;
  esdhSystem: EsdhSystem;
  esdhOther: string | null;
  vendorInTest: boolean | null;
  integrationState: IntegrationState;
  archiveKind: ArchiveKind | null;
  archiveName: string | null;
  archivePlannedOn: string | null;
  archiveState: ArchiveState;
};

/**
 * Faxe is the journey's case: SBSYS, whose vendor is in the test, but the integration still in
 * test and nothing ticked, so its preview shows files at risk.
 */
const FAXE: DemoRegistration = {
  municipalityCode: '0320',
  esdhSystem: 'sbsys',
  esdhOther: null,
  vendorInTest: true,
  integrationState: 'i_test',
  archiveKind: 'rigsarkivet',
  archiveName: null,
  archivePlannedOn: '2027-03-01',
  archiveState: 'planlagt',
};

/**
 * A municipality's demo registration, derived from its code: most on SBSYS, then Acadre and eDoc,
 * a few on a named other system whose vendor is not (or not known to be) in the end-to-end test;
 * integrations further along with a vendor in the test; archives mostly Rigsarkivet with planned
 * deliveries through 2026 and 2027.
 */
export function demoRegistration(code: string): DemoRegistration {
  if (code === FAXE.municipalityCode) return FAXE;
  const s = codeShare(code, 1);
  const esdhSystem: EsdhSystem = s < 0.52 ? 'sbsys' : s < 0.74 ? 'acadre' : s < 0.88 ? 'edoc' : 'andet';
  const esdhOther = esdhSystem === 'andet' ? OTHER_ESDH[Math.floor(codeShare(code, 2) * OTHER_ESDH.length)]! : null;
  const vendorInTest = esdhSystem !== 'andet' ? true : codeShare(code, 3) < 0.5 ? false : null;
  const i = codeShare(code, 4);
  const integrationState: IntegrationState =
    esdhSystem === 'andet'
      ? i < 0.5
        ? 'ikke_startet'
        : 'leverandoer_kontaktet'
      : i < 0.3
        ? 'i_drift'
        : i < 0.65
          ? 'i_test'
          : i < 0.88
            ? 'leverandoer_kontaktet'
            : 'ikke_startet';
  const own = PARAGRAPH_7[code];
  const a = codeShare(code, 5);
  const archiveKind: ArchiveKind | null = own ? 'paragraf7' : a < 0.93 ? 'rigsarkivet' : null;
  const archiveState: ArchiveState = archiveKind === null ? 'ikke_planlagt' : a < 0.15 ? 'ikke_planlagt' : a < 0.7 ? 'planlagt' : a < 0.88 ? 'i_gang' : 'afleveret';
  // Planned on the first of a month from January 2026 to December 2027.
  const month = Math.floor(codeShare(code, 6) * 24);
  const archivePlannedOn = archiveState === 'ikke_planlagt' ? null : `${2026 + Math.floor(month / 12)}-${String((month % 12) + 1).padStart(2, '0')}-01`;
  return { municipalityCode: code, esdhSystem, esdhOther, vendorInTest, integrationState, archiveKind, archiveName: own ?? null, archivePlannedOn, archiveState };
}

/** The municipalities that differ from the default relevance of a category, and how. */
export const DEMO_RELEVANCE: readonly { code: string; category: AulaCategory; relevant: boolean }[] = [
  { code: '0101', category: 'paedagogiske-noter', relevant: true },
  { code: '0101', category: 'dagsordener', relevant: true },
  { code: '0157', category: 'referater', relevant: false },
  { code: '0461', category: 'oevrige-noter', relevant: true },
  { code: '0561', category: 'observationer', relevant: false },
  { code: '0751', category: 'paedagogiske-noter', relevant: true },
  { code: '0851', category: 'rive-kradseskema', relevant: false },
  { code: '0860', category: 'referater', relevant: false },
];

export type DemoReadinessEvent = { code: string; item: ReadinessItem; done: boolean; daysAgo: number; note: string };

/**
 * The readiness history: municipalities with the integration in operation tick it some time in
 * the past year and a half, most of them go on to the journalising and the deletion rules; a few
 * later untick an item with a reason, so the history shows more than ticks.
 */
export function demoReadiness(registrations: readonly DemoRegistration[]): DemoReadinessEvent[] {
  const events: DemoReadinessEvent[] = [];
  for (const r of registrations) {
    if (r.integrationState !== 'i_drift') continue;
    const code = r.municipalityCode;
    const start = 120 + Math.floor(codeShare(code, 7) * 420);
    events.push({ code, item: 'integration_i_drift', done: true, daysAgo: start, note: 'Integrationen er sat i drift.' });
    const p = codeShare(code, 8);
    if (p < 0.75) {
      events.push({ code, item: 'filer_journaliseret', done: true, daysAgo: start - 60, note: 'De relevante filer er journaliseret.' });
      if (p < 0.55) events.push({ code, item: 'klar_til_sletteregler', done: true, daysAgo: start - 90, note: '' });
      if (p < 0.15) {
        events.push({ code, item: 'filer_journaliseret', done: false, daysAgo: 12 + Math.floor(p * 100), note: 'Nye institutioner er kommet til; deres filer mangler.' });
      }
    }
  }
  return events;
}
