import type { Event } from '@aws-sdk/client-elasticache';
import { sortOldestFirst } from './event-retention.js';

/**
 * Where a replication group stands in an online migration, derived from what ElastiCache exposes:
 * its status and its replication-group events. Written once; used by `ReplicationGroup.migration`
 * and by the subscriptions.
 *
 * Rules, in order:
 * 1. Status `migrating` -> MIGRATING (ElastiCache documents this status for a running migration).
 * 2. Otherwise the newest event whose text is recognised decides (texts of AWS's guide and of the
 *    local endpoint, matched by their opening words):
 *    "Test migration started" -> TESTING; "Test migration succeeded" -> TEST_SUCCEEDED;
 *    "Test migration failed" -> TEST_FAILED; "Starting migration operation" and "Migration
 *    operation in progress" -> MIGRATING; "Migration operation failed" -> FAILED;
 *    "Complete Migration successful" and "Migration operation succeeded" -> COMPLETED;
 *    "Complete Migration failed" -> FAILED (the group is no longer migrating).
 * 3. No recognised event -> NONE. Unknown texts are skipped, never an error.
 */
export const MigrationPhase = {
  NONE: 'NONE',
  TESTING: 'TESTING',
  TEST_SUCCEEDED: 'TEST_SUCCEEDED',
  TEST_FAILED: 'TEST_FAILED',
  MIGRATING: 'MIGRATING',
  COMPLETED: 'COMPLETED',
  FAILED: 'FAILED',
} as const;
export type MigrationPhase = (typeof MigrationPhase)[keyof typeof MigrationPhase];

/** The default window of migration events looked at: a day. */
export const MIGRATION_HISTORY_MINUTES = 24 * 60;

export interface MigrationState {
  phase: MigrationPhase;
  /** The event text the phase comes from; null for NONE. */
  message: string | null;
  /** When that event happened; null when none did. */
  updatedAt: Date | null;
}

const EVENT_PHASES: readonly [RegExp, MigrationPhase][] = [
  [/^Test migration started\b/i, MigrationPhase.TESTING],
  [/^Test migration succeeded\b/i, MigrationPhase.TEST_SUCCEEDED],
  [/^Test migration failed\b/i, MigrationPhase.TEST_FAILED],
  [/^Starting migration operation\b/i, MigrationPhase.MIGRATING],
  [/^Migration operation in progress\b/i, MigrationPhase.MIGRATING],
  [/^Migration operation failed\b/i, MigrationPhase.FAILED],
  [/^Migration operation succeeded\b/i, MigrationPhase.COMPLETED],
  [/^Complete Migration successful\b/i, MigrationPhase.COMPLETED],
  [/^Complete Migration failed\b/i, MigrationPhase.FAILED],
];

export function phaseOfEvent(message: string): MigrationPhase | null {
  return EVENT_PHASES.find(([pattern]) => pattern.test(message))?.[1] ?? null;
}

export function deriveMigrationState(status: string | undefined, events: readonly Event[]): MigrationState {
  const recognised = sortOldestFirst([...events])
    .map((event) => ({ event, phase: phaseOfEvent(event.Message ?? '') }))
    .filter((entry): entry is { event: Event; phase: MigrationPhase } => entry.phase !== null);
  const latest = recognised.at(-1);
  if (status === 'migrating') {
    return {
      phase: MigrationPhase.MIGRATING,
      message: latest?.event.Message ?? null,
      updatedAt: latest?.event.Date ?? null,
    };
  }
  if (!latest) return { phase: MigrationPhase.NONE, message: null, updatedAt: null };
  return { phase: latest.phase, message: latest.event.Message ?? null, updatedAt: latest.event.Date ?? null };
}
