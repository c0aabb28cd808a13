import { setTimeout as delay } from 'node:timers/promises';
import { auditMutation, failureOf } from '../audit/mutation-audit.js';
import { sendCompleteMigration, sendMigrationStep, type MigrationAnswer } from '../aws/migrations.js';
import type { ReplicationGroupRecord } from '../aws/records.js';
import type { Location } from '../aws/location.js';
import { replicationGroups } from '../aws/resources.js';
import type { GatewayContext } from '../context.js';
import { MigrationNotInSyncError, MigrationProgressUnavailableError } from '../progress/errors.js';
import { readProgress } from '../progress/read-progress.js';
import {
  checkCustomerNodeEndpointList,
  checkLocation,
  checkReplicationGroupId,
  type EndpointInput,
} from './arguments.js';

/**
 * The online-migration mutations: each checks its input (a refused field is a typed result,
 * before any AWS call), makes one call, and leaves one audit line whatever the outcome.
 */
export interface MigrationInput {
  replicationGroupId: string;
  customerNodeEndpointList: readonly EndpointInput[];
  account?: string | null;
  region?: string | null;
}

export interface CompleteMigrationInput {
  replicationGroupId: string;
  force?: boolean | null;
  account?: string | null;
  region?: string | null;
}

/** Tests the connection from a replication group to a self-hosted source (the step before start). */
export function testMigration(context: GatewayContext, input: MigrationInput): Promise<ReplicationGroupRecord> {
  return audited(context, 'testMigration', input, 'TestMigrationSuccess', () => {
    const { location, source } = checkMigrationInput(context, input);
    return sendMigrationStep(context.clients, 'test', location, input.replicationGroupId, source);
  });
}

/** Starts replicating from the source: the group goes modifying -> migrating. */
export function startMigration(context: GatewayContext, input: MigrationInput): Promise<ReplicationGroupRecord> {
  return audited(context, 'startMigration', input, 'StartMigrationSuccess', () => {
    const { location, source } = checkMigrationInput(context, input);
    return sendMigrationStep(context.clients, 'start', location, input.replicationGroupId, source);
  });
}

/** Ends the migration and promotes the group; `force` stops it without checking data is in sync. */
export function completeMigration(
  context: GatewayContext,
  input: CompleteMigrationInput,
): Promise<ReplicationGroupRecord> {
  return audited(context, 'completeMigration', input, 'CompleteMigrationSuccess', async () => {
    const location = checkLocation('input', input, context);
    checkReplicationGroupId('input.replicationGroupId', input.replicationGroupId);
    if (!input.force) await guardCutover(context, location, input.replicationGroupId);
    return sendCompleteMigration(context.clients, location, input.replicationGroupId, input.force ?? undefined);
  });
}

/** How long the guard watches the shards itself when nobody has watched them long enough. */
export const GUARD_OBSERVATION_LIMIT_MS = 30_000;

/**
 * Without force, the cutover waits for the data: unless every shard has been in sync for the
 * cutover rule's time, it is refused here (MigrationNotInSync, or MigrationProgressUnavailable
 * when progress cannot be read) and CompleteMigration is never sent. A group that does not exist
 * or does not migrate is left to ElastiCache, whose fault says so.
 *
 * "In sync for CUTOVER_STABLE_MS" is only known when the shards were read throughout that time
 * (a subscription, the console, a polling script). When they are in sync but nobody watched long
 * enough, the guard watches them itself, one read per progress interval, for what is left of
 * the rule's time (at most GUARD_OBSERVATION_LIMIT_MS), and refuses at the first read out of sync.
 */
async function guardCutover(context: GatewayContext, location: Location, replicationGroupId: string): Promise<void> {
  const group = await replicationGroups.describe(context.clients, location, replicationGroupId, { fresh: true });
  if (!group || group.Status !== 'migrating') return;
  const read = async () => {
    try {
      return await readProgress(context, group);
    } catch (error) {
      throw new MigrationProgressUnavailableError(error instanceof Error ? error.message : 'unknown reason');
    }
  };
  let progress = await read();
  if (progress.shards.every((shard) => shard.phase === 'UNKNOWN'))
    throw new MigrationProgressUnavailableError(progress.blockers.join('; '));
  const { stableMs } = context.progress.rule;
  // Reads closer together than the rule's time (a longer gap vouches for nothing), one interval
  // apart at most; until one more read than the rule's time needs.
  const spacing = Math.min(context.progressWatchers.intervalMs, Math.max(10, Math.floor(stableMs / 2)));
  const deadline = Date.now() + Math.min(stableMs, GUARD_OBSERVATION_LIMIT_MS) + spacing;
  while (progress.inSync && !progress.readyToComplete && Date.now() < deadline) {
    // The caller gone, the watch ends (the abort rejects).
    await delay(Math.min(spacing, Math.max(0, deadline - Date.now())), undefined, { signal: context.signal });
    progress = await read();
  }
  if (!progress.readyToComplete) throw new MigrationNotInSyncError(progress);
}

async function audited(
  context: GatewayContext,
  operation: string,
  input: MigrationInput | CompleteMigrationInput,
  successType: string,
  send: () => Promise<MigrationAnswer>,
): Promise<ReplicationGroupRecord> {
  try {
    const { group, awsRequestId } = await send();
    auditMutation(context, { operation, input, outcome: 'accepted', result: successType, awsRequestId });
    // Subscribers of the group see what the mutation started without waiting for the next poll.
    void context.watchers.changed(group.location, group.ReplicationGroupId ?? input.replicationGroupId);
    return group;
  } catch (error) {
    auditMutation(context, { operation, input, ...failureOf(error) });
    throw error;
  }
}

/** The checks every migration input passes first (each refusal an InvalidInputError naming its field). */
export function checkMigrationInput(context: GatewayContext, input: MigrationInput) {
  const location = checkLocation('input', input, context);
  checkReplicationGroupId('input.replicationGroupId', input.replicationGroupId);
  checkCustomerNodeEndpointList('input.customerNodeEndpointList', input.customerNodeEndpointList);
  const [endpoint] = input.customerNodeEndpointList as [EndpointInput];
  return { location, source: { Address: endpoint.address, Port: endpoint.port } };
}
