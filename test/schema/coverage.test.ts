import * as sdk from '@aws-sdk/client-elasticache';
import { NormalizedSchema } from '@smithy/core/schema';
import { getNamedType, isEnumType, isObjectType, type GraphQLObjectType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { schema } from '../../src/schema/index.js';

/** `ARN` -> `arn`, `MultiAZ` -> `multiAZ`, `KmsKeyId` -> `kmsKeyId`: the naming rule of the schema. */
function camelCase(member: string): string {
  const leadingCapitals = /^[A-Z]+/.exec(member)?.[0] ?? '';
  if (leadingCapitals.length <= 1 || leadingCapitals.length === member.length) {
    return member.slice(0, leadingCapitals.length).toLowerCase() + member.slice(leadingCapitals.length);
  }
  // `ARNValue`: the last capital of the run starts the next word.
  const keep = leadingCapitals.length - 1;
  return member.slice(0, keep).toLowerCase() + member.slice(keep);
}

interface Gap {
  path: string;
  problem: string;
}

/**
 * Walks an SDK structure schema at run time (what the SDK will actually parse) against a GraphQL
 * object type, recursing into nested structures and lists of structures.
 */
function findGaps(sdkSchema: NormalizedSchema, type: GraphQLObjectType, path: string): Gap[] {
  const gaps: Gap[] = [];
  const fields = type.getFields();
  for (const [member, memberSchema] of sdkSchema.structIterator()) {
    const fieldName = camelCase(member);
    const field = fields[fieldName];
    const at = `${path}.${member}`;
    if (!field) {
      gaps.push({ path: at, problem: `no field ${type.name}.${fieldName}` });
      continue;
    }
    if (!field.description) gaps.push({ path: at, problem: `${type.name}.${fieldName} has no description` });
    const target = memberSchema.isListSchema() ? memberSchema.getValueSchema() : memberSchema;
    if (target.isStructSchema()) {
      const named = getNamedType(field.type);
      if (!isObjectType(named)) {
        gaps.push({ path: at, problem: `${type.name}.${fieldName} is not an object type` });
        continue;
      }
      gaps.push(...findGaps(target, named, at));
    }
  }
  return gaps;
}

describe('the schema covers the SDK shapes it models', () => {
  const replicationGroup = schema.getType('ReplicationGroup');

  it('has a described field for every member of ReplicationGroup and its nested shapes, recursively', () => {
    expect(isObjectType(replicationGroup)).toBe(true);
    if (!isObjectType(replicationGroup)) return;
    const members = [...NormalizedSchema.of(sdk.ReplicationGroup$).structIterator()].map(([name]) => name);
    // 35 in @aws-sdk/client-elasticache 3.1127: the 32 of the AWS docs plus three newer ones.
    expect(members.length).toBeGreaterThanOrEqual(35);
    expect(members).toEqual(expect.arrayContaining(['StorageEncryptionType', 'Durability', 'EffectiveDurability']));
    expect(findGaps(NormalizedSchema.of(sdk.ReplicationGroup$), replicationGroup, 'ReplicationGroup')).toEqual([]);
  });

  it('has a described field for every member of the other resource shapes and their nested shapes', () => {
    const shapes: [Parameters<typeof NormalizedSchema.of>[0], string][] = [
      [sdk.ServerlessCache$, 'ServerlessCache'],
      [sdk.ServerlessCacheSnapshot$, 'ServerlessCacheSnapshot'],
      [sdk.Snapshot$, 'ElastiCacheSnapshot'],
      [sdk.User$, 'ElastiCacheUser'],
      [sdk.UserGroup$, 'UserGroup'],
      [sdk.CacheParameterGroup$, 'CacheParameterGroup'],
      [sdk.CacheSubnetGroup$, 'CacheSubnetGroup'],
      [sdk.GlobalReplicationGroup$, 'GlobalReplicationGroup'],
    ];
    for (const [shape, typeName] of shapes) {
      const type = schema.getType(typeName);
      if (!isObjectType(type)) throw new Error(`${typeName} is not an object type`);
      expect(findGaps(NormalizedSchema.of(shape), type, typeName)).toEqual([]);
    }
    // Snapshot's members alone: 29 in @aws-sdk/client-elasticache 3.1127.
    expect([...NormalizedSchema.of(sdk.Snapshot$).structIterator()].length).toBeGreaterThanOrEqual(29);
  });

  it('names nested types after the SDK shapes', () => {
    for (const name of [
      'GlobalReplicationGroupInfo',
      'ReplicationGroupPendingModifiedValues',
      'ElastiCacheReshardingStatus',
      'ElastiCacheSlotMigration',
      'UserGroupsUpdateStatus',
      'PendingLogDeliveryConfiguration',
      'LogDeliveryConfiguration',
      'DestinationDetails',
      'CloudWatchLogsDestinationDetails',
      'KinesisFirehoseDestinationDetails',
      'NodeGroup',
      'NodeGroupMember',
      'ElastiCacheEndpoint',
    ]) {
      const type = schema.getType(name);
      expect(isObjectType(type), name).toBe(true);
      expect(type?.description, name).toBeTruthy();
    }
  });

  it('has an enum value for every value of the SDK enums, in UPPER_SNAKE', () => {
    const pairs: [string, Record<string, string>][] = [
      ['AutomaticFailoverStatus', sdk.AutomaticFailoverStatus],
      ['PendingAutomaticFailoverStatus', sdk.PendingAutomaticFailoverStatus],
      ['MultiAZStatus', sdk.MultiAZStatus],
      ['ElastiCacheDataTieringStatus', sdk.DataTieringStatus],
      ['ElastiCacheClusterMode', sdk.ClusterMode],
      ['ElastiCacheNetworkType', sdk.NetworkType],
      ['ElastiCacheIpDiscovery', sdk.IpDiscovery],
      ['TransitEncryptionMode', sdk.TransitEncryptionMode],
      ['Durability', sdk.Durability],
      ['EffectiveDurability', sdk.EffectiveDurability],
      ['ElastiCacheStorageEncryptionType', sdk.StorageEncryptionType],
      ['AuthTokenUpdateStatus', sdk.AuthTokenUpdateStatus],
      ['ElastiCacheLogType', sdk.LogType],
      ['ElastiCacheDestinationType', sdk.DestinationType],
      ['ElastiCacheLogFormat', sdk.LogFormat],
      ['LogDeliveryConfigurationStatus', sdk.LogDeliveryConfigurationStatus],
      ['ElastiCacheSourceType', sdk.SourceType],
    ];
    for (const [name, sdkEnum] of pairs) {
      const type = schema.getType(name);
      if (!isEnumType(type)) throw new Error(`${name} is not an enum`);
      const values = Object.fromEntries(type.getValues().map((value) => [value.name, value.value as string]));
      for (const wire of Object.values(sdkEnum)) {
        const graphqlName = wire.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
        expect(values[graphqlName], `${name}.${graphqlName}`).toBe(wire);
      }
    }
    // Two spellings the rule must handle, checked by hand: an underscore and a hyphen on the wire.
    const networkType = schema.getType('ElastiCacheNetworkType');
    const logType = schema.getType('ElastiCacheLogType');
    expect(isEnumType(networkType) && isEnumType(logType)).toBe(true);
    if (!isEnumType(networkType) || !isEnumType(logType)) return;
    expect(networkType.getValue('DUAL_STACK')?.value).toBe('dual_stack');
    expect(logType.getValue('SLOW_LOG')?.value).toBe('slow-log');
  });

  it('describes every type and field a user can see in GraphiQL', () => {
    const undocumented: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (
        type.name.startsWith('__') ||
        type.name.startsWith('_') ||
        ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)
      )
        continue;
      if (!type.description) undocumented.push(type.name);
      if (isObjectType(type)) {
        for (const field of Object.values(type.getFields())) {
          if (!field.description && !field.name.startsWith('_')) undocumented.push(`${type.name}.${field.name}`);
        }
      }
    }
    expect(undocumented).toEqual([]);
  });
});
