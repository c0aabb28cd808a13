import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Typed documents for the example operations, as a frontend would generate them from the
 * committed schema.graphql. The tests execute these same documents, so an example that drifts
 * from the schema fails codegen, and stale output fails test/schema/drift.test.ts. The same run writes
 * the trusted-documents manifest of these operations, and the `possibleTypes` client caches need.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['examples/operations/*.graphql'],
  generates: {
    'examples/generated/': {
      preset: 'client',
      presetConfig: {
        fragmentMasking: false,
        // persisted-documents.json: the manifest TRUSTED_DOCUMENTS takes (hash -> document).
        persistedDocuments: true,
      },
      config: {
        // NodeNext resolution needs explicit `.js` import specifiers in the generated files.
        emitLegacyCommonJSImports: false,
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: { input: 'string', output: 'string' }, SafeInt: { input: 'number', output: 'number' } },
      },
    },
    // The members of every union and interface. Apollo Client's InMemoryCache and urql's
    // graphcache both take this object as `possibleTypes`; without it they cannot match
    // `... on ElastiCacheError` against a result and silently drop its fields.
    'examples/generated/possible-types.ts': {
      plugins: ['fragment-matcher'],
      config: { apolloClientVersion: 3, useExplicitTyping: true },
    },
    // urql graphcache takes the schema (minified introspection): with it, it matches fragments on
    // interfaces and unions without a warning, and knows which fields may be null.
    'examples/generated/graphcache-schema.ts': {
      plugins: ['urql-introspection'],
      config: { module: 'es2015', includeScalars: false, useTypeImports: true },
    },
    // What the normalised caches need of the keyless value types (such as MigrationState):
    // Apollo Client's typePolicies (they merge instead of replacing each other, so a query reads
    // back whole after a subscription push that selected fewer of their fields) and graphcache's keys.
    'examples/generated/keyless-types.ts': {
      plugins: ['./scripts/codegen-keyless-types.mjs'],
    },
  },
};

export default config;
