/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/** The state of a pending AUTH token change. */
export type AuthTokenUpdateStatus =
  /** The AUTH token is being rotated; old and new tokens are both accepted. */
  | 'ROTATING'
  /** A new AUTH token is being set. */
  | 'SETTING';

/** Whether a read replica is promoted automatically when the primary fails. */
export type AutomaticFailoverStatus =
  /** Automatic failover is off. */
  | 'DISABLED'
  /** Automatic failover is being turned off. */
  | 'DISABLING'
  /** Automatic failover is on. */
  | 'ENABLED'
  /** Automatic failover is being turned on. */
  | 'ENABLING';

/** How much a failed prerequisite matters. */
export type CheckSeverity =
  /** The migration fails (AWS refuses it, or it fails later): `ready` is false. */
  | 'ERROR'
  /** The migration may go wrong; an operator may proceed. */
  | 'WARNING';

/** Which migration to complete. */
export type CompleteMigrationInput = {
  /** The AWS account of the replication group (one of `accounts`); the default account when omitted. */
  account?: string | null | undefined;
  /** Stop the migration without making sure data is in sync (AWS recommends it only to abort). */
  force?: boolean | null | undefined;
  /** The AWS Region of the replication group; the gateway default when omitted. */
  region?: string | null | undefined;
  /** The replication group being migrated to. */
  replicationGroupId: string;
};

/** The self-hosted Valkey or Redis OSS node that data is migrated from. */
export type CustomerNodeEndpointInput = {
  /** Its host name or IPv4/IPv6 address (no brackets, no port). */
  address: string;
  /** Its port, 1 to 65535. */
  port: number;
};

/** The durability mode requested for writes. */
export type Durability =
  /** A write is acknowledged before it is durable. */
  | 'ASYNC'
  /** The engine default. */
  | 'DEFAULT'
  /** No durability guarantee beyond replication. */
  | 'DISABLED'
  /** A write is acknowledged once it is durable. */
  | 'SYNC';

/** The durability mode actually in effect. */
export type EffectiveDurability =
  /** Writes are acknowledged before they are durable. */
  | 'ASYNC'
  /** No durability guarantee beyond replication. */
  | 'DISABLED'
  /** Writes are acknowledged once durable. */
  | 'SYNC';

/** Whether the data is partitioned across shards (cluster mode). */
export type ElastiCacheClusterMode =
  /** Transition state: clients may connect in either mode, on the way from disabled to enabled. */
  | 'COMPATIBLE'
  /** Cluster mode disabled: one node group holds all data. */
  | 'DISABLED'
  /** Cluster mode enabled: data is partitioned across node groups (shards). */
  | 'ENABLED';

/** Whether data tiering (memory plus local SSD, r6gd nodes) is in use. */
export type ElastiCacheDataTieringStatus =
  /** Data tiering is off. */
  | 'DISABLED'
  /** Data tiering is on. */
  | 'ENABLED';

/** Where logs are delivered. */
export type ElastiCacheDestinationType =
  /** An Amazon CloudWatch Logs log group. */
  | 'CLOUDWATCH_LOGS'
  /** An Amazon Kinesis Data Firehose delivery stream. */
  | 'KINESIS_FIREHOSE';

/** The IP protocol of the addresses that cluster discovery commands return. */
export type ElastiCacheIpDiscovery =
  /** Discovery returns IPv4 addresses. */
  | 'IPV4'
  /** Discovery returns IPv6 addresses. */
  | 'IPV6';

/** The format log entries are delivered in. */
export type ElastiCacheLogFormat =
  /** JSON. */
  | 'JSON'
  /** Plain text. */
  | 'TEXT';

/** Which engine log is delivered. */
export type ElastiCacheLogType =
  /** The engine log. */
  | 'ENGINE_LOG'
  /** The slow log: commands that exceeded the slowlog threshold. */
  | 'SLOW_LOG';

/** The IP protocols the nodes accept connections on. */
export type ElastiCacheNetworkType =
  /** Both IPv4 and IPv6. */
  | 'DUAL_STACK'
  /** IPv4 only. */
  | 'IPV4'
  /** IPv6 only. */
  | 'IPV6';

/** The kind of resource an ElastiCache event is about. */
export type ElastiCacheSourceType =
  /** The ElastiCache value `cache-cluster`. */
  | 'CACHE_CLUSTER'
  /** The ElastiCache value `cache-parameter-group`. */
  | 'CACHE_PARAMETER_GROUP'
  /** The ElastiCache value `cache-security-group`. */
  | 'CACHE_SECURITY_GROUP'
  /** The ElastiCache value `cache-subnet-group`. */
  | 'CACHE_SUBNET_GROUP'
  /** The ElastiCache value `replication-group`. */
  | 'REPLICATION_GROUP'
  /** The ElastiCache value `serverless-cache`. */
  | 'SERVERLESS_CACHE'
  /** The ElastiCache value `serverless-cache-snapshot`. */
  | 'SERVERLESS_CACHE_SNAPSHOT'
  /** The ElastiCache value `user`. */
  | 'USER'
  /** The ElastiCache value `user-group`. */
  | 'USER_GROUP';

/** How data stored at rest is encrypted. */
export type ElastiCacheStorageEncryptionType =
  /** Not encrypted at rest. */
  | 'NONE'
  /** Encrypted with a key ElastiCache manages. */
  | 'SSE_ELASTICACHE'
  /** Encrypted with a customer-managed AWS KMS key. */
  | 'SSE_KMS';

/** How a key on the target differs from the source. */
export type KeyDifferenceKind =
  /** The key is on the source and not on the target. */
  | 'MISSING'
  /** One side expires the key and the other does not, or their TTLs differ by more than the tolerance. */
  | 'TTL'
  /** The key has another type on the target. */
  | 'TYPE'
  /** The value differs (compared whole up to 1 MiB or 10,000 elements, else by length). */
  | 'VALUE';

/** The state of a log delivery configuration. */
export type LogDeliveryConfigurationStatus =
  /** Logs are being delivered. */
  | 'ACTIVE'
  /** Delivery is being turned off. */
  | 'DISABLING'
  /** Delivery is being set up. */
  | 'ENABLING'
  /** Delivery failed; see the configuration message. */
  | 'ERROR'
  /** Delivery is being changed. */
  | 'MODIFYING';

/** Where a replication group stands in an online migration, as the gateway derives it from status and events. */
export type MigrationPhase =
  /** The last migration was completed; the group is a primary again. */
  | 'COMPLETED'
  /** The last migration failed to start or to complete; `message` says why. */
  | 'FAILED'
  /** A migration is starting or running: the group replicates from the source. */
  | 'MIGRATING'
  /** No migration activity in the window looked at. */
  | 'NONE'
  /** testMigration was accepted; its outcome is pending. */
  | 'TESTING'
  /** The last migration test failed; `message` names every unmet requirement. */
  | 'TEST_FAILED'
  /** The last migration test passed: startMigration can follow. */
  | 'TEST_SUCCEEDED';

