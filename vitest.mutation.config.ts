import { defineConfig, mergeConfig } from 'vitest/config';
import base, { SYSTEM } from './vitest.config.js';

/**
 * What `npm run test:mutation` (Stryker) runs each mutant against: the unit and integration
 * tiers, one project (Stryker's runner runs the tests covering a mutant, in one worker each).
 * The system tier (child processes, Chromium) sees the compiled gateway, not Stryker's mutants.
 */
export default mergeConfig(
  { ...base, test: { ...base.test, projects: undefined } },
  defineConfig({ test: { include: ['test/**/*.test.ts'], exclude: SYSTEM } }),
);
