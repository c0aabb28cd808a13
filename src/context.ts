import type { Caller } from './auth/caller.js';
import type { ElastiCacheClients } from './aws/clients.js';
import type { Logger } from './logger.js';
import type { MigrationCheckOptions } from './preflight/requirements.js';
import type { GroupWatchers } from './subscriptions/group-watchers.js';
import type { MigrationProgressReader } from './progress/progress-reader.js';
import type { ProgressWatchers } from './subscriptions/progress-watchers.js';
import type { PartialFailure } from './resolvers/partial-failures.js';

/**
 * What every resolver receives: the shared AWS clients, pollers and logger, the caller, and the
 * request's abort signal. Per-request loaders are not here: the dataloader plugin keeps them per context
 * object, declared beside their types (src/schema).
 */
export interface GatewayContext {
  clients: ElastiCacheClients;
  log: Logger;
  watchers: GroupWatchers;
  /** Live sync progress of migrating groups, from the engines (INFO only). */
  progress: MigrationProgressReader;
  /** The migrationProgress subscription's shared polls. */
  progressWatchers: ProgressWatchers;
  /** Where migrationPreflight may connect, and how long it may take (PREFLIGHT_*). */
  preflight: MigrationCheckOptions;
  /** How long migrationVerification may compare (VERIFICATION_TIMEOUT_MS). */
  verification: { timeoutMs: number };
  /** Who sent the request (OPEN_CALLER when the gateway runs open); scopes decide what it may do. */
  caller: Caller;
  /** Aborted when the client disconnects: AWS calls made for this request stop. */
  signal: AbortSignal;
  /** Parts of answers that failed while the rest was served (resolvers/partial-failures.ts), reported beside the data. */
  partialFailures: PartialFailure[];
}
