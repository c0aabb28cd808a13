import type {
  AvailabilityZone as SdkAvailabilityZone,
  Parameter as SdkParameter,
  Subnet as SdkSubnet,
  SubnetOutpost as SdkSubnetOutpost,
} from '@aws-sdk/client-elasticache';
import { locationKey } from '../aws/location-key.js';
import { resourceReader } from '../aws/resources.js';
import { RESOURCE_KINDS } from '../rules/resource-kinds.js';
import { builder } from './builder.js';
import { CacheCluster } from './cache-cluster.js';
import { NetworkType } from './enums.js';
import { forwardConnection, forwardPageArgs } from './forward-pages.js';
import { loadedOne } from './resource-links.js';
import { resourceType } from './resource-type.js';
import { listCacheParameters, PARAMETER_SOURCES } from '../resolvers/cache-parameters.js';

/*
 * Where clusters run and how they are tuned: subnet groups (DescribeCacheSubnetGroups) and
 * parameter groups (DescribeCacheParameterGroups), every member of both SDK shapes; a cluster's
 * `subnetGroup` and `parameterGroup` resolve to them.
 */

const AvailabilityZone = builder.objectRef<SdkAvailabilityZone>('ElastiCacheAvailabilityZone').implement({
  description: 'An Availability Zone.',
  fields: (t) => ({ name: t.exposeString('Name', { description: 'The name of the zone, e.g. us-east-1a.' }) }),
});

const SubnetOutpost = builder.objectRef<SdkSubnetOutpost>('SubnetOutpost').implement({
  description: 'The AWS Outpost a subnet is on.',
  fields: (t) => ({ subnetOutpostArn: t.exposeString('SubnetOutpostArn', { description: 'The ARN of the Outpost.' }) }),
});

const Subnet = builder.objectRef<SdkSubnet>('ElastiCacheSubnet').implement({
  description: 'A VPC subnet of a subnet group.',
  fields: (t) => ({
    subnetIdentifier: t.exposeString('SubnetIdentifier', { description: 'The id of the subnet (subnet-...).' }),
    subnetAvailabilityZone: t.expose('SubnetAvailabilityZone', {
      type: AvailabilityZone,
      description: 'The Availability Zone of the subnet.',
    }),
    subnetOutpost: t.expose('SubnetOutpost', {
      type: SubnetOutpost,
      description: 'The Outpost of the subnet, if any.',
    }),
    supportedNetworkTypes: t.field({
      type: [NetworkType],
      nullable: false,
      description: 'The IP protocols the subnet supports.',
      resolve: (subnet) => subnet.SupportedNetworkTypes ?? [],
    }),
  }),
});

export const CacheSubnetGroup = resourceType({
  reader: resourceReader(RESOURCE_KINDS.cacheSubnetGroup),
  description: 'A subnet group: the VPC subnets (one per Availability Zone, usually) where nodes are placed.',
  idField: { name: 'cacheSubnetGroupName', description: 'The name of the subnet group.' },
  lookup: { field: 'cacheSubnetGroup', description: 'One subnet group by name (case-insensitive), or null.' },
  listing: { field: 'cacheSubnetGroups', description: 'Subnet groups.' },
  fields: (t) => ({
    cacheSubnetGroupDescription: t.exposeString('CacheSubnetGroupDescription', {
      description: 'The description its owner gave it.',
    }),
    vpcId: t.exposeString('VpcId', { description: 'The VPC of its subnets.' }),
    subnets: t.field({
      type: [Subnet],
      nullable: false,
      description: 'Its subnets.',
      resolve: (group) => group.Subnets ?? [],
    }),
    supportedNetworkTypes: t.field({
      type: [NetworkType],
      nullable: false,
      description: 'The IP protocols all of its subnets support.',
      resolve: (group) => group.SupportedNetworkTypes ?? [],
    }),
  }),
});

const Parameter = builder.objectRef<SdkParameter>('ElastiCacheParameter').implement({
  description: 'One engine setting of a parameter group.',
  fields: (t) => ({
    parameterName: t.exposeString('ParameterName', { description: 'The name of the setting, e.g. maxmemory-policy.' }),
    parameterValue: t.exposeString('ParameterValue', { description: 'Its value in this group.' }),
    description: t.exposeString('Description', { description: 'What the setting does.' }),
    source: t.exposeString('Source', { description: 'Where the value comes from: user, system or engine-default.' }),
    dataType: t.exposeString('DataType', { description: 'The type of the value: string, integer, boolean, ...' }),
    allowedValues: t.exposeString('AllowedValues', { description: 'The values allowed, as AWS writes them.' }),
    isModifiable: t.exposeBoolean('IsModifiable', { description: 'Whether the value can be changed.' }),
    minimumEngineVersion: t.exposeString('MinimumEngineVersion', {
      description: 'The oldest engine version the setting applies to.',
    }),
    changeType: t.exposeString('ChangeType', {
      description: 'immediate, or requires-reboot: when a change takes effect.',
    }),
  }),
});

const ParameterConnection = forwardConnection(Parameter, 'ElastiCacheParameter', {
  connection: 'A page of the parameters of a parameter group.',
  edge: 'A parameter and the cursor to resume after it.',
});

export const CacheParameterGroup = resourceType({
  reader: resourceReader(RESOURCE_KINDS.cacheParameterGroup),
  description:
    'A parameter group: engine settings (maxmemory-policy, reserved-memory-percent, ...) applied to clusters.',
  idField: { name: 'cacheParameterGroupName', description: 'The name of the parameter group.' },
  lookup: { field: 'cacheParameterGroup', description: 'One parameter group by name (case-insensitive), or null.' },
  listing: { field: 'cacheParameterGroups', description: 'Parameter groups.' },
  fields: (t) => ({
    cacheParameterGroupFamily: t.exposeString('CacheParameterGroupFamily', {
      description: 'The engine family it applies to, e.g. redis7 or valkey8.',
    }),
    description: t.exposeString('Description', { description: 'The description its owner gave it.' }),
    isGlobal: t.exposeBoolean('IsGlobal', { description: 'Whether it belongs to a Global datastore.' }),
    parameters: t.field({
      tracing: true,
      type: ParameterConnection,
      nullable: false,
      description:
        'Its parameters (DescribeCacheParameters), in pages of `first` (1 to 100, default 20), of one `source` when given.',
      args: {
        ...forwardPageArgs(t.arg),
        source: t.arg.string({ description: `Only parameters of this source: ${PARAMETER_SOURCES.join(', ')}.` }),
      },
      resolve: (group, args, context) => listCacheParameters(context, group, args),
    }),
  }),
});

builder.objectField(CacheCluster, 'subnetGroup', (t) =>
  loadedOne(t, CacheSubnetGroup, {
    description: 'The subnet group of the cluster (`cacheSubnetGroupName`).',
    keyOf: (cluster) =>
      cluster.CacheSubnetGroupName ? locationKey(cluster.location, cluster.CacheSubnetGroupName) : null,
  }),
);

builder.objectField(CacheCluster, 'parameterGroup', (t) =>
  loadedOne(t, CacheParameterGroup, {
    description: 'The parameter group of the cluster (`cacheParameterGroup.cacheParameterGroupName`).',
    keyOf: (cluster) => {
      const name = cluster.CacheParameterGroup?.CacheParameterGroupName;
      return name ? locationKey(cluster.location, name) : null;
    },
  }),
);
