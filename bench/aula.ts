import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { once } from 'node:events';
import { sql } from 'drizzle-orm';
import type { Config } from '../src/config.ts';
import { rawRows, type Database, type Db } from '../src/db/client.ts';
import { aulaCategories, aulaCategoryKeys } from '../src/modules/aula/categories.ts';
import { seedDemoAula } from '../src/modules/aula/demo.ts';
import { importAulaFiles } from '../src/modules/aula/inventory/import-files.ts';
import { AULA_FILES_HEADER } from '../src/modules/aula/inventory/parse-files.ts';
import { cutoffsOn, type CategoryCutoff } from '../src/modules/aula/preview/cutoffs.ts';
import { deletionPreview, previewByMonth, type PreviewRow } from '../src/modules/aula/preview/deletion-preview.ts';
import { loadRuleSets } from '../src/modules/aula/rules/in-force.ts';
import { loadActor } from '../src/platform/auth/load-actor.ts';
import type { Actor } from '../src/platform/context.ts';
import { danishDay } from '../src/platform/days.ts';
import { percentile } from './load.ts';

export const AULA_FILES = 2_000_000;
export const AULA_INSTITUTIONS = 6_000;
/** Lines the import reads per engine: the full inventory on both (PGlite took 208 s for it on the bench machine, under the five minutes that would call for less). */
export const AULA_IMPORT_ROWS = { postgres: 2_000_000, pglite: 2_000_000 } as const;
const RUNS = 20;
const WARMUP = 3;
/** The municipality whose page and institutions are measured: the journey's Faxe, and the largest, København. */
const FAXE = '0320';
const LARGEST = '0101';

export type AulaVolume = { files: number; institutions: number; journalised: number; generateSeconds: number };

/**
 * The inventory at full scale: the demo's rule versions and registrations (seedDemoAula, whose
 * 40,000 demo files are then replaced), 6,000 institutions shared out over the 98 in proportion to
 * their population, and 2,000,000 files drawn over them by a hash of the file's number, with trigger
 * dates from six years before today to one after and the share journalised following the
 * municipality's integration. Two INSERT … SELECT statements on both engines; nothing per file in
 * JavaScript.
 */
export async function addAula(db: Db): Promise<AulaVolume> {
  const now = new Date();
  const today = danishDay(now);
  await seedDemoAula(db, now);
  const t0 = performance.now();
  await db.execute(sql`delete from aula_secure_file`);
  await db.execute(sql`delete from aula_institution`);
  await db.execute(sql`
    with m as (
      select code, sum(population) over (order by code) as cum, sum(population) over () as total from municipality
    )
    insert into aula_institution (municipality_code, number, name)
    select (select m.code from m where m.cum * ${AULA_INSTITUTIONS} >= g::bigint * m.total order by m.cum limit 1),
           (1000 + g)::text, 'Institution ' || g
    from generate_series(1, ${AULA_INSTITUTIONS}) g`);
  const cats = sql.raw(`(array[${aulaCategoryKeys.map((c) => `'${c}'`).join(',')}]::text[])`);
  await db.execute(sql`
    with i as (
      select row_number() over (order by number::int) as n, i.municipality_code, i.number, coalesce(x.integration_state, 'ikke_startet') as state
      from aula_institution i left join aula_municipality x on x.municipality_code = i.municipality_code
    ), f as (
      select g, i.municipality_code, i.number, i.state,
             case when (hashint8(g::bigint * 8 + 1) + 2147483648) % 8 = 0 then null
                  else ${today}::date - 2190 + ((hashint8(g::bigint * 8 + 2) + 2147483648) % 2555)::int end as trigger_on,
             (hashint8(g::bigint * 8 + 3) + 2147483648) % 100 as j
      from generate_series(1, ${AULA_FILES}) g
      join i on i.n = 1 + (hashint8(g::bigint * 8) + 2147483648) % ${AULA_INSTITUTIONS}
    )
    insert into aula_secure_file (municipality_code, file_id, institution_number, category, created_on, trigger_on, journalised, esdh_reference)
    select municipality_code, 'F' || g, number, ${cats}[1 + ((hashint8(g::bigint * 8 + 4) + 2147483648) % 9)::int],
           least(coalesce(trigger_on, ${today}::date), ${today}::date) - ((hashint8(g::bigint * 8 + 5) + 2147483648) % 1500)::int,
           trigger_on, journalised, case when journalised then 'ESDH-' || g end
    from (select f.*, j < case state when 'i_drift' then 85 when 'i_test' then 30 when 'leverandoer_kontaktet' then 10 else 4 end as journalised from f) s`);
  const generateSeconds = (performance.now() - t0) / 1000;
  const [n] = await rawRows<{ files: number; institutions: number; journalised: number }>(
    db,
    sql`select (select count(*)::int from aula_secure_file) as files, (select count(*)::int from aula_institution) as institutions,
               (select count(*)::int from aula_secure_file where journalised) as journalised`,
  );
  return { ...n!, generateSeconds };
}

