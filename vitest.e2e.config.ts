import { defineConfig } from 'vitest/config';

// Browser journeys (e2e/**/*.test.ts): one file at a time, in a forked process, with generous
// timeouts because each file launches chromium and usually a whole app instance.
// Run with `npx vitest run --config vitest.e2e.config.ts` (npm test does this when chromium exists).
export default defineConfig({
  test: {
    include: ['e2e/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    fileParallelism: false,
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
