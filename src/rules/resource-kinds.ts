import {
  CacheClusterNotFoundFault,
  CacheParameterGroupNotFoundFault,
  CacheSubnetGroupNotFoundFault,
  DescribeCacheClustersCommand,
  DescribeCacheParameterGroupsCommand,
  DescribeCacheSubnetGroupsCommand,
  DescribeGlobalReplicationGroupsCommand,
  DescribeReplicationGroupsCommand,
  DescribeServerlessCacheSnapshotsCommand,
  DescribeServerlessCachesCommand,
  DescribeSnapshotsCommand,
  DescribeUserGroupsCommand,
  DescribeUsersCommand,
  type ElastiCacheServiceException,
  GlobalReplicationGroupNotFoundFault,
  type ElastiCacheClientResolvedConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
  ReplicationGroupNotFoundFault,
  ServerlessCacheNotFoundFault,
  ServerlessCacheSnapshotNotFoundFault,
  SnapshotNotFoundFault,
  UserGroupNotFoundFault,
  UserNotFoundFault,
} from '@aws-sdk/client-elasticache';
import type { Command } from '@smithy/types';
import { isCacheClusterId, isReplicationGroupId, isResourceName } from './resource-ids.js';
import { operationOf } from './sdk-names.js';

/**
 * One definition per AWS resource type the gateway reads: how ElastiCache describes it, pages it,
 * names it and says it does not exist. The gateway's readers (by id, by page, in batches), its
 * fault policy and its schema types follow from it (src/aws/resources.ts,
 * src/schema/resource-type.ts), and the local endpoint serves every kind from it
 * (src/local/described-resources.ts). Typed against the SDK's own input and output types, so
 * a member name that the operation does not have is a compile error.
 */

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the SDK's fault constructors take one options object each
export type FaultClass = new (...args: any[]) => ElastiCacheServiceException;

/** The keys of T whose values are V (optional members included). */
export type KeysOf<T, V> = { [K in keyof T]-?: NonNullable<T[K]> extends V ? K : never }[keyof T] & string;

/** The item type of the list member L of an operation's output. */
export type ItemOf<Output, L extends keyof Output> =
  NonNullable<Output[L]> extends readonly (infer Item)[] ? Item : never;

/**
 * How a listing pages: Marker with MaxRecords (most Describe operations) or NextToken with
 * MaxResults (the serverless ones), within AWS's bounds for the page size.
 */
export type Paging<Input> = Input extends { NextToken?: string }
  ? { token: 'NextToken'; sizeParameter: 'MaxResults'; minPageSize: number; maxPageSize: number }
  : Input extends { Marker?: string }
    ? { token: 'Marker'; sizeParameter: 'MaxRecords'; minPageSize: number; maxPageSize: number }
    : never;

export interface ResourceKindSpec<
  Input extends ServiceInputTypes,
  Output extends ServiceOutputTypes,
  L extends KeysOf<Output, unknown[]>,
> {
  /** The GraphQL type name; also the kind of a listing's cursors. */
  typeName: string;
  /** Its Describe command: the operation is the command's name without `Command`. */
  Command: new (
    input: Input,
  ) => Command<ServiceInputTypes, Input, ServiceOutputTypes, Output, ElastiCacheClientResolvedConfig>;
  /** The output member holding the items, e.g. ReplicationGroups. */
  listMember: L;
  /** The item member that identifies it in a region, e.g. ReplicationGroupId. */
  idMember: KeysOf<ItemOf<Output, L>, string>;
  /** The input member that asks for one item by id. */
  idParameter: KeysOf<Input, string>;
  paging: Paging<Input>;
  /** The fault ElastiCache answers for an id it does not know: a null, not an error. */
  notFound: FaultClass;
  /** Up to this many ids of one region in a request are read one call each; more cost one listing. */
  perIdLimit: number;
  /** Input sent with every call, e.g. ShowCacheNodeInfo. */
  fixedInput?: Partial<Input>;
  /** The resource type in its ARNs, `arn:aws:elasticache:<region>:<account>:<type>:<id>`. */
  arnType: string;
  /**
   * Global resources (Global datastores) have ARNs without a region and are read in any region:
   * an ARN of theirs is read in the gateway's default region.
   */
  global?: boolean;
  /** Whether an id can name one of these at all (ids that cannot cost no call). */
  isId: (id: string) => boolean;
}

