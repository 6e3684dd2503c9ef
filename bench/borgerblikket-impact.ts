import { Readable } from 'node:stream';
import type { KleSettings } from '../src/modules/borgerblikket/visibility/effective-entry.ts';
import { draftConfiguration, type ImpactDraft } from '../src/modules/borgerblikket/visibility/impact-draft.ts';
import { ImpactTally } from '../src/modules/borgerblikket/visibility/impact.ts';
import { EXTRACT_HEADER, parseExtract } from '../src/modules/borgerblikket/visibility/parse-extract.ts';

/**
 * Borgerblikket's impact of a draft change (issue #13 points 4 and 9): 100,000 cases of an
 * anonymised extract parsed and asked of the visibility rule under the current configuration and
 * the draft, in under 2 seconds. Timed as the request does it — the CSV streamed in 64 KB chunks
 * through parseExtract, each case added to an ImpactTally — without the database: the request adds
 * five small statements (the municipality, its configuration, the activation day, the draft's
 * numbers, the titles) whatever the extract's size. No engine is involved, so the lead calls it
 * once per run, not per engine.
 *
 * Worst case on purpose: every case belongs to a 15–17-year-old (older and younger ones are
 * skipped before the rule is asked), spread over 2,000 topics with a configuration set on main
 * groups and groups, some topics overriding, from-dates, source-system filters.
 */

export const IMPACT_CASES = 100_000;
export const IMPACT_LABEL = 'impact of a draft change (borgerblikket: 100,000 cases parsed + rule, bare call)';
export const IMPACT_TARGET_MS = 2000;

const RUNS = 10;
const CHUNK = 64 * 1024;
const SOURCES = ['KY', 'SBSYS', 'KMD Nova', 'Acadre', 'DUBU'];
const two = (n: number) => String(n).padStart(2, '0');

/** cpuMedianMs: the process's CPU time per run, a check on the wall time when other work shares the machine. */
export type ImpactTiming = { cases: number; bytes: number; runs: number; medianMs: number; p95Ms: number; cpuMedianMs: number; youthCases: number; becomeVisible: number; becomeHidden: number; numbers: number };

/** A deterministic extract: 20 main groups × 10 groups × 10 topics, dates over 2018–2025, ages 15–17. */
export function syntheticExtract(cases = IMPACT_CASES): string {
  const lines = [EXTRACT_HEADER];
  for (let i = 0; i < cases; i++) {
    const kle = `${two(20 + (i % 20))}.${two(Math.floor(i / 20) % 10)}.${two(1 + (Math.floor(i / 200) % 10))}`;
    const day = `${2018 + (i % 8)}-${two(1 + (i % 12))}-${two(1 + (i % 28))}`;
    lines.push(`${kle};${SOURCES[i % SOURCES.length]};${day};${i % 3 === 0 ? 'nej' : 'ja'};${15 + (i % 3)}`);
  }
  return lines.join('\r\n') + '\r\n';
}

/** A configuration as a large municipality's: most main groups open, some groups closed for the young, per-topic overrides. */
function configuration(): Map<string, Partial<KleSettings>> {
  const config = new Map<string, Partial<KleSettings>>();
  for (let h = 20; h < 40; h++) {
    if (h % 5 !== 4) config.set(two(h), { shown: true, ...(h % 3 === 0 ? { fromDate: '2020-01-01', fromDateOffForActive: true } : {}) });
    for (let g = 0; g < 10; g++) {
      if ((h + g) % 4 === 0) config.set(`${two(h)}.${two(g)}`, { youth: false });
      if ((h + g) % 7 === 0) config.set(`${two(h)}.${two(g)}`, { sourceSystems: ['KY', 'SBSYS'] });
    }
    config.set(`${two(h)}.03.05`, { youth: true, shown: true });
  }
  return config;
}

/** The draft: open a closed main group, and open a main group's hundred topics for the young. */
function draft(): ImpactDraft {
  const kle: string[] = ['24'];
  for (let g = 0; g < 10; g++) for (let e = 1; e <= 10; e++) kle.push(`21.${two(g)}.${two(e)}`);
  return { kle, set: { shown: true, youth: true }, inherit: [] };
}

async function evaluate(csv: Buffer, current: Map<string, Partial<KleSettings>>, next: ImpactDraft) {
  const tally = new ImpactTally({ municipalityName: 'Bench', current, draft: draftConfiguration(current, next), date: '2025-12-01', youthActivation: '2025-11-03' });
  const chunks = function* () {
    for (let i = 0; i < csv.length; i += CHUNK) yield csv.subarray(i, i + CHUNK);
  };
  let cases = 0;
  for await (const line of parseExtract(Readable.from(chunks()))) {
    if ('error' in line) throw new Error(`bench: line ${line.line}: ${line.error}`);
    cases++;
    tally.add(line.case);
  }
  return { cases, rows: tally.rows() };
}

export async function timeBorgerblikketImpact(cases = IMPACT_CASES): Promise<ImpactTiming> {
  const csv = Buffer.from(syntheticExtract(cases));
  const current = configuration();
  const next = draft();
  const first = await evaluate(csv, current, next);
  if (first.cases !== cases) throw new Error(`bench: ${first.cases} cases read, not ${cases}`);
  const times: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await evaluate(csv, current, next);
    times.push(performance.now() - t0);
    const c = process.cpuUsage(c0);
    cpu.push((c.user + c.system) / 1000);
  }
  times.sort((a, b) => a - b);
  cpu.sort((a, b) => a - b);
  const at = (p: number, list = times) => list[Math.min(list.length - 1, Math.ceil((p / 100) * list.length) - 1)]!;
  const sum = (k: 'youthCases' | 'becomeVisible' | 'becomeHidden') => first.rows.reduce((n, r) => n + r[k], 0);
  return {
    cases,
    bytes: csv.length,
    runs: RUNS,
    medianMs: at(50),
    p95Ms: at(95),
    cpuMedianMs: at(50, cpu),
    youthCases: sum('youthCases'),
    becomeVisible: sum('becomeVisible'),
    becomeHidden: sum('becomeHidden'),
    numbers: first.rows.length,
  };
}

/** The report's lines for the impact timing. */
export function impactLines(t: ImpactTiming): string[] {
  const ok = t.p95Ms < IMPACT_TARGET_MS ? 'within' : 'OVER';
  return [
    `${IMPACT_LABEL}: ${t.cases.toLocaleString('en')} cases (${(t.bytes / 1024 / 1024).toFixed(1)} MB CSV, ${t.numbers} KLE numbers), median ${t.medianMs.toFixed(0)} ms, p95 ${t.p95Ms.toFixed(0)} ms over ${t.runs} runs (CPU ${t.cpuMedianMs.toFixed(0)} ms per run) — ${ok} the ${IMPACT_TARGET_MS} ms target`,
    `  the draft makes ${t.becomeVisible.toLocaleString('en')} of ${t.youthCases.toLocaleString('en')} young people's cases visible and ${t.becomeHidden.toLocaleString('en')} hidden`,
  ];
}
