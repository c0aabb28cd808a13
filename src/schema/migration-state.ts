import { durationArgument } from '../resolvers/arguments.js';
import { EVENT_RETENTION_MINUTES } from '../rules/event-retention.js';
import {
  deriveMigrationState,
  MIGRATION_HISTORY_MINUTES,
  MigrationPhase as Phases,
  type MigrationState as State,
} from '../rules/migration-phase.js';
import type { ReplicationGroupRecord } from '../aws/records.js';
import { builder } from './builder.js';
import { polledReadsOf } from './polled-reads.js';
import { groupEventsLoader } from './event.js';
import { required } from './required.js';
import { ReplicationGroup } from './replication-group.js';

export const MigrationPhase = builder.enumType('MigrationPhase', {
  description:
    'Where a replication group stands in an online migration, as the gateway derives it from status and events.',
  values: {
    [Phases.NONE]: { value: Phases.NONE, description: 'No migration activity in the window looked at.' },
    [Phases.TESTING]: { value: Phases.TESTING, description: 'testMigration was accepted; its outcome is pending.' },
    [Phases.TEST_SUCCEEDED]: {
      value: Phases.TEST_SUCCEEDED,
      description: 'The last migration test passed: startMigration can follow.',
    },
    [Phases.TEST_FAILED]: {
      value: Phases.TEST_FAILED,
      description: 'The last migration test failed; `message` names every unmet requirement.',
    },
    [Phases.MIGRATING]: {
      value: Phases.MIGRATING,
      description: 'A migration is starting or running: the group replicates from the source.',
    },
    [Phases.COMPLETED]: {
      value: Phases.COMPLETED,
      description: 'The last migration was completed; the group is a primary again.',
    },
    [Phases.FAILED]: {
      value: Phases.FAILED,
      description: 'The last migration failed to start or to complete; `message` says why.',
    },
  } as const,
});

/** The state, with the group it belongs to (for its progress). */
export type MigrationStateOfGroup = State & { group?: ReplicationGroupRecord };

export const MigrationState = builder.objectRef<MigrationStateOfGroup>('MigrationState').implement({
  description:
    'The online-migration state of a replication group. Status `migrating` means MIGRATING; otherwise the newest recognised migration event decides (see the README for the rules); unknown event texts are skipped.',
  fields: (t) => ({
    phase: t.expose('phase', { type: MigrationPhase, nullable: false, description: 'The phase.' }),
    message: t.exposeString('message', {
      description: 'The event text the phase comes from, e.g. the causes of a failed test.',
    }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime', description: 'When that event happened.' }),
  }),
});

builder.objectField(ReplicationGroup, 'migration', (t) =>
  t.field({
    tracing: true,
    type: MigrationState,
    description:
      'The online-migration state, derived from the status and the events of the last `durationMinutes` minutes.',
    args: {
      durationMinutes: t.arg.int({
        required: true,
        defaultValue: MIGRATION_HISTORY_MINUTES,
        description: `How far back to look for migration events, in minutes (1 to ${EVENT_RETENTION_MINUTES}).`,
      }),
    },
    resolve: async (group, args, context) => {
      const durationMinutes = durationArgument('durationMinutes', args.durationMinutes);
      // A subscription push derived it already for the default window.
      const polled = polledReadsOf(context, group)?.migration;
      if (polled && durationMinutes === MIGRATION_HISTORY_MINUTES) return { ...polled, group };
      const events = await groupEventsLoader(context).load({
        location: group.location,
        replicationGroupId: required(group.ReplicationGroupId, 'ReplicationGroup', 'ReplicationGroupId'),
        window: { durationMinutes },
      });
      return { ...deriveMigrationState(group.Status, events), group };
    },
  }),
);
