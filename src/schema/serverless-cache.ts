import type {
  CacheUsageLimits as SdkCacheUsageLimits,
  DataStorage as SdkDataStorage,
  ECPUPerSecond as SdkECPUPerSecond,
  ServerlessCacheConfiguration as SdkServerlessCacheConfiguration,
} from '@aws-sdk/client-elasticache';
import { locationKey } from '../aws/location-key.js';
import { resourceReader } from '../aws/resources.js';
import { RESOURCE_KINDS } from '../rules/resource-kinds.js';
import { builder } from './builder.js';
import { NetworkType, StorageEncryptionType } from './enums.js';
import { Endpoint } from './replication-group.js';
import { loadedList, loadedOne, resourceConnection } from './resource-links.js';
import { resourceType } from './resource-type.js';
import { UserGroup } from './users.js';

/*
 * Serverless caches (DescribeServerlessCaches) and their snapshots (DescribeServerlessCacheSnapshots):
 * every member of both SDK shapes, read-only.
 */

const DataStorage = builder.objectRef<SdkDataStorage>('ElastiCacheDataStorage').implement({
  description: 'The bounds of the data a serverless cache stores.',
  fields: (t) => ({
    unit: t.exposeString('Unit', { description: 'The unit of the bounds: GB.' }),
    maximum: t.exposeInt('Maximum', { description: 'The most data the cache may hold, in `unit`.' }),
    minimum: t.exposeInt('Minimum', { description: 'The least data the cache is billed for, in `unit`.' }),
  }),
});

const ECPUPerSecond = builder.objectRef<SdkECPUPerSecond>('ECPUPerSecond').implement({
  description: 'The bounds of the ElastiCache Processing Units (ECPUs) a serverless cache may use per second.',
  fields: (t) => ({
    maximum: t.exposeInt('Maximum', { description: 'The most ECPUs per second.' }),
    minimum: t.exposeInt('Minimum', { description: 'The least ECPUs per second the cache is billed for.' }),
  }),
});

const CacheUsageLimits = builder.objectRef<SdkCacheUsageLimits>('CacheUsageLimits').implement({
  description: 'How far a serverless cache may scale.',
  fields: (t) => ({
    dataStorage: t.expose('DataStorage', { type: DataStorage, description: 'The bounds of the data stored.' }),
    ecpuPerSecond: t.expose('ECPUPerSecond', {
      type: ECPUPerSecond,
      description: 'The bounds of the processing units per second.',
    }),
  }),
});

const ServerlessCacheConfiguration = builder
  .objectRef<SdkServerlessCacheConfiguration>('ServerlessCacheConfiguration')
  .implement({
    description: 'The serverless cache a snapshot was taken of, as it was then.',
    fields: (t) => ({
      serverlessCacheName: t.exposeString('ServerlessCacheName', { description: 'The name of the serverless cache.' }),
      engine: t.exposeString('Engine', { description: 'Its engine: valkey, redis or memcached.' }),
      majorEngineVersion: t.exposeString('MajorEngineVersion', { description: 'Its major engine version.' }),
    }),
  });

const serverlessCacheSnapshots = resourceReader(RESOURCE_KINDS.serverlessCacheSnapshot);

export const ServerlessCacheSnapshot = resourceType({
  reader: serverlessCacheSnapshots,
  description: 'A snapshot (backup) of a serverless cache.',
  idField: { name: 'serverlessCacheSnapshotName', description: 'The name of the snapshot.' },
  lookup: { field: 'serverlessCacheSnapshot', description: 'One serverless cache snapshot by name, or null.' },
  listing: {
    field: 'serverlessCacheSnapshots',
    description: 'Serverless cache snapshots, of one serverless cache when `serverlessCacheName` is given.',
    filters: {
      serverlessCacheName: {
        member: 'ServerlessCacheName',
        description: 'Only the snapshots of this serverless cache.',
        kind: RESOURCE_KINDS.serverlessCache,
      },
    },
  },
  fields: (t) => ({
    kmsKeyId: t.exposeString('KmsKeyId', { description: 'The AWS KMS key that encrypts the snapshot.' }),
    snapshotType: t.exposeString('SnapshotType', { description: 'automated or manual.' }),
    status: t.exposeString('Status', { description: 'available, creating, copying, deleting, ...' }),
    createTime: t.expose('CreateTime', { type: 'DateTime', description: 'When the snapshot was taken.' }),
    expiryTime: t.expose('ExpiryTime', { type: 'DateTime', description: 'When the snapshot expires.' }),
    bytesUsedForCache: t.exposeString('BytesUsedForCache', {
      description: 'The size of the cached data, in bytes (as AWS writes it).',
    }),
    serverlessCacheConfiguration: t.expose('ServerlessCacheConfiguration', {
      type: ServerlessCacheConfiguration,
      description: 'The serverless cache it was taken of.',
    }),
  }),
});

