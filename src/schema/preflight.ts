import { ReplicationGroupNotFoundFault } from '@aws-sdk/client-elasticache';
import { InvalidInputError } from '../errors.js';
import { MIGRATION_REQUIREMENTS, type MigrationCheck, type MigrationRequirement } from '../preflight/requirements.js';
import { migrationPreflight, type MigrationPreflightResult } from '../resolvers/preflight.js';
import { accessTo } from './authorization.js';
import { builder } from './builder.js';
import { migrationInput } from './migration.js';

const REQUIREMENT_DESCRIPTIONS: Record<MigrationRequirement, string> = {
  TARGET_STATUS: 'The target is available (ElastiCache refuses testMigration and startMigration otherwise).',
  TARGET_ENGINE_VERSION: 'The target runs Valkey, or Redis OSS 5.0.6 or later.',
  TARGET_TRANSIT_ENCRYPTION: 'The target has in-transit encryption off.',
  TARGET_MULTI_AZ: 'The target has Multi-AZ enabled.',
  TARGET_GLOBAL_DATASTORE: 'The target is not part of a global datastore.',
  TARGET_DATA_TIERING: 'The target has data tiering off.',
  TARGET_NODE_TYPE: 'The target does not run on r6gd nodes (online migration does not support them).',
  SOURCE_ADDRESS_NOT_ALLOWED:
    'The source address (every address its host name resolves to) is inside the networks the gateway may connect to (PREFLIGHT_ALLOWED_NETWORKS; never link-local or cloud metadata).',
  SOURCE_PRIVATE_ADDRESS: 'The source address is private (or loopback): ElastiCache reaches sources by private IP.',
  SOURCE_UNREACHABLE: 'The source accepts a connection and answers, within PREFLIGHT_TIMEOUT_MS.',
  SOURCE_AUTH_REQUIRED: 'The source does not require AUTH.',
  SOURCE_PROTECTED_MODE: 'The source does not refuse clients in protected mode (protected-mode no).',
  SOURCE_VERSION_TOO_OLD: 'The source runs Valkey or Redis OSS 2.8.21 or later.',
  SOURCE_VERSION_NEWER_THAN_TARGET:
    'The target reads the source\'s snapshot (RDB) format: a source newer than the target (e.g. Redis OSS 7.4 into Valkey 8.2) fails after the transfer with "invalid RDB received".',
  DATABASES_MISMATCH: 'The source has as many logical databases as the target (16).',
  SOURCE_COMMAND_RENAMED: 'SYNC, PSYNC, INFO, CONFIG, COMMAND and CLUSTER are available under their own names.',
  CLUSTER_MODE_MISMATCH: 'Source and target are both in cluster mode, or both not.',
  SHARD_COUNT_MISMATCH: 'Source and target have the same number of shards.',
  SOURCE_PORTS_DIFFER: 'Every instance of the source listens on the same port.',
  TARGET_MEMORY:
    "Each source shard's used_memory fits one target node: its node type's memory less reserved-memory-percent (25%).",
  SOURCE_MAXMEMORY_POLICY:
    'The source does not evict keys (maxmemory-policy noeviction, or no maxmemory): evicted keys never reach the target.',
  SOURCE_REPLICA_OUTPUT_BUFFER:
    "The source's client-output-buffer-limit for replicas holds the writes it makes while its snapshot is made and loaded (else the first sync starts over and over).",
};

export const CheckSeverityEnum = builder.enumType('CheckSeverity', {
  description: 'How much a failed prerequisite matters.',
  values: {
    ERROR: {
      value: 'ERROR',
      description: 'The migration fails (AWS refuses it, or it fails later): `ready` is false.',
    },
    WARNING: { value: 'WARNING', description: 'The migration may go wrong; an operator may proceed.' },
  } as const,
});

export const MigrationRequirementEnum = builder.enumType('MigrationRequirement', {
  description: 'A prerequisite of ElastiCache online migration (AWS guide, "Prepare your source and target").',
  values: Object.fromEntries(
    MIGRATION_REQUIREMENTS.map((requirement) => [
      requirement,
      { value: requirement, description: REQUIREMENT_DESCRIPTIONS[requirement] },
    ]),
  ) as Record<MigrationRequirement, { value: MigrationRequirement; description: string }>,
});

export const MigrationCheckRef = builder.objectRef<MigrationCheck>('MigrationCheck').implement({
  description: 'One prerequisite, checked.',
  fields: (t) => ({
    requirement: t.expose('requirement', {
      type: MigrationRequirementEnum,
      nullable: false,
      description: 'Which prerequisite.',
    }),
    severity: t.expose('severity', {
      type: CheckSeverityEnum,
      nullable: false,
      description: 'ERROR (blocks the migration) or WARNING (an operator may proceed).',
    }),
    passed: t.exposeBoolean('passed', { nullable: false, description: 'Whether the requirement is met.' }),
    message: t.exposeString('message', {
      nullable: false,
      description:
        'The value found and the value needed, e.g. "source has 8 logical databases, target has 16 (they must be equal)"; "not checked: ..." when an earlier step kept it from being checked.',
    }),
  }),
});

export const MigrationPreflightRef = builder.objectRef<MigrationPreflightResult>('MigrationPreflight').implement({
  description: 'Every prerequisite of the migration, checked from where the gateway runs.',
  fields: (t) => ({
    ready: t.exposeBoolean('ready', { nullable: false, description: 'True when no ERROR check failed.' }),
    warnings: t.int({
      nullable: false,
      description: 'WARNING checks that failed: the migration may go wrong, an operator may proceed.',
      resolve: (result) => result.checks.filter((check) => !check.passed && check.severity === 'WARNING').length,
    }),
    checks: t.field({
      type: [MigrationCheckRef],
      nullable: false,
      description: 'Every check, in a fixed order: target first, then the source.',
      resolve: (result) => result.checks,
    }),
  }),
});

const MigrationPreflightInput = migrationInput(
  'MigrationPreflightInput',
  'Which replication group would be migrated to, and the source it would migrate from.',
);

builder.queryField('migrationPreflight', (t) =>
  t.field({
    ...accessTo('Query', 'migrationPreflight'),
    type: MigrationPreflightRef,
    nullable: false,
    description:
      'Checks now, synchronously, every prerequisite of an online migration that the target and the source miss: the target as ElastiCache describes it, the source over a real connection from the gateway (AUTH, protected mode, version, databases, renamed commands, cluster mode, shards, ports). Changes nothing: never SYNC/PSYNC, never a write. Answers within PREFLIGHT_TIMEOUT_MS. testMigration asks ElastiCache to do its own test, asynchronously.',
    args: { input: t.arg({ type: MigrationPreflightInput, required: true }) },
    errors: {
      types: [ReplicationGroupNotFoundFault, InvalidInputError],
      directResult: true,
      union: {
        name: 'MigrationPreflightPayload',
        description: 'The checks, or why they could not be made (no such group, or refused input).',
      },
    },
    resolve: (_root, { input }, context) => migrationPreflight(context, input),
  }),
);
