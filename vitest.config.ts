import { defineConfig } from 'vitest/config';
import LongestFirst from './test/sequencer.ts';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    // Migrates (and demo-seeds) one template database per run; each file copies it (docs/testing.md).
    globalSetup: ['test/global-setup.ts'],
    // Generous: each file starts its own embedded PostgreSQL (WASM), which on a busy two-core
    // machine has taken over a minute. A hang still fails, just later.
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Two cores: each worker holds its own embedded PostgreSQL, so keep the pool small.
    maxWorkers: 2,
    pool: 'forks',
    // A worker runs its files one after another in one module graph instead of importing the whole
    // app again for every file: the suite takes about 40 % less time (PGlite 269 → 158 s, PostgreSQL
    // 176 → 89 s on two cores). Each file still gets its own database; in return a test file must
    // leave no module state behind: no vi.mock, fake timers restored (see docs/testing.md).
    isolate: false,
    // The slowest files start first, so that at the end both workers finish short ones instead of
    // one waiting for the other's long file (test/sequencer.ts, times in test/durations.json).
    sequence: { sequencer: LongestFirst },
  },
});
