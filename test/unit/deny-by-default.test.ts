import SchemaBuilder from '@pothos/core';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { graphql, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { OPEN_CALLER, type Caller } from '../../src/auth/caller.js';
import { SCOPES } from '../../src/auth/scopes.js';
import {
  requiring,
  ROOT_FIELD_SCOPES,
  ROOT_TYPE_OPTIONS,
  scopesHeldBy,
  UNLISTED_ROOT_FIELD,
  type AuthScopes,
} from '../../src/schema/authorization.js';
import { schema } from '../../src/schema/index.js';
import { refusedField } from '../../src/schema/refusals.js';
import type { GatewayContext } from '../../src/context.js';

/**
 * A schema of the test's own with the gateway's scope rules (authorization.ts): one root field
 * listed with its scope, one added without, as a newcomer might. The gateway's own schema is
 * built once per process and shared by every test file, so it is left alone.
 */
function schemaWithAnUnlistedField() {
  const builder = new SchemaBuilder<{ Context: { caller: Caller }; AuthScopes: AuthScopes }>({
    plugins: [ScopeAuthPlugin],
    scopeAuth: {
      authScopes: (context) => scopesHeldBy(context.caller),
      unauthorizedError: (_parent, context, info) => refusedField(context as GatewayContext, info),
    },
  });
  builder.queryType({
    ...ROOT_TYPE_OPTIONS,
    fields: (t) => ({
      listed: t.string({ ...requiring(SCOPES.read), resolve: () => 'read' }),
      forgotten: t.string({ nullable: true, resolve: () => 'leaked' }),
    }),
  });
  return builder.toSchema();
}

describe('scopes deny by default', () => {
  it('refuses a root field that has no scope to every caller, the one holding every scope included', async () => {
    const result = await graphql({
      schema: schemaWithAnUnlistedField(),
      source: '{ listed forgotten }',
      contextValue: { caller: OPEN_CALLER },
    });
    expect(result.data).toEqual({ listed: 'read', forgotten: null });
    expect(result.errors?.map((error) => [error.path?.join('.'), error.message, error.extensions.code])).toEqual([
      ['forgotten', 'Not allowed: Query.forgotten is open to no caller.', 'FORBIDDEN'],
    ]);
  });

  it("every root type of the gateway's schema requires the scope nobody holds, and every listed field skips it", () => {
    expect(scopesHeldBy(OPEN_CALLER)[UNLISTED_ROOT_FIELD]).toBe(false);
    for (const [typeName, fields] of Object.entries(ROOT_FIELD_SCOPES)) {
      const type = schema.getType(typeName) as GraphQLObjectType;
      expect(type.extensions.pothosOptions).toMatchObject(ROOT_TYPE_OPTIONS);
      for (const field of Object.keys(fields)) {
        expect(type.getFields()[field]?.extensions.pothosOptions).toMatchObject({ skipTypeScopes: true });
      }
    }
  });
});
