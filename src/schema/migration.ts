import { testMigration } from '../resolvers/migration.js';
import { builder } from './builder.js';
import { MIGRATION_REQUEST_ERRORS } from './errors.js';
import { ReplicationGroup } from './replication-group.js';

export const CustomerNodeEndpointInput = builder.inputType('CustomerNodeEndpointInput', {
  description: 'The self-hosted Valkey or Redis OSS node that data is migrated from.',
  fields: (t) => ({
    address: t.string({ required: true, description: 'Its host name or IPv4/IPv6 address (no brackets, no port).' }),
    port: t.int({ required: true, description: 'Its port, 1 to 65535.' }),
  }),
});

export const TestMigrationInput = builder.inputType('TestMigrationInput', {
  description: 'Which replication group to test, and the source it would migrate from.',
  fields: (t) => ({
    replicationGroupId: t.string({ required: true, description: 'The replication group data would be migrated to.' }),
    customerNodeEndpointList: t.field({
      type: [CustomerNodeEndpointInput],
      required: true,
      description: "The source's endpoint. Exactly one: the primary node of the self-hosted source.",
    }),
    region: t.string({ description: 'The AWS Region of the replication group; the gateway default when omitted.' }),
  }),
});

builder.mutationField('testMigration', (t) =>
  t.field({
    type: ReplicationGroup,
    nullable: false,
    description:
      'Asks ElastiCache to test the connection from a replication group to a self-hosted source (the step before startMigration). It answers at once with the group; the outcome arrives as an event in `replicationGroup.events`: "Test migration succeeded ..." or "Test migration failed ...: <causes>".',
    args: { input: t.arg({ type: TestMigrationInput, required: true }) },
    errors: {
      types: MIGRATION_REQUEST_ERRORS,
      union: { name: 'TestMigrationPayload', description: 'The group under test, or why the test could not start.' },
      result: { name: 'TestMigrationSuccess', description: 'ElastiCache accepted the test; watch the group\'s events for its outcome.' },
      dataField: { name: 'replicationGroup', description: 'The replication group, as ElastiCache answered the request.' },
    },
    resolve: (_root, { input }, context) => testMigration(context, input),
  }),
);
