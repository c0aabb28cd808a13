import {
  CompleteMigrationCommand,
  StartMigrationCommand,
  TestMigrationCommand,
  type ReplicationGroup,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-elasticache';
import type { GatewayContext } from '../context.js';
import { UpstreamError, UpstreamErrorCode } from '../errors.js';
import { operationName, type ElastiCacheCommand } from './clients.js';
import { checkCustomerNodeEndpointList, checkRegion, checkReplicationGroupId, type EndpointInput } from './validation.js';

/**
 * The online-migration operations. Each checks its input before any AWS call, makes one call,
 * and returns the replication group ElastiCache answered with. The outcomes are asynchronous:
 * they arrive as status changes and replication-group events.
 */
export interface MigrationInput {
  replicationGroupId: string;
  customerNodeEndpointList: readonly EndpointInput[];
  region?: string | null;
}

export interface CompleteMigrationInput {
  replicationGroupId: string;
  force?: boolean | null;
  region?: string | null;
}

/** Tests the connection from a replication group to a self-hosted source (the step before start). */
export function testMigration(context: GatewayContext, input: MigrationInput): Promise<ReplicationGroup> {
  const { region, endpoints } = checkMigrationInput(context, input);
  return sendForGroup(context, region, new TestMigrationCommand({ ReplicationGroupId: input.replicationGroupId, CustomerNodeEndpointList: endpoints }));
}

/** Starts replicating from the source: the group goes modifying -> migrating. */
export function startMigration(context: GatewayContext, input: MigrationInput): Promise<ReplicationGroup> {
  const { region, endpoints } = checkMigrationInput(context, input);
  return sendForGroup(context, region, new StartMigrationCommand({ ReplicationGroupId: input.replicationGroupId, CustomerNodeEndpointList: endpoints }));
}

/** Ends the migration and promotes the group; `force` stops it without checking data is in sync. */
export function completeMigration(context: GatewayContext, input: CompleteMigrationInput): Promise<ReplicationGroup> {
  const region = checkRegion('input.region', input.region, context.clients);
  checkReplicationGroupId('input.replicationGroupId', input.replicationGroupId);
  return sendForGroup(
    context,
    region,
    new CompleteMigrationCommand({ ReplicationGroupId: input.replicationGroupId, ...(input.force != null ? { Force: input.force } : {}) }),
  );
}

function checkMigrationInput(context: GatewayContext, input: MigrationInput) {
  const region = checkRegion('input.region', input.region, context.clients);
  checkReplicationGroupId('input.replicationGroupId', input.replicationGroupId);
  checkCustomerNodeEndpointList('input.customerNodeEndpointList', input.customerNodeEndpointList);
  return { region, endpoints: input.customerNodeEndpointList.map(({ address, port }) => ({ Address: address, Port: port })) };
}

async function sendForGroup<Input extends ServiceInputTypes, Output extends ServiceOutputTypes & { ReplicationGroup?: ReplicationGroup }>(
  context: GatewayContext,
  region: string,
  command: ElastiCacheCommand<Input, Output>,
): Promise<ReplicationGroup> {
  // Not abandoned when the client disconnects: once asked for, a migration step is seen through.
  const output = await context.clients.send(region, command);
  if (!output.ReplicationGroup) {
    const operation = operationName(command);
    context.log.error(`${operation} answer had no ReplicationGroup`, { region, awsRequestId: output.$metadata.requestId });
    throw new UpstreamError(UpstreamErrorCode.FAILED, `ElastiCache answered ${operation} in ${region} without the replication group.`, output.$metadata.requestId);
  }
  return output.ReplicationGroup;
}
