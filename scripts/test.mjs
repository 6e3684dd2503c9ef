#!/usr/bin/env node
// `npm test`: the whole verification, in order, with output streamed as it happens.
//
//   1. tsc --noEmit
//   2. eslint .  and  xss-scan (unescaped values in TSX pages), at the same time as 1
//   3. vitest run                      (unit + database suites on PGlite)
//   4. vitest run, TEST_DATABASE=postgres (same suites on a real PostgreSQL >= 15, if reachable)
//   5. vitest run --config vitest.e2e.config.ts (browser journeys, if a chromium is installed),
//      at the same time as 4: its output is printed in one piece once 4 has finished
//
// Phases 4 and 5 are skipped with a loud banner when their prerequisite is missing, unless
// REQUIRE_POSTGRES=1 / REQUIRE_BROWSER=1 turns the skip into a failure (CI sets both).
// The last line of output is always exactly `N passed, N failed[, N skipped]` (tests of all
// vitest phases; every failed phase that has no failing test of its own counts as one failure).
// The exit code is non-zero when any phase failed.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(join(root, 'package.json'));
const tmp = mkdtempSync(join(tmpdir(), 'samspil-test-'));
const started = Date.now();

/** @typedef {{ name: string, status: 'passed' | 'failed' | 'skipped', detail: string, seconds: number, passed?: number, failed?: number, skipped?: number }} Phase */
/** @type {Phase[]} */
const phases = [];

const bar = '!'.repeat(78);
function banner(lines) {
  const text = ['', bar, bar, ...lines.map((l) => `!!!  ${l}`), bar, bar, ''].join('\n');
  console.log(text);
}
function heading(title) {
  console.log(`\n${'='.repeat(78)}\n== ${title}\n${'='.repeat(78)}`);
}

/** Resolve a package's CLI entry so we can run it with the current node (no npx, works on Windows). */
function bin(pkg, relative) {
  return join(dirname(require.resolve(`${pkg}/package.json`)), relative);
}

/** Run a command with inherited stdio; resolves with its exit code (or 1 when it could not start). */
function run(args, env = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    child.on('error', (error) => {
      console.error(`could not start ${args.join(' ')}: ${error.message}`);
      resolvePromise(1);
    });
    child.on('exit', (code, signal) => resolvePromise(signal ? 1 : (code ?? 1)));
  });
}

