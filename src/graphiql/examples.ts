/**
 * The operations GraphiQL opens with, one tab each: what a newcomer runs first. They target the
 * demo data of the local endpoint (orders-cache, the Redis on 127.0.0.1:6379) and are checked
 * against the schema by test/graphiql/examples.test.ts, so they cannot go stale.
 */
export interface ExampleTab {
  query: string;
  variables?: string;
}

export const TEST_MIGRATION_EXAMPLE = `# Step one of an online migration: ElastiCache tests
# the connection from a replication group to your
# self-hosted Redis. Run it with the play button.
# The outcome arrives as an event: see the next tab.
mutation TestMigration {
  testMigration(input: {
    replicationGroupId: "orders-cache"
    customerNodeEndpointList: [
      { address: "127.0.0.1", port: 6379 }
    ]
  }) {
    __typename
    ... on TestMigrationSuccess {
      replicationGroup {
        replicationGroupId
        status
      }
    }
    ... on ElastiCacheError { code message }
    ... on ElastiCacheInvalidInputError { field }
  }
}
`;

export const PREFLIGHT_EXAMPLE = `# Before migrating: every prerequisite the target and
# the source miss, checked now from the gateway (the
# source over a real connection; nothing is written).
query MigrationPreflight {
  migrationPreflight(input: {
    replicationGroupId: "orders-cache"
    customerNodeEndpointList: [
      { address: "127.0.0.1", port: 6379 }
    ]
  }) {
    __typename
    ... on MigrationPreflight {
      ready warnings
      checks { requirement severity passed message }
    }
    ... on ElastiCacheError { code message }
    ... on ElastiCacheInvalidInputError { field }
  }
}
`;

export const REPLICATION_GROUP_EXAMPLE = `# A replication group, its shards and nodes, and
# the events of the last hour: "Test migration
# succeeded ..." or "Test migration failed ...: <causes>".
query ReplicationGroup($id: String!) {
  replicationGroup(replicationGroupId: $id) {
    replicationGroupId
    status
    engine
    clusterMode
    nodeGroups {
      nodeGroupId
      primaryEndpoint { address port }
      nodeGroupMembers { cacheClusterId currentRole preferredAvailabilityZone }
    }
    events(durationMinutes: 60) { date message }
  }
}
`;

export const MIGRATION_LIFECYCLE_EXAMPLE = `# After a passing test: start the migration, follow its
# phase and each shard's sync, compare a sample of keys on
# both sides, then complete it. The gateway
# refuses the cutover (MigrationNotInSync) until every shard
# has been in sync for a while; force: true skips that and
# stops without waiting for the data. Pick the operation to
# run from the play button's menu.
mutation StartMigration {
  startMigration(input: {
    replicationGroupId: "orders-cache"
    customerNodeEndpointList: [
      { address: "127.0.0.1", port: 6379 }
    ]
  }) {
    __typename
    ... on StartMigrationSuccess { replicationGroup { status } }
    ... on ElastiCacheError { code message }
  }
}

query MigrationPhase {
  replicationGroup(replicationGroupId: "orders-cache") {
    status
    migration {
      phase message updatedAt
      progress {
        inSync readyToComplete blockers
        shards { nodeGroupId phase bytesBehind lagSeconds inSyncSince }
      }
    }
  }
}

query VerifyMigration {
  migrationVerification(input: {
    replicationGroupId: "orders-cache"
    sampleSize: 1000
  }) {
    __typename
    ... on MigrationVerification {
      verdict reason keysSampled inFlight
      differences { database key kind }
    }
    ... on ElastiCacheError { code message }
    ... on ElastiCacheInvalidInputError { field }
  }
}

mutation CompleteMigration {
  completeMigration(input: { replicationGroupId: "orders-cache" }) {
    __typename
    ... on CompleteMigrationSuccess { replicationGroup { status } }
    ... on MigrationNotInSync { progress { blockers } }
    ... on ElastiCacheError { code message }
  }
}
`;

export const SUBSCRIPTION_EXAMPLE = `# Live: the group whenever its status or migration phase
# changes, pushed over Server-Sent Events. Run it, then run
# a testMigration in another tab.
subscription WatchGroup {
  replicationGroupChanged(replicationGroupId: "orders-cache") {
    status
    migration { phase message }
  }
}
`;

export const EXAMPLE_TABS: readonly ExampleTab[] = [
  { query: TEST_MIGRATION_EXAMPLE },
  { query: PREFLIGHT_EXAMPLE },
  { query: REPLICATION_GROUP_EXAMPLE, variables: JSON.stringify({ id: 'orders-cache' }, null, 2) },
  { query: MIGRATION_LIFECYCLE_EXAMPLE },
  { query: SUBSCRIPTION_EXAMPLE },
];
