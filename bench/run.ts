import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { solutions } from '../src/db/reference/solutions.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/modules/organisations/demo.ts';
import { addVolume, countRows, databaseBytes } from './data.ts';
import { openPgliteEngine, openPostgresEngine, type EngineName, type EngineOutcome, type OpenedEngine } from './engines.ts';
import { login, runLoad } from './load.ts';
import { loadLine, memoryLine, ratioLines, routeTable, rowsLine, statusWarnings, type RouteResult } from './report.ts';
import { addAgreements, BENCH_AGREEMENTS, benchAgreementId } from './agreements.ts';
import { addCompliance, BENCH_ACTIVITIES, BENCH_RISKS, BENCH_SUPPLIERS } from './compliance.ts';
import { addEconomy, ALLOCATION_LABEL, ECONOMY_MUNICIPALITIES, ECONOMY_SOLUTIONS, ECONOMY_YEAR, economyLines, timeAllocation, timeInvoicesZip, ZIP_LABEL } from './economy.ts';
import { addAula, AULA_IMPORT_LABEL, AULA_IMPORT_ROWS, AULA_PREVIEW_LABEL, aulaLines, aulaRoutes, timeAulaImport, timeAulaPreview } from './aula.ts';
import { addBorgerblikket, borgerblikketLines, borgerblikketRoutes } from './borgerblikket.ts';
import { IMPACT_LABEL, impactLines, timeBorgerblikketImpact } from './borgerblikket-impact.ts';
import { addTasks, BENCH_TASKS, sampleTaskIds, targetStatusShares } from './tasks.ts';
import { addMeeting, FOLLOW_UP_SEND_LABEL, meetingLines, meetingRoutes, timeFollowUpSend } from './meetings.ts';
import { addProgrammes, programmeLines, programmeRoutes } from './programmes.ts';
import { addSso, ADMIN, FAXE_KLIK_ADMIN, ssoLines, ssoRoutes } from './sso.ts';

const USAGE = `samspil bench [--seconds N] [--warmup N] [--connections N] [--engine pglite|postgres|all]

Loads 2,000 published tasks addressed to all 98 municipalities (196,000 targets, with steps,
answers and threads) and measures a task's overview, "Mine opgaver" of Faxe's programleder, the
dashboard and the central role overview; loads 60 agreements sent to all 98 municipalities
(5,880 targets, ~4,400 signatures) and measures the agreements matrix, an agreement's status page,
the portfolio and a municipality's agreement list; the front page of Faxe's programleder and of
the consultant; loads a compliance package (200 Skema 1 rows, 50 suppliers, 60 risks) delivered
to all 98 with their risk responses and measures its overview, Skema 1, suppliers, risks, XLSX and
the central responses overview; loads the demo's K98 economy (98 municipalities × 14 solutions
priced for 2025 and 2026, population, budgets, the published documents, the councils and the pool)
and times allocateYear(2026) as a bare call (median/p95 of 60) and the ZIP of all 98 invoice PDFs
(3 sequential requests), and measures the allocation API, the year overview, the prices, the
allocation page, Faxe's invoice and the pool page; generates Aula's 2,000,000 secure files over 6,000
institutions and times the deletion preview of all 98 (bare call, median/p95) against a hand-written
SQL aggregate of the same numbers (target ≤ 1.5×), a municipality's preview by institution, the
24-month chart, the import of a 2,000,000-line CSV (target on PostgreSQL ≤ 60 s) with the process's
memory growth, and measures Faxe's deletion preview page and the central Aula overview (a page that
answers 404 is skipped with a note); puts a KLE plan of ~2,200 numbers (1,980 topics) with Faxe's
configuration and entries for the other 97 and measures Faxe's Borgerblikket configuration page with
the whole plan (target p95 ≤ 250 ms), one main group, the configuration API and the central list of
the 98; gives a programme 2 key figures of 260 weekly points and 50 milestones and measures its page
for the consultant and Faxe's programleder (target p95 ≤ 250 ms, --only programmer); puts 60 Context
Handler users in each of the 98 (a third with MitID Erhverv as backup login), 200 privilege mappings
and 100 unmapped privileges and measures the central backup-login overview, Faxe's list for its
KLIK-administrator and the consultant, the privilege mapping, the backup-missing API and the
KLIK-administrator's front page (target p95 ≤ 250 ms, --only sso, reservelogin or rettigheder); all against the trivial route /healthz in the
same process, on PGlite and on PostgreSQL (BENCH_POSTGRES_URL, default postgres://postgres@127.0.0.1:5432/test;
a throwaway database is created and dropped).

  --seconds N       measured seconds per route (default 5)
  --warmup N        unmeasured seconds before each route (default 1)
  --connections N   concurrent keep-alive connections (default 8)
  --engine E        pglite, postgres or all (default all)
  --only WORDS      measure only the routes whose label contains one of the comma-separated words,
                    e.g. --only matrix,portfolio (the trivial route is always measured); the economy's
                    routes and timings also answer to --only economy (or oversigt, fordeling, zip, …),
                    Aula's to --only aula, Borgerblikket's to --only borgerblikket, the meeting
                    follow-up's preview of all 98 and its send to --only moeder (or opfoelgning), single
                    sign-on's pages to --only sso (or reservelogin, rettigheder)`;

