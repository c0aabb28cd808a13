import { cacheClusterByArn, replicationGroupByArn } from '../resolvers/entities.js';
import { builder } from './builder.js';
import { CacheCluster } from './cache-cluster.js';
import { ReplicationGroup } from './replication-group.js';

/*
 * Federation entities, keyed by ARN: globally unique, stable, and what other AWS-facing
 * subgraphs already hold. `_entities` resolves through the per-request loaders, so many
 * references of one region cost a bounded number of AWS calls.
 */
builder.asEntity(ReplicationGroup, {
  key: builder.selection<{ arn: string }>('arn'),
  resolveReference: (reference, context) => replicationGroupByArn(context, reference.arn),
});

builder.asEntity(CacheCluster, {
  key: builder.selection<{ arn: string }>('arn'),
  resolveReference: (reference, context) => cacheClusterByArn(context, reference.arn),
});
