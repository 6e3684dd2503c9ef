import os from 'node:os';
import { sql } from 'drizzle-orm';
import type { AddressInfo } from 'node:net';
import { buildApp } from '../src/app.ts';
import { loadConfig } from '../src/config.ts';
import { migrate } from '../src/db/migrate.ts';
import { solutions } from '../src/db/reference/solutions.ts';
import { DEMO_PASSWORD, seedDemo } from '../src/db/seed-demo.ts';
import { addVolume, countRows } from './data.ts';
import { openPgliteEngine, openPostgresEngine, type EngineName, type EngineOutcome, type OpenedEngine } from './engines.ts';
import { login, runLoad } from './load.ts';
import { memoryLine, ratioLines, routeTable, rowsLine, statusWarnings, type RouteResult } from './report.ts';

const USAGE = `samspil bench [--seconds N] [--warmup N] [--connections N] [--engine pglite|postgres|all]

Measures the central role overview (98 municipalities) against the trivial route /healthz in the
same process, on PGlite and on PostgreSQL (BENCH_POSTGRES_URL, default
postgres://postgres@127.0.0.1:5432/test; a throwaway database is created and dropped).

  --seconds N       measured seconds per route (default 5)
  --warmup N        unmeasured seconds before each route (default 1)
  --connections N   concurrent keep-alive connections (default 8)
  --engine E        pglite, postgres or all (default all)`;

const CONSULTANT = 'konsulent@samspil.demo';
const overviewPath = (solution: string) => `/rolleoverblik?rolle=systemansvarlig&loesning=${encodeURIComponent(solution)}`;

type Options = { seconds: number; warmup: number; connections: number; engines: EngineName[] };

function parseArgs(args: string[]): Options | null {
  const opts: Options = { seconds: 5, warmup: 1, connections: 8, engines: ['pglite', 'postgres'] };
  for (let i = 0; i < args.length; i++) {
    const flag = args[i];
    if (flag === '--help' || flag === '-h') return null;
    const value = args[++i];
    if (value === undefined) throw new Error(`bench: ${flag} needs a value\n\n${USAGE}`);
    const num = Number(value);
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

/** Migrate, seed demo, add volume, serve over HTTP on an ephemeral port, log in, measure three routes. */
async function benchEngine(engine: OpenedEngine, opts: Options) {
  const { database } = engine;
  await migrate(database);
  await seedDemo(database.db);
  const volume = await addVolume(database.db);
  // Fresh statistics, as a running system has them, and no autovacuum kicking in mid-measurement.
  await database.db.execute(sql`vacuum analyze`);
  const config = loadConfig({ SAMSPIL_MODE: 'demo', LOG_LEVEL: 'silent', OUTBOX_WORKER: 'off', HOST: '127.0.0.1' });
  const app = await buildApp({ config, database, logger: false });
  try {
    await app.listen({ host: '127.0.0.1', port: 0 });
    const origin = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
    const cookie = await login(origin, CONSULTANT, DEMO_PASSWORD);

    // One sanity check before measuring: the overview must answer 200 with all 98 municipalities.
    const check = await fetch(`${origin}${overviewPath('aula')}`, { headers: { cookie } });
    const rowsShown = new Set([...(await check.text()).matchAll(/\/kommuner\/(\d{4})/g)].map((m) => m[1])).size;
    if (check.status !== 200 || rowsShown !== 98) throw new Error(`overview check failed: status ${check.status}, ${rowsShown} municipalities shown`);

    const session: Record<string, string> = { cookie };
    const routes = [
      { label: 'GET /rolleoverblik (Aula)', paths: [overviewPath('aula')], headers: session },
      { label: `GET /rolleoverblik (all ${solutions.length} solutions in turn)`, paths: solutions.map((s) => overviewPath(s.key)), headers: session },
      // No cookie: the trivial route should not pay for a session lookup.
      { label: 'GET /healthz (trivial)', paths: ['/healthz'], headers: {} },
    ];
    const results: RouteResult[] = [];
    for (const r of routes) {
      const result = await runLoad({
        origin,
        paths: r.paths,
        headers: r.headers,
        connections: opts.connections,
        warmupMs: opts.warmup * 1000,
        durationMs: opts.seconds * 1000,
      });
      results.push({ label: r.label, path: r.paths[0]!, result });
    }
    const rows = await countRows(database.db);
    return { results, rows, volume };
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
  console.log(`Node ${process.version}, ${os.platform()} ${os.arch()}, ${cpus.length} × ${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${(os.totalmem() / 2 ** 30).toFixed(1)} GiB RAM`);
  console.log(
    `${opts.connections} keep-alive connections, ${opts.warmup} s warmup + ${opts.seconds} s measured per route; ` +
      'load generator in a worker thread of the same process; logged in as konsulent@samspil.demo\n',
  );

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
        console.log(rowsLine(r.rows));
        console.log('');
        console.log(routeTable(r.results));
        console.log('');
        const trivial = r.results[r.results.length - 1]!;
        console.log('Throughput of the overview relative to the trivial route:');
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