const CONSULTANT = 'konsulent@samspil.demo';
/** Faxe's programleder sees every task addressed to Faxe on "Mine opgaver": all 2,000. */
const FAXE_LEADER = 'programleder-0320@samspil.demo';
/** The task overview cycles over every OVERVIEW_EVERY-th bench task (50 of 2,000). */
const OVERVIEW_EVERY = 40;
const overviewPath = (solution: string) => `/rolleoverblik?rolle=systemansvarlig&loesning=${encodeURIComponent(solution)}`;

type Options = { seconds: number; warmup: number; connections: number; engines: EngineName[]; only: string[] };

function parseArgs(args: string[]): Options | null {
  const opts: Options = { seconds: 5, warmup: 1, connections: 8, engines: ['pglite', 'postgres'], only: [] };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === '--help' || flag === '-h') return null;
    const value = args[++i];
    if (value === undefined) throw new Error(`bench: ${flag} needs a value\n\n${USAGE}`);
    const num = Number(value);
    if (flag === '--only') {
      opts.only = value.split(',').map((w) => w.trim().toLowerCase()).filter(Boolean);
      continue;
    }
    if (flag === '--engine') {
      if (value === 'all') opts.engines = ['pglite', 'postgres'];
      else if (value === 'pglite' || value === 'postgres') opts.engines = [value];
      else throw new Error(`bench: --engine must be pglite, postgres or all, not ${value}`);
      continue;
    }
    const positive = Number.isFinite(num) && num > 0;
    if (flag === '--seconds' && positive) opts.seconds = num;
    else if (flag === '--warmup' && Number.isFinite(num) && num >= 0) opts.warmup = num;
    else if (flag === '--connections' && positive && Number.isInteger(num)) opts.connections = num;
    else throw new Error(`bench: unknown option or bad value: ${flag} ${value}\n\n${USAGE}`);
  }
  return opts;
}

const rowsOf = (html: string, attr: string) => (html.match(new RegExp(`<tr ${attr}=`, 'g')) ?? []).length;

/** One request before measuring: the page must answer 200 and show what the bench expects of it. */
async function check(origin: string, path: string, cookie: string, expect: (html: string) => string | null) {
  const res = await fetch(`${origin}${path}`, { headers: { cookie } });
  const html = await res.text();
  const problem = res.status !== 200 ? `status ${res.status}` : expect(html);
  if (problem) throw new Error(`check of GET ${path} failed: ${problem}`);
  return html;
}

/** Migrate, seed demo, add volume and tasks, serve over HTTP on an ephemeral port, log in, measure the routes. */
/** A label is selected when --only is empty or one of its words is in the label or the route's group. */
const selectedBy = (only: string[]) => (label: string, group?: string) =>
  only.length === 0 || only.some((w) => label.toLowerCase().includes(w) || (group !== undefined && group.includes(w)));

