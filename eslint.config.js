// @ts-check
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { importX } from 'eslint-plugin-import-x';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      'node_modules/**',
      'src/generated/**',
      'test/generated/**',
      'coverage/**',
      'examples/generated/**',

      'dist/**',
      '.test-dist/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    plugins: { 'import-x': importX },
    settings: {
      // Dependencies are parsed as TypeScript (without this, no-cycle sees no imports in them).
      ...importX.flatConfigs.typescript.settings,
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      // Modules depend one way (schema -> resolvers -> aws -> rules); a cycle means two modules
      // that should be one, or a third. (The rule follows value imports; `import type` is erased.)
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      // ...and in that direction only: a lower layer never imports a higher one. The local
      // endpoint and the preflight stand apart from the gateway (they share rules/ with it).
      'import-x/no-restricted-paths': [
        'error',
        {
          zones: [
            {
              target: './src/rules',
              from: './src',
              except: ['./rules'],
              message: 'rules/ depends on nothing of ours.',
            },
            {
              target: ['./src/aws', './src/subscriptions', './src/redis', './src/progress', './src/verification'],
              from: ['./src/resolvers', './src/schema'],
              message: 'The data layer is below resolvers and schema: data flows schema -> resolvers -> aws.',
            },
            { target: './src/resolvers', from: './src/schema', message: 'Resolvers are below the schema.' },
            {
              target: './src/local',
              from: './src',
              except: ['./local', './preflight', './rules', './host-address.ts'],
              message: 'The local endpoint stands apart from the gateway: it shares only rules/ and the preflight.',
            },
            {
              target: './src/preflight',
              from: './src',
              except: ['./preflight', './rules'],
              message: 'The preflight stands apart: it shares only rules/.',
            },
          ],
        },
      ],
    },
  },
  // The data layer speaks in domain errors (src/errors.ts); src/graphql-errors.ts alone makes
  // GraphQL errors of them. So nothing below the resolvers imports graphql or yoga.
  {
    files: ['src/aws/**/*.ts', 'src/rules/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'graphql', message: 'The data layer throws domain errors (src/errors.ts), not GraphQL errors.' },
            { name: 'graphql-yoga', message: 'The data layer knows nothing of the server.' },
          ],
        },
      ],
    },
  },
  // Formatting is Prettier's (`prettier --check` in `npm run lint`); no style rule competes with it.
  prettier,
);