/** Which replication group would be migrated to, and the source it would migrate from. */
export type MigrationPreflightInput = {
  /** The AWS account of the replication group (one of `accounts`); the default account when omitted. */
  account?: string | null | undefined;
  /** The source's endpoint. Exactly one: the primary node of the self-hosted source. */
  customerNodeEndpointList: Array<CustomerNodeEndpointInput>;
  /** The AWS Region of the replication group; the gateway default when omitted. */
  region?: string | null | undefined;
  /** The replication group data is migrated to. */
  replicationGroupId: string;
};

/** A prerequisite of ElastiCache online migration (AWS guide, "Prepare your source and target"). */
export type MigrationRequirement =
  /** Source and target are both in cluster mode, or both not. */
  | 'CLUSTER_MODE_MISMATCH'
  /** The source has as many logical databases as the target (16). */
  | 'DATABASES_MISMATCH'
  /** Source and target have the same number of shards. */
  | 'SHARD_COUNT_MISMATCH'
  /** The source address (every address its host name resolves to) is inside the networks the gateway may connect to (PREFLIGHT_ALLOWED_NETWORKS; never link-local or cloud metadata). */
  | 'SOURCE_ADDRESS_NOT_ALLOWED'
  /** The source does not require AUTH. */
  | 'SOURCE_AUTH_REQUIRED'
  /** SYNC, PSYNC, INFO, CONFIG, COMMAND and CLUSTER are available under their own names. */
  | 'SOURCE_COMMAND_RENAMED'
  /** The source does not evict keys (maxmemory-policy noeviction, or no maxmemory): evicted keys never reach the target. */
  | 'SOURCE_MAXMEMORY_POLICY'
  /** Every instance of the source listens on the same port. */
  | 'SOURCE_PORTS_DIFFER'
  /** The source address is private (or loopback): ElastiCache reaches sources by private IP. */
  | 'SOURCE_PRIVATE_ADDRESS'
  /** The source does not refuse clients in protected mode (protected-mode no). */
  | 'SOURCE_PROTECTED_MODE'
  /** The source's client-output-buffer-limit for replicas holds the writes it makes while its snapshot is made and loaded (else the first sync starts over and over). */
  | 'SOURCE_REPLICA_OUTPUT_BUFFER'
  /** The source accepts a connection and answers, within PREFLIGHT_TIMEOUT_MS. */
  | 'SOURCE_UNREACHABLE'
  /** The target reads the source's snapshot (RDB) format: a source newer than the target (e.g. Redis OSS 7.4 into Valkey 8.2) fails after the transfer with "invalid RDB received". */
  | 'SOURCE_VERSION_NEWER_THAN_TARGET'
  /** The source runs Valkey or Redis OSS 2.8.21 or later. */
  | 'SOURCE_VERSION_TOO_OLD'
  /** The target has data tiering off. */
  | 'TARGET_DATA_TIERING'
  /** The target runs Valkey, or Redis OSS 5.0.6 or later. */
  | 'TARGET_ENGINE_VERSION'
  /** The target is not part of a global datastore. */
  | 'TARGET_GLOBAL_DATASTORE'
  /** Each source shard's used_memory fits one target node: its node type's memory less reserved-memory-percent (25%). */
  | 'TARGET_MEMORY'
  /** The target has Multi-AZ enabled. */
  | 'TARGET_MULTI_AZ'
  /** The target does not run on r6gd nodes (online migration does not support them). */
  | 'TARGET_NODE_TYPE'
  /** The target is available (ElastiCache refuses testMigration and startMigration otherwise). */
  | 'TARGET_STATUS'
  /** The target has in-transit encryption off. */
  | 'TARGET_TRANSIT_ENCRYPTION';

/** Which migration to verify, and how much to compare. */
export type MigrationVerificationInput = {
  /** The AWS account of the replication group (one of `accounts`); the default account when omitted. */
  account?: string | null | undefined;
  /** At most this many commands a second against the source, 1 to 100000 (default 1000). */
  maxSourceCommandsPerSecond?: number | null | undefined;
  /** The AWS Region of the replication group; the gateway default when omitted. */
  region?: string | null | undefined;
  /** The replication group data was migrated to. */
  replicationGroupId: string;
  /** Keys to sample over every database of the source, 1 to 100000 (default 1000). */
  sampleSize?: number | null | undefined;
  /** The source; while the group migrates, what its shards replicate from when omitted (required after the cutover). */
  source?: MigrationVerificationSourceInput | null | undefined;
  /** How far two TTLs may differ and still match, 0 to 86400 (default 5). */
  ttlToleranceSeconds?: number | null | undefined;
};

/** The self-hosted source to compare with (cluster mode: any of its nodes). */
export type MigrationVerificationSourceInput = {
  /** Its host name or IPv4/IPv6 address (no brackets, no port). */
  address: string;
  /** Its port, 1 to 65535. */
  port: number;
};

/** Whether the replication group spreads its nodes over several Availability Zones. */
export type MultiAzStatus =
  /** Multi-AZ is off. */
  | 'DISABLED'
  /** Multi-AZ is on. */
  | 'ENABLED';

/** The automatic failover setting a pending modification will apply. */
export type PendingAutomaticFailoverStatus =
  /** Automatic failover will be off. */
  | 'DISABLED'
  /** Automatic failover will be on. */
  | 'ENABLED';

/** Narrows a listing. DescribeReplicationGroups has no filters, so the gateway applies these to the records AWS returns: a filtered page may read several AWS pages. */
export type ReplicationGroupFilter = {
  /** Only this cluster mode. */
  clusterMode?: ElastiCacheClusterMode | null | undefined;
  /** Only this engine: valkey or redis. */
  engine?: string | null | undefined;
  /** Only this status, e.g. available or migrating. */
  status?: string | null | undefined;
};

/** Which replication group to migrate into, and the source to migrate from. */
export type StartMigrationInput = {
  /** The AWS account of the replication group (one of `accounts`); the default account when omitted. */
  account?: string | null | undefined;
  /** The source's endpoint. Exactly one: the primary node of the self-hosted source. */
  customerNodeEndpointList: Array<CustomerNodeEndpointInput>;
  /** The AWS Region of the replication group; the gateway default when omitted. */
  region?: string | null | undefined;
  /** The replication group data is migrated to. */
  replicationGroupId: string;
};

/** Where a shard's data stands in a migration, as the source and target engines report it. */
export type SyncPhase =
  /** The target is connecting to the source. */
  | 'CONNECTING'
  /** The replication link was up and is down now. */
  | 'LINK_DOWN'
  /** The target received the whole snapshot and loads it. */
  | 'LOADING'
  /** The source is writing its snapshot (RDB) for the target, or waiting to start it. */
  | 'SNAPSHOT'
  /** The snapshot is loaded: the source's writes stream to the target as they happen. */
  | 'STREAMING'
  /** The snapshot is being sent to the target (bytes in `snapshotBytesTransferred`). */
  | 'TRANSFERRING'
  /** The engines could not be read, or the target could not be told apart (see `blockers`). */
  | 'UNKNOWN';

