import { sendCompleteMigration, sendMigrationStep } from '../aws/migrations.js';
import type { ReplicationGroupRecord } from '../aws/records.js';
import type { GatewayContext } from '../context.js';
import {
  checkCustomerNodeEndpointList,
  checkRegion,
  checkReplicationGroupId,
  type EndpointInput,
} from './arguments.js';

/**
 * The online-migration mutations: each checks its input (a refused field is a typed result,
 * before any AWS call) and makes one call.
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
export function testMigration(context: GatewayContext, input: MigrationInput): Promise<ReplicationGroupRecord> {
  const { region, source } = checkMigrationInput(context, input);
  return sendMigrationStep(context.clients, 'test', region, input.replicationGroupId, source);
}

/** Starts replicating from the source: the group goes modifying -> migrating. */
export function startMigration(context: GatewayContext, input: MigrationInput): Promise<ReplicationGroupRecord> {
  const { region, source } = checkMigrationInput(context, input);
  return sendMigrationStep(context.clients, 'start', region, input.replicationGroupId, source);
}

/** Ends the migration and promotes the group; `force` stops it without checking data is in sync. */
export function completeMigration(
  context: GatewayContext,
  input: CompleteMigrationInput,
): Promise<ReplicationGroupRecord> {
  const region = checkRegion('input.region', input.region, context.clients);
  checkReplicationGroupId('input.replicationGroupId', input.replicationGroupId);
  return sendCompleteMigration(context.clients, region, input.replicationGroupId, input.force ?? undefined);
}

function checkMigrationInput(context: GatewayContext, input: MigrationInput) {
  const region = checkRegion('input.region', input.region, context.clients);
  checkReplicationGroupId('input.replicationGroupId', input.replicationGroupId);
  checkCustomerNodeEndpointList('input.customerNodeEndpointList', input.customerNodeEndpointList);
  const [endpoint] = input.customerNodeEndpointList as [EndpointInput];
  return { region, source: { Address: endpoint.address, Port: endpoint.port } };
}
