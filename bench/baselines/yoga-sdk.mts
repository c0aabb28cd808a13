import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { DescribeReplicationGroupsCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { createSchema, createYoga } from 'graphql-yoga';

/**
 * The least a GraphQL server over ElastiCache can do, for `npm run bench:floor`: graphql-yoga and
 * one SDK client, `replicationGroup(replicationGroupId)` answered by one DescribeReplicationGroups
 * call, no checks, no cache, no metrics. ELASTICACHE_URL and the AWS_* credentials name the
 * endpoint. Prints `listening <url>` when it serves.
 */
const client = new ElastiCacheClient({ endpoint: process.env.ELASTICACHE_URL, region: 'us-east-1' });
const yoga = createYoga({
  schema: createSchema({
    typeDefs: `
      type NodeGroupMember { cacheClusterId: String }
      type NodeGroup { nodeGroupMembers: [NodeGroupMember!]! }
      type ReplicationGroup { replicationGroupId: String! status: String nodeGroups: [NodeGroup!]! }
      type Query { replicationGroup(replicationGroupId: String!): ReplicationGroup }`,
    resolvers: {
      Query: {
        replicationGroup: async (_root: unknown, args: { replicationGroupId: string }) => {
          const output = await client.send(
            new DescribeReplicationGroupsCommand({ ReplicationGroupId: args.replicationGroupId }),
          );
          const group = output.ReplicationGroups?.[0];
          return (
            group && {
              replicationGroupId: group.ReplicationGroupId,
              status: group.Status,
              nodeGroups: (group.NodeGroups ?? []).map((nodeGroup) => ({
                nodeGroupMembers: (nodeGroup.NodeGroupMembers ?? []).map((member) => ({
                  cacheClusterId: member.CacheClusterId,
                })),
              })),
            }
          );
        },
      },
    },
  }),
  logging: false,
  // YOGA_BODY_LIMIT=off: without yoga's request-body limit, which pipes every body through a
  // counting web stream (the gateway bounds bodies its own way: src/http-guards.ts, useBodyLimit).
  ...(process.env.YOGA_BODY_LIMIT === 'off' ? { maxRequestBodySize: false as const } : {}),
});
const server = createServer(yoga);
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`listening http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
