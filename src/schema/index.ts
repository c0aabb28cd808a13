import { ROOT_TYPE_OPTIONS } from './authorization.js';
import { builder } from './builder.js';
import { servingPublishedSdl } from './published.js';
import './enums.js';
import './errors.js';
import './replication-group.js';
import './event.js';
import './migration.js';
import './preflight.js';
import './verification.js';
import './migration-state.js';
import './migration-progress.js';
import './subscriptions.js';
import './cache-cluster.js';
import './replication-groups.js';
import './node.js';
import './users.js';
import './serverless-cache.js';
import './snapshots.js';
import './cache-groups.js';
import './global-replication-groups.js';
import './accounts.js';
import './federation.js';

builder.queryType({ description: 'Reads of ElastiCache resources.', ...ROOT_TYPE_OPTIONS });
builder.mutationType({ description: 'ElastiCache operations, starting with online migration.', ...ROOT_TYPE_OPTIONS });

/**
 * The federation directives the schema uses (its `@link` import). Given, because the plugin's own
 * default finds them by building the whole schema once more (60 ms of every start, before the
 * build that counts); test/schema/drift.test.ts checks the list against that finding.
 */
export const FEDERATION_DIRECTIVES: readonly string[] = ['@authenticated', '@key', '@requiresScopes', '@shareable'];

/**
 * The executable schema, a federation v2 subgraph (adds `_service` and `_entities`), whose
 * `_service` publishes all of it but the gateway-only root fields (src/schema/published.ts).
 */
export const schema = servingPublishedSdl(
  builder.toSubGraphSchema({ federationDirectives: [...FEDERATION_DIRECTIVES] }),
);
