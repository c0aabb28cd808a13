import { SCOPES, type Scope } from '../auth/scopes.js';

/**
 * Who may do what: the one table of scopes. Each root field needs one scope; the entity types
 * need `elasticache:read` too, because a router reaches them through `_entities`, past our root
 * fields. The gateway enforces the table with @pothos/plugin-scope-auth (FORBIDDEN, before the
 * resolver runs, so before any AWS call) and publishes it in the subgraph SDL as `@authenticated`
 * and `@requiresScopes`, so a router in front refuses the same requests first.
 * test/security/scopes.test.ts checks that every root field of the schema is listed here.
 */
export const ROOT_FIELD_SCOPES = {
  Query: {
    replicationGroup: SCOPES.read,
    replicationGroups: SCOPES.read,
    events: SCOPES.read,
    // It opens connections from the gateway's network to an address the caller names.
    migrationPreflight: SCOPES.migrate,
    migrationVerification: SCOPES.migrate,
  },
  Subscription: {
    replicationGroupChanged: SCOPES.read,
    replicationGroupEvents: SCOPES.read,
    migrationProgress: SCOPES.read,
  },
  Mutation: {
    testMigration: SCOPES.migrate,
    startMigration: SCOPES.migrate,
    completeMigration: SCOPES.migrate,
  },
} as const satisfies Record<'Query' | 'Subscription' | 'Mutation', Record<string, Scope>>;

/** What reading a federation entity (ReplicationGroup, CacheCluster) by reference needs. */
export const ENTITY_SCOPE: Scope = SCOPES.read;

type RootType = keyof typeof ROOT_FIELD_SCOPES;

/** The Pothos options of one scope: enforced here (scope-auth), published for the router (federation). */
export function requiring(scope: Scope) {
  return {
    authScopes: { [scope]: true } as Partial<Record<Scope, boolean>>,
    authenticated: true,
    requiresScopes: [[scope]],
  };
}

/** The options to spread into a root field's definition. */
export function accessTo<Type extends RootType>(type: Type, field: keyof (typeof ROOT_FIELD_SCOPES)[Type]) {
  return requiring(ROOT_FIELD_SCOPES[type][field] as Scope);
}
