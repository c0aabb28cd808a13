import { TestMigrationCommand, type ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { GatewayContext } from '../context.js';
import { UpstreamError, UpstreamErrorCode } from '../errors.js';
import { callAws } from './aws-call.js';
import { checkCustomerNodeEndpointList, checkRegion, checkReplicationGroupId, type EndpointInput } from './validation.js';

export interface MigrationInput {
  replicationGroupId: string;
  customerNodeEndpointList: readonly EndpointInput[];
  region?: string | null;
}

/**
 * Asks ElastiCache to test the connection from a replication group to a self-hosted source.
 * The answer comes at once; the outcome of the test arrives later as replication-group events.
 */
export async function testMigration(context: GatewayContext, input: MigrationInput): Promise<ReplicationGroup> {
  const region = checkRegion('input.region', input.region, context.clients);
  checkReplicationGroupId('input.replicationGroupId', input.replicationGroupId);
  checkCustomerNodeEndpointList('input.customerNodeEndpointList', input.customerNodeEndpointList);

  const { client } = context.clients.forRegion(region);
  const output = await callAws({ operation: 'TestMigration', region, log: context.log }, () =>
    client.send(
      new TestMigrationCommand({
        ReplicationGroupId: input.replicationGroupId,
        CustomerNodeEndpointList: input.customerNodeEndpointList.map(({ address, port }) => ({ Address: address, Port: port })),
      }),
    ),
  );
  if (!output.ReplicationGroup) {
    context.log.error('TestMigration answer had no ReplicationGroup', { region, awsRequestId: output.$metadata.requestId });
    throw new UpstreamError(
      UpstreamErrorCode.FAILED,
      `ElastiCache answered TestMigration in ${region} without the replication group.`,
      output.$metadata.requestId,
    );
  }
  return output.ReplicationGroup;
}
