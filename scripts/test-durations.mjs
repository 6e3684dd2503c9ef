#!/usr/bin/env node
// Records how long each test file took, for test/sequencer.ts (longest files first).
//
//   npx vitest run --reporter=json --outputFile=/tmp/pglite.json
//   TEST_DATABASE=postgres npx vitest run --reporter=json --outputFile=/tmp/postgres.json
//   node scripts/test-durations.mjs pglite /tmp/pglite.json postgres /tmp/postgres.json
//
// Writes test/durations.json; an engine not named keeps what it had. Only the order matters, so
// the times of a run on a busy machine do as well as those of a quiet one.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const target = join(root, 'test', 'durations.json');
const args = process.argv.slice(2);
if (args.length === 0 || args.length % 2 !== 0 || args.some((a, i) => i % 2 === 0 && a !== 'pglite' && a !== 'postgres')) {
  console.error('Usage: node scripts/test-durations.mjs pglite REPORT.json [postgres REPORT.json]');
  process.exit(2);
}
const durations = existsSync(target) ? JSON.parse(readFileSync(target, 'utf8')) : {};
for (let i = 0; i < args.length; i += 2) {
  const report = JSON.parse(readFileSync(args[i + 1], 'utf8'));
  const seconds = {};
  for (const r of report.testResults ?? []) {
    const name = relative(root, r.name).split('\\').join('/');
    seconds[name] = Math.round((r.endTime - r.startTime) / 100) / 10;
  }
  durations[args[i]] = Object.fromEntries(Object.entries(seconds).sort(([a, x], [b, y]) => y - x || a.localeCompare(b)));
}
writeFileSync(target, `${JSON.stringify(durations, null, 2)}\n`);
console.log(`wrote ${relative(root, target)}`);