/** Which replication group to test, and the source it would migrate from. */
export type TestMigrationInput = {
  /** The AWS account of the replication group (one of `accounts`); the default account when omitted. */
  account?: string | null | undefined;
  /** The source's endpoint. Exactly one: the primary node of the self-hosted source. */
  customerNodeEndpointList: Array<CustomerNodeEndpointInput>;
  /** The AWS Region of the replication group; the gateway default when omitted. */
  region?: string | null | undefined;
  /** The replication group data is migrated to. */
  replicationGroupId: string;
};

/** Whether clients must use TLS, or may use it while they are being moved to it. */
export type TransitEncryptionMode =
  /** Both encrypted and unencrypted connections are accepted. */
  | 'PREFERRED'
  /** Only encrypted connections are accepted. */
  | 'REQUIRED';

/** What a migration verification concluded from its sample. */
export type VerificationVerdict =
  /** The comparison says too little: cut short by VERIFICATION_TIMEOUT_MS, or too many keys still changing while the migration streams (see `reason`). */
  | 'INCONCLUSIVE'
  /** Every sampled key has the same type, value and TTL (within the tolerance) on the target. */
  | 'MATCH'
  /** At least one sampled key is missing or different on the target (see `differences`). */
  | 'MISMATCH';

export type ConsoleGroupsQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  region?: string | null | undefined;
}>;


