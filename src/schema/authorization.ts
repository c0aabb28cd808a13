import { grantsAnywhere, SCOPES, type Scope } from '../auth/scopes.js';

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
    node: SCOPES.read,
    nodes: SCOPES.read,
    serverlessCache: SCOPES.read,
    serverlessCaches: SCOPES.read,
    serverlessCacheSnapshot: SCOPES.read,
    serverlessCacheSnapshots: SCOPES.read,
    snapshot: SCOPES.read,
    snapshots: SCOPES.read,
    user: SCOPES.read,
    users: SCOPES.read,
    userGroup: SCOPES.read,
    userGroups: SCOPES.read,
    cacheParameterGroup: SCOPES.read,
    cacheParameterGroups: SCOPES.read,
    cacheSubnetGroup: SCOPES.read,
    cacheSubnetGroups: SCOPES.read,
    globalReplicationGroup: SCOPES.read,
    globalReplicationGroups: SCOPES.read,
    accounts: SCOPES.read,
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

/**
 * Deny by default: every root type requires this scope, which no caller holds, and each field of
 * the table skips it (`skipTypeScopes`, in `requiring`). A root field added without its entry
 * here is refused to everyone (FORBIDDEN) rather than open to everyone.
 */
export const UNLISTED_ROOT_FIELD = 'unlisted-root-field';

/** The scopes a scope-auth check sees for a caller: its token's, and never UNLISTED_ROOT_FIELD. */
export type AuthScopes = Record<Scope | typeof UNLISTED_ROOT_FIELD, boolean>;

export function scopesHeldBy(caller: { scopes: ReadonlySet<string> }): AuthScopes {
  // A scope narrowed to some account passes here; which accounts it reaches is checked where the
  // field names its account (resolvers/arguments.ts, resolvers/resources.ts `itemByArn`).
  const held = Object.fromEntries(Object.values(SCOPES).map((scope) => [scope, grantsAnywhere(caller.scopes, scope)]));
  return { ...(held as Record<Scope, boolean>), [UNLISTED_ROOT_FIELD]: false };
}

/** The options of Query, Mutation and Subscription: their fields are refused unless listed. */
export const ROOT_TYPE_OPTIONS = { authScopes: { [UNLISTED_ROOT_FIELD]: true } };

/** The Pothos options of one scope: enforced here (scope-auth), published for the router (federation). */
export function requiring(scope: Scope) {
  return {
    authScopes: { [scope]: true } as Partial<AuthScopes>,
    skipTypeScopes: true,
    authenticated: true,
    requiresScopes: [[scope]],
  };
}

/** The options to spread into a root field's definition. */
export function accessTo<Type extends RootType>(type: Type, field: keyof (typeof ROOT_FIELD_SCOPES)[Type]) {
  return requiring(ROOT_FIELD_SCOPES[type][field] as Scope);
}