/** Said as each phase ends, so a slow phase shows while the run goes on, not only in the summary. */
function phaseDone(phase) {
  phases.push(phase);
  const total = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n-- ${phase.name}: ${phase.status} in ${phase.seconds.toFixed(1)} s (${total} s since npm test started)`);
}

/** Like run, but keeps the output (stdout and stderr interleaved) to print it later in one piece. */
function runCaptured(args, env = {}) {
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, FORCE_COLOR: '1', ...env } });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    child.on('error', (error) => resolvePromise({ code: 1, output: `${output}could not start ${args.join(' ')}: ${error.message}\n` }));
    child.on('exit', (code, signal) => resolvePromise({ code: signal ? 1 : (code ?? 1), output }));
  });
}

/**
 * The static checks are single-threaded and independent, so they run at the same time (on two
 * cores that saves most of the shorter ones). The first streams its output; the others' output
 * follows in order, each under its own heading, once it and those before it have finished.
 */
async function plainPhases(list) {
  const t0 = Date.now();
  const [first, ...rest] = list;
  const others = rest.map(({ args }) => runCaptured(args).then((r) => ({ ...r, seconds: (Date.now() - t0) / 1000 })));
  heading(first.name);
  const code = await run(first.args);
  const done = (name, c, seconds) =>
    phaseDone({ name, status: c === 0 ? 'passed' : 'failed', detail: c === 0 ? 'ok' : `exit code ${c}`, seconds });
  done(first.name, code, (Date.now() - t0) / 1000);
  for (const [i, pending] of others.entries()) {
    const result = await pending;
    heading(`${rest[i].name} (ran alongside)`);
    process.stdout.write(result.output);
    done(rest[i].name, result.code, result.seconds);
  }
}

/** Read vitest's JSON report: test counts, plus test files that failed without a failing test (load errors). */
function readReport(file) {
  if (!existsSync(file)) return undefined;
  try {
    const report = JSON.parse(readFileSync(file, 'utf8'));
    let brokenFiles = 0;
    for (const result of report.testResults ?? []) {
      const failedTests = (result.assertionResults ?? []).filter((a) => a.status === 'failed').length;
      if (result.status === 'failed' && failedTests === 0) brokenFiles += 1;
    }
    return {
      passed: report.numPassedTests ?? 0,
      failed: (report.numFailedTests ?? 0) + brokenFiles,
      skipped: (report.numPendingTests ?? 0) + (report.numTodoTests ?? 0),
      total: report.numTotalTests ?? 0,
      brokenFiles,
    };
  } catch (error) {
    console.error(`could not read vitest report ${file}: ${error.message}`);
    return undefined;
  }
}

let reports = 0;

/**
 * Starts a vitest run. Streamed, its output goes straight to the terminal; captured (a phase that
 * runs alongside a streamed one), it is kept for finishVitestPhase to print under its own heading.
 */
function startVitest(extraArgs, env, { captured }) {
  const outputFile = join(tmp, `${reports++}-report.json`);
  const args = [
    bin('vitest', 'vitest.mjs'),
    'run',
    ...extraArgs,
    '--passWithNoTests',
    '--reporter=default',
    '--reporter=json',
    `--outputFile=${outputFile}`,
  ];
  const t0 = Date.now();
  const done = captured ? runCaptured(args, env) : run(args, env).then((code) => ({ code, output: undefined }));
  return done.then(({ code, output }) => ({ code, output, outputFile, seconds: (Date.now() - t0) / 1000 }));
}

async function vitestPhase(name, extraArgs, env = {}) {
  heading(name);
  finishVitestPhase(name, await startVitest(extraArgs, env, { captured: false }));
}

/** Prints a captured run's output (if any) and records the phase from its exit code and JSON report. */
function finishVitestPhase(name, { code, output, outputFile, seconds }, alongside) {
  if (output !== undefined) {
    heading(`${name} (ran alongside ${alongside})`);
    process.stdout.write(output);
  }
  const report = readReport(outputFile);
  if (!report) {
    // vitest died before writing its report: count the phase itself as one failure.
    phaseDone({ name, status: 'failed', detail: `exit code ${code}, no test report written`, seconds, passed: 0, failed: 1, skipped: 0 });
    return;
  }
  let { failed } = report;
  if (code !== 0 && failed === 0) failed = 1; // e.g. an unhandled error outside any test
  const parts = [`${report.passed} passed`, `${failed} failed`];
  if (report.skipped) parts.push(`${report.skipped} skipped`);
  if (report.brokenFiles) parts.push(`${report.brokenFiles} test file(s) failed to run`);
  if (report.total === 0) parts.push('NO TESTS FOUND');
  if (code !== 0) parts.push(`exit code ${code}`);
  phaseDone({
    name,
    status: code === 0 ? 'passed' : 'failed',
    detail: parts.join(', '),
    seconds,
    passed: report.passed,
    failed,
    skipped: report.skipped,
  });
}

/** Skipped or, when required, failed. */
function unavailablePhase(name, required, requireVar, reason, bannerLines) {
  heading(name);
  if (required) {
    banner([...bannerLines, '', `${requireVar}=1 is set, so this counts as a FAILURE.`]);
    phaseDone({ name, status: 'failed', detail: `${reason} and ${requireVar}=1`, seconds: 0, passed: 0, failed: 1, skipped: 0 });
  } else {
    banner([...bannerLines, '', `Set ${requireVar}=1 to make this a failure instead of a skip.`]);
    phaseDone({ name, status: 'skipped', detail: `${reason} – NOT TESTED`, seconds: 0 });
  }
}

async function probePostgres(url) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2000, query_timeout: 2000 });
  client.on('error', () => {});
  try {
    await client.connect();
    const result = await client.query('show server_version_num');
    const version = Number(result.rows[0]?.server_version_num ?? 0);
    return { ok: version >= 150000, version, reason: version >= 150000 ? '' : `server_version_num ${version} < 150000 (need PostgreSQL 15+)` };
  } catch (error) {
    return { ok: false, version: 0, reason: error instanceof Error ? error.message || error.name : String(error) };
  } finally {
    await client.end().catch(() => {});
  }
}

function redact(url) {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparseable URL)';
  }
}

function findChromium() {
  const configured = process.env.CHROMIUM_PATH;
  if (configured) return { path: existsSync(configured) ? configured : undefined, configured };
  for (const candidate of ['/usr/bin/chromium', '/usr/bin/chromium-browser']) {
    if (existsSync(candidate)) return { path: candidate };
  }
  return { path: undefined };
}

function printSummary() {
  heading('Summary');
  const width = Math.max(...phases.map((p) => p.name.length));
  for (const p of phases) {
    const mark = p.status === 'passed' ? 'ok     ' : p.status === 'failed' ? 'FAILED ' : 'SKIPPED';
    console.log(`  ${mark}  ${p.name.padEnd(width)}  ${p.detail}  (${p.seconds.toFixed(1)} s)`);
  }
  const skippedPhases = phases.filter((p) => p.status === 'skipped');
  if (skippedPhases.length) {
    banner([
      `${skippedPhases.length} PHASE(S) SKIPPED – this run did NOT check everything:`,
      ...skippedPhases.map((p) => `  - ${p.name}`),
    ]);
  }
  const failedPhases = phases.filter((p) => p.status === 'failed');
  console.log(
    failedPhases.length
      ? `\nFAILED: ${failedPhases.map((p) => p.name).join('; ')}  (total ${((Date.now() - started) / 1000).toFixed(0)} s)`
      : `\nAll phases that ran passed  (total ${((Date.now() - started) / 1000).toFixed(0)} s)`,
  );
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const p of phases) {
    passed += p.passed ?? 0;
    skipped += p.skipped ?? 0;
    // Phases without test counts (tsc, eslint) that failed count as one failure each.
    failed += p.failed ?? (p.status === 'failed' ? 1 : 0);
  }
  console.log(`${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failedPhases.length === 0;
}

try {
  await plainPhases([
    { name: 'Typecheck (tsc --noEmit)', args: [bin('typescript', 'bin/tsc'), '--noEmit'] },
    { name: 'Lint (eslint .)', args: [bin('eslint', 'bin/eslint.js'), '.'] },
    // Pages are TSX rendered to strings: an unescaped user value would be an XSS hole.
    { name: 'XSS scan of TSX (xss-scan)', args: [bin('@kitajs/ts-html-plugin', 'dist/cli.js')] },
  ]);
  await vitestPhase('Unit + database tests on PGlite', [], { TEST_DATABASE: 'pglite' });

  const postgresName = 'Database tests on PostgreSQL';
  const postgresUrl = process.env.TEST_POSTGRES_URL || 'postgres://postgres@127.0.0.1:5432/test';
  const probe = await probePostgres(postgresUrl);
  const browserName = 'Browser tests (vitest.e2e.config.ts)';
  const chromium = findChromium();
  // The PostgreSQL phase spends much of its time waiting on the server, the browser phase on
  // chromium and on one worker: on two cores they run side by side in less time than one after
  // the other. The journeys' output is held back and printed whole once the PostgreSQL phase ends.
  const browserArgs = ['--config', 'vitest.e2e.config.ts'];
  const browserEnv = { CHROMIUM_PATH: chromium.path };
  const browserRun = probe.ok && chromium.path ? startVitest(browserArgs, browserEnv, { captured: true }) : undefined;
  if (probe.ok) {
    console.log(`\nPostgreSQL ${probe.version} reachable at ${redact(postgresUrl)}`);
    if (browserRun) console.log(`Browser journeys started alongside, with chromium at ${chromium.path}; their output follows this phase`);
    await vitestPhase(postgresName, [], { TEST_DATABASE: 'postgres', TEST_POSTGRES_URL: postgresUrl });
  } else {
    unavailablePhase(postgresName, process.env.REQUIRE_POSTGRES === '1', 'REQUIRE_POSTGRES', `PostgreSQL not available (${probe.reason})`, [
      'POSTGRESQL NOT AVAILABLE – the PostgreSQL run of the database suites was SKIPPED',
      `URL:    ${redact(postgresUrl)}  (set TEST_POSTGRES_URL to change it)`,
      `Reason: ${probe.reason}`,
      'Only PGlite was tested. See docs/testing.md.',
    ]);
  }

  if (browserRun) {
    finishVitestPhase(browserName, await browserRun, 'the PostgreSQL phase');
  } else if (chromium.path) {
    console.log(`\nUsing chromium at ${chromium.path}`);
    await vitestPhase(browserName, browserArgs, browserEnv);
  } else {
    unavailablePhase(browserName, process.env.REQUIRE_BROWSER === '1', 'REQUIRE_BROWSER', 'no chromium found', [
      'BROWSER TESTS SKIPPED – no chromium found',
      chromium.configured
        ? `CHROMIUM_PATH=${chromium.configured} does not exist.`
        : 'Looked at CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser.',
      'Install chromium (Debian/Ubuntu: apt-get install chromium) or set CHROMIUM_PATH.',
    ]);
  }
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

process.exitCode = printSummary() ? 0 : 1;
