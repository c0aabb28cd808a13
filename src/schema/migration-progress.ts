import { locationArgs } from './location-args.js';
import { MigrationNotInSyncError, MigrationProgressUnavailableError } from '../progress/errors.js';
import type { MigrationProgress as Progress } from '../progress/progress-reader.js';
import { readProgress } from '../progress/read-progress.js';
import type { SYNC_PHASES } from '../progress/sync-progress.js';
import { type ShardSyncProgress as Shard } from '../progress/sync-progress.js';
import { checkReplicationGroupIdArgument, locationArgument } from '../resolvers/arguments.js';
import type { ProgressUpdate } from '../subscriptions/progress-watchers.js';
import { accessTo } from './authorization.js';
import { builder } from './builder.js';
import { ElastiCacheError } from './errors.js';
import { MigrationState } from './migration-state.js';

export const SyncPhase = builder.enumType('SyncPhase', {
  description: "Where a shard's data stands in a migration, as the source and target engines report it.",
  values: {
    CONNECTING: { description: 'The target is connecting to the source.' },
    SNAPSHOT: { description: 'The source is writing its snapshot (RDB) for the target, or waiting to start it.' },
    TRANSFERRING: { description: 'The snapshot is being sent to the target (bytes in `snapshotBytesTransferred`).' },
    LOADING: { description: 'The target received the whole snapshot and loads it.' },
    STREAMING: { description: "The snapshot is loaded: the source's writes stream to the target as they happen." },
    LINK_DOWN: { description: 'The replication link was up and is down now.' },
    UNKNOWN: { description: 'The engines could not be read, or the target could not be told apart (see `blockers`).' },
  } satisfies Record<(typeof SYNC_PHASES)[number], { description: string }>,
});

const MigrationSourceEndpoint = builder
  .objectRef<{ address: string; port: number }>('MigrationSourceEndpoint')
  .implement({
    description: 'The source instance a shard replicates from.',
    fields: (t) => ({
      address: t.exposeString('address', {
        nullable: false,
        description: 'Its address, as the target replicates from it.',
      }),
      port: t.exposeInt('port', { nullable: false, description: 'Its port.' }),
    }),
  });

export const ShardSyncProgress = builder.objectRef<Shard>('ShardSyncProgress').implement({
  description:
    "One shard's sync: from the source's `INFO replication` (its replica line for the target primary and its offset) and, when the gateway reaches it, the target primary's.",
  fields: (t) => ({
    nodeGroupId: t.exposeString('nodeGroupId', { nullable: false, description: 'The shard (node group) id.' }),
    source: t.expose('source', {
      type: MigrationSourceEndpoint,
      nullable: false,
      description: 'Where it replicates from.',
    }),
    phase: t.expose('phase', { type: SyncPhase, nullable: false, description: 'Where its data stands.' }),
    snapshotBytesTotal: t.expose('snapshotBytesTotal', {
      type: 'SafeInt',
      nullable: true,
      description: 'The size of the snapshot being transferred; null where Redis does not report it (diskless sync).',
    }),
    snapshotBytesTransferred: t.expose('snapshotBytesTransferred', {
      type: 'SafeInt',
      nullable: true,
      description: 'Bytes of the snapshot the target has received so far.',
    }),
    sourceOffset: t.expose('sourceOffset', {
      type: 'SafeInt',
      nullable: true,
      description: "The source's replication offset (`master_repl_offset`).",
    }),
    replicatedOffset: t.expose('replicatedOffset', {
      type: 'SafeInt',
      nullable: true,
      description: 'The offset the target has applied.',
    }),
    bytesBehind: t.expose('bytesBehind', {
      type: 'SafeInt',
      nullable: true,
      description: "Bytes of the source's writes the target has still to apply, while streaming.",
    }),
    lagSeconds: t.exposeInt('lagSeconds', {
      nullable: true,
      description: "Seconds since the source last heard from the target (the source's `lag`).",
    }),
    inSync: t.exposeBoolean('inSync', {
      nullable: false,
      description: 'Streaming, with at most CUTOVER_MAX_BYTES_BEHIND bytes behind.',
    }),
    inSyncSince: t.expose('inSyncSince', {
      type: 'DateTime',
      nullable: true,
      description: 'Since when it has been in sync without a break, as this gateway observed.',
    }),
  }),
});

export const MigrationProgress = builder.objectRef<Progress>('MigrationProgress').implement({
  description: "A running migration's data, shard by shard, and whether it may be cut over.",
  fields: (t) => ({
    inSync: t.exposeBoolean('inSync', { nullable: false, description: 'Every shard is in sync.' }),
    readyToComplete: t.exposeBoolean('readyToComplete', {
      nullable: false,
      description: 'Every shard has been in sync for CUTOVER_STABLE_MS: completeMigration will cut over.',
    }),
    blockers: t.exposeStringList('blockers', {
      nullable: false,
      description: 'Why it is not ready to complete, in words (empty when it is).',
    }),
    observedAt: t.expose('observedAt', {
      type: 'DateTime',
      nullable: false,
      description: 'When the engines were read.',
    }),
    shards: t.expose('shards', { type: [ShardSyncProgress], nullable: false, description: 'Each shard.' }),
    done: t.boolean({
      nullable: false,
      description:
        'True on the last push of the migrationProgress subscription: the group no longer migrates (completed or failed; `replicationGroup.migration.phase` tells which). Always false on the `migration.progress` field.',
      resolve: (progress) => (progress as Progress & { done?: boolean }).done ?? false,
    }),
  }),
});

builder.subscriptionField('migrationProgress', (t) =>
  t.field({
    ...accessTo('Subscription', 'migrationProgress'),
    type: MigrationProgress,
    nullable: false,
    description:
      "A migrating group's sync progress, pushed every MIGRATION_PROGRESS_INTERVAL_MS (while the group is still `modifying` after startMigration, with no shards and a blocker saying so); the stream ends after the push that finds the migration over (`done: true`). One read per interval serves every subscriber of the group, on every replica.",
    args: {
      replicationGroupId: t.arg.string({ required: true, description: 'The id of the replication group.' }),
      ...locationArgs(t.arg, 'it is in'),
    },
    subscribe: (_root, args, context) => {
      const location = locationArgument(context, args);
      const id = checkReplicationGroupIdArgument('replicationGroupId', args.replicationGroupId);
      return context.progressWatchers.subscribe(location, id, context.caller.subject);
    },
    resolve: (update: ProgressUpdate) => ({ ...update.progress, done: update.done }),
  }),
);

builder.objectField(MigrationState, 'progress', (t) =>
  t.field({
    tracing: true,
    type: MigrationProgress,
    nullable: true,
    description:
      "Live sync progress while the group migrates (null otherwise), read from the engines' `INFO replication`.",
    resolve: async (state, _args, context) => {
      const group = state.group;
      if (!group || group.Status !== 'migrating') return null;
      return readProgress(context, group);
    },
  }),
);

builder.objectType(MigrationNotInSyncError, {
  name: 'MigrationNotInSync',
  description:
    'completeMigration without force was refused by the gateway: not every shard has been in sync for CUTOVER_STABLE_MS. No AWS call was made.',
  interfaces: [ElastiCacheError],
  fields: (t) => ({
    progress: t.field({
      type: MigrationProgress,
      nullable: false,
      description: 'The progress that was read.',
      resolve: (error) => error.progress,
    }),
  }),
});

builder.objectType(MigrationProgressUnavailableError, {
  name: 'MigrationProgressUnavailable',
  description:
    "completeMigration without force was refused by the gateway: the migration's progress could not be read. No AWS call was made.",
  interfaces: [ElastiCacheError],
});