export interface ResourceKind<
  Input extends ServiceInputTypes = ServiceInputTypes,
  Output extends ServiceOutputTypes = ServiceOutputTypes,
  L extends KeysOf<Output, unknown[]> = never,
> extends ResourceKindSpec<Input, Output, L> {
  /** The Describe operation, e.g. DescribeReplicationGroups. */
  operation: string;
}

/** Any resource kind, for code that handles every kind alike (the fault policy, the local endpoint). */
export interface AnyResourceKind {
  typeName: string;
  operation: string;
  Command: new (input: never) => object;
  listMember: string;
  idMember: string;
  idParameter: string;
  paging: {
    token: 'Marker' | 'NextToken';
    sizeParameter: 'MaxRecords' | 'MaxResults';
    minPageSize: number;
    maxPageSize: number;
  };
  notFound: FaultClass;
  perIdLimit: number;
  fixedInput?: object;
  arnType: string;
  global?: boolean;
  isId: (id: string) => boolean;
}

export function resourceKind<
  Input extends ServiceInputTypes,
  Output extends ServiceOutputTypes,
  L extends KeysOf<Output, unknown[]>,
>(spec: ResourceKindSpec<Input, Output, L>): ResourceKind<Input, Output, L> {
  return { ...spec, operation: operationOf(spec.Command as new (input: never) => object) };
}

/**
 * Kinds an account holds few of (users, parameter groups, ...), listed whole in one page: two ids
 * or more cost that one listing rather than a call each.
 */
const SMALL_LISTING = 1;

const MARKER_100 = { token: 'Marker', sizeParameter: 'MaxRecords', minPageSize: 20, maxPageSize: 100 } as const;

