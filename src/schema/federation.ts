import { itemByArn } from '../resolvers/resources.js';
import { RESOURCE_KINDS } from '../rules/resource-kinds.js';
import { builder } from './builder.js';
import { CacheCluster } from './cache-cluster.js';
import { mayReadEntities } from './entity-scope.js';
import { ReplicationGroup } from './replication-group.js';

/*
 * Federation entities, keyed by ARN: globally unique, stable, and what other AWS-facing
 * subgraphs already hold. `_entities` resolves through the types' per-request loaders, so many
 * references of one region cost a bounded number of AWS calls. (The types made by
 * src/schema/resource-type.ts declare themselves.)
 */
builder.asEntity(ReplicationGroup, {
  key: builder.selection<{ arn: string }>('arn'),
  resolveReference: async ({ arn }, context, info) => {
    await mayReadEntities(context, info);
    return itemByArn(
      context,
      arn,
      (_kind, key) => ReplicationGroup.getDataloader(context).load(key),
      RESOURCE_KINDS.replicationGroup,
    );
  },
});

builder.asEntity(CacheCluster, {
  key: builder.selection<{ arn: string }>('arn'),
  resolveReference: async ({ arn }, context, info) => {
    await mayReadEntities(context, info);
    return itemByArn(
      context,
      arn,
      (_kind, key) => CacheCluster.getDataloader(context).load(key),
      RESOURCE_KINDS.cacheCluster,
    );
  },
});
