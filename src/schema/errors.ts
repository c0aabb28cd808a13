import {
  InvalidParameterValueException,
  InvalidReplicationGroupStateFault,
  ReplicationGroupAlreadyUnderMigrationFault,
  ReplicationGroupNotFoundFault,
  ReplicationGroupNotUnderMigrationFault,
} from '@aws-sdk/client-elasticache';
import { PASSED_FAULTS, type FaultClass } from '../aws/faults.js';
import { InvalidInputError } from '../errors.js';
import { MigrationNotInSyncError, MigrationProgressUnavailableError } from '../progress/errors.js';
import { builder } from './builder.js';

/**
 * Expected failures are part of the schema: every one implements ElastiCacheError, so a client
 * can always select `... on ElastiCacheError { code message }` and add the specific ones it
 * handles. The AWS faults are the SDK's own exception classes, matched with `instanceof` by the
 * errors plugin; which of them an operation passes on as results is the fault policy's table
 * (src/aws/faults.ts), and the payload unions below are built from it.
 */
export const ElastiCacheError = builder.interfaceRef<Error>('ElastiCacheError').implement({
  description:
    'An expected failure: either a fault ElastiCache reported, or input the gateway refused before calling it.',
  fields: (t) => ({
    code: t.string({
      nullable: false,
      description:
        'A stable machine-readable code: the AWS error code for AWS faults, `InvalidInput` for refused input.',
      resolve: (error) => errorCode(error),
    }),
    message: t.exposeString('message', { nullable: false, description: 'What went wrong, for people.' }),
  }),
});

function errorCode(error: Error): string {
  // Read as properties: the errors plugin hands resolvers a proxy of the thrown error, which
  // `instanceof` does not see through. AWS faults carry the wire <Code> (it differs from the class
  // name for some: InvalidReplicationGroupState); the gateway's own errors carry `code`.
  const { Code: wireCode, code } = error as { Code?: unknown; code?: unknown };
  if (typeof wireCode === 'string') return wireCode;
  if (typeof code === 'string') return code;
  return error.name;
}

function awsFault(faultClass: FaultClass, name: string, description: string) {
  return builder.objectType(faultClass, {
    name,
    description,
    interfaces: [ElastiCacheError],
    fields: (t) => ({
      requestId: t.string({
        description: 'The AWS request id of the failed call, for AWS support.',
        resolve: (fault) => fault.$metadata.requestId ?? null,
      }),
    }),
  });
}

export const ReplicationGroupNotFound = awsFault(
  ReplicationGroupNotFoundFault,
  'ReplicationGroupNotFoundFault',
  'The replication group does not exist in that region.',
);
export const InvalidReplicationGroupState = awsFault(
  InvalidReplicationGroupStateFault,
  'InvalidReplicationGroupStateFault',
  'The replication group is not in a state that allows the operation (usually: not `available`).',
);
export const ReplicationGroupAlreadyUnderMigration = awsFault(
  ReplicationGroupAlreadyUnderMigrationFault,
  'ReplicationGroupAlreadyUnderMigrationFault',
  'The replication group is already the target of an online migration.',
);
export const ReplicationGroupNotUnderMigration = awsFault(
  ReplicationGroupNotUnderMigrationFault,
  'ReplicationGroupNotUnderMigrationFault',
  'The replication group is not the target of an online migration.',
);
export const InvalidParameterValue = awsFault(
  InvalidParameterValueException,
  'ElastiCacheInvalidParameterValueException',
  'ElastiCache refused the value of a parameter.',
);

export const InvalidInput = builder.objectType(InvalidInputError, {
  name: 'ElastiCacheInvalidInputError',
  description: 'The gateway refused the input before calling ElastiCache.',
  interfaces: [ElastiCacheError],
  fields: (t) => ({
    field: t.exposeString('field', {
      nullable: false,
      description: 'The path of the refused input value, e.g. `input.customerNodeEndpointList[0].port`.',
    }),
  }),
});

/** What testMigration answers instead of the group: the faults its operation passes on, or refused input. */
export const TEST_MIGRATION_ERRORS = [...PASSED_FAULTS.TestMigration, InvalidInputError];

/** What startMigration answers instead of the group. */
export const START_MIGRATION_ERRORS = [...PASSED_FAULTS.StartMigration, InvalidInputError];

/**
 * What completeMigration answers instead of the group; the gateway's cutover guard adds its two
 * refusals (typed in migration-progress.ts).
 */
export const COMPLETE_MIGRATION_ERRORS = [
  ...PASSED_FAULTS.CompleteMigration,
  InvalidInputError,
  MigrationNotInSyncError,
  MigrationProgressUnavailableError,
];
