import type { Logger } from './logger.js';
import type { ElastiCacheClients } from './resolvers/clients.js';
import type { GroupWatchers } from './resolvers/group-watcher.js';
import type { Loaders } from './resolvers/loaders.js';

/** What every resolver receives: shared clients, pollers and logger, and loaders made anew per request. */
export interface GatewayContext {
  clients: ElastiCacheClients;
  loaders: Loaders;
  log: Logger;
  watchers: GroupWatchers;
  /** Aborted when the client disconnects: AWS calls made for this request stop. */
  signal: AbortSignal;
}
