import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds. Node, and so Pothos and yoga, load the
    // CJS one; Vite would give our sources the ESM one: two graphql instances that refuse each
    // other's schemas. Point our imports at the build Node uses.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real servers (local endpoint, redis-server) on free ports; two workers fit 2 cores.
    pool: 'forks',
    maxWorkers: 2,
  },
});
