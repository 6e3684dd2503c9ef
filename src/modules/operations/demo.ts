import type { Db } from '../../db/client.ts';
import { danishDay, danishTime } from '../../platform/days.ts';
import { addMonths, monthsFrom } from './inputs.ts';
import { operationsIncident, operationsMeasure, operationsRcaItem, operationsSla, type IncidentSeverity, type MeasureState, type RcaState } from './schema.ts';

/** The twelve K98 solutions the deck's operations slide covers. */
const SOLUTIONS = ['aula', 'borgerblikket', 'byg-og-miljoe', 'faelles-sprog-iii', 'gateway', 'infrastruktur', 'kp', 'ksd', 'ky', 'sapa', 'sygesikring', 'valg'];
const TARGET: Record<string, number> = { infrastruktur: 99.7 };
const UPTIME = 'Oppetid';
/** The infrastructure's response time (95th percentile), where lower is better. */
const RESPONSE = 'Svartid (95 %)';
const RESPONSE_TARGET = 800;

/** The months the deck reports on, and the misses before operations became stable in April. */
const DECK_MONTHS = monthsFrom('2025-01-01', '2025-05-01');
const MISSES: Record<string, number> = {
  'infrastruktur/2025-01': 99.21,
  'sapa/2025-01': 99.38,
  'infrastruktur/2025-02': 98.64,
  'ky/2025-02': 99.41,
  'infrastruktur/2025-03': 99.52,
};
const RESPONSE_MS: Record<string, number> = { '2025-01': 640, '2025-02': 1150, '2025-03': 760, '2025-04': 540, '2025-05': 510 };
const NOTES: Record<string, string> = {
  'infrastruktur/2025-02': 'Databaseoverbelastning 5. februar; se hændelserne.',
  'infrastruktur/2025-05': 'Skifte af infrastrukturleverandør gennemført 1. maj 2025 som planlagt.',
};

/** A met value between the target and 100, fixed per solution and month so the demo is the same every time. */
function metValue(solution: string, month: string, target: number): number {
  let h = 7;
  for (const c of `${solution}${month}`) h = (h * 31 + c.charCodeAt(0)) % 1000;
  return Math.round((target + 0.05 + ((100 - target - 0.06) * h) / 1000) * 100) / 100;
}

function slaRows(months: string[], misses: Record<string, number>, responseMs: (month: string) => number) {
  return months.flatMap((month) => [
    ...SOLUTIONS.map((s) => {
      const target = TARGET[s] ?? 99.5;
      const key = `${s}/${month.slice(0, 7)}`;
      return { solutionKey: s, month, measure: UPTIME, unit: '%', target, achieved: misses[key] ?? metValue(s, month, target), higherIsBetter: true, note: NOTES[key] ?? '' };
    }),
    { solutionKey: 'infrastruktur', month, measure: RESPONSE, unit: 'ms', target: RESPONSE_TARGET, achieved: responseMs(month), higherIsBetter: false, note: '' },
  ]);
}

/** Fixed ids, so seeding again finds the rows and adds nothing. */
const id = (kind: number, n: number) => `0e0a${String(kind).padStart(4, '0')}-0000-4000-8000-${String(n).padStart(12, '0')}`;

type DemoIncident = { solution: string; title: string; description: string; severity: IncidentSeverity; started: [string, number, number]; resolved: [string, number, number] };
const INCIDENTS: DemoIncident[] = [
  { solution: 'infrastruktur', title: 'Nedbrud i Fordelingskomponenten', description: 'Dokumenter blev ikke fordelt til ESDH-løsningerne i seks timer.', severity: 'kritisk', started: ['2025-01-14', 9, 12], resolved: ['2025-01-14', 15, 40] },
  { solution: 'sapa', title: 'Forsinket opdatering af sagsoverblikket', description: 'Sager blev vist med op til et døgns forsinkelse.', severity: 'alvorlig', started: ['2025-01-27', 7, 30], resolved: ['2025-01-28', 12, 0] },
  { solution: 'infrastruktur', title: 'Databaseoverbelastning gav lange svartider', description: 'Manglende indekser i MongoDB; svartiderne lå over målet det meste af dagen.', severity: 'kritisk', started: ['2025-02-05', 8, 5], resolved: ['2025-02-05', 17, 20] },
  { solution: 'ky', title: 'KY utilgængelig efter en ændring', description: 'En ændring uden tilstrækkelig risikovurdering gjorde KY utilgængelig i tre timer.', severity: 'alvorlig', started: ['2025-02-18', 10, 0], resolved: ['2025-02-18', 13, 5] },
  { solution: 'infrastruktur', title: 'Nedbrud opdaget sent på grund af fejl i alarmeringen', description: 'Alarmen gik ikke; nedbruddet blev meldt af kommunerne.', severity: 'alvorlig', started: ['2025-03-11', 13, 45], resolved: ['2025-03-11', 16, 10] },
];

