import { defineConfig } from 'vitest/config';

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
  },
});
