import { sql } from 'drizzle-orm';
import JSZip from 'jszip';
import type { Config } from '../src/config.ts';
import { rawRows, type Db } from '../src/db/client.ts';
import { allocateYear } from '../src/modules/economy/allocation/allocate-year.ts';
import { seedDemoEconomy } from '../src/modules/economy/demo.ts';
import { publishDemoEconomy } from '../src/modules/economy/demo-publish.ts';
import { percentile } from './load.ts';

/** The year the economy routes are measured for: priced for all 14 solutions, with population, budgets and (from 15 January 2026) published invoices. */
export const ECONOMY_YEAR = 2026;
export const ECONOMY_MUNICIPALITIES = 98;
export const ECONOMY_SOLUTIONS = 14;
/** Bare allocateYear calls measured after a few unmeasured ones. */
const ALLOCATION_RUNS = 60;
const ALLOCATION_WARMUP = 5;
/** Sequential downloads of the ZIP of all invoices (each renders 98 PDFs). */
const ZIP_REQUESTS = 3;

export type EconomyVolume = { seconds: number; priceModels: number; population: number; budgets: number; documents: number; publications: string[]; proposals: number };

/**
 * The demo's K98 economy as the product ships it (src/modules/economy/demo.ts): population for
 * 2025K1 and 2026K1, prices for 2025 and 2026 for the twelve K98 solutions, FLIS and DUBU, cost
 * budgets, the councils with their meetings, proposals to the pool; then the demo's publications
 * up to today, made by the publishing use case (frozen documents for all 98 municipalities).
 */
export async function addEconomy(db: Db, config: Config): Promise<EconomyVolume> {
  const t0 = performance.now();
  const now = new Date();
  await seedDemoEconomy(db, now);
  await publishDemoEconomy(db, config, now);
  const [counts] = await rawRows<{ models: number; population: number; budgets: number; documents: number; proposals: number }>(
    db,
    sql`select (select count(*)::int from price_model where year = ${ECONOMY_YEAR}) as models,
               (select count(*)::int from population p join economy_year_setting s on s.population_period = p.period where s.year = ${ECONOMY_YEAR}) as population,
               (select count(*)::int from cost_budget where year = ${ECONOMY_YEAR}) as budgets,
               (select count(*)::int from economy_document) as documents,
               (select count(*)::int from pool_proposal) as proposals`,
  );
  const published = await rawRows<{ year: number; kind: string }>(db, sql`select year, kind from economy_publication order by published_at`);
  return {
    seconds: (performance.now() - t0) / 1000,
    priceModels: counts!.models,
    population: counts!.population,
    budgets: counts!.budgets,
    documents: counts!.documents,
    publications: published.map((p) => `${p.kind} ${p.year}`),
    proposals: counts!.proposals,
  };
}

export type AllocationTiming = { runs: number; medianMs: number; p95Ms: number; maxMs: number; solutions: number; municipalities: number; lines: number };

/**
 * allocateYear for the whole year, called directly on the bench's database with the server idle:
 * its statements and the 98 × 14 shares with their Danish calculation texts, no HTTP and no JSON.
 */
export async function timeAllocation(db: Db): Promise<AllocationTiming> {
  const first = await allocateYear(db, ECONOMY_YEAR);
  const lines = first.solutions.reduce((n, s) => n + s.municipalities.length, 0);
  if (first.solutions.length !== ECONOMY_SOLUTIONS || first.municipalities.length !== ECONOMY_MUNICIPALITIES) {
    throw new Error(`allocateYear(${ECONOMY_YEAR}) gave ${first.solutions.length} solutions × ${first.municipalities.length} municipalities, not ${ECONOMY_SOLUTIONS} × ${ECONOMY_MUNICIPALITIES}`);
  }
  for (let i = 1; i < ALLOCATION_WARMUP; i++) await allocateYear(db, ECONOMY_YEAR);
  const times: number[] = [];
  for (let i = 0; i < ALLOCATION_RUNS; i++) {
    const t0 = performance.now();
    await allocateYear(db, ECONOMY_YEAR);
    times.push(performance.now() - t0);
  }
  const sorted = Float64Array.from(times).sort();
  return { runs: ALLOCATION_RUNS, medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95), maxMs: sorted[sorted.length - 1]!, solutions: first.solutions.length, municipalities: first.municipalities.length, lines };
}

export type ZipTiming = { seconds: number[]; bytes: number; files: number };

/** GET …/fakturaer.zip a few times one after the other, as the economy consultant would; the first answer must hold 98 PDFs. */
export async function timeInvoicesZip(origin: string, cookie: string): Promise<ZipTiming> {
  const seconds: number[] = [];
  let bytes = 0;
  let files = 0;
  for (let i = 0; i < ZIP_REQUESTS; i++) {
    const t0 = performance.now();
    const res = await fetch(`${origin}${invoicesZipPath}`, { headers: { cookie } });
    const body = Buffer.from(await res.arrayBuffer());
    seconds.push((performance.now() - t0) / 1000);
    if (res.status !== 200 || res.headers.get('content-type') !== 'application/zip') throw new Error(`GET ${invoicesZipPath}: status ${res.status}, ${res.headers.get('content-type')}`);
    bytes = body.length;
    if (i === 0) {
      const zip = await JSZip.loadAsync(body);
      files = Object.keys(zip.files).filter((name) => name.endsWith('.pdf')).length;
      if (files !== ECONOMY_MUNICIPALITIES) throw new Error(`GET ${invoicesZipPath}: ${files} PDFs in the ZIP, not ${ECONOMY_MUNICIPALITIES}`);
    }
  }
  return { seconds, bytes, files };
}

export const invoicesZipPath = `/oekonomi/dokumenter/${ECONOMY_YEAR}/fakturaer.zip`;

/** The labels the two timings print under; --only selects them like routes. */
export const ALLOCATION_LABEL = `allocateYear(${ECONOMY_YEAR}) (economy: fordeling, bare call, ${ECONOMY_MUNICIPALITIES} × ${ECONOMY_SOLUTIONS})`;
export const ZIP_LABEL = `GET /oekonomi/dokumenter/:year/fakturaer.zip (economy: ${ECONOMY_MUNICIPALITIES} invoice PDFs in one ZIP, sequential)`;

export function economyLines(v: EconomyVolume, allocation: AllocationTiming | null, zip: ZipTiming | null): string[] {
  const lines = [
    `Economy (demo seed for ${ECONOMY_YEAR}): ${v.priceModels} price models, ${v.population} municipalities' population, ${v.budgets} cost budget rows, ` +
      `${v.documents} frozen documents (${v.publications.join(', ')}), ${v.proposals} pool proposals; loaded and published in ${v.seconds.toFixed(1)} s`,
  ];
  const ms = (n: number) => `${n.toFixed(1)} ms`;
  if (allocation) {
    lines.push(
      `${ALLOCATION_LABEL}: ${allocation.runs} runs after ${ALLOCATION_WARMUP} unmeasured, median ${ms(allocation.medianMs)}, p95 ${ms(allocation.p95Ms)}, ` +
        `max ${ms(allocation.maxMs)} (${allocation.lines} shares; target < 100 ms)`,
    );
  }
  if (zip) {
    lines.push(
      `${ZIP_LABEL}: ${zip.seconds.map((s) => `${s.toFixed(1)} s`).join(', ')} for ${zip.files} PDFs, ${(zip.bytes / 1024 / 1024).toFixed(1)} MB (target < 20 s)`,
    );
  }
  return lines;
}
