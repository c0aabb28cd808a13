import { parseArn } from '../resolvers/arn.js';
import {
  deriveMigrationState,
  knownMigrationStates,
  MIGRATION_HISTORY_MINUTES,
  MigrationPhase as Phases,
  type MigrationState as State,
} from '../resolvers/migration-phase.js';
import { InvalidArgumentError } from '../errors.js';
import { builder } from './builder.js';
import { ReplicationGroup } from './replication-group.js';

export const MigrationPhase = builder.enumType('MigrationPhase', {
  description: 'Where a replication group stands in an online migration, as the gateway derives it from status and events.',
  values: {
    [Phases.NONE]: { value: Phases.NONE, description: 'No migration activity in the window looked at.' },
    [Phases.TESTING]: { value: Phases.TESTING, description: 'testMigration was accepted; its outcome is pending.' },
    [Phases.TEST_SUCCEEDED]: { value: Phases.TEST_SUCCEEDED, description: 'The last migration test passed: startMigration can follow.' },
    [Phases.TEST_FAILED]: { value: Phases.TEST_FAILED, description: 'The last migration test failed; `message` names every unmet requirement.' },
    [Phases.MIGRATING]: { value: Phases.MIGRATING, description: 'A migration is starting or running: the group replicates from the source.' },
    [Phases.COMPLETED]: { value: Phases.COMPLETED, description: 'The last migration was completed; the group is a primary again.' },
    [Phases.FAILED]: { value: Phases.FAILED, description: 'The last migration failed to start or to complete; `message` says why.' },
  } as const,
});

export const MigrationState = builder.objectRef<State>('MigrationState').implement({
  description:
    'The online-migration state of a replication group. Status `migrating` means MIGRATING; otherwise the newest recognised migration event decides (see the README for the rules); unknown event texts are skipped.',
  fields: (t) => ({
    phase: t.expose('phase', { type: MigrationPhase, nullable: false, description: 'The phase.' }),
    message: t.exposeString('message', { description: 'The event text the phase comes from, e.g. the causes of a failed test.' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When that event happened.' }),
  }),
});

const MAX_WINDOW_MINUTES = 14 * 24 * 60;

builder.objectField(ReplicationGroup, 'migration', (t) =>
  t.field({
    type: MigrationState,
    description: 'The online-migration state, derived from the status and the events of the last `durationMinutes` minutes.',
    args: {
      durationMinutes: t.arg.int({
        required: true,
        defaultValue: MIGRATION_HISTORY_MINUTES,
        description: `How far back to look for migration events, in minutes (1 to ${MAX_WINDOW_MINUTES}).`,
      }),
    },
    resolve: async (group, args, context) => {
      if (args.durationMinutes < 1 || args.durationMinutes > MAX_WINDOW_MINUTES) {
        throw new InvalidArgumentError('durationMinutes', `durationMinutes must be between 1 and ${MAX_WINDOW_MINUTES}.`);
      }
      const known = args.durationMinutes === MIGRATION_HISTORY_MINUTES ? knownMigrationStates.get(group) : undefined;
      if (known) return known;
      const events = await context.loaders.groupEvents.load({
        region: parseArn(group.ARN)?.region ?? context.clients.defaultRegion,
        replicationGroupId: group.ReplicationGroupId ?? '',
        window: { durationMinutes: args.durationMinutes },
      });
      return deriveMigrationState(group.Status, events);
    },
  }),
);
