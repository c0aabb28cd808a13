/**
 * The faults the local endpoint answers with, as the ElastiCache model defines them: the wire
 * `<Code>` (which differs from the SDK class name for some faults) and the HTTP status.
 */
export class QueryError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    message: string,
    readonly type: 'Sender' | 'Receiver' = 'Sender',
  ) {
    super(message);
  }
}

export const faults = {
  replicationGroupNotFound: (id: string) =>
    new QueryError('ReplicationGroupNotFoundFault', 404, `ReplicationGroup ${id} not found.`),
  replicationGroupAlreadyExists: (id: string) =>
    new QueryError('ReplicationGroupAlreadyExists', 400, `Replication group ${id} already exists.`),
  invalidReplicationGroupState: (id: string, status: string) =>
    new QueryError(
      'InvalidReplicationGroupState',
      400,
      `Replication group ${id} is not in available state (it is ${status}).`,
    ),
  alreadyUnderMigration: (id: string) =>
    new QueryError(
      'ReplicationGroupAlreadyUnderMigrationFault',
      400,
      `Replication group ${id} is already under migration.`,
    ),
  notUnderMigration: (id: string) =>
    new QueryError('ReplicationGroupNotUnderMigrationFault', 400, `Replication group ${id} is not under migration.`),
  cacheClusterNotFound: (id: string) => new QueryError('CacheClusterNotFound', 404, `CacheCluster ${id} not found.`),
  invalidParameterValue: (message: string) => new QueryError('InvalidParameterValue', 400, message),
  invalidParameterCombination: (message: string) => new QueryError('InvalidParameterCombination', 400, message),
  missingParameter: (name: string) =>
    new QueryError('MissingParameter', 400, `The request must contain the parameter ${name}.`),
  invalidAction: (action: string) =>
    new QueryError('InvalidAction', 400, `The action ${action} is not valid for this web service.`),
  throttling: () => new QueryError('Throttling', 400, 'Rate exceeded'),
  internalFailure: () =>
    new QueryError(
      'InternalFailure',
      500,
      'The request processing has failed because of an unknown error, exception or failure.',
      'Receiver',
    ),
};