export const ServerlessCache = resourceType({
  reader: resourceReader(RESOURCE_KINDS.serverlessCache),
  description:
    'A serverless cache: Valkey, Redis OSS or Memcached that scales by itself within its usage limits, with one endpoint (and a reader endpoint).',
  idField: { name: 'serverlessCacheName', description: 'The name of the serverless cache.' },
  lookup: { field: 'serverlessCache', description: 'One serverless cache by name (case-insensitive), or null.' },
  listing: { field: 'serverlessCaches', description: 'Serverless caches.' },
  fields: (t) => ({
    description: t.exposeString('Description', { description: 'The description its owner gave it.' }),
    createTime: t.expose('CreateTime', { type: 'DateTime', description: 'When it was created.' }),
    status: t.exposeString('Status', { description: 'available, creating, deleting, create-failed or modifying.' }),
    engine: t.exposeString('Engine', { description: 'The engine: valkey, redis or memcached.' }),
    majorEngineVersion: t.exposeString('MajorEngineVersion', { description: 'The major engine version, e.g. 8.' }),
    fullEngineVersion: t.exposeString('FullEngineVersion', { description: 'The full engine version, e.g. 8.0.' }),
    cacheUsageLimits: t.expose('CacheUsageLimits', {
      type: CacheUsageLimits,
      description: 'How far it may scale: data stored and processing units per second.',
    }),
    kmsKeyId: t.exposeString('KmsKeyId', { description: 'The AWS KMS key that encrypts its data at rest.' }),
    storageEncryptionType: t.expose('StorageEncryptionType', {
      type: StorageEncryptionType,
      description: 'How its data at rest is encrypted.',
    }),
    securityGroupIds: t.stringList({
      nullable: false,
      description: 'The VPC security groups of its endpoint; empty when none.',
      resolve: (cache) => cache.SecurityGroupIds ?? [],
    }),
    endpoint: t.expose('Endpoint', { type: Endpoint, description: 'Where clients connect.' }),
    readerEndpoint: t.expose('ReaderEndpoint', {
      type: Endpoint,
      description: 'Where clients connect for reads that may lag a little (from replicas).',
    }),
    userGroupId: t.exposeString('UserGroupId', { description: 'The user group (RBAC) that controls access.' }),
    subnetIds: t.stringList({
      nullable: false,
      description: 'The VPC subnets of its endpoint; empty when none.',
      resolve: (cache) => cache.SubnetIds ?? [],
    }),
    snapshotRetentionLimit: t.exposeInt('SnapshotRetentionLimit', {
      description: 'How many days automatic snapshots are kept.',
    }),
    dailySnapshotTime: t.exposeString('DailySnapshotTime', {
      description: 'The daily UTC time at which the automatic snapshot starts, e.g. 04:00.',
    }),
    networkType: t.expose('NetworkType', { type: NetworkType, description: 'The IP protocols the endpoint accepts.' }),
    userGroup: loadedOne(t, UserGroup, {
      description: 'The user group that controls access.',
      keyOf: (cache) => (cache.UserGroupId ? locationKey(cache.location, cache.UserGroupId) : null),
    }),
    snapshots: resourceConnection(t, serverlessCacheSnapshots, ServerlessCacheSnapshot, {
      description: 'The snapshots of this serverless cache, in pages.',
      filterOf: (cache) => ({ ServerlessCacheName: cache.ServerlessCacheName ?? '' }),
    }),
  }),
});

// The caches of a user group, once both types exist.
builder.objectField(UserGroup, 'serverlessCaches', (t) =>
  loadedList(t, ServerlessCache, {
    description: 'The serverless caches that use this user group.',
    keysOf: (group) => (group.ServerlessCaches ?? []).map((name) => locationKey(group.location, name)),
  }),
);
