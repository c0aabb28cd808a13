import {
  CompleteMigrationCommand,
  StartMigrationCommand,
  TestMigrationCommand,
  type CustomerNodeEndpoint,
  type ReplicationGroup,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-elasticache';
import { UpstreamError, UpstreamErrorCode } from '../errors.js';
import { operationName } from '../rules/sdk-names.js';
import type { ElastiCacheClients, ElastiCacheCommand } from './clients.js';
import { replicationGroupRecord, type ReplicationGroupRecord } from './records.js';

/**
 * The online-migration operations: one call each, answered with the replication group. Their
 * outcomes are asynchronous (status changes and replication-group events). Not abandoned when
 * the client disconnects: once asked for, a migration step is seen through.
 */
/** What ElastiCache answered a migration step: the group, and the request id for the audit trail. */
export interface MigrationAnswer {
  group: ReplicationGroupRecord;
  awsRequestId: string | undefined;
}

/** TestMigration and StartMigration take the same input: the group and the source's primary. */
const SOURCE_STEPS = { test: TestMigrationCommand, start: StartMigrationCommand };

export function sendMigrationStep(
  aws: ElastiCacheClients,
  step: keyof typeof SOURCE_STEPS,
  location: string,
  replicationGroupId: string,
  source: CustomerNodeEndpoint,
) {
  const Step = SOURCE_STEPS[step];
  return sendForGroup(
    aws,
    location,
    new Step({ ReplicationGroupId: replicationGroupId, CustomerNodeEndpointList: [source] }),
  );
}

export function sendCompleteMigration(
  aws: ElastiCacheClients,
  location: string,
  replicationGroupId: string,
  force: boolean | undefined,
) {
  return sendForGroup(
    aws,
    location,
    new CompleteMigrationCommand({
      ReplicationGroupId: replicationGroupId,
      ...(force !== undefined ? { Force: force } : {}),
    }),
  );
}

async function sendForGroup<
  Input extends ServiceInputTypes,
  Output extends ServiceOutputTypes & { ReplicationGroup?: ReplicationGroup },
>(aws: ElastiCacheClients, location: string, command: ElastiCacheCommand<Input, Output>): Promise<MigrationAnswer> {
  const output = await aws.send(location, command);
  if (!output.ReplicationGroup) {
    const operation = operationName(command);
    aws.log.error(`${operation} answer had no ReplicationGroup`, {
      location,
      awsRequestId: output.$metadata.requestId,
    });
    throw new UpstreamError(
      UpstreamErrorCode.FAILED,
      `ElastiCache answered ${operation} in ${location} without the replication group.`,
      {
        awsRequestId: output.$metadata.requestId,
      },
    );
  }
  return {
    group: replicationGroupRecord(location, output.ReplicationGroup),
    awsRequestId: output.$metadata.requestId,
  };
}