/** The deck: 21 RCA-related tasks identified, only 4 outstanding. */
type DemoRca = { title: string; owner: 'KMD' | 'KOMBIT'; solution: string | null; state: RcaState; due: string; closed?: string };
const RCA: DemoRca[] = [
  { title: 'Tilføj manglende indekser i MongoDB', owner: 'KMD', solution: 'infrastruktur', state: 'lukket', due: '2025-02-28', closed: '2025-02-20' },
  { title: 'Overvåg svartider pr. integration', owner: 'KMD', solution: 'infrastruktur', state: 'lukket', due: '2025-03-15', closed: '2025-03-12' },
  { title: 'Alarm ved kø i Fordelingskomponenten', owner: 'KMD', solution: 'infrastruktur', state: 'lukket', due: '2025-02-15', closed: '2025-02-10' },
  { title: 'Gennemgå alarmernes tærskler', owner: 'KMD', solution: 'infrastruktur', state: 'lukket', due: '2025-04-30', closed: '2025-04-25' },
  { title: 'Beredskabsplan for Fordelingskomponenten', owner: 'KMD', solution: 'infrastruktur', state: 'lukket', due: '2025-03-31', closed: '2025-03-28' },
  { title: 'Risikovurdering af alle ændringer før idriftsættelse', owner: 'KMD', solution: null, state: 'lukket', due: '2025-03-01', closed: '2025-02-26' },
  { title: 'Ændringskalender delt med KOMBIT', owner: 'KOMBIT', solution: null, state: 'lukket', due: '2025-03-01', closed: '2025-02-27' },
  { title: 'Rollback-plan for hver ændring af KY', owner: 'KMD', solution: 'ky', state: 'lukket', due: '2025-03-15', closed: '2025-03-14' },
  { title: 'Test af KY-ændringer i præproduktion', owner: 'KMD', solution: 'ky', state: 'lukket', due: '2025-03-31', closed: '2025-03-20' },
  { title: 'Forsinkelsesovervågning af SAPA-opdateringer', owner: 'KMD', solution: 'sapa', state: 'lukket', due: '2025-02-28', closed: '2025-02-21' },
  { title: 'Kapacitetsudvidelse af SAPA-indlæsningen', owner: 'KMD', solution: 'sapa', state: 'lukket', due: '2025-04-15', closed: '2025-04-11' },
  { title: 'Kommunikation til kommunerne ved nedbrud inden 30 minutter', owner: 'KOMBIT', solution: null, state: 'lukket', due: '2025-02-28', closed: '2025-02-14' },
  { title: 'Driftsstatus på KOMBITs hjemmeside', owner: 'KOMBIT', solution: null, state: 'lukket', due: '2025-03-31', closed: '2025-03-25' },
  { title: 'Fælles skabelon for RCA-rapporter', owner: 'KOMBIT', solution: null, state: 'lukket', due: '2025-03-15', closed: '2025-03-10' },
  { title: 'RCA-rapport inden for ti arbejdsdage', owner: 'KMD', solution: null, state: 'lukket', due: '2025-04-01', closed: '2025-03-31' },
  { title: 'Opfølgningsmøde efter hver kritisk hændelse', owner: 'KOMBIT', solution: null, state: 'lukket', due: '2025-02-28', closed: '2025-02-20' },
  { title: 'Plan for skifte af infrastrukturleverandør', owner: 'KOMBIT', solution: 'infrastruktur', state: 'lukket', due: '2025-05-01', closed: '2025-05-01' },
  { title: 'Databaseanalyse af SAPA-forespørgsler', owner: 'KMD', solution: 'sapa', state: 'i_gang', due: '2025-06-30' },
  { title: 'Tilpasning af de sidste 10 % af alarmerne', owner: 'KMD', solution: 'infrastruktur', state: 'i_gang', due: '2025-05-31' },
  { title: 'Belastningstest før onboarding af nye systemer', owner: 'KOMBIT', solution: 'infrastruktur', state: 'aaben', due: '2025-08-31' },
  { title: 'Beskyttelse mod uhensigtsmæssig brug af infrastrukturen', owner: 'KOMBIT', solution: 'infrastruktur', state: 'aaben', due: '2025-09-30' },
];

