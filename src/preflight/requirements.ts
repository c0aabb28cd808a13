import type { Socket } from 'node:net';
import type { NetworkAllowlist } from './network-allowlist.js';

/**
 * The names of the migration prerequisites and the shapes of a check, without the code that
 * checks (prerequisites.ts, which loads a Redis client): the schema and the gateway's wiring need
 * only these.
 */

/** Every requirement checked, in the order reported. */
export const MIGRATION_REQUIREMENTS = [
  'TARGET_STATUS',
  'TARGET_ENGINE_VERSION',
  'TARGET_TRANSIT_ENCRYPTION',
  'TARGET_MULTI_AZ',
  'TARGET_GLOBAL_DATASTORE',
  'TARGET_DATA_TIERING',
  'TARGET_NODE_TYPE',
  'SOURCE_ADDRESS_NOT_ALLOWED',
  'SOURCE_PRIVATE_ADDRESS',
  'SOURCE_UNREACHABLE',
  'SOURCE_AUTH_REQUIRED',
  'SOURCE_PROTECTED_MODE',
  'SOURCE_VERSION_TOO_OLD',
  'SOURCE_VERSION_NEWER_THAN_TARGET',
  'DATABASES_MISMATCH',
  'SOURCE_COMMAND_RENAMED',
  'CLUSTER_MODE_MISMATCH',
  'SHARD_COUNT_MISMATCH',
  'SOURCE_PORTS_DIFFER',
  'TARGET_MEMORY',
  'SOURCE_MAXMEMORY_POLICY',
  'SOURCE_REPLICA_OUTPUT_BUFFER',
] as const;
export type MigrationRequirement = (typeof MIGRATION_REQUIREMENTS)[number];

/** ERROR: the migration fails (AWS refuses it, or it fails later); WARNING: it may go wrong, an operator may proceed. */
export type CheckSeverity = 'ERROR' | 'WARNING';

const WARNINGS: ReadonlySet<MigrationRequirement> = new Set([
  'SOURCE_MAXMEMORY_POLICY',
  'SOURCE_REPLICA_OUTPUT_BUFFER',
]);

export function severityOf(requirement: MigrationRequirement): CheckSeverity {
  return WARNINGS.has(requirement) ? 'WARNING' : 'ERROR';
}

export interface MigrationCheck {
  requirement: MigrationRequirement;
  severity: CheckSeverity;
  passed: boolean;
  message: string;
}

/** How the checks reach the network: the real one unless a test injects both steps. */
export interface SourceNetwork {
  /** Every address a host name resolves to (resolved once: what is checked is what is connected to). */
  lookup(host: string): Promise<string[]>;
  /** Opens a TCP connection to an address that passed the allowlist. */
  connect(ip: string, port: number): Socket;
}

export interface MigrationCheckOptions {
  /** Bound of the whole check, resolution and every connection and command included. */
  timeoutMs: number;
  allowlist: NetworkAllowlist;
  network?: SourceNetwork;
}