export type Timing = { runs: number; medianMs: number; p95Ms: number };

async function time(fn: () => Promise<unknown>, runs = RUNS): Promise<Timing> {
  for (let i = 0; i < WARMUP; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  const sorted = Float64Array.from(times).sort();
  return { runs, medianMs: percentile(sorted, 50), p95Ms: percentile(sorted, 95) };
}

/** Per category, whether a municipality journalises it when it has said nothing. */
const defaults = sql.join(
  aulaCategories.map((c) => sql`(${c.key}::text, ${c.relevantByDefault}::boolean)`),
  sql`, `,
);

/**
 * The same numbers as the preview by municipality, written by hand as plainly as possible: the
 * cutoffs given (each from the created or the trigger date), one pass over the files joined to them, the relevance looked up per file, counted
 * and grouped. What the preview's SQL is measured against.
 */
function bareAggregate(db: Db, cutoffs: readonly CategoryCutoff[]) {
  const cuts = sql.join(
    cutoffs.map((c) => sql`(${c.category}::text, ${c.cutoff}::date, ${c.trigger === 'oprettet'}::boolean)`),
    sql`, `,
  );
  return rawRows<{ code: string; total: number; journalised: number; atRisk: number }>(
    db,
    sql`select f.municipality_code as code, count(*)::int as total, count(*) filter (where f.journalised)::int as journalised,
               count(*) filter (where not f.journalised and coalesce(rc.relevant, d.relevant))::int as "atRisk"
        from aula_secure_file f
        join (values ${cuts}) c(category, cutoff, from_created) on c.category = f.category
          and (case when c.from_created then f.created_on else f.trigger_on end) <= c.cutoff
        join (values ${defaults}) d(category, relevant) on d.category = f.category
        left join aula_relevant_category rc on rc.municipality_code = f.municipality_code and rc.category = f.category
        group by f.municipality_code`,
  );
}

export type AulaTimings = {
  day: string;
  preview: Timing;
  bare: Timing;
  totals: { total: number; journalised: number; atRisk: number };
  byInstitution: { code: string; rows: number; timing: Timing }[];
  months: { scope: string; timing: Timing; last: number }[];
  plan: string | null;
};

const sumRows = (rows: readonly PreviewRow[]) =>
  rows.reduce((a, r) => ({ total: a.total + r.total, journalised: a.journalised + r.journalised, atRisk: a.atRisk + r.atRisk }), { total: 0, journalised: 0, atRisk: 0 });

export async function consultantActor(db: Db): Promise<Actor> {
  const [u] = await rawRows<{ id: string }>(db, sql`select id from user_account where email = 'konsulent@samspil.demo'`);
  const actor = u ? await loadActor(db, u.id) : null;
  if (!actor) throw new Error('bench: the demo consultant is missing');
  return actor;
}

/**
 * The preview's bare calls with the server idle: all 98 against the hand-written aggregate (whose
 * numbers must be the same), a municipality by institution, and the 24-month chart. On PostgreSQL
 * the preview's statement is captured once from the driver's log and EXPLAINed.
 */
export async function timeAulaPreview(database: Database): Promise<AulaTimings> {
  const { db } = database;
  const actor = await consultantActor(db);
  const day = danishDay(new Date());
  const cutoffs = cutoffsOn(await loadRuleSets(db), day);
  const rows = (await deletionPreview(db, actor, day, 'municipality')) as PreviewRow[];
  const bare = await bareAggregate(db, cutoffs);
  const byCode = new Map(bare.map((b) => [b.code, b]));
  for (const r of rows) {
    const b = byCode.get(r.key) ?? { total: 0, journalised: 0, atRisk: 0 };
    if (b.total !== r.total || b.journalised !== r.journalised || b.atRisk !== r.atRisk) {
      throw new Error(`bench: the preview and the bare aggregate disagree for ${r.key}: ${JSON.stringify(r)} vs ${JSON.stringify(b)}`);
    }
  }
  if (rows.length !== 98) throw new Error(`bench: the preview has ${rows.length} municipalities, not 98`);
  const preview = await time(() => deletionPreview(db, actor, day, 'municipality'));
  const bareTiming = await time(() => bareAggregate(db, cutoffs));
  const byInstitution = [];
  for (const code of [FAXE, LARGEST]) {
    const n = (await deletionPreview(db, actor, day, 'institution', { municipalityCode: code })).length;
    byInstitution.push({ code, rows: n, timing: await time(() => deletionPreview(db, actor, day, 'institution', { municipalityCode: code })) });
  }
  const months = [];
  for (const scope of [{}, { municipalityCode: FAXE }]) {
    const chart = await previewByMonth(db, actor, day, 24, scope);
    months.push({ scope: scope.municipalityCode ?? 'all 98', last: chart[23]!.total, timing: await time(() => previewByMonth(db, actor, day, 24, scope), 10) });
  }
  const plan = database.kind === 'postgres' ? await explainPreview(database, actor, day) : null;
  return { day, preview, bare: bareTiming, totals: sumRows(rows), byInstitution, months, plan };
}

/** A literal for an EXPLAIN of a captured statement: the bench's own values (days, keys, booleans). */
const literal = (v: unknown) => (typeof v === 'number' || typeof v === 'boolean' ? String(v) : `'${String(v).replace(/'/g, "''")}'`);

/** The plan of the preview's count statement (the longest of its statements), its top node and whether it reads aula_secure_file_due. */
async function explainPreview(database: Database, actor: Actor, day: string): Promise<string> {
  const captured: { query: string; params: unknown[] }[] = [];
  const counter = database.queries;
  const original = counter.logQuery.bind(counter);
  counter.logQuery = (query: string, params: unknown[] = []) => {
    captured.push({ query, params });
    original(query);
  };
  try {
    await deletionPreview(database.db, actor, day, 'municipality');
  } finally {
    counter.logQuery = original;
  }
  const main = captured.sort((a, b) => b.query.length - a.query.length)[0]!;
  const inlined = main.query.replace(/\$(\d+)/g, (_, i: string) => literal(main.params[Number(i) - 1]));
  const lines = (await rawRows<{ 'QUERY PLAN': string }>(database.db, sql.raw(`explain (analyze, costs off, timing off) ${inlined}`))).map((r) => r['QUERY PLAN']);
  const scans = lines.filter((l) => /aula_secure_file/.test(l)).map((l) => l.trim().replace(/^->\s*/, ''));
  return `top node: ${lines[0]!.trim()}; reads the files by: ${scans.join(' | ') || '(no scan of aula_secure_file)'}`;
}

export type ImportTiming = { rows: number; seconds: number; writeSeconds: number; rssBefore: number; rssPeak: number; municipalities: number; removed: number };

/**
 * The import at scale: a CSV of `rows` lines written to a temporary file as a stream, then the
 * import use case (as `samspil import aula-files` calls it) on it, with the process's RSS sampled
 * every 100 ms. The lines are the generated inventory's shape (every municipality, its institutions,
 * the nine categories) but other files, so the import replaces the whole inventory: 2,000,000 files
 * removed and 2,000,000 written, the heaviest import there is.
 */
export async function timeAulaImport(database: Database, config: Config, rows: number): Promise<ImportTiming> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'samspil-aula-import-'));
  const file = path.join(dir, 'sikre-filer.csv');
  try {
    const institutions = await rawRows<{ code: string; number: string; name: string }>(
      database.db,
      sql`select municipality_code as code, number, name from aula_institution order by municipality_code, number`,
    );
    const w0 = performance.now();
    const out = fs.createWriteStream(file);
    const write = async (text: string) => {
      if (!out.write(text)) await once(out, 'drain');
    };
    await write(`${AULA_FILES_HEADER.join(';')}\n`);
    let chunk = '';
    for (let g = 1; g <= rows; g++) {
      // A cheap integer mix of the line number: the same file every run.
      const h = Math.imul(g ^ (g >>> 7), 0x9e3779b1) >>> 0;
      const inst = institutions[h % institutions.length]!;
      const category = aulaCategoryKeys[(h >>> 8) % 9]!;
      const created = dayFrom(20_000 - ((h >>> 3) % 2500));
      const trigger = h % 8 === 0 ? '' : dayFrom(20_000 - ((h >>> 5) % 2200) + 365);
      const journalised = (h >>> 12) % 100 < 40;
      chunk += `${inst.code};I${g};${inst.number};${inst.name};${category};${created};${trigger};${journalised ? 'ja' : 'nej'};${journalised ? `ESDH-${g}` : ''}\n`;
      if (chunk.length > 1 << 16) {
        await write(chunk);
        chunk = '';
      }
    }
    await write(chunk);
    out.end();
    await once(out, 'finish');
    const writeSeconds = (performance.now() - w0) / 1000;

    globalThis.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let rssPeak = rssBefore;
    const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
    const t0 = performance.now();
    try {
      const result = await importAulaFiles({ actor: null, db: database.db, now: new Date(), requestId: 'bench', config }, fs.createReadStream(file));
      const seconds = (performance.now() - t0) / 1000;
      rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
      if (result.lines !== rows) throw new Error(`bench: the import read ${result.lines} lines, not ${rows}`);
      return { rows, seconds, writeSeconds, rssBefore, rssPeak, municipalities: result.municipalities.length, removed: result.removed };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Days since 1970-01-01 as yyyy-mm-dd (20,000 is 4 October 2024). */
const dayFrom = (days: number) => new Date(days * 86_400_000).toISOString().slice(0, 10);

export type AulaRoute = { label: string; paths: string[]; headers: Record<string, string>; group: 'aula' };

/**
 * The Aula pages measured under load, each checked once first: a page that answers 404 is not
 * built (yet) and is skipped with a note; any other non-200 is an error.
 */
export async function aulaRoutes(origin: string, cookie: string, leaderCookie: string): Promise<{ routes: AulaRoute[]; notes: string[] }> {
  const day = danishDay(new Date());
  const candidates: AulaRoute[] = [
    { label: `GET /aula/kommuner/0320/sletning?dato= (aula: Faxe's deletion preview, ${AULA_FILES.toLocaleString('en')} files, Faxe programleder)`, paths: [`/aula/kommuner/${FAXE}/sletning?dato=${day}`], headers: { cookie: leaderCookie }, group: 'aula' },
    { label: `GET /aula/kommuner/0320/sletning?dato= (aula: the same page, consultant)`, paths: [`/aula/kommuner/${FAXE}/sletning?dato=${day}`], headers: { cookie }, group: 'aula' },
    { label: 'GET /aula?dato= (aula: the central Aula page, consultant)', paths: [`/aula?dato=${day}`], headers: { cookie }, group: 'aula' },
  ];
  const routes: AulaRoute[] = [];
  const notes: string[] = [];
  for (const r of candidates) {
    const res = await fetch(`${origin}${r.paths[0]}`, { headers: r.headers });
    await res.arrayBuffer();
    const who = r.headers.cookie === leaderCookie ? "Faxe's programleder" : 'the consultant';
    if (res.status === 404) notes.push(`  NOTE: GET ${r.paths[0]} answers 404 for ${who} (the page is not built in this version): not measured`);
    else if (res.status !== 200) throw new Error(`check of GET ${r.paths[0]} failed: status ${res.status}`);
    else routes.push(r);
  }
  return { routes, notes };
}

const ms = (n: number) => `${n.toFixed(1)} ms`;
const mb = (n: number) => `${(n / 1024 / 1024).toFixed(0)} MB`;
const timing = (t: Timing) => `median ${ms(t.medianMs)}, p95 ${ms(t.p95Ms)} (${t.runs} runs)`;

export const AULA_PREVIEW_LABEL = 'deletionPreview (aula: the preview of all 98, bare call)';

export function aulaLines(v: AulaVolume, t: AulaTimings | null, imp: ImportTiming | null, engine: 'pglite' | 'postgres', notes: readonly string[], small: ImportTiming | null = null): string[] {
  const lines = [
    `Aula: ${v.files.toLocaleString('en')} secure files (${v.journalised.toLocaleString('en')} journalised) over ${v.institutions.toLocaleString('en')} institutions in 98 municipalities and 9 categories, ` +
      `generated in ${v.generateSeconds.toFixed(1)} s (two INSERT … SELECT from generate_series), rules: the demo's two versions`,
  ];
  if (t) {
    const ratio = t.preview.medianMs / t.bare.medianMs;
    lines.push(
      `${AULA_PREVIEW_LABEL} on ${t.day}: ${timing(t.preview)}; ${t.totals.total.toLocaleString('en')} files past the deadline, ${t.totals.atRisk.toLocaleString('en')} at risk`,
      `  the same numbers as a bare hand-written aggregate: ${timing(t.bare)}; preview / bare ${ratio.toFixed(2)}× (median), ` +
        `${(t.preview.p95Ms / t.bare.p95Ms).toFixed(2)}× (p95) – target ≤ 1.5×: ${ratio <= 1.5 ? 'PASS' : 'FAIL'}`,
    );
    for (const i of t.byInstitution) lines.push(`  deletionPreview by institution for ${i.code} (${i.rows} institutions): ${timing(i.timing)}`);
    for (const m of t.months) lines.push(`  previewByMonth, 24 months, ${m.scope}: ${timing(m.timing)} (${m.last.toLocaleString('en')} files past the deadline by the 24th month)`);
    if (t.plan) lines.push(`  EXPLAIN of the preview's count statement: ${t.plan}`);
  }
  if (imp) {
    const target = engine === 'postgres' ? ` – target PostgreSQL ≤ 60 s: ${imp.seconds <= 60 ? 'PASS' : 'FAIL'}` : ' (PGlite: printed, no target)';
    lines.push(
      `importAulaFiles of ${imp.rows.toLocaleString('en')} CSV lines${imp.rows < AULA_FILES ? ` (a part of the ${AULA_FILES.toLocaleString('en')})` : ''} over the generated inventory ` +
        `(${imp.municipalities} municipalities, their files replaced: ${imp.removed.toLocaleString('en')} removed; the file written in ${imp.writeSeconds.toFixed(1)} s, streamed): ` +
        `${imp.seconds.toFixed(1)} s${target}; process RSS ${mb(imp.rssBefore)} before, ${mb(imp.rssPeak)} peak, growth ${mb(imp.rssPeak - imp.rssBefore)} ` +
        `(sampled every 100 ms${engine === 'pglite' ? '; includes the embedded database' : ''})`,
    );
    if (small) {
      lines.push(
        `  the same import of ${small.rows.toLocaleString('en')} lines after it: ${small.seconds.toFixed(1)} s, RSS growth ${mb(small.rssPeak - small.rssBefore)} ` +
          `against ${mb(imp.rssPeak - imp.rssBefore)} for ${imp.rows.toLocaleString('en')} (memory that followed the file would grow tenfold between them)`,
      );
    }
  }
  lines.push(...notes);
  return lines;
}

export const AULA_IMPORT_LABEL = 'importAulaFiles (aula: import of the secure-file CSV)';
