import { defineConfig } from 'vitest/config';

/**
 * Three tiers, one `npm test` for all of them:
 * - unit: pure functions, no I/O (`npm run test:unit`, seconds);
 * - integration: the gateway and the local endpoint in process, real Redis and redis-servers;
 * - system: child processes (the gateway as `npm start` runs it, the CLI, the AWS CLI), Debian's
 *   Chromium, federation gateways.
 */
const UNIT = [
  'test/unit/**/*.test.ts',
  'test/config.test.ts',
  'test/graphiql/negotiation.test.ts',
  'test/lifecycle/phase.test.ts',
];
export const SYSTEM = [
  'test/browser/**/*.test.ts',
  'test/lifecycle/drain.test.ts',
  'test/federation/**/*.test.ts',
  'test/start*.test.ts',
  'test/local/aws-cli.test.ts',
  'test/local/cli.test.ts',
  'test/observability/traces.test.ts',
];

export default defineConfig({
  resolve: {
    // graphql 16 ships CJS (main) and ESM (module) builds. Node, and so Pothos and yoga, load the
    // CJS one; Vite would give our sources the ESM one: two graphql instances that refuse each
    // other's schemas. Point our imports at the build Node uses.
    alias: [{ find: /^graphql$/, replacement: 'graphql/index.js' }],
  },
  test: {
    testTimeout: 30_000,
    hookTimeout: 30_000,
    // Tests start real servers (local endpoint, redis-server) on free ports; two workers fit 2 cores.
    pool: 'forks',
    maxWorkers: 2,
    // Each worker imports the gateway (the AWS SDK, the schema) once, not once per test file: that
    // import was half the suite's time. Files share modules, so no test may leave global state
    // behind (fake timers restored, every server and subscription ended, no env written).
    isolate: false,
    projects: [
      { extends: true, test: { name: 'unit', include: UNIT } },
      { extends: true, test: { name: 'integration', include: ['test/**/*.test.ts'], exclude: [...UNIT, ...SYSTEM] } },
      { extends: true, test: { name: 'system', include: SYSTEM } },
    ],
  },
});