export const RESOURCE_KINDS = {
  replicationGroup: resourceKind({
    typeName: 'ReplicationGroup',
    Command: DescribeReplicationGroupsCommand,
    listMember: 'ReplicationGroups',
    idMember: 'ReplicationGroupId',
    idParameter: 'ReplicationGroupId',
    paging: MARKER_100,
    notFound: ReplicationGroupNotFoundFault,
    perIdLimit: 3,
    arnType: 'replicationgroup',
    isId: isReplicationGroupId,
  }),
  cacheCluster: resourceKind({
    typeName: 'CacheCluster',
    Command: DescribeCacheClustersCommand,
    listMember: 'CacheClusters',
    idMember: 'CacheClusterId',
    idParameter: 'CacheClusterId',
    paging: MARKER_100,
    notFound: CacheClusterNotFoundFault,
    perIdLimit: 3,
    fixedInput: { ShowCacheNodeInfo: true },
    arnType: 'cluster',
    isId: isCacheClusterId,
  }),
  serverlessCache: resourceKind({
    typeName: 'ServerlessCache',
    Command: DescribeServerlessCachesCommand,
    listMember: 'ServerlessCaches',
    idMember: 'ServerlessCacheName',
    idParameter: 'ServerlessCacheName',
    paging: { token: 'NextToken', sizeParameter: 'MaxResults', minPageSize: 1, maxPageSize: 50 },
    notFound: ServerlessCacheNotFoundFault,
    perIdLimit: SMALL_LISTING,
    arnType: 'serverlesscache',
    isId: isReplicationGroupId,
  }),
  serverlessCacheSnapshot: resourceKind({
    typeName: 'ServerlessCacheSnapshot',
    Command: DescribeServerlessCacheSnapshotsCommand,
    listMember: 'ServerlessCacheSnapshots',
    idMember: 'ServerlessCacheSnapshotName',
    idParameter: 'ServerlessCacheSnapshotName',
    paging: { token: 'NextToken', sizeParameter: 'MaxResults', minPageSize: 1, maxPageSize: 50 },
    notFound: ServerlessCacheSnapshotNotFoundFault,
    perIdLimit: SMALL_LISTING,
    arnType: 'serverlesscachesnapshot',
    isId: isResourceName,
  }),
  snapshot: resourceKind({
    typeName: 'ElastiCacheSnapshot',
    Command: DescribeSnapshotsCommand,
    listMember: 'Snapshots',
    idMember: 'SnapshotName',
    idParameter: 'SnapshotName',
    paging: { token: 'Marker', sizeParameter: 'MaxRecords', minPageSize: 20, maxPageSize: 50 },
    notFound: SnapshotNotFoundFault,
    perIdLimit: 3,
    fixedInput: { ShowNodeGroupConfig: true },
    arnType: 'snapshot',
    isId: isResourceName,
  }),
  user: resourceKind({
    typeName: 'ElastiCacheUser',
    Command: DescribeUsersCommand,
    listMember: 'Users',
    idMember: 'UserId',
    idParameter: 'UserId',
    paging: MARKER_100,
    notFound: UserNotFoundFault,
    perIdLimit: SMALL_LISTING,
    arnType: 'user',
    isId: isReplicationGroupId,
  }),
  userGroup: resourceKind({
    typeName: 'UserGroup',
    Command: DescribeUserGroupsCommand,
    listMember: 'UserGroups',
    idMember: 'UserGroupId',
    idParameter: 'UserGroupId',
    paging: MARKER_100,
    notFound: UserGroupNotFoundFault,
    perIdLimit: SMALL_LISTING,
    arnType: 'usergroup',
    isId: isReplicationGroupId,
  }),
  cacheParameterGroup: resourceKind({
    typeName: 'CacheParameterGroup',
    Command: DescribeCacheParameterGroupsCommand,
    listMember: 'CacheParameterGroups',
    idMember: 'CacheParameterGroupName',
    idParameter: 'CacheParameterGroupName',
    paging: MARKER_100,
    notFound: CacheParameterGroupNotFoundFault,
    perIdLimit: SMALL_LISTING,
    arnType: 'parametergroup',
    isId: isResourceName,
  }),
  cacheSubnetGroup: resourceKind({
    typeName: 'CacheSubnetGroup',
    Command: DescribeCacheSubnetGroupsCommand,
    listMember: 'CacheSubnetGroups',
    idMember: 'CacheSubnetGroupName',
    idParameter: 'CacheSubnetGroupName',
    paging: MARKER_100,
    notFound: CacheSubnetGroupNotFoundFault,
    perIdLimit: SMALL_LISTING,
    arnType: 'subnetgroup',
    isId: isResourceName,
  }),
  globalReplicationGroup: resourceKind({
    typeName: 'GlobalReplicationGroup',
    Command: DescribeGlobalReplicationGroupsCommand,
    listMember: 'GlobalReplicationGroups',
    idMember: 'GlobalReplicationGroupId',
    idParameter: 'GlobalReplicationGroupId',
    paging: MARKER_100,
    notFound: GlobalReplicationGroupNotFoundFault,
    perIdLimit: SMALL_LISTING,
    fixedInput: { ShowMemberInfo: true },
    arnType: 'globalreplicationgroup',
    global: true,
    isId: isResourceName,
  }),
};

export type ResourceKindName = keyof typeof RESOURCE_KINDS;

/** Every kind, for the code that treats them alike. */
export const ALL_RESOURCE_KINDS: readonly AnyResourceKind[] = Object.values(RESOURCE_KINDS) as AnyResourceKind[];

/** The kind whose ARNs carry `arnType`, if any. */
export function kindOfArnType(arnType: string): AnyResourceKind | undefined {
  return ALL_RESOURCE_KINDS.find((kind) => kind.arnType === arnType);
}
