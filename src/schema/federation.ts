import type { GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../context.js';
import { entityByArn } from '../resolvers/entities.js';
import { ENTITY_SCOPE, requiring } from './authorization.js';
import { builder } from './builder.js';
import { CacheCluster } from './cache-cluster.js';
import { refusedField } from './refusals.js';
import { ReplicationGroup } from './replication-group.js';

/*
 * Federation entities, keyed by ARN: globally unique, stable, and what other AWS-facing
 * subgraphs already hold. `_entities` resolves through the types' per-request loaders, so many
 * references of one region cost a bounded number of AWS calls.
 */
builder.asEntity(ReplicationGroup, {
  key: builder.selection<{ arn: string }>('arn'),
  resolveReference: async ({ arn }, context, info) => {
    await mayReadEntities(context, info);
    return entityByArn(context.clients, arn, 'replicationgroup', (key) =>
      ReplicationGroup.getDataloader(context).load(key),
    );
  },
});

builder.asEntity(CacheCluster, {
  key: builder.selection<{ arn: string }>('arn'),
  resolveReference: async ({ arn }, context, info) => {
    await mayReadEntities(context, info);
    return entityByArn(context.clients, arn, 'cluster', (key) => CacheCluster.getDataloader(context).load(key));
  },
});

/**
 * The entity types carry the read scope (src/schema/authorization.ts), but type scopes are checked
 * field by field, after the entity was loaded: checked here first, so a refused `_entities` costs
 * no AWS call.
 */
function mayReadEntities(context: GatewayContext, info: GraphQLResolveInfo) {
  return builder.runAuthScopes(context, requiring(ENTITY_SCOPE).authScopes, () => refusedField(context, info));
}
