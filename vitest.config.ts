import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real servers (local endpoint, redis-server) on free ports; two workers fit 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