export type ConsoleGroupsQuery = { replicationGroups: { edges: Array<{ node: { id: string, replicationGroupId: string, status: string | null, engine: string | null, clusterMode: ElastiCacheClusterMode | null, migration: { phase: MigrationPhase, message: string | null } | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ConsoleGroupQueryVariables = Exact<{
  replicationGroupId: string;
  region?: string | null | undefined;
}>;


export type ConsoleGroupQuery = { replicationGroup: { engine: string | null, clusterMode: ElastiCacheClusterMode | null, id: string, replicationGroupId: string, status: string | null, configurationEndpoint: { address: string | null, port: number | null } | null, nodeGroups: Array<{ nodeGroupId: string | null, primaryEndpoint: { address: string | null, port: number | null } | null }>, migration: { phase: MigrationPhase, message: string | null, updatedAt: string | null } | null } | null };

export type ConsoleGroupChangedSubscriptionVariables = Exact<{
  replicationGroupId: string;
  region?: string | null | undefined;
}>;


export type ConsoleGroupChangedSubscription = { replicationGroupChanged: { id: string, replicationGroupId: string, status: string | null, migration: { phase: MigrationPhase, message: string | null, updatedAt: string | null } | null } };

export type ConsoleGroupStateFragment = { id: string, replicationGroupId: string, status: string | null, migration: { phase: MigrationPhase, message: string | null, updatedAt: string | null } | null };

export type ConsoleProgressSubscriptionVariables = Exact<{
  replicationGroupId: string;
  region?: string | null | undefined;
}>;


export type ConsoleProgressSubscription = { migrationProgress: { done: boolean, inSync: boolean, readyToComplete: boolean, blockers: Array<string>, observedAt: string, shards: Array<{ nodeGroupId: string, phase: SyncPhase, snapshotBytesTotal: number | null, snapshotBytesTransferred: number | null, bytesBehind: number | null, lagSeconds: number | null, inSync: boolean, inSyncSince: string | null, source: { address: string, port: number } }> } };

export type StartMigrationMutationVariables = Exact<{
  input: StartMigrationInput;
}>;


export type StartMigrationMutation = { startMigration:
    | { __typename: 'ElastiCacheInvalidInputError', code: string, message: string, field: string }
    | { __typename: 'ElastiCacheInvalidParameterValueException', code: string, message: string }
    | { __typename: 'InvalidReplicationGroupStateFault', code: string, message: string }
    | { __typename: 'ReplicationGroupAlreadyUnderMigrationFault', code: string, message: string }
    | { __typename: 'ReplicationGroupNotFoundFault', code: string, message: string }
    | { __typename: 'StartMigrationSuccess', replicationGroup: { id: string, replicationGroupId: string, status: string | null } }
   | null };

export type CompleteMigrationMutationVariables = Exact<{
  input: CompleteMigrationInput;
}>;


export type CompleteMigrationMutation = { completeMigration:
    | { __typename: 'CompleteMigrationSuccess', replicationGroup: { id: string, replicationGroupId: string, status: string | null } }
    | { __typename: 'ElastiCacheInvalidInputError', code: string, message: string, field: string }
    | { __typename: 'InvalidReplicationGroupStateFault', code: string, message: string }
    | { __typename: 'MigrationNotInSync', code: string, message: string, progress: { blockers: Array<string>, shards: Array<{ nodeGroupId: string, phase: SyncPhase, bytesBehind: number | null }> } }
    | { __typename: 'MigrationProgressUnavailable', code: string, message: string }
    | { __typename: 'ReplicationGroupNotFoundFault', code: string, message: string }
    | { __typename: 'ReplicationGroupNotUnderMigrationFault', code: string, message: string }
   | null };

export type MigrationStateQueryVariables = Exact<{
  replicationGroupId: string;
}>;


export type MigrationStateQuery = { replicationGroup: { id: string, replicationGroupId: string, status: string | null, migration: { phase: MigrationPhase, message: string | null, updatedAt: string | null, progress: { inSync: boolean, readyToComplete: boolean, blockers: Array<string>, observedAt: string, shards: Array<{ nodeGroupId: string, phase: SyncPhase, snapshotBytesTotal: number | null, snapshotBytesTransferred: number | null, bytesBehind: number | null, lagSeconds: number | null, inSync: boolean, inSyncSince: string | null, source: { address: string, port: number } }> } | null } | null } | null };

export type ReplicationGroupChangedSubscriptionVariables = Exact<{
  replicationGroupId: string;
  region?: string | null | undefined;
}>;


export type ReplicationGroupChangedSubscription = { replicationGroupChanged: { id: string, replicationGroupId: string, status: string | null, migration: { phase: MigrationPhase, message: string | null } | null } };

export type ReplicationGroupLiveSubscriptionVariables = Exact<{
  replicationGroupId: string;
  region?: string | null | undefined;
}>;


export type ReplicationGroupLiveSubscription = { replicationGroupChanged: { id: string, replicationGroupId: string, status: string | null, migration: { phase: MigrationPhase } | null, events: Array<{ date: string | null, message: string | null }> | null, nodeGroups: Array<{ nodeGroupMembers: Array<{ cacheClusterId: string | null, cacheCluster: { id: string, cacheClusterStatus: string | null } | null }> }> } };

export type ReplicationGroupEventsSubscriptionVariables = Exact<{
  replicationGroupId: string;
  region?: string | null | undefined;
}>;


export type ReplicationGroupEventsSubscription = { replicationGroupEvents: { date: string | null, message: string | null } };

export type MigrationProgressFieldsFragment = { inSync: boolean, readyToComplete: boolean, blockers: Array<string>, observedAt: string, shards: Array<{ nodeGroupId: string, phase: SyncPhase, snapshotBytesTotal: number | null, snapshotBytesTransferred: number | null, bytesBehind: number | null, lagSeconds: number | null, inSync: boolean, inSyncSince: string | null, source: { address: string, port: number } }> };

export type MigrationPreflightQueryVariables = Exact<{
  input: MigrationPreflightInput;
}>;


export type MigrationPreflightQuery = { migrationPreflight:
    | { __typename: 'ElastiCacheInvalidInputError', code: string, message: string, field: string }
    | { __typename: 'MigrationPreflight', ready: boolean, warnings: number, checks: Array<{ requirement: MigrationRequirement, severity: CheckSeverity, passed: boolean, message: string }> }
    | { __typename: 'ReplicationGroupNotFoundFault', code: string, message: string, requestId: string | null }
   };

export type MigrationVerificationQueryVariables = Exact<{
  input: MigrationVerificationInput;
}>;


export type MigrationVerificationQuery = { migrationVerification:
    | { __typename: 'ElastiCacheInvalidInputError', code: string, message: string, field: string }
    | { __typename: 'MigrationSourceUnreachable', code: string, message: string }
    | { __typename: 'MigrationTargetUnreachable', code: string, message: string }
    | { __typename: 'MigrationVerification', verdict: VerificationVerdict, reason: string | null, keysSampled: number, missingOnTarget: number, typeMismatches: number, valueMismatches: number, ttlMismatches: number, inFlight: number, comparedByLength: number, durationMs: number, databases: Array<{ database: number, sourceKeys: number, targetKeys: number }>, differences: Array<{ database: number, key: string, kind: KeyDifferenceKind }> }
    | { __typename: 'ReplicationGroupNotFoundFault', code: string, message: string }
   };

export type ReplicationGroupWithEventsQueryVariables = Exact<{
  replicationGroupId: string;
  region?: string | null | undefined;
  durationMinutes?: number | null | undefined;
}>;


export type ReplicationGroupWithEventsQuery = { replicationGroup: { id: string, replicationGroupId: string, arn: string, region: string | null, accountId: string | null, description: string | null, status: string | null, memberClusters: Array<string>, snapshottingClusterId: string | null, automaticFailover: AutomaticFailoverStatus | null, multiAZ: MultiAzStatus | null, snapshotRetentionLimit: number | null, snapshotWindow: string | null, clusterEnabled: boolean | null, cacheNodeType: string | null, authTokenEnabled: boolean | null, authTokenLastModifiedDate: string | null, transitEncryptionEnabled: boolean | null, atRestEncryptionEnabled: boolean | null, memberClustersOutpostArns: Array<string>, kmsKeyId: string | null, storageEncryptionType: ElastiCacheStorageEncryptionType | null, userGroupIds: Array<string>, replicationGroupCreateTime: string | null, dataTiering: ElastiCacheDataTieringStatus | null, autoMinorVersionUpgrade: boolean | null, networkType: ElastiCacheNetworkType | null, ipDiscovery: ElastiCacheIpDiscovery | null, transitEncryptionMode: TransitEncryptionMode | null, clusterMode: ElastiCacheClusterMode | null, engine: string | null, durability: Durability | null, effectiveDurability: EffectiveDurability | null, events: Array<{ date: string | null, message: string | null, sourceIdentifier: string | null, sourceType: ElastiCacheSourceType | null }> | null, globalReplicationGroupInfo: { globalReplicationGroupId: string | null, globalReplicationGroupMemberRole: string | null } | null, pendingModifiedValues: { primaryClusterId: string | null, automaticFailoverStatus: PendingAutomaticFailoverStatus | null, authTokenStatus: AuthTokenUpdateStatus | null, transitEncryptionEnabled: boolean | null, transitEncryptionMode: TransitEncryptionMode | null, clusterMode: ElastiCacheClusterMode | null, resharding: { slotMigration: { progressPercentage: number | null } | null } | null, userGroups: { userGroupIdsToAdd: Array<string>, userGroupIdsToRemove: Array<string> } | null, logDeliveryConfigurations: Array<{ logType: ElastiCacheLogType | null, destinationType: ElastiCacheDestinationType | null, logFormat: ElastiCacheLogFormat | null, destinationDetails: { cloudWatchLogsDetails: { logGroup: string | null } | null, kinesisFirehoseDetails: { deliveryStream: string | null } | null } | null }> } | null, nodeGroups: Array<{ nodeGroupId: string | null, status: string | null, slots: string | null, primaryEndpoint: { address: string | null, port: number | null } | null, readerEndpoint: { address: string | null, port: number | null } | null, nodeGroupMembers: Array<{ cacheClusterId: string | null, cacheNodeId: string | null, preferredAvailabilityZone: string | null, preferredOutpostArn: string | null, currentRole: string | null, readEndpoint: { address: string | null, port: number | null } | null }> }>, configurationEndpoint: { address: string | null, port: number | null } | null, logDeliveryConfigurations: Array<{ logType: ElastiCacheLogType | null, destinationType: ElastiCacheDestinationType | null, logFormat: ElastiCacheLogFormat | null, status: LogDeliveryConfigurationStatus | null, message: string | null, destinationDetails: { cloudWatchLogsDetails: { logGroup: string | null } | null, kinesisFirehoseDetails: { deliveryStream: string | null } | null } | null }> } | null };

export type EndpointFieldsFragment = { address: string | null, port: number | null };

export type DestinationDetailsFieldsFragment = { cloudWatchLogsDetails: { logGroup: string | null } | null, kinesisFirehoseDetails: { deliveryStream: string | null } | null };

export type ReplicationGroupDetailsFragment = { id: string, replicationGroupId: string, arn: string, region: string | null, accountId: string | null, description: string | null, status: string | null, memberClusters: Array<string>, snapshottingClusterId: string | null, automaticFailover: AutomaticFailoverStatus | null, multiAZ: MultiAzStatus | null, snapshotRetentionLimit: number | null, snapshotWindow: string | null, clusterEnabled: boolean | null, cacheNodeType: string | null, authTokenEnabled: boolean | null, authTokenLastModifiedDate: string | null, transitEncryptionEnabled: boolean | null, atRestEncryptionEnabled: boolean | null, memberClustersOutpostArns: Array<string>, kmsKeyId: string | null, storageEncryptionType: ElastiCacheStorageEncryptionType | null, userGroupIds: Array<string>, replicationGroupCreateTime: string | null, dataTiering: ElastiCacheDataTieringStatus | null, autoMinorVersionUpgrade: boolean | null, networkType: ElastiCacheNetworkType | null, ipDiscovery: ElastiCacheIpDiscovery | null, transitEncryptionMode: TransitEncryptionMode | null, clusterMode: ElastiCacheClusterMode | null, engine: string | null, durability: Durability | null, effectiveDurability: EffectiveDurability | null, globalReplicationGroupInfo: { globalReplicationGroupId: string | null, globalReplicationGroupMemberRole: string | null } | null, pendingModifiedValues: { primaryClusterId: string | null, automaticFailoverStatus: PendingAutomaticFailoverStatus | null, authTokenStatus: AuthTokenUpdateStatus | null, transitEncryptionEnabled: boolean | null, transitEncryptionMode: TransitEncryptionMode | null, clusterMode: ElastiCacheClusterMode | null, resharding: { slotMigration: { progressPercentage: number | null } | null } | null, userGroups: { userGroupIdsToAdd: Array<string>, userGroupIdsToRemove: Array<string> } | null, logDeliveryConfigurations: Array<{ logType: ElastiCacheLogType | null, destinationType: ElastiCacheDestinationType | null, logFormat: ElastiCacheLogFormat | null, destinationDetails: { cloudWatchLogsDetails: { logGroup: string | null } | null, kinesisFirehoseDetails: { deliveryStream: string | null } | null } | null }> } | null, nodeGroups: Array<{ nodeGroupId: string | null, status: string | null, slots: string | null, primaryEndpoint: { address: string | null, port: number | null } | null, readerEndpoint: { address: string | null, port: number | null } | null, nodeGroupMembers: Array<{ cacheClusterId: string | null, cacheNodeId: string | null, preferredAvailabilityZone: string | null, preferredOutpostArn: string | null, currentRole: string | null, readEndpoint: { address: string | null, port: number | null } | null }> }>, configurationEndpoint: { address: string | null, port: number | null } | null, logDeliveryConfigurations: Array<{ logType: ElastiCacheLogType | null, destinationType: ElastiCacheDestinationType | null, logFormat: ElastiCacheLogFormat | null, status: LogDeliveryConfigurationStatus | null, message: string | null, destinationDetails: { cloudWatchLogsDetails: { logGroup: string | null } | null, kinesisFirehoseDetails: { deliveryStream: string | null } | null } | null }> };

export type ReplicationGroupsPageQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  region?: string | null | undefined;
  regions?: Array<string> | string | null | undefined;
  filter?: ReplicationGroupFilter | null | undefined;
}>;


export type ReplicationGroupsPageQuery = { replicationGroups: { edges: Array<{ cursor: string, node: { id: string, replicationGroupId: string, arn: string, region: string | null, status: string | null, engine: string | null, clusterMode: ElastiCacheClusterMode | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type ReplicationGroupsDashboardQueryVariables = Exact<{
  first?: number | null | undefined;
  durationMinutes?: number | null | undefined;
}>;


export type ReplicationGroupsDashboardQuery = { replicationGroups: { edges: Array<{ node: { id: string, replicationGroupId: string, status: string | null, nodeGroups: Array<{ nodeGroupId: string | null, nodeGroupMembers: Array<{ cacheClusterId: string | null, cacheCluster: { id: string, cacheClusterId: string, cacheClusterStatus: string | null, engineVersion: string | null, preferredAvailabilityZone: string | null, cacheNodes: Array<{ endpoint: { address: string | null, port: number | null } | null }> } | null }> }>, events: Array<{ date: string | null, message: string | null }> | null } }> } };

export type ReplicationGroupClustersQueryVariables = Exact<{
  replicationGroupId: string;
  region?: string | null | undefined;
}>;


export type ReplicationGroupClustersQuery = { replicationGroup: { replicationGroupId: string, cacheClusters: Array<{ cacheClusterId: string, arn: string, cacheClusterStatus: string | null, cacheNodeType: string | null, engine: string | null, engineVersion: string | null, preferredAvailabilityZone: string | null, cacheClusterCreateTime: string | null, cacheParameterGroup: { cacheParameterGroupName: string | null, parameterApplyStatus: string | null } | null, securityGroups: Array<{ securityGroupId: string | null, status: string | null }>, cacheNodes: Array<{ cacheNodeId: string | null, cacheNodeStatus: string | null, endpoint: { address: string | null, port: number | null } | null }> }> } | null };

export type RegionEventsQueryVariables = Exact<{
  region?: string | null | undefined;
  first?: number | null | undefined;
  after?: string | null | undefined;
  durationMinutes?: number | null | undefined;
}>;


export type RegionEventsQuery = { events: { edges: Array<{ cursor: string, node: { sourceIdentifier: string | null, date: string | null, message: string | null } }>, pageInfo: { hasNextPage: boolean, endCursor: string | null } } };

export type TestMigrationMutationVariables = Exact<{
  input: TestMigrationInput;
}>;


export type TestMigrationMutation = { testMigration:
    | { __typename: 'ElastiCacheInvalidInputError', code: string, message: string, field: string }
    | { __typename: 'ElastiCacheInvalidParameterValueException', code: string, message: string, requestId: string | null }
    | { __typename: 'InvalidReplicationGroupStateFault', code: string, message: string, requestId: string | null }
    | { __typename: 'ReplicationGroupAlreadyUnderMigrationFault', code: string, message: string, requestId: string | null }
    | { __typename: 'ReplicationGroupNotFoundFault', code: string, message: string, requestId: string | null }
    | { __typename: 'TestMigrationSuccess', replicationGroup: { id: string, replicationGroupId: string, arn: string, region: string | null, status: string | null } }
   | null };

export const ConsoleGroupStateFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleGroupState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplicationGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"migration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<ConsoleGroupStateFragment, unknown>;
export const MigrationProgressFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MigrationProgressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MigrationProgress"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inSync"}},{"kind":"Field","name":{"kind":"Name","value":"readyToComplete"}},{"kind":"Field","name":{"kind":"Name","value":"blockers"}},{"kind":"Field","name":{"kind":"Name","value":"observedAt"}},{"kind":"Field","name":{"kind":"Name","value":"shards"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotBytesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotBytesTransferred"}},{"kind":"Field","name":{"kind":"Name","value":"bytesBehind"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"inSync"}},{"kind":"Field","name":{"kind":"Name","value":"inSyncSince"}}]}}]}}]} as unknown as DocumentNode<MigrationProgressFieldsFragment, unknown>;
export const DestinationDetailsFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DestinationDetailsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DestinationDetails"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cloudWatchLogsDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logGroup"}}]}},{"kind":"Field","name":{"kind":"Name","value":"kinesisFirehoseDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deliveryStream"}}]}}]}}]} as unknown as DocumentNode<DestinationDetailsFieldsFragment, unknown>;
export const EndpointFieldsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EndpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}}]} as unknown as DocumentNode<EndpointFieldsFragment, unknown>;
export const ReplicationGroupDetailsFragmentDoc = {"kind":"Document","definitions":[{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReplicationGroupDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplicationGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"globalReplicationGroupInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"globalReplicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"globalReplicationGroupMemberRole"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pendingModifiedValues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"primaryClusterId"}},{"kind":"Field","name":{"kind":"Name","value":"automaticFailoverStatus"}},{"kind":"Field","name":{"kind":"Name","value":"resharding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slotMigration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"progressPercentage"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"authTokenStatus"}},{"kind":"Field","name":{"kind":"Name","value":"userGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userGroupIdsToAdd"}},{"kind":"Field","name":{"kind":"Name","value":"userGroupIdsToRemove"}}]}},{"kind":"Field","name":{"kind":"Name","value":"logDeliveryConfigurations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logType"}},{"kind":"Field","name":{"kind":"Name","value":"destinationType"}},{"kind":"Field","name":{"kind":"Name","value":"destinationDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DestinationDetailsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"logFormat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transitEncryptionEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"transitEncryptionMode"}},{"kind":"Field","name":{"kind":"Name","value":"clusterMode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memberClusters"}},{"kind":"Field","name":{"kind":"Name","value":"nodeGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"primaryEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EndpointFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"readerEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EndpointFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"slots"}},{"kind":"Field","name":{"kind":"Name","value":"nodeGroupMembers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cacheClusterId"}},{"kind":"Field","name":{"kind":"Name","value":"cacheNodeId"}},{"kind":"Field","name":{"kind":"Name","value":"readEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EndpointFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"preferredAvailabilityZone"}},{"kind":"Field","name":{"kind":"Name","value":"preferredOutpostArn"}},{"kind":"Field","name":{"kind":"Name","value":"currentRole"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"snapshottingClusterId"}},{"kind":"Field","name":{"kind":"Name","value":"automaticFailover"}},{"kind":"Field","name":{"kind":"Name","value":"multiAZ"}},{"kind":"Field","name":{"kind":"Name","value":"configurationEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EndpointFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"snapshotRetentionLimit"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotWindow"}},{"kind":"Field","name":{"kind":"Name","value":"clusterEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"cacheNodeType"}},{"kind":"Field","name":{"kind":"Name","value":"authTokenEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"authTokenLastModifiedDate"}},{"kind":"Field","name":{"kind":"Name","value":"transitEncryptionEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"atRestEncryptionEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"memberClustersOutpostArns"}},{"kind":"Field","name":{"kind":"Name","value":"kmsKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"storageEncryptionType"}},{"kind":"Field","name":{"kind":"Name","value":"userGroupIds"}},{"kind":"Field","name":{"kind":"Name","value":"logDeliveryConfigurations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logType"}},{"kind":"Field","name":{"kind":"Name","value":"destinationType"}},{"kind":"Field","name":{"kind":"Name","value":"destinationDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DestinationDetailsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"logFormat"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupCreateTime"}},{"kind":"Field","name":{"kind":"Name","value":"dataTiering"}},{"kind":"Field","name":{"kind":"Name","value":"autoMinorVersionUpgrade"}},{"kind":"Field","name":{"kind":"Name","value":"networkType"}},{"kind":"Field","name":{"kind":"Name","value":"ipDiscovery"}},{"kind":"Field","name":{"kind":"Name","value":"transitEncryptionMode"}},{"kind":"Field","name":{"kind":"Name","value":"clusterMode"}},{"kind":"Field","name":{"kind":"Name","value":"engine"}},{"kind":"Field","name":{"kind":"Name","value":"durability"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveDurability"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DestinationDetailsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DestinationDetails"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cloudWatchLogsDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logGroup"}}]}},{"kind":"Field","name":{"kind":"Name","value":"kinesisFirehoseDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deliveryStream"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EndpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}}]} as unknown as DocumentNode<ReplicationGroupDetailsFragment, unknown>;
export const ConsoleGroupsDocument = {"__meta__":{"hash":"sha256:363b339dad2c0b84caaf7501ded636585fe7959520e8985d8ae657ef8781b682"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleGroups"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroups"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"engine"}},{"kind":"Field","name":{"kind":"Name","value":"clusterMode"}},{"kind":"Field","name":{"kind":"Name","value":"migration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ConsoleGroupsQuery, ConsoleGroupsQueryVariables>;
export const ConsoleGroupDocument = {"__meta__":{"hash":"sha256:09a8e2b2dcc888114d827f5c94bb1bad4c6767cf2ef464f531e45c08f1a02d9c"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ConsoleGroup"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"replicationGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleGroupState"}},{"kind":"Field","name":{"kind":"Name","value":"engine"}},{"kind":"Field","name":{"kind":"Name","value":"clusterMode"}},{"kind":"Field","name":{"kind":"Name","value":"configurationEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodeGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"primaryEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleGroupState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplicationGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"migration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<ConsoleGroupQuery, ConsoleGroupQueryVariables>;
export const ConsoleGroupChangedDocument = {"__meta__":{"hash":"sha256:781cd02395adb57ecddce6a5fb974a0a35e6988f8edd67c1b5bf070f7fc11692"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ConsoleGroupChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroupChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"replicationGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ConsoleGroupState"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ConsoleGroupState"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplicationGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"migration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]} as unknown as DocumentNode<ConsoleGroupChangedSubscription, ConsoleGroupChangedSubscriptionVariables>;
export const ConsoleProgressDocument = {"__meta__":{"hash":"sha256:fddcaad70119014f291f1831035a5f48d6e13424ef362b43c11af2b07fb3acdf"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ConsoleProgress"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"migrationProgress"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"replicationGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"done"}},{"kind":"FragmentSpread","name":{"kind":"Name","value":"MigrationProgressFields"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MigrationProgressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MigrationProgress"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inSync"}},{"kind":"Field","name":{"kind":"Name","value":"readyToComplete"}},{"kind":"Field","name":{"kind":"Name","value":"blockers"}},{"kind":"Field","name":{"kind":"Name","value":"observedAt"}},{"kind":"Field","name":{"kind":"Name","value":"shards"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotBytesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotBytesTransferred"}},{"kind":"Field","name":{"kind":"Name","value":"bytesBehind"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"inSync"}},{"kind":"Field","name":{"kind":"Name","value":"inSyncSince"}}]}}]}}]} as unknown as DocumentNode<ConsoleProgressSubscription, ConsoleProgressSubscriptionVariables>;
export const StartMigrationDocument = {"__meta__":{"hash":"sha256:f3598fdbd2acfdbc7dd92b987ea3f3b23d940b4bc109c8368bbca514ff72b78d"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartMigration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartMigrationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startMigration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"StartMigrationSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheInvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<StartMigrationMutation, StartMigrationMutationVariables>;
export const CompleteMigrationDocument = {"__meta__":{"hash":"sha256:49ff4c56c83bdc9b02b123c5824e7e25f18eaf0be7edfb8f37d753424ee250a3"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"CompleteMigration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"CompleteMigrationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"completeMigration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"CompleteMigrationSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheInvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MigrationNotInSync"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"blockers"}},{"kind":"Field","name":{"kind":"Name","value":"shards"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"bytesBehind"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<CompleteMigrationMutation, CompleteMigrationMutationVariables>;
export const MigrationStateDocument = {"__meta__":{"hash":"sha256:83df213bd36c37f67f664472f5c2779a6f6163cabd1b8eecd66620d0d6aaa9e6"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MigrationState"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"replicationGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"migration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}},{"kind":"Field","name":{"kind":"Name","value":"progress"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"MigrationProgressFields"}}]}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"MigrationProgressFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MigrationProgress"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"inSync"}},{"kind":"Field","name":{"kind":"Name","value":"readyToComplete"}},{"kind":"Field","name":{"kind":"Name","value":"blockers"}},{"kind":"Field","name":{"kind":"Name","value":"observedAt"}},{"kind":"Field","name":{"kind":"Name","value":"shards"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"source"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}},{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotBytesTotal"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotBytesTransferred"}},{"kind":"Field","name":{"kind":"Name","value":"bytesBehind"}},{"kind":"Field","name":{"kind":"Name","value":"lagSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"inSync"}},{"kind":"Field","name":{"kind":"Name","value":"inSyncSince"}}]}}]}}]} as unknown as DocumentNode<MigrationStateQuery, MigrationStateQueryVariables>;
export const ReplicationGroupChangedDocument = {"__meta__":{"hash":"sha256:dd21137a05cd53b6cd6c5ebd6f26124a867bb8c1c35f6ee13a07796a434315e9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReplicationGroupChanged"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroupChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"replicationGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"migration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]} as unknown as DocumentNode<ReplicationGroupChangedSubscription, ReplicationGroupChangedSubscriptionVariables>;
export const ReplicationGroupLiveDocument = {"__meta__":{"hash":"sha256:22adb0b9dc7c195cbf45c2d83349ebf1574453923b219764a9a35946c249ba58"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReplicationGroupLive"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroupChanged"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"replicationGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"migration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"phase"}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"durationMinutes"},"value":{"kind":"IntValue","value":"60"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"nodeGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeGroupMembers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cacheClusterId"}},{"kind":"Field","name":{"kind":"Name","value":"cacheCluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cacheClusterStatus"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReplicationGroupLiveSubscription, ReplicationGroupLiveSubscriptionVariables>;
export const ReplicationGroupEventsDocument = {"__meta__":{"hash":"sha256:84fe6cdc99e61f5c2fd801efcb378546d3ea4d4687546237852304d653a0fe69"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"subscription","name":{"kind":"Name","value":"ReplicationGroupEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroupEvents"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"replicationGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]} as unknown as DocumentNode<ReplicationGroupEventsSubscription, ReplicationGroupEventsSubscriptionVariables>;
export const MigrationPreflightDocument = {"__meta__":{"hash":"sha256:1d31faa0b7ad78618a54354d31b84a5ff348aaf227499d3cbc5735a9747769f0"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MigrationPreflight"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MigrationPreflightInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"migrationPreflight"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MigrationPreflight"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"ready"}},{"kind":"Field","name":{"kind":"Name","value":"warnings"}},{"kind":"Field","name":{"kind":"Name","value":"checks"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requirement"}},{"kind":"Field","name":{"kind":"Name","value":"severity"}},{"kind":"Field","name":{"kind":"Name","value":"passed"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheInvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplicationGroupNotFoundFault"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}}]}}]}}]} as unknown as DocumentNode<MigrationPreflightQuery, MigrationPreflightQueryVariables>;
export const MigrationVerificationDocument = {"__meta__":{"hash":"sha256:babec42bc7c62ed71e9fbc921ca945f73d55b5062fd94f6b2e07c814608665be"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"MigrationVerification"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"MigrationVerificationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"migrationVerification"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"MigrationVerification"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"verdict"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"keysSampled"}},{"kind":"Field","name":{"kind":"Name","value":"missingOnTarget"}},{"kind":"Field","name":{"kind":"Name","value":"typeMismatches"}},{"kind":"Field","name":{"kind":"Name","value":"valueMismatches"}},{"kind":"Field","name":{"kind":"Name","value":"ttlMismatches"}},{"kind":"Field","name":{"kind":"Name","value":"inFlight"}},{"kind":"Field","name":{"kind":"Name","value":"comparedByLength"}},{"kind":"Field","name":{"kind":"Name","value":"databases"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"database"}},{"kind":"Field","name":{"kind":"Name","value":"sourceKeys"}},{"kind":"Field","name":{"kind":"Name","value":"targetKeys"}}]}},{"kind":"Field","name":{"kind":"Name","value":"differences"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"database"}},{"kind":"Field","name":{"kind":"Name","value":"key"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}}]}},{"kind":"Field","name":{"kind":"Name","value":"durationMs"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheInvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}}]}}]}}]} as unknown as DocumentNode<MigrationVerificationQuery, MigrationVerificationQueryVariables>;
export const ReplicationGroupWithEventsDocument = {"__meta__":{"hash":"sha256:7bac93df7068783c14a87308db1a769108efa86a0911df0b768813b5465b565f"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReplicationGroupWithEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"durationMinutes"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}},"defaultValue":{"kind":"IntValue","value":"60"}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"replicationGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"ReplicationGroupDetails"}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"durationMinutes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"durationMinutes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"sourceIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"sourceType"}}]}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"DestinationDetailsFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"DestinationDetails"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cloudWatchLogsDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logGroup"}}]}},{"kind":"Field","name":{"kind":"Name","value":"kinesisFirehoseDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"deliveryStream"}}]}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"EndpointFields"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheEndpoint"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}},{"kind":"FragmentDefinition","name":{"kind":"Name","value":"ReplicationGroupDetails"},"typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplicationGroup"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"accountId"}},{"kind":"Field","name":{"kind":"Name","value":"description"}},{"kind":"Field","name":{"kind":"Name","value":"globalReplicationGroupInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"globalReplicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"globalReplicationGroupMemberRole"}}]}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"pendingModifiedValues"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"primaryClusterId"}},{"kind":"Field","name":{"kind":"Name","value":"automaticFailoverStatus"}},{"kind":"Field","name":{"kind":"Name","value":"resharding"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"slotMigration"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"progressPercentage"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"authTokenStatus"}},{"kind":"Field","name":{"kind":"Name","value":"userGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"userGroupIdsToAdd"}},{"kind":"Field","name":{"kind":"Name","value":"userGroupIdsToRemove"}}]}},{"kind":"Field","name":{"kind":"Name","value":"logDeliveryConfigurations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logType"}},{"kind":"Field","name":{"kind":"Name","value":"destinationType"}},{"kind":"Field","name":{"kind":"Name","value":"destinationDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DestinationDetailsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"logFormat"}}]}},{"kind":"Field","name":{"kind":"Name","value":"transitEncryptionEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"transitEncryptionMode"}},{"kind":"Field","name":{"kind":"Name","value":"clusterMode"}}]}},{"kind":"Field","name":{"kind":"Name","value":"memberClusters"}},{"kind":"Field","name":{"kind":"Name","value":"nodeGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"primaryEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EndpointFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"readerEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EndpointFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"slots"}},{"kind":"Field","name":{"kind":"Name","value":"nodeGroupMembers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cacheClusterId"}},{"kind":"Field","name":{"kind":"Name","value":"cacheNodeId"}},{"kind":"Field","name":{"kind":"Name","value":"readEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EndpointFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"preferredAvailabilityZone"}},{"kind":"Field","name":{"kind":"Name","value":"preferredOutpostArn"}},{"kind":"Field","name":{"kind":"Name","value":"currentRole"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"snapshottingClusterId"}},{"kind":"Field","name":{"kind":"Name","value":"automaticFailover"}},{"kind":"Field","name":{"kind":"Name","value":"multiAZ"}},{"kind":"Field","name":{"kind":"Name","value":"configurationEndpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"EndpointFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"snapshotRetentionLimit"}},{"kind":"Field","name":{"kind":"Name","value":"snapshotWindow"}},{"kind":"Field","name":{"kind":"Name","value":"clusterEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"cacheNodeType"}},{"kind":"Field","name":{"kind":"Name","value":"authTokenEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"authTokenLastModifiedDate"}},{"kind":"Field","name":{"kind":"Name","value":"transitEncryptionEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"atRestEncryptionEnabled"}},{"kind":"Field","name":{"kind":"Name","value":"memberClustersOutpostArns"}},{"kind":"Field","name":{"kind":"Name","value":"kmsKeyId"}},{"kind":"Field","name":{"kind":"Name","value":"storageEncryptionType"}},{"kind":"Field","name":{"kind":"Name","value":"userGroupIds"}},{"kind":"Field","name":{"kind":"Name","value":"logDeliveryConfigurations"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"logType"}},{"kind":"Field","name":{"kind":"Name","value":"destinationType"}},{"kind":"Field","name":{"kind":"Name","value":"destinationDetails"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"FragmentSpread","name":{"kind":"Name","value":"DestinationDetailsFields"}}]}},{"kind":"Field","name":{"kind":"Name","value":"logFormat"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupCreateTime"}},{"kind":"Field","name":{"kind":"Name","value":"dataTiering"}},{"kind":"Field","name":{"kind":"Name","value":"autoMinorVersionUpgrade"}},{"kind":"Field","name":{"kind":"Name","value":"networkType"}},{"kind":"Field","name":{"kind":"Name","value":"ipDiscovery"}},{"kind":"Field","name":{"kind":"Name","value":"transitEncryptionMode"}},{"kind":"Field","name":{"kind":"Name","value":"clusterMode"}},{"kind":"Field","name":{"kind":"Name","value":"engine"}},{"kind":"Field","name":{"kind":"Name","value":"durability"}},{"kind":"Field","name":{"kind":"Name","value":"effectiveDurability"}}]}}]} as unknown as DocumentNode<ReplicationGroupWithEventsQuery, ReplicationGroupWithEventsQueryVariables>;
export const ReplicationGroupsPageDocument = {"__meta__":{"hash":"sha256:498824b70ccb7a7433c21b40fae7580dbd599abea554bf1ceca43ace9b7fa7b9"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReplicationGroupsPage"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"regions"}},"type":{"kind":"ListType","type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"filter"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"ReplicationGroupFilter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroups"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"regions"},"value":{"kind":"Variable","name":{"kind":"Name","value":"regions"}}},{"kind":"Argument","name":{"kind":"Name","value":"filter"},"value":{"kind":"Variable","name":{"kind":"Name","value":"filter"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"engine"}},{"kind":"Field","name":{"kind":"Name","value":"clusterMode"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<ReplicationGroupsPageQuery, ReplicationGroupsPageQueryVariables>;
export const ReplicationGroupsDashboardDocument = {"__meta__":{"hash":"sha256:11aa2eb747f2bd7c8b98ce20f6dace54523cb2a0d54ec73834f32dd3e12520db"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReplicationGroupsDashboard"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"durationMinutes"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroups"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}},{"kind":"Field","name":{"kind":"Name","value":"nodeGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"nodeGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"nodeGroupMembers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cacheClusterId"}},{"kind":"Field","name":{"kind":"Name","value":"cacheCluster"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"cacheClusterId"}},{"kind":"Field","name":{"kind":"Name","value":"cacheClusterStatus"}},{"kind":"Field","name":{"kind":"Name","value":"engineVersion"}},{"kind":"Field","name":{"kind":"Name","value":"preferredAvailabilityZone"}},{"kind":"Field","name":{"kind":"Name","value":"cacheNodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}}]}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"durationMinutes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"durationMinutes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReplicationGroupsDashboardQuery, ReplicationGroupsDashboardQueryVariables>;
export const ReplicationGroupClustersDocument = {"__meta__":{"hash":"sha256:47d397363e021c4042bd36cc38ae613d8f3a1c48f6381c3eeb50b11f6c452052"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ReplicationGroupClusters"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroup"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"replicationGroupId"},"value":{"kind":"Variable","name":{"kind":"Name","value":"replicationGroupId"}}},{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"cacheClusters"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cacheClusterId"}},{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"cacheClusterStatus"}},{"kind":"Field","name":{"kind":"Name","value":"cacheNodeType"}},{"kind":"Field","name":{"kind":"Name","value":"engine"}},{"kind":"Field","name":{"kind":"Name","value":"engineVersion"}},{"kind":"Field","name":{"kind":"Name","value":"preferredAvailabilityZone"}},{"kind":"Field","name":{"kind":"Name","value":"cacheClusterCreateTime"}},{"kind":"Field","name":{"kind":"Name","value":"cacheParameterGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cacheParameterGroupName"}},{"kind":"Field","name":{"kind":"Name","value":"parameterApplyStatus"}}]}},{"kind":"Field","name":{"kind":"Name","value":"securityGroups"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"securityGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}},{"kind":"Field","name":{"kind":"Name","value":"cacheNodes"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cacheNodeId"}},{"kind":"Field","name":{"kind":"Name","value":"cacheNodeStatus"}},{"kind":"Field","name":{"kind":"Name","value":"endpoint"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"address"}},{"kind":"Field","name":{"kind":"Name","value":"port"}}]}}]}}]}}]}}]}}]} as unknown as DocumentNode<ReplicationGroupClustersQuery, ReplicationGroupClustersQueryVariables>;
export const RegionEventsDocument = {"__meta__":{"hash":"sha256:d148c8f7530305a3ce1ecebbdc6a702d7a5acd6e76afd4a0134e2bac4e7ed044"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"RegionEvents"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"region"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"durationMinutes"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"events"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"region"},"value":{"kind":"Variable","name":{"kind":"Name","value":"region"}}},{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"durationMinutes"},"value":{"kind":"Variable","name":{"kind":"Name","value":"durationMinutes"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"sourceIdentifier"}},{"kind":"Field","name":{"kind":"Name","value":"date"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}}]}}]}}]} as unknown as DocumentNode<RegionEventsQuery, RegionEventsQueryVariables>;
export const TestMigrationDocument = {"__meta__":{"hash":"sha256:86166f54a875ac9a5c0fb9ce6c98e1a6b6abe3e5b58c5c0c6a29bef38f1c88d8"},"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"TestMigration"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"TestMigrationInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"testMigration"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"__typename"}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"TestMigrationSuccess"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"replicationGroup"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"replicationGroupId"}},{"kind":"Field","name":{"kind":"Name","value":"arn"}},{"kind":"Field","name":{"kind":"Name","value":"region"}},{"kind":"Field","name":{"kind":"Name","value":"status"}}]}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"code"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheInvalidInputError"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"field"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplicationGroupNotFoundFault"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"InvalidReplicationGroupStateFault"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ReplicationGroupAlreadyUnderMigrationFault"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}},{"kind":"InlineFragment","typeCondition":{"kind":"NamedType","name":{"kind":"Name","value":"ElastiCacheInvalidParameterValueException"}},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"requestId"}}]}}]}}]}}]} as unknown as DocumentNode<TestMigrationMutation, TestMigrationMutationVariables>;