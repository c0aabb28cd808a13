import type { CacheCluster, Event, ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { SourceEndpoint } from '../rules/event-texts.js';
import type { Location } from './topology.js';
import { EVENT_RETENTION_MS, sortOldestFirst } from '../rules/event-retention.js';

export interface StoredGroup {
  group: ReplicationGroup;
  clusters: CacheCluster[];
  /** The source of the migration in progress, while the group is migrating. */
  migrationSource?: SourceEndpoint;
}

/** ElastiCache keeps events for 14 days. */

/** What one region of the local endpoint holds: groups in creation order, clusters, events. */
export class RegionState {
  readonly #groups = new Map<string, StoredGroup>();
  readonly #events: Event[] = [];

  constructor(readonly location: Location) {}

  /** Ids are case-insensitive, as in ElastiCache. */
  find(replicationGroupId: string): StoredGroup | undefined {
    return this.#groups.get(replicationGroupId.toLowerCase());
  }

  add(stored: StoredGroup): void {
    this.#groups.set((stored.group.ReplicationGroupId ?? '').toLowerCase(), stored);
  }

  remove(replicationGroupId: string): void {
    this.#groups.delete(replicationGroupId.toLowerCase());
  }

  groups(): StoredGroup[] {
    return [...this.#groups.values()];
  }

  clusters(): CacheCluster[] {
    return this.groups().flatMap((stored) => stored.clusters);
  }

  recordEvent(replicationGroupId: string, message: string, date = new Date()): void {
    this.#events.push({
      SourceIdentifier: replicationGroupId,
      SourceType: 'replication-group',
      Message: message,
      Date: date,
    });
    const horizon = Date.now() - EVENT_RETENTION_MS;
    while ((this.#events[0]?.Date?.getTime() ?? Infinity) < horizon) this.#events.shift();
  }

  /** Events oldest first. */
  events(): readonly Event[] {
    return sortOldestFirst([...this.#events]);
  }
}

export function setStatus(stored: StoredGroup, status: string): void {
  stored.group.Status = status;
  const clusterStatus = status === 'migrating' ? 'available' : status;
  for (const nodeGroup of stored.group.NodeGroups ?? []) nodeGroup.Status = clusterStatus;
  for (const cluster of stored.clusters) cluster.CacheClusterStatus = clusterStatus;
}

export class EndpointState {
  readonly #regions = new Map<string, RegionState>();

  constructor(readonly accountId: string) {}

  /** Whether `name` has state already, or may get some without passing `maxRegions`. */
  canServe(name: string, maxRegions: number): boolean {
    return this.#regions.has(name) || this.#regions.size < maxRegions;
  }

  /** Any region exists on first use, as every AWS region would answer. */
  region(name: string): RegionState {
    let state = this.#regions.get(name);
    if (!state) {
      state = new RegionState({ region: name, accountId: this.accountId });
      this.#regions.set(name, state);
    }
    return state;
  }
}
