import type { CacheCluster, Event, ReplicationGroup } from '@aws-sdk/client-elasticache';
import type { SourceEndpoint } from '../rules/event-texts.js';
import type { BackingNode } from './backing-nodes.js';
import { DescribedResources } from './described-resources.js';
import type { ShardSource } from './live-migrations.js';
import type { Location } from './topology.js';
import { EVENT_RETENTION_MS, sortOldestFirst } from '../rules/event-retention.js';

export interface StoredGroup {
  group: ReplicationGroup;
  clusters: CacheCluster[];
  /** The source of the migration in progress, while the group is migrating. */
  migrationSource?: SourceEndpoint;
  /** The redis-server processes standing for its shard primaries, once a migration started them. */
  backing?: BackingNode[] | undefined;
  /** Where each shard replicates from, during a migration (cluster mode: each slot owner). */
  shardSources?: ShardSource[];
}

/** ElastiCache keeps events for 14 days. */

/** What one region of the local endpoint holds: groups in creation order, clusters, events. */
export class RegionState {
  /** The read-only resources (serverless caches, snapshots, users, ...): seeded, described, never changed. */
  readonly described = new DescribedResources();
  readonly #groups = new Map<string, StoredGroup>();
  readonly #events: Event[] = [];
  /**
   * Where each group, cluster and event stands in its listing, for Markers that stay right when
   * records are added or removed between pages (a Marker names the last record read, not an
   * offset). Groups and events are numbered as they are added; clusters by their group.
   */
  readonly #keys = new WeakMap<object, number[]>();
  #next = 0;

  constructor(readonly location: Location) {}

  /** Ids are case-insensitive, as in ElastiCache. */
  find(replicationGroupId: string): StoredGroup | undefined {
    return this.#groups.get(replicationGroupId.toLowerCase());
  }

  add(stored: StoredGroup): void {
    const n = this.#next++;
    this.#keys.set(stored, [n]);
    stored.clusters.forEach((cluster, index) => this.#keys.set(cluster, [n, index + 1]));
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

  /** Standalone clusters: a primary kept by DeleteReplicationGroup with RetainPrimaryCluster. */
  readonly #standalone: CacheCluster[] = [];

  keepStandalone(cluster: CacheCluster): void {
    this.#keys.set(cluster, [this.#next++, 0]);
    this.#standalone.push(cluster);
  }

  allClusters(): CacheCluster[] {
    return [...this.clusters(), ...this.#standalone];
  }

  /** The listing position of a group `[n]`, a cluster `[group n, index]` or an event `[date, n]`. */
  groupKey(stored: StoredGroup): number[] {
    return this.#keys.get(stored) ?? [0];
  }

  clusterKey(cluster: CacheCluster): number[] {
    return this.#keys.get(cluster) ?? [0, 0];
  }

  eventKey(event: Event): number[] {
    return [event.Date?.getTime() ?? 0, ...(this.#keys.get(event) ?? [0])];
  }

  recordEvent(
    sourceIdentifier: string,
    message: string,
    date = new Date(),
    sourceType: 'replication-group' | 'cache-cluster' = 'replication-group',
  ): void {
    const event: Event = { SourceIdentifier: sourceIdentifier, SourceType: sourceType, Message: message, Date: date };
    this.#keys.set(event, [this.#next++]);
    this.#events.push(event);
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
