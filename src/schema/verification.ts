import { ReplicationGroupNotFoundFault } from '@aws-sdk/client-elasticache';
import { InvalidInputError } from '../errors.js';
import {
  migrationVerification,
  MigrationSourceUnreachableError,
  MigrationTargetUnreachableError,
  VERIFICATION_DEFAULTS,
} from '../resolvers/verification.js';
import { DIFFERENCE_KINDS, type DifferenceKind } from '../verification/compare.js';
import type { KeyDifference, VerificationResult, VerificationVerdict } from '../verification/verifier.js';
import { accessTo } from './authorization.js';
import { builder } from './builder.js';
import { ElastiCacheError } from './errors.js';

const VERDICTS: Record<VerificationVerdict, string> = {
  MATCH: 'Every sampled key has the same type, value and TTL (within the tolerance) on the target.',
  MISMATCH: 'At least one sampled key is missing or different on the target (see `differences`).',
  INCONCLUSIVE:
    'The comparison says too little: cut short by VERIFICATION_TIMEOUT_MS, or too many keys still changing while the migration streams (see `reason`).',
};

const KINDS: Record<DifferenceKind, string> = {
  MISSING: 'The key is on the source and not on the target.',
  TYPE: 'The key has another type on the target.',
  VALUE: 'The value differs (compared whole up to 1 MiB or 10,000 elements, else by length).',
  TTL: 'One side expires the key and the other does not, or their TTLs differ by more than the tolerance.',
};

export const VerificationVerdictEnum = builder.enumType('VerificationVerdict', {
  description: 'What a migration verification concluded from its sample.',
  values: Object.fromEntries(
    Object.entries(VERDICTS).map(([value, description]) => [value, { value, description }]),
  ) as Record<VerificationVerdict, { value: VerificationVerdict; description: string }>,
});

export const KeyDifferenceKindEnum = builder.enumType('KeyDifferenceKind', {
  description: 'How a key on the target differs from the source.',
  values: Object.fromEntries(
    DIFFERENCE_KINDS.map((kind) => [kind, { value: kind, description: KINDS[kind] }]),
  ) as Record<DifferenceKind, { value: DifferenceKind; description: string }>,
});

const DatabaseComparison = builder.objectRef<VerificationResult['databases'][number]>('DatabaseComparison').implement({
  description: "One logical database's key counts on both sides (INFO keyspace; every shard summed).",
  fields: (t) => ({
    database: t.exposeInt('database', { nullable: false, description: 'The database number (0 to 15).' }),
    sourceKeys: t.expose('sourceKeys', { type: 'SafeInt', nullable: false, description: 'Keys on the source.' }),
    targetKeys: t.expose('targetKeys', { type: 'SafeInt', nullable: false, description: 'Keys on the target.' }),
  }),
});

const KeyDifferenceRef = builder.objectRef<KeyDifference>('KeyDifference').implement({
  description: 'A sampled key that differs on the target.',
  fields: (t) => ({
    database: t.exposeInt('database', { nullable: false, description: 'The database holding the key.' }),
    key: t.exposeString('key', {
      nullable: false,
      description: "The key's name as UTF-8, cut to 200 characters.",
    }),
    kind: t.expose('kind', { type: KeyDifferenceKindEnum, nullable: false, description: 'How it differs.' }),
  }),
});

const count = (description: string) => ({ nullable: false as const, description });