async function benchEngine(engine: OpenedEngine, opts: Options) {
  const { database } = engine;
  await migrate(database);
  await seedDemo(database.db);
  const volume = await addVolume(database.db);
  const tasks = await addTasks(database.db);
  const agreements = await addAgreements(database.db);
  const compliance = await addCompliance(database.db);
  const config = loadConfig({ SAMSPIL_MODE: 'demo', LOG_LEVEL: 'silent', OUTBOX_WORKER: 'off', HOST: '127.0.0.1' });
  const economy = await addEconomy(database.db, config);
  const aula = await addAula(database.db);
  const borgerblikket = await addBorgerblikket(database.db, config);
  const meetings = await addMeeting(database.db);
  const programmes = await addProgrammes(database.db);
  const sso = await addSso(database.db);
  const rssAfterLoad = process.memoryUsage().rss;
  // Fresh statistics, as a running system has them, and no autovacuum kicking in mid-measurement.
  const t0 = performance.now();
  await database.db.execute(sql`vacuum analyze`);
  const vacuumSeconds = (performance.now() - t0) / 1000;
  const selected = selectedBy(opts.only);
  // Before the server starts: the bare call has the process to itself.
  const allocation = selected(ALLOCATION_LABEL, 'economy') ? await timeAllocation(database.db) : null;
  const aulaTimings = selected(AULA_PREVIEW_LABEL, 'aula') ? await timeAulaPreview(database) : null;
  const app = await buildApp({ config, database, logger: false });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const cookie = await login(origin, CONSULTANT, DEMO_PASSWORD);
    const leaderCookie = await login(origin, FAXE_LEADER, DEMO_PASSWORD);
    const taskIds = await sampleTaskIds(database.db, OVERVIEW_EVERY);
    const taskOverviewPaths = taskIds.map((id) => `/opgaver/${id}/overblik`);

    // Sanity checks before measuring: every measured page answers 200 and shows what it should.
    await check(origin, overviewPath('aula'), cookie, (html) => {
      const shown = new Set([...html.matchAll(/\/kommuner\/(\d{4})/g)].map((m) => m[1])).size;
      return shown === 98 ? null : `${shown} municipalities shown, not 98`;
    });
    await check(origin, taskOverviewPaths[0]!, cookie, (html) => (rowsOf(html, 'data-kommune') === 98 ? null : `${rowsOf(html, 'data-kommune')} municipalities, not 98`));
    const mine = await check(origin, '/opgaver', leaderCookie, (html) => (rowsOf(html, 'data-opgave') > 0 ? null : 'no tasks listed'));
    const dashboard = await check(origin, '/overblik', cookie, (html) => (rowsOf(html, 'data-opgave') > 0 ? null : 'no tasks listed'));
    const served = { mine: rowsOf(mine, 'data-opgave'), dashboard: rowsOf(dashboard, 'data-opgave'), front: 0 };
    const agreementId = await benchAgreementId(database.db);
    await check(origin, '/aftaler/overblik', cookie, (html) => (rowsOf(html, 'data-kommune') === 98 ? null : `${rowsOf(html, 'data-kommune')} municipalities in the matrix, not 98`));
    await check(origin, `/aftaler/${agreementId}/status`, cookie, (html) => (rowsOf(html, 'data-kommune') === 98 ? null : `${rowsOf(html, 'data-kommune')} municipalities, not 98`));
    await check(origin, '/portefoelje', cookie, (html) => (html.includes('BENCH-aftale') ? null : 'no bench agreements in the portfolio'));
    await check(origin, '/aftaler', leaderCookie, (html) => (html.includes('BENCH-aftale') ? null : 'no bench agreements on the municipal list'));
    await check(origin, '/', leaderCookie, (html) => (html.includes('samspil-attention-item') ? null : 'nothing on the front page'));
    await check(origin, '/kommuner/0320', cookie, (html) => (html.includes('samspil-attention-item') ? null : 'nothing owed on the municipality page'));
    const front = await check(origin, '/', cookie, (html) => (html.includes('Opgaver med frist') && html.includes('Underskrevne kopier') ? null : 'no deadlines or copies to review on the central front page'));
    served.front = (front.match(/class="samspil-attention-item/g) ?? []).length;
    const pkg = `/compliance/pakker/${compliance.packageId}`;
    await check(origin, `${pkg}/fortegnelse`, cookie, (html) => (html.includes(`B${BENCH_ACTIVITIES}`) ? null : `activity B${BENCH_ACTIVITIES} not shown`));
    await check(origin, `${pkg}/risici`, cookie, (html) => (html.includes(`R${BENCH_RISKS}`) ? null : `risk R${BENCH_RISKS} not shown`));
    await check(origin, `${pkg}/leverandoerer`, cookie, (html) => (html.includes('BENCH-leverandør 50') ? null : 'supplier 50 not shown'));
    await check(origin, `${pkg}/svar`, cookie, (html) => (html.includes('Faxe') && html.includes('R1') ? null : 'responses of Faxe or R1 not shown'));
    const xlsx = await fetch(`${origin}${pkg}/compliancepakke.xlsx`, { headers: { cookie } });
    if (xlsx.status !== 200 || (await xlsx.arrayBuffer()).byteLength < 10_000) throw new Error(`check of the package XLSX failed: status ${xlsx.status}`);
    const y = ECONOMY_YEAR;
    const matrix = `${ECONOMY_MUNICIPALITIES} × ${ECONOMY_SOLUTIONS}`;
    await check(origin, `/api/v1/economy/years/${y}/allocation`, cookie, (body) => {
      const a = JSON.parse(body) as { solutions: unknown[]; municipalities: { lines: unknown[] }[] };
      const lines = a.municipalities.reduce((n, m) => n + m.lines.length, 0);
      return a.municipalities.length === ECONOMY_MUNICIPALITIES && a.solutions.length === ECONOMY_SOLUTIONS && lines >= ECONOMY_MUNICIPALITIES * ECONOMY_SOLUTIONS
        ? null
        : `${a.municipalities.length} municipalities, ${a.solutions.length} solutions, ${lines} lines`;
    });
    await check(origin, `/oekonomi/aar/${y}`, cookie, (html) => (html.includes('Faxe') && html.includes('Læsø') ? null : 'Faxe or Læsø missing from the overview'));
    await check(origin, `/oekonomi/priser/${y}`, cookie, (html) => (html.includes('Fælleskommunal IT-Infrastruktur') && html.includes('DUBU') ? null : 'prices of the infrastructure or DUBU missing'));
    await check(origin, `/oekonomi/fordeling/${y}`, cookie, (html) => (html.includes('Faxe') && html.includes('Læsø') ? null : 'Faxe or Læsø missing from the allocation'));
    await check(origin, `/oekonomi/kommuner/0320/${y}/faktura`, leaderCookie, (html) => (html.includes(`Faktura ${y} – Faxe Kommune`) ? null : "not Faxe's invoice"));
    await check(origin, '/styring/puljen', leaderCookie, (html) => (html.includes('Jeres forslag') && html.includes('data-forslag=') ? null : 'no proposals on the pool page'));
    const zip = selected(ZIP_LABEL, 'economy') ? await timeInvoicesZip(origin, cookie) : null;
    const aulaPages = await aulaRoutes(origin, cookie, leaderCookie);
    const borgerblikketPages = await borgerblikketRoutes(origin, cookie, leaderCookie, borgerblikket.numbers);
    const meetingPages = await meetingRoutes(origin, cookie, meetings);
    const programmePages = await programmeRoutes(origin, cookie, leaderCookie, programmes);
    const ssoPages = await ssoRoutes(origin, { consultant: cookie, admin: await login(origin, ADMIN, DEMO_PASSWORD), klikAdmin: await login(origin, FAXE_KLIK_ADMIN, DEMO_PASSWORD) }, sso);

    const session: Record<string, string> = { cookie };
    const allRoutes = [
      { label: `GET /opgaver/:id/overblik (${taskIds.length} tasks in turn)`, paths: taskOverviewPaths, headers: session },
      { label: 'GET /opgaver (Mine opgaver, Faxe programleder)', paths: ['/opgaver'], headers: { cookie: leaderCookie } },
      { label: 'GET /overblik (dashboard)', paths: ['/overblik'], headers: session },
      { label: 'GET /rolleoverblik (Aula)', paths: [overviewPath('aula')], headers: session },
      { label: `GET /rolleoverblik (all ${solutions.length} solutions in turn)`, paths: solutions.map((s) => overviewPath(s.key)), headers: session },
      { label: `GET /aftaler/overblik (matrix, 98 × ${BENCH_AGREEMENTS} agreements)`, paths: ['/aftaler/overblik'], headers: session },
      { label: 'GET /aftaler/:id/status (98 municipalities)', paths: [`/aftaler/${agreementId}/status`], headers: session },
      { label: 'GET /portefoelje (portfolio)', paths: ['/portefoelje'], headers: session },
      { label: 'GET /aftaler (Faxe programleder)', paths: ['/aftaler'], headers: { cookie: leaderCookie } },
      { label: 'GET / (Det skal I nu, Faxe programleder)', paths: ['/'], headers: { cookie: leaderCookie } },
      { label: 'GET /kommuner/0320 (what Faxe owes, consultant)', paths: ['/kommuner/0320'], headers: session },
      { label: 'GET / (front page, consultant)', paths: ['/'], headers: session },
      { label: `GET /compliance/pakker/:id (package overview, ${BENCH_RISKS} risks in two heatmaps)`, paths: [pkg], headers: session },
      { label: `GET /compliance/pakker/:id/fortegnelse (Skema 1, ${BENCH_ACTIVITIES} rows)`, paths: [`${pkg}/fortegnelse`], headers: session },
      { label: `GET /compliance/pakker/:id/leverandoerer (package suppliers, ${BENCH_SUPPLIERS})`, paths: [`${pkg}/leverandoerer`], headers: session },
      { label: `GET /compliance/pakker/:id/risici (package risks, ${BENCH_RISKS})`, paths: [`${pkg}/risici`], headers: session },
      { label: 'GET /compliance/pakker/:id/compliancepakke.xlsx (package XLSX)', paths: [`${pkg}/compliancepakke.xlsx`], headers: session },
      { label: `GET /compliance/pakker/:id/svar (responses, 98 municipalities × ${BENCH_RISKS} risks)`, paths: [`${pkg}/svar`], headers: session },
      { label: `GET /api/v1/economy/years/:year/allocation (${y}, ${matrix}, JSON)`, paths: [`/api/v1/economy/years/${y}/allocation`], headers: session, group: 'economy' },
      { label: `GET /oekonomi/aar/:year (year overview, oversigt ${y}, ${matrix})`, paths: [`/oekonomi/aar/${y}`], headers: session, group: 'economy' },
      { label: `GET /oekonomi/priser/:year (prices ${y})`, paths: [`/oekonomi/priser/${y}`], headers: session, group: 'economy' },
      { label: `GET /oekonomi/fordeling/:year (allocation page ${y}, ${matrix})`, paths: [`/oekonomi/fordeling/${y}`], headers: session, group: 'economy' },
      { label: `GET /oekonomi/kommuner/0320/:year/faktura (Faxe's invoice ${y}, Faxe programleder)`, paths: [`/oekonomi/kommuner/0320/${y}/faktura`], headers: { cookie: leaderCookie }, group: 'economy' },
      { label: 'GET /styring/puljen (prioritisation pool, Faxe programleder)', paths: ['/styring/puljen'], headers: { cookie: leaderCookie }, group: 'economy' },
      ...aulaPages.routes,
      ...borgerblikketPages.routes,
      ...meetingPages,
      ...programmePages,
      ...ssoPages,
      // No cookie: the trivial route should not pay for a session lookup.
      { label: 'GET /healthz (trivial)', paths: ['/healthz'], headers: {} },
    ];
    const trivialRoute = allRoutes[allRoutes.length - 1]!;
    const routes = allRoutes.filter((r) => r === trivialRoute || selected(r.label, 'group' in r ? r.group : undefined));
    const results: RouteResult[] = [];
    for (const r of routes) {
      // Peak RSS while this route is measured (warmup included): shows which page makes the process grow.
      let rssPeak = process.memoryUsage().rss;
      const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 50);
      const result = await runLoad({
        origin,
        paths: r.paths,
        headers: r.headers,
        connections: opts.connections,
        warmupMs: opts.warmup * 1000,
        durationMs: opts.seconds * 1000,
      });
      clearInterval(sampler);
      results.push({ label: r.label, path: r.paths[0]!, result, rssPeak: Math.max(rssPeak, process.memoryUsage().rss) });
    }
    const followUpSend = selected(FOLLOW_UP_SEND_LABEL, 'moeder') ? await timeFollowUpSend(database.db, config, meetings) : null;
    // Last: it replaces the inventory the preview was measured on; the server is idle.
    const aulaImport = selected(AULA_IMPORT_LABEL, 'aula') ? await timeAulaImport(database, config, AULA_IMPORT_ROWS[database.kind]) : null;
    // A tenth of the lines after it: if memory followed the file, this growth would be a tenth of that one.
    const aulaImportSmall = aulaImport ? await timeAulaImport(database, config, AULA_IMPORT_ROWS[database.kind] / 10) : null;
    const rows = await countRows(database.db);
    const shares = await targetStatusShares(database.db);
    const bytes = await databaseBytes(database.db);
    return { results, rows, volume, tasks, agreements, compliance, economy, allocation, zip, aula, aulaTimings, aulaImport, aulaImportSmall, aulaNotes: aulaPages.notes, borgerblikket, borgerblikketNotes: borgerblikketPages.notes, meetings, followUpSend, programmes, sso, vacuumSeconds, rssAfterLoad, served, shares, bytes };
  } finally {
    await app.close();
  }
}

export async function runBench(args: string[]): Promise<void> {
  const opts = parseArgs(args);
  if (!opts) {
    console.log(USAGE);
    return;
  }
  const cpus = os.cpus();
  console.log(`Samspil bench – ${new Date().toISOString()}`);
  console.log(
    `Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM, load average ${os
      .loadavg()
      .map((l) => l.toFixed(1))
      .join(' ')} at the start`,
  );
  console.log(
    `${opts.connections} keep-alive connections, ${opts.warmup} s warmup + ${opts.seconds} s measured per route; ` +
      'load generator in a worker thread of the same process; logged in as konsulent@samspil.demo (Mine opgaver: programleder-0320@samspil.demo; ' +
        'single sign-on also as admin@samspil.demo and klikadmin-0320@samspil.demo)\n',
  );

  // The impact of a draft change reads no database: measured once per run, before the engines.
  if (selectedBy(opts.only)(IMPACT_LABEL, 'borgerblikket')) console.log(`${impactLines(await timeBorgerblikketImpact()).join('\n')}\n`);

  const openers: Record<EngineName, { title: string; open: () => Promise<EngineOutcome> }> = {
    pglite: { title: 'PGlite', open: openPgliteEngine },
    postgres: { title: 'PostgreSQL', open: openPostgresEngine },
  };
  for (const name of opts.engines) {
    const { title, open } = openers[name];
    console.log(`=== ${title} ${'='.repeat(Math.max(0, 70 - title.length))}`);
    // RSS is sampled over the engine's whole life: open, migrate, seed, load, measure.
    const rss = { start: process.memoryUsage().rss, peak: 0, end: 0 };
    const sampler = setInterval(() => (rss.peak = Math.max(rss.peak, process.memoryUsage().rss)), 50);
    try {
      const outcome = await open();
      if (!outcome.ok) {
        console.log(`SKIPPED: the ${title} part was not run – ${outcome.reason}\n`);
        continue;
      }
      const { engine } = outcome;
      try {
        console.log(engine.where);
        const r = await benchEngine(engine, opts);
        rss.end = process.memoryUsage().rss;
        console.log(`Volume added on top of the demo seed: ${r.volume.people} people, ${r.volume.assignments} role assignments`);
        console.log(loadLine(r.tasks, r.vacuumSeconds, r.rssAfterLoad, r.bytes));
        console.log(`Agreements: ${r.agreements.agreements} sent to all 98 (${r.agreements.targets} targets, ${r.agreements.signatures} signatures) loaded in ${r.agreements.seconds.toFixed(1)} s`);
        console.log(
          `Compliance: one published package (${BENCH_ACTIVITIES} Skema 1 rows, ${BENCH_SUPPLIERS} suppliers, ${BENCH_RISKS} risks) delivered to all 98, ` +
            `${r.compliance.responses} risk responses, loaded in ${r.compliance.seconds.toFixed(1)} s`,
        );
        for (const line of economyLines(r.economy, r.allocation, r.zip)) console.log(line);
        for (const line of aulaLines(r.aula, r.aulaTimings, r.aulaImport, engine.database.kind, r.aulaNotes, r.aulaImportSmall)) console.log(line);
        for (const line of borgerblikketLines(r.borgerblikket, r.results, r.borgerblikketNotes)) console.log(line);
        for (const line of meetingLines(r.meetings, r.results, r.followUpSend)) console.log(line);
        for (const line of programmeLines(r.programmes, r.results)) console.log(line);
        for (const line of ssoLines(r.sso, r.results)) console.log(line);
        console.log(
          `Target status: ${Object.entries(r.shares)
            .map(([s, n]) => `${s} ${n}`)
            .join(', ')}`,
        );
        console.log(rowsLine(r.rows));
        console.log(
          `Served per request: Mine opgaver lists ${r.served.mine} tasks (its first page; ${BENCH_TASKS} bench tasks are addressed to Faxe), ` +
            `the dashboard ${r.served.dashboard} task rows (open critical/cross-cutting + the first page of all tasks), a task's overview 98 municipalities, ` +
            `the consultant's front page ${r.served.front} items (at most 50 a section)`,
        );
        console.log('');
        console.log(routeTable(r.results));
        console.log('');
        const trivial = r.results[r.results.length - 1]!;
        console.log('Throughput relative to the trivial route:');
        console.log(ratioLines(r.results.slice(0, -1), trivial).join('\n'));
        for (const w of statusWarnings(r.results)) console.log(w);
        console.log(memoryLine({ ...rss, peak: Math.max(rss.peak, rss.end) }));
        console.log('');
      } finally {
        await engine.dispose();
      }
    } finally {
      clearInterval(sampler);
    }
  }
}
