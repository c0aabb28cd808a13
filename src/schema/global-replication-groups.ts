import type {
  GlobalNodeGroup as SdkGlobalNodeGroup,
  GlobalReplicationGroupMember as SdkGlobalReplicationGroupMember,
} from '@aws-sdk/client-elasticache';
import { locationKey } from '../aws/location-key.js';
import { resourceReader } from '../aws/resources.js';
import { RESOURCE_KINDS } from '../rules/resource-kinds.js';
import { builder } from './builder.js';
import { ReplicationGroup } from './replication-group.js';
import { loadedOne } from './resource-links.js';
import { resourceType } from './resource-type.js';

/*
 * Global datastores (DescribeGlobalReplicationGroups): replication groups in several regions kept
 * in sync, every member of the SDK shape. They are global: read in any region, ARNs without one.
 */

/** A member as its datastore lists it, with the datastore's account: the member group is in the same one. */
type MemberRecord = SdkGlobalReplicationGroupMember & { accountId: string | null };

const GlobalReplicationGroupMember = builder.objectRef<MemberRecord>('GlobalReplicationGroupMember').implement({
  description: 'A replication group of a Global datastore, in its region.',
  fields: (t) => ({
    replicationGroupId: t.exposeString('ReplicationGroupId', { description: 'The id of the replication group.' }),
    replicationGroupRegion: t.exposeString('ReplicationGroupRegion', { description: 'The region it is in.' }),
    role: t.exposeString('Role', { description: 'primary (takes writes) or secondary (read-only).' }),
    automaticFailover: t.exposeString('AutomaticFailover', {
      description: 'Whether it fails over automatically: enabled, disabled, enabling or disabling.',
    }),
    status: t.exposeString('Status', { description: 'associated, associating or disassociating.' }),
    replicationGroup: loadedOne(t, ReplicationGroup, {
      description: 'The replication group itself, when this gateway serves its region.',
      keyOf: (member, context) => {
        const location =
          member.ReplicationGroupId && member.ReplicationGroupRegion
            ? context.clients.arnLocation(member.accountId ?? '', member.ReplicationGroupRegion)
            : null;
        return location !== null && member.ReplicationGroupId ? locationKey(location, member.ReplicationGroupId) : null;
      },
    }),
  }),
});

const GlobalNodeGroup = builder.objectRef<SdkGlobalNodeGroup>('GlobalNodeGroup').implement({
  description: 'A shard of a Global datastore, the same hash slots in every member.',
  fields: (t) => ({
    globalNodeGroupId: t.exposeString('GlobalNodeGroupId', { description: 'The id of the shard.' }),
    slots: t.exposeString('Slots', { description: 'Its hash slots, e.g. 0-8191.' }),
  }),
});

export const GlobalReplicationGroup = resourceType({
  reader: resourceReader(RESOURCE_KINDS.globalReplicationGroup),
  description: 'A Global datastore: replication groups in several regions, one primary taking writes, kept in sync.',
  idField: { name: 'globalReplicationGroupId', description: 'The name of the Global datastore.' },
  lookup: { field: 'globalReplicationGroup', description: 'One Global datastore by name, or null.' },
  listing: { field: 'globalReplicationGroups', description: 'Global datastores.' },
  fields: (t) => ({
    globalReplicationGroupDescription: t.exposeString('GlobalReplicationGroupDescription', {
      description: 'The description its owner gave it.',
    }),
    status: t.exposeString('Status', { description: 'creating, available, modifying, primary-only, deleting, ...' }),
    cacheNodeType: t.exposeString('CacheNodeType', { description: 'The node type of every member.' }),
    engine: t.exposeString('Engine', { description: 'The engine: valkey or redis.' }),
    engineVersion: t.exposeString('EngineVersion', { description: 'The engine version of every member.' }),
    members: t.field({
      type: [GlobalReplicationGroupMember],
      nullable: false,
      description: 'Its replication groups, one per region.',
      resolve: (group) => (group.Members ?? []).map((member) => ({ ...member, accountId: group.accountId })),
    }),
    clusterEnabled: t.exposeBoolean('ClusterEnabled', { description: 'Whether it is sharded (cluster mode).' }),
    globalNodeGroups: t.field({
      type: [GlobalNodeGroup],
      nullable: false,
      description: 'Its shards.',
      resolve: (group) => group.GlobalNodeGroups ?? [],
    }),
    authTokenEnabled: t.exposeBoolean('AuthTokenEnabled', { description: 'Whether clients must AUTH with a token.' }),
    transitEncryptionEnabled: t.exposeBoolean('TransitEncryptionEnabled', { description: 'Whether TLS is on.' }),
    atRestEncryptionEnabled: t.exposeBoolean('AtRestEncryptionEnabled', {
      description: 'Whether encryption at rest is on.',
    }),
  }),
});

builder.objectField(ReplicationGroup, 'globalReplicationGroup', (t) =>
  loadedOne(t, GlobalReplicationGroup, {
    description: 'The Global datastore the group belongs to (`globalReplicationGroupInfo`), read in its region.',
    keyOf: (group) => {
      const id = group.GlobalReplicationGroupInfo?.GlobalReplicationGroupId;
      return id ? locationKey(group.location, id) : null;
    },
  }),
);