export const MigrationVerificationRef = builder.objectRef<VerificationResult>('MigrationVerification').implement({
  description: "A sample of the source's keys compared with the target's copies, read-only on both sides.",
  fields: (t) => ({
    verdict: t.expose('verdict', { type: VerificationVerdictEnum, nullable: false, description: 'The conclusion.' }),
    reason: t.exposeString('reason', {
      description: 'Why the verdict is INCONCLUSIVE, or how much MISMATCH found, in words; null for MATCH.',
    }),
    keysSampled: t.exposeInt('keysSampled', count('Keys compared (keys gone from the source meanwhile are not).')),
    databases: t.field({
      type: [DatabaseComparison],
      nullable: false,
      description: 'Every database holding keys on either side, with its key counts.',
      resolve: (result) => result.databases,
    }),
    missingOnTarget: t.exposeInt('missingOnTarget', count('Sampled keys missing on the target.')),
    typeMismatches: t.exposeInt('typeMismatches', count('Sampled keys of another type on the target.')),
    valueMismatches: t.exposeInt('valueMismatches', count('Sampled keys whose value differs on the target.')),
    ttlMismatches: t.exposeInt('ttlMismatches', count('Sampled keys whose TTL differs beyond the tolerance.')),
    inFlight: t.exposeInt(
      'inFlight',
      count('Keys still different when read again while the migration streams: writes on their way, not mismatches.'),
    ),
    comparedByLength: t.exposeInt(
      'comparedByLength',
      count(
        'Keys whose values were compared by type and length only (over 1 MiB or 10,000 elements, or a module type).',
      ),
    ),
    differences: t.field({
      type: [KeyDifferenceRef],
      nullable: false,
      description: 'The first 20 differing keys.',
      resolve: (result) => result.differences,
    }),
    sourceCommands: t.exposeInt(
      'sourceCommands',
      count('Commands sent to the source (at most maxSourceCommandsPerSecond).'),
    ),
    durationMs: t.exposeInt('durationMs', count('How long the comparison took.')),
  }),
});

builder.objectType(MigrationTargetUnreachableError, {
  name: 'MigrationTargetUnreachable',
  description:
    "The target's shard primaries cannot be read from where the gateway runs (PREFLIGHT_ALLOWED_NETWORKS, a connection refused, no endpoint).",
  interfaces: [ElastiCacheError],
});

builder.objectType(MigrationSourceUnreachableError, {
  name: 'MigrationSourceUnreachable',
  description: 'The source cannot be read from where the gateway runs.',
  interfaces: [ElastiCacheError],
});

const MigrationVerificationSourceInput = builder.inputType('MigrationVerificationSourceInput', {
  description: 'The self-hosted source to compare with (cluster mode: any of its nodes).',
  fields: (t) => ({
    address: t.string({ required: true, description: 'Its host name or IPv4/IPv6 address (no brackets, no port).' }),
    port: t.int({ required: true, description: 'Its port, 1 to 65535.' }),
  }),
});

const MigrationVerificationInput = builder.inputType('MigrationVerificationInput', {
  description: 'Which migration to verify, and how much to compare.',
  fields: (t) => ({
    replicationGroupId: t.string({ required: true, description: 'The replication group data was migrated to.' }),
    account: t.string({
      description: 'The AWS account of the replication group (one of `accounts`); the default account when omitted.',
    }),
    region: t.string({ description: 'The AWS Region of the replication group; the gateway default when omitted.' }),
    source: t.field({
      type: MigrationVerificationSourceInput,
      description:
        'The source; while the group migrates, what its shards replicate from when omitted (required after the cutover).',
    }),
    sampleSize: t.int({
      description: `Keys to sample over every database of the source, 1 to 100000 (default ${VERIFICATION_DEFAULTS.sampleSize}).`,
    }),
    ttlToleranceSeconds: t.int({
      description: `How far two TTLs may differ and still match, 0 to 86400 (default ${VERIFICATION_DEFAULTS.ttlToleranceSeconds}).`,
    }),
    maxSourceCommandsPerSecond: t.int({
      description: `At most this many commands a second against the source, 1 to 100000 (default ${VERIFICATION_DEFAULTS.maxSourceCommandsPerSecond}).`,
    }),
  }),
});

builder.queryField('migrationVerification', (t) =>
  t.field({
    ...accessTo('Query', 'migrationVerification'),
    type: MigrationVerificationRef,
    nullable: false,
    description:
      "Proves the data arrived: samples keys over every database (and shard) of the source and compares each with the target's copy (type, value, TTL), with read-only commands only (never a write, KEYS, DEBUG, SYNC, MONITOR or a blocking command), at most maxSourceCommandsPerSecond against the source, within VERIFICATION_TIMEOUT_MS. Needs elasticache:migrate: it reads keys.",
    args: { input: t.arg({ type: MigrationVerificationInput, required: true }) },
    errors: {
      types: [
        ReplicationGroupNotFoundFault,
        InvalidInputError,
        MigrationTargetUnreachableError,
        MigrationSourceUnreachableError,
      ],
      directResult: true,
      union: {
        name: 'MigrationVerificationPayload',
        description: 'The comparison, or why it could not be made.',
      },
    },
    resolve: (_root, { input }, context) => migrationVerification(context, input),
  }),
);
