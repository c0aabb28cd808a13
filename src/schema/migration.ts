import { completeMigration, startMigration, testMigration } from '../resolvers/migration.js';
import { accessTo } from './authorization.js';
import { builder } from './builder.js';
import { COMPLETE_MIGRATION_ERRORS, START_MIGRATION_ERRORS, TEST_MIGRATION_ERRORS } from './errors.js';
import { ReplicationGroup } from './replication-group.js';

export const CustomerNodeEndpointInput = builder.inputType('CustomerNodeEndpointInput', {
  description: 'The self-hosted Valkey or Redis OSS node that data is migrated from.',
  fields: (t) => ({
    address: t.string({ required: true, description: 'Its host name or IPv4/IPv6 address (no brackets, no port).' }),
    port: t.int({ required: true, description: 'Its port, 1 to 65535.' }),
  }),
});

export function migrationInput(name: string, description: string) {
  return builder.inputType(name, {
    description,
    fields: (t) => ({
      replicationGroupId: t.string({ required: true, description: 'The replication group data is migrated to.' }),
      customerNodeEndpointList: t.field({
        type: [CustomerNodeEndpointInput],
        required: true,
        description: "The source's endpoint. Exactly one: the primary node of the self-hosted source.",
      }),
      account: t.string({
        description: 'The AWS account of the replication group (one of `accounts`); the default account when omitted.',
      }),
      region: t.string({ description: 'The AWS Region of the replication group; the gateway default when omitted.' }),
    }),
  });
}

export const TestMigrationInput = migrationInput(
  'TestMigrationInput',
  'Which replication group to test, and the source it would migrate from.',
);
export const StartMigrationInput = migrationInput(
  'StartMigrationInput',
  'Which replication group to migrate into, and the source to migrate from.',
);

export const CompleteMigrationInput = builder.inputType('CompleteMigrationInput', {
  description: 'Which migration to complete.',
  fields: (t) => ({
    replicationGroupId: t.string({ required: true, description: 'The replication group being migrated to.' }),
    force: t.boolean({
      description: 'Stop the migration without making sure data is in sync (AWS recommends it only to abort).',
    }),
    account: t.string({
      description: 'The AWS account of the replication group (one of `accounts`); the default account when omitted.',
    }),
    region: t.string({ description: 'The AWS Region of the replication group; the gateway default when omitted.' }),
  }),
});

/** The result union of a migration mutation: `<Operation>Success { replicationGroup }` or an error. */
function migrationPayload(
  operation: string,
  types: (typeof TEST_MIGRATION_ERRORS | typeof START_MIGRATION_ERRORS | typeof COMPLETE_MIGRATION_ERRORS)[number][],
  unionDescription: string,
  successDescription: string,
) {
  return {
    types,
    union: { name: `${operation}Payload`, description: unionDescription },
    result: { name: `${operation}Success`, description: successDescription },
    dataField: { name: 'replicationGroup', description: 'The replication group, as ElastiCache answered the request.' },
  };
}

builder.mutationField('testMigration', (t) =>
  t.field({
    ...accessTo('Mutation', 'testMigration'),
    type: ReplicationGroup,
    // Nullable: a refused or failed mutation nulls only its own field, not its siblings'.
    nullable: true,
    description:
      'Asks ElastiCache to test the connection from a replication group to a self-hosted source (the step before startMigration). It answers at once with the group; the outcome arrives as an event in `replicationGroup.events` ("Test migration succeeded ..." or "Test migration failed ...: <causes>") and in `replicationGroup.migration`.',
    args: { input: t.arg({ type: TestMigrationInput, required: true }) },
    errors: migrationPayload(
      'TestMigration',
      TEST_MIGRATION_ERRORS,
      'The group under test, or why the test could not start.',
      "ElastiCache accepted the test; watch the group's events for its outcome.",
    ),
    resolve: (_root, { input }, context) => testMigration(context, input),
  }),
);

builder.mutationField('startMigration', (t) =>
  t.field({
    ...accessTo('Mutation', 'startMigration'),
    type: ReplicationGroup,
    // Nullable: a refused or failed mutation nulls only its own field, not its siblings'.
    nullable: true,
    description:
      'Starts migrating data from a self-hosted source: the group becomes a replica of it (status modifying, then migrating; back to available with a failure event when it cannot). Writes to the group are refused while it migrates.',
    args: { input: t.arg({ type: StartMigrationInput, required: true }) },
    errors: migrationPayload(
      'StartMigration',
      START_MIGRATION_ERRORS,
      'The group being migrated to, or why the migration could not start.',
      'ElastiCache accepted the migration; follow it in `replicationGroup.migration`.',
    ),
    resolve: (_root, { input }, context) => startMigration(context, input),
  }),
);

builder.mutationField('completeMigration', (t) =>
  t.field({
    ...accessTo('Mutation', 'completeMigration'),
    type: ReplicationGroup,
    // Nullable: a refused or failed mutation nulls only its own field, not its siblings'.
    nullable: true,
    description:
      'Completes a migration: the group stops replicating and is promoted to primary (status migrating, then available with "Complete Migration successful for <id>").',
    args: { input: t.arg({ type: CompleteMigrationInput, required: true }) },
    errors: migrationPayload(
      'CompleteMigration',
      COMPLETE_MIGRATION_ERRORS,
      'The group being promoted, or why the migration could not be completed.',
      'ElastiCache accepted the completion; the group becomes available when done.',
    ),
    resolve: (_root, { input }, context) => completeMigration(context, input),
  }),
);
