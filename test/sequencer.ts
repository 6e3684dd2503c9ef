import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestSpecification } from 'vitest/node';
import { BaseSequencer } from 'vitest/node';

/**
 * Longest files first, by the seconds test/durations.json records for the engine in use.
 *
 * The two workers take files from one queue in this order. Vitest's own order needs its results
 * cache, which a fresh clone (CI) does not have: it then starts the largest files by bytes, so the
 * small files that start processes and run for half a minute (cli, data-dir-lock, serve-demo,
 * upload-memory) came last and one core finished alone. With the slowest first, the short files
 * fill the gaps at the end. A file without a recorded time counts as one second (ties keep
 * vitest's own order); refresh the record with `node scripts/test-durations.mjs` (docs/testing.md).
 */
type Durations = Record<'pglite' | 'postgres', Record<string, number>>;

const file = fileURLToPath(new URL('./durations.json', import.meta.url));

function recorded(): Record<string, number> {
  try {
    const all = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Durations>;
    // PostgreSQL without a record of its own goes by PGlite's: the same files are the slow ones.
    return (process.env.TEST_DATABASE === 'postgres' ? (all.postgres ?? all.pglite) : all.pglite) ?? {};
  } catch {
    return {};
  }
}

export default class LongestFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const seconds = recorded();
    const base = await super.sort(files);
    const root = this.ctx.config.root;
    const key = (spec: TestSpecification) => path.relative(root, spec.moduleId).split(path.sep).join('/');
    const rank = new Map(base.map((spec, i) => [spec, i]));
    // Unknown files rank as one second: ahead of the many quick ones, behind the known long ones.
    const time = (spec: TestSpecification) => seconds[key(spec)] ?? 1;
    return [...base].sort((a, b) => time(b) - time(a) || rank.get(a)! - rank.get(b)!);
  }
}