/** KMD's measures for more robustness (the deck, each with a state and end month) and KOMBIT's own. */
type DemoMeasure = { title: string; description: string; owner: string; solution: string | null; state: MeasureState; end: string };
const MEASURES: DemoMeasure[] = [
  { title: 'Databaseanalyse (MongoDB, indekser, SAPA)', description: 'Analyse i gang. Afsluttes juni.', owner: 'KMD', solution: 'infrastruktur', state: 'i_gang', end: '2025-06-01' },
  { title: 'Alarmering og kapacitet', description: '90 % af alarmerne er gennemgået. Tilpasningerne afsluttes i maj.', owner: 'KMD', solution: 'infrastruktur', state: 'i_gang', end: '2025-05-01' },
  { title: 'Forbedret RCA-proces', description: 'Højere kvalitet og hurtigere opfølgning.', owner: 'KMD', solution: null, state: 'gennemfoert', end: '2025-04-01' },
  { title: 'Udvidet change management-proces', description: 'Skærpet kontrol og risikovurdering af ændringer.', owner: 'KMD', solution: null, state: 'gennemfoert', end: '2025-03-01' },
  { title: 'Skifte af infrastrukturleverandør', description: 'Gennemført 1. maj 2025 som planlagt.', owner: 'KOMBIT', solution: 'infrastruktur', state: 'gennemfoert', end: '2025-05-01' },
  { title: 'Robusthed over for uhensigtsmæssig brug af infrastrukturen', description: 'Fokus på at infrastrukturen tåler uhensigtsmæssig brug.', owner: 'KOMBIT', solution: 'infrastruktur', state: 'i_gang', end: '2025-12-01' },
  { title: 'Udvidet support ved onboarding af nye systemer', description: 'Flere muligheder for support, når nye systemer tages i brug.', owner: 'KOMBIT', solution: 'infrastruktur', state: 'planlagt', end: '2025-09-01' },
];

/**
 * Operations from the May 2025 deck: SLA for January–May 2025 (misses in January–March, every
 * target met from April), the incidents behind the misses, the 21 RCA items of which 4 are open,
 * the measures, and the SLA of the three months before `now`, all met, so /drift is current on any
 * date. Seeding again adds nothing.
 */
export async function seedDemoOperations(db: Db, now: Date): Promise<void> {
  const current = `${danishDay(now).slice(0, 7)}-01`;
  const live = monthsFrom(addMonths(current, -3), addMonths(current, -1)).filter((m) => !DECK_MONTHS.includes(m));
  const rows = [...slaRows(DECK_MONTHS, MISSES, (m) => RESPONSE_MS[m.slice(0, 7)]!), ...slaRows(live, {}, (m) => 480 + (Number(m.slice(5, 7)) % 5) * 10)];
  await db.insert(operationsSla).values(rows).onConflictDoNothing();
  await db
    .insert(operationsIncident)
    .values(
      INCIDENTS.map((i, n) => ({
        id: id(1, n + 1),
        solutionKey: i.solution,
        title: i.title,
        description: i.description,
        severity: i.severity,
        startedAt: danishTime(...i.started),
        resolvedAt: danishTime(...i.resolved),
        createdAt: danishTime(...i.started),
      })),
    )
    .onConflictDoNothing();
  await db
    .insert(operationsRcaItem)
    .values(RCA.map((r, n) => ({ id: id(2, n + 1), solutionKey: r.solution, title: r.title, owner: r.owner, state: r.state, dueOn: r.due, closedOn: r.closed ?? null, position: n })))
    .onConflictDoNothing();
  await db
    .insert(operationsMeasure)
    .values(MEASURES.map((m, n) => ({ id: id(3, n + 1), solutionKey: m.solution, title: m.title, description: m.description, owner: m.owner, state: m.state, endMonth: m.end, position: n })))
    .onConflictDoNothing();
}
