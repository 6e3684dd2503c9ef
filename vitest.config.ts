import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: each worker holds its own embedded PostgreSQL, so keep the pool small.
    maxWorkers: 2,
    pool: 'forks',
  },
});
