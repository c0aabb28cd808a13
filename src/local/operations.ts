import { describeCacheParameters } from './cache-parameters.js';
import { describeOnlyOperations } from './described-resources.js';
import { describeEvents } from './event-operations.js';
import { completeMigration, startMigration, testMigration } from './migration-operations.js';
import type { Operation } from './operation-context.js';
import { QueryError, faults } from './query-errors.js';
import type { QueryParams } from './query-params.js';
import {
  createReplicationGroup,
  deleteReplicationGroup,
  describeCacheClusters,
  describeReplicationGroups,
} from './replication-group-operations.js';

/**
 * The operations the local endpoint implements, by their Query `Action`. Adding one is a handler
 * (in the module of its resource) and a line here; a read-only resource kind needs neither: its
 * Describe operation follows from its definition (described-resources.ts).
 */
const HANDLED: Readonly<Record<string, Operation>> = {
  CreateReplicationGroup: createReplicationGroup,
  DescribeReplicationGroups: describeReplicationGroups,
  DeleteReplicationGroup: deleteReplicationGroup,
  DescribeCacheClusters: describeCacheClusters,
  DescribeEvents: describeEvents,
  DescribeCacheParameters: describeCacheParameters,
  TestMigration: testMigration,
  StartMigration: startMigration,
  CompleteMigration: completeMigration,
};

export const OPERATIONS: Readonly<Record<string, Operation>> = {
  ...describeOnlyOperations(new Set(Object.keys(HANDLED))),
  ...HANDLED,
};

export const API_VERSION = '2015-02-02';

/** The handler of a request's Action, after the checks AWS makes first (action, then version). */
export function operationFor(query: QueryParams): Operation {
  const action = query.string('Action') ?? '';
  if (!action) throw new QueryError('MissingAction', 400, 'The request must contain the parameter Action.');
  const operation = OPERATIONS[action];
  if (!operation) throw faults.invalidAction(action);
  const version = query.string('Version');
  if (version === undefined) throw faults.missingParameter('Version');
  if (version !== API_VERSION) {
    throw new QueryError(
      'NoSuchVersion',
      400,
      `The requested version (${version}) of service AmazonElastiCache does not exist.`,
    );
  }
  return operation;
}
