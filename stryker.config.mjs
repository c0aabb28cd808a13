// @ts-check
/**
 * `npm run test:mutation`: mutation testing of the security and data-correctness code (not part
 * of CI: a full run takes the better part of an hour on two cores). Each mutant runs against the
 * unit and integration tiers (vitest.mutation.config.ts), only the tests that cover it.
 * The report: reports/mutation/index.html, and a table per file on the terminal.
 * @type {import('@stryker-mutator/api/core').PartialStrykerOptions}
 */
export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutation.config.ts', related: false, pool: 'forks' },
  plugins: ['@stryker-mutator/vitest-runner'],
  coverageAnalysis: 'perTest',
  mutate: [
    'src/auth/**/*.ts',
    'src/document-limits.ts',
    'src/http-guards.ts',
    'src/aws/faults.ts',
    'src/aws/resources.ts',
    'src/resolvers/resources.ts',
    'src/graphql-errors.ts',
    'src/aws/read-cache.ts',
    'src/aws/inflight-reads.ts',
    'src/aws/clients.ts',
    'src/aws/accounts.ts',
    'src/aws/assumed-role.ts',
    'src/aws/location.ts',
    'src/resolvers/arguments.ts',
    'src/aws/events.ts',
    'src/aws/well-formed-input.ts',
    'src/redis/**/*.ts',
    'src/preflight/network-allowlist.ts',
    'src/subscriptions/**/*.ts',
    'src/rules/**/*.ts',
  ],
  // Mutants of code that runs while a file's beforeAll builds its gateway (a plugin's factory)
  // are run against every selected test, not only the tests that happen to cover them again:
  // most of the gateway is built in beforeAll. Mutants of module-level constants are not switched
  // on by the vitest runner here (modules load once per worker): they show as survivors, and are
  // checked by hand (CONTRIBUTING.md, "Mutation testing").
  ignoreStatic: false,
  // Vitest does not type-check; the default would also mark committed generated files, which drift tests compare.
  disableTypeChecks: false,
  concurrency: 2,
  timeoutMS: 30_000,
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 85, break: null },
  // Each run reuses the results of the last for code and tests that did not change: the list can be
  // measured a module at a time (`--mutate`), and a run after a new test reruns only what it touches.
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
