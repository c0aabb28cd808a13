import type { MigrationProgress } from './progress-reader.js';

/** completeMigration without force, refused by the gateway: a shard is not in sync (long enough). */
export class MigrationNotInSyncError extends Error {
  override readonly name = 'MigrationNotInSync';
  readonly code = 'MigrationNotInSync';

  constructor(readonly progress: MigrationProgress) {
    super(
      `The migration is not ready to complete: ${progress.blockers.join('; ')}. Nothing was sent to ElastiCache; wait for the shards to be in sync, or complete with force: true (data may be lost).`,
    );
  }
}

/** completeMigration without force, refused by the gateway: the progress could not be read. */
export class MigrationProgressUnavailableError extends Error {
  override readonly name = 'MigrationProgressUnavailable';
  readonly code = 'MigrationProgressUnavailable';

  constructor(reason: string) {
    super(
      `The migration's progress could not be read (${reason}), so the gateway cannot tell it is in sync. Nothing was sent to ElastiCache; complete with force: true to cut over without the check.`,
    );
  }
}
