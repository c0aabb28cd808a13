import { describeGroupEvents } from '../aws/events.js';
import type { ReplicationGroupRecord } from '../aws/records.js';
import type { GatewayContext } from '../context.js';
import { MigrationProgressReader, type MigrationProgress } from './progress-reader.js';

/** How far back the migration's start event is looked for: a day, as the migration phase looks. */
const START_EVENT_WINDOW_MINUTES = 24 * 60;

/**
 * The progress of a migrating group, from the engines; its source from the start event only when
 * a target primary cannot say what it replicates from (one DescribeEvents then).
 */
export async function readProgress(
  context: Pick<GatewayContext, 'clients' | 'progress' | 'signal'>,
  group: ReplicationGroupRecord,
): Promise<MigrationProgress> {
  return context.progress.read(group, async () => {
    const events = await describeGroupEvents(
      context.clients,
      {
        location: group.location,
        replicationGroupId: group.ReplicationGroupId ?? '',
        window: { durationMinutes: START_EVENT_WINDOW_MINUTES },
      },
      { signal: context.signal },
    );
    return MigrationProgressReader.sourceOf(events);
  });
}
