// A GraphQL Code Generator plugin: Apollo Client typePolicies for the schema's keyless object types.
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
  const entries = names.map((name) => `  ${name}: { merge: true },`).join('\n');
  return [
    '/** Apollo Client typePolicies: the keyless object types merge field by field (see scripts/codegen-type-policies.mjs). */',
    'export const typePolicies = {',
    entries,
    '} as const;',
    '',
  ].join('\n');
}
