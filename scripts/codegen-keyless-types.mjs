// A GraphQL Code Generator plugin: what the normalised client caches need to know of the schema's
// keyless object types: Apollo Client's typePolicies and urql graphcache's keys.
//
// A type without `id` (MigrationState, MigrationProgress, Endpoint, ...) is stored inside the
// object that holds it. Two operations selecting different fields of it (a query's
// `migration { phase message updatedAt }`, a subscription push's `migration { phase message }`)
// would each replace the other's copy, and the query would then read back null. `merge: true`
// merges them field by field, which is right for these: each is a value of its parent, never
// shared between parents.
import { isObjectType } from 'graphql';

/** @param {import('graphql').GraphQLSchema} schema */
export function plugin(schema) {
  const roots = new Set(
    [schema.getQueryType(), schema.getMutationType(), schema.getSubscriptionType()]
      .filter(Boolean)
      .map((type) => type.name),
  );
  const names = Object.values(schema.getTypeMap())
    .filter((type) => isObjectType(type) && !type.name.startsWith('__') && !type.name.startsWith('_'))
    .filter((type) => !roots.has(type.name) && !('id' in type.getFields()))
    .map((type) => type.name)
    .sort();
  return [
    '/** Apollo Client typePolicies: the keyless object types merge field by field (see scripts/codegen-keyless-types.mjs). */',
    'export const typePolicies = {',
    ...names.map((name) => `  ${name}: { merge: true },`),
    '} as const;',
    '',
    '/** urql graphcache keys: the keyless object types live inside their parents. */',
    'export const graphcacheKeys = {',
    ...names.map((name) => `  ${name}: () => null,`),
    '};',
    '',
  ].join('\n');
}
