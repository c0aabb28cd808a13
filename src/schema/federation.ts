import { entityByArn } from '../resolvers/entities.js';
import { builder } from './builder.js';
import { CacheCluster } from './cache-cluster.js';
import { ReplicationGroup } from './replication-group.js';

/*
 * Federation entities, keyed by ARN: globally unique, stable, and what other AWS-facing
 * subgraphs already hold. `_entities` resolves through the types' per-request loaders, so many
 * references of one region cost a bounded number of AWS calls.
 */
builder.asEntity(ReplicationGroup, {
  key: builder.selection<{ arn: string }>('arn'),
  resolveReference: ({ arn }, context) =>
    entityByArn(context.clients, arn, 'replicationgroup', (key) => ReplicationGroup.getDataloader(context).load(key)),
});

builder.asEntity(CacheCluster, {
  key: builder.selection<{ arn: string }>('arn'),
  resolveReference: ({ arn }, context) =>
    entityByArn(context.clients, arn, 'cluster', (key) => CacheCluster.getDataloader(context).load(key)),
});
