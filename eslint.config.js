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
    },
  },
  // Formatting is Prettier's (`prettier --check` in `npm run lint`); no style rule competes with it.
  prettier,
);
