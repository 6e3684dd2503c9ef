import { defineConfig } from 'vitest/config';

// Browser journeys (e2e/**/*.test.ts): one file at a time, in one forked process, with generous
// timeouts because each file launches chromium and usually a whole app instance.
// Run with `npx vitest run --config vitest.e2e.config.ts` (npm test does this when chromium exists).
export default defineConfig({
  // npm test runs this config at the same time as the PostgreSQL run of vitest.config.ts: a results
  // cache of its own keeps the two from writing one results.json at once.
  cacheDir: 'node_modules/.vite-e2e',
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    // The files run one after another in one module graph, as the database suites do (vitest.config.ts):
    // a fresh process per file imported the whole app again each time, about 12 s a file on a busy
    // machine (413 → 262 s for the phase, measured back to back). Same rules: no module state left behind.
    isolate: false,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
