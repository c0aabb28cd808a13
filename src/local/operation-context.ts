import type { BackgroundWork } from './background-work.js';
import type { LiveMigrations } from './live-migrations.js';
import type { NetworkAllowlist } from '../preflight/network-allowlist.js';
import type { QueryParams } from './query-params.js';
import type { RegionState } from './state.js';
import type { XmlResult } from './wire-xml.js';

export interface MigrationSettings {
  checkTimeoutMs: number;
  allowlist: NetworkAllowlist;
  transitionMs: number;
}

/** What an operation handler gets: the request's parameters and region, and the endpoint's machinery. */
export interface OperationContext {
  params: QueryParams;
  region: RegionState;
  work: BackgroundWork;
  migration: MigrationSettings;
  /** Real replication into the groups' backing redis-server processes. */
  live: LiveMigrations;
}

/** Returns the content of `<ActionResult>`. */
export type Operation = (context: OperationContext) => XmlResult | Promise<XmlResult>;
