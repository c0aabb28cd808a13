import type { ReplicationGroup } from '@aws-sdk/client-elasticache';
import { Redis } from 'ioredis';
import type { NetworkAllowlist } from '../preflight/network-allowlist.js';
import { parseClusterMasters } from '../preflight/cluster-nodes.js';
import { parseInfo } from '../preflight/redis-info.js';
import type { BackingNode, BackingNodes } from './backing-nodes.js';
import type { StoredGroup } from './state.js';

/** Where one target shard replicates from: the source instance (cluster mode: the slot owner). */
export interface ShardSource {
  ip: string;
  port: number;
}

export interface LiveMigrationOptions {
  allowlist: NetworkAllowlist;
  /** Bound of every connection to a source. */
  connectTimeoutMs: number;
  /** How long replication may take to start before the primaries "promote themselves back". */
  linkTimeoutMs: number;
  /** How long a link may stay down during a migration before it fails. */
  linkDownMs: number;
  /** Between two looks at a migrating group's nodes. */
  watchIntervalMs: number;
}

export type Outcome = { ok: true } | { ok: false; cause: string };

/** How long CompleteMigration gives a target to apply what its source had written when asked. */
const SYNC_GRACE_MS = 1_000;

/**
 * Real replication behind StartMigration and CompleteMigration: each shard's primary is a
 * redis-server (BackingNodes) that replicates from the source with REPLICAOF, as ElastiCache's
 * primaries do; the group's endpoints name those processes. While the group migrates, its nodes
 * are watched: a link down for `linkDownMs`, or data beyond the node's memory, fails the
 * migration the way AWS does (the primaries promote themselves back).
 */
export class LiveMigrations {
  readonly #watches = new Map<StoredGroup, NodeJS.Timeout>();

  constructor(
    private readonly nodes: BackingNodes,
    private readonly options: LiveMigrationOptions,
  ) {}

  /** A node's memory against its node type's (the migration checks compare the source with it). */
  get memoryScale(): number {
    return this.nodes.memoryScale;
  }

  /** Places for the group's shard primaries not running yet: taken now, or the request is refused. */
  reserve(stored: StoredGroup): () => void {
    return this.nodes.reserve(stored.backing ? 0 : (stored.group.NodeGroups?.length ?? 1));
  }

  /**
   * Starts the group's primaries (if they do not run yet), points its endpoints at them and makes
   * each replicate from its source; resolves once replication has started on every shard, or
   * with the cause when it could not (the primaries are then primaries again).
   */
  async start(stored: StoredGroup, source: ShardSource, release: () => void): Promise<Outcome> {
    try {
      if (!stored.backing) {
        const nodeType = stored.group.CacheNodeType ?? '';
        const shards = stored.group.NodeGroups?.length ?? 1;
        stored.backing = await Promise.all(Array.from({ length: shards }, () => this.nodes.start(nodeType)));
        pointEndpointsAt(stored, stored.backing);
      }
    } catch (error) {
      return { ok: false, cause: `the target nodes could not be started (${describe(error)})` };
    } finally {
      release();
    }
    const backing = stored.backing;
    const sources = await this.#shardSources(stored.group, source);
    if (!Array.isArray(sources)) return sources;
    stored.shardSources = sources;
    await Promise.all(
      backing.map((node, index) => node.call('REPLICAOF', sources[index]?.ip ?? '', sources[index]?.port ?? 0)),
    );
    const deadline = Date.now() + this.options.linkTimeoutMs;
    for (;;) {
      const started = await Promise.all(backing.map((node, index) => this.#replicating(node, sources[index])));
      if (started.every(Boolean)) return { ok: true };
      if (Date.now() >= deadline) {
        await this.promote(stored);
        const failed = started.findIndex((ok) => !ok);
        const at = sources[failed] ?? sources[0];
        return {
          ok: false,
          cause: `the target could not replicate from the source at ${at?.ip}:${at?.port} (link down after ${this.options.linkTimeoutMs} ms)`,
        };
      }
      await sleep(100);
    }
  }

  /** Watches a migrating group until it stops migrating; `onFailure` once, after promoting it back. */
  watch(stored: StoredGroup, onFailure: (cause: string) => void): void {
    this.unwatch(stored);
    let downSince: number | null = null;
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      if (stored.group.Status !== 'migrating' || !stored.backing) {
        this.unwatch(stored);
        return;
      }
      busy = true;
      void this.#failure(
        stored.backing,
        stored.shardSources ?? [],
        () => {
          downSince ??= Date.now();
          return Date.now() - downSince >= this.options.linkDownMs;
        },
        () => (downSince = null),
      )
        .then(async (cause) => {
          if (cause === null || stored.group.Status !== 'migrating') return;
          this.unwatch(stored);
          await this.promote(stored);
          onFailure(cause);
        })
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, this.options.watchIntervalMs);
    timer.unref();
    this.#watches.set(stored, timer);
  }

  unwatch(stored: StoredGroup): void {
    clearInterval(this.#watches.get(stored));
    this.#watches.delete(stored);
  }

  /** Why the migration must fail now, or null: a link down too long, or more data than memory. */
  async #failure(
    backing: BackingNode[],
    sources: ShardSource[],
    downTooLong: () => boolean,
    up: () => void,
  ): Promise<string | null> {
    let anyDown = false;
    for (const [index, node] of backing.entries()) {
      const memory = await node.info('memory');
      if (!(await this.#replicating(node, sources[index]))) anyDown = true;
      if (Number(memory.get('used_memory') ?? 0) > node.maxmemory)
        return `the source's data does not fit the memory of the target's nodes (${node.maxmemory} bytes)`;
    }
    if (!anyDown) {
      up();
      return null;
    }
    return downTooLong() ? 'the replication link to the source is down' : null;
  }

  /** Whether every shard has its link up and has applied all the source has written. */
  async inSync(stored: StoredGroup): Promise<Outcome> {
    const backing = stored.backing ?? [];
    const sources = stored.shardSources ?? [];
    for (const [index, node] of backing.entries()) {
      const source = sources[index];
      if (!source) return { ok: false, cause: 'the source of a shard is unknown' };
      // What the source had written when asked must be applied by the target: a write that
      // lands meanwhile is in flight, not a lag, so the target gets a moment to reach it.
      const sourceOffset = await this.#sourceOffset(source);
      if (sourceOffset === null) return { ok: false, cause: `the source ${source.ip}:${source.port} did not answer` };
      const deadline = Date.now() + SYNC_GRACE_MS;
      for (;;) {
        const replication = await node.info('replication').catch(() => null);
        if (replication?.get('master_link_status') !== 'up')
          return { ok: false, cause: `the replication link of shard ${index + 1} is down` };
        const applied = Number(replication.get('slave_repl_offset') ?? -1);
        if (applied >= sourceOffset) break;
        if (Date.now() >= deadline)
          return { ok: false, cause: `shard ${index + 1} is ${sourceOffset - applied} bytes behind the source` };
        await sleep(50);
      }
    }
    return { ok: true };
  }

  /**
   * A snapshot in a format the target's engine cannot read: the transfer happens, then the load
   * fails. The real nodes here read it, so once every shard's link is up (the snapshot arrived)
   * they stop replicating and drop what they loaded, as a target that failed to load it holds nothing.
   */
  async rejectSnapshot(stored: StoredGroup): Promise<void> {
    const backing = stored.backing ?? [];
    const deadline = Date.now() + this.options.linkTimeoutMs;
    while (Date.now() < deadline) {
      const links = await Promise.all(backing.map((node) => node.info('replication').catch(() => null)));
      if (links.every((info) => info?.get('master_link_status') === 'up')) break;
      await sleep(50);
    }
    await this.promote(stored);
    await Promise.all(backing.map((node) => node.call('FLUSHALL').catch(() => undefined)));
  }

  /** Every shard primary stops replicating and takes writes: the cutover, or the way back. */
  async promote(stored: StoredGroup): Promise<void> {
    this.unwatch(stored);
    await Promise.all((stored.backing ?? []).map((node) => node.call('REPLICAOF', 'NO', 'ONE').catch(() => undefined)));
  }

  /** The group is gone: its processes end. */
  async remove(stored: StoredGroup): Promise<void> {
    this.unwatch(stored);
    const backing = stored.backing ?? [];
    stored.backing = undefined;
    await Promise.all(backing.map((node) => node.stop()));
  }

  async close(): Promise<void> {
    for (const timer of this.#watches.values()) clearInterval(timer);
    this.#watches.clear();
    await this.nodes.close();
  }

  /** Cluster mode disabled: the source itself. Enabled: for each target shard, the source master owning its slots. */
  async #shardSources(group: ReplicationGroup, source: ShardSource): Promise<ShardSource[] | Outcome> {
    if (!group.ClusterEnabled) return [source];
    const nodes = await this.#ask(source, 'CLUSTER', 'NODES');
    if (nodes === null)
      return { ok: false, cause: `the source ${source.ip}:${source.port} did not describe its cluster` };
    const masters = parseClusterMasters(String(nodes));
    const sources: ShardSource[] = [];
    for (const nodeGroup of group.NodeGroups ?? []) {
      const first = Number((nodeGroup.Slots ?? '0').split(/[-,]/)[0]);
      const owner = masters.find((master) => master.slots.some(([from, to]) => first >= from && first <= to));
      if (!owner) return { ok: false, cause: `no source master owns slot ${first} (shard ${nodeGroup.NodeGroupId})` };
      if (!this.options.allowlist.allows(owner.ip))
        return {
          ok: false,
          cause: `the source master ${owner.ip} is outside the networks this endpoint may connect to`,
        };
      sources.push({ ip: owner.ip, port: owner.port });
    }
    return sources;
  }

  /**
   * Whether `node` replicates from `source`: its link is up or its first sync runs, or the source
   * lists it among its replicas (a source may wait before its snapshot, repl-diskless-sync-delay,
   * while the replica has nothing to show yet).
   */
  async #replicating(node: BackingNode, source: ShardSource | undefined): Promise<boolean> {
    if (replicationStarted(await node.info('replication'))) return true;
    return source !== undefined && (await this.#sourceLists(source, node));
  }

  /** Whether the source lists `node` among its replicas (`slaveN:ip=...,port=<its port>,state=...`). */
  async #sourceLists(source: ShardSource, node: BackingNode): Promise<boolean> {
    const info = await this.#ask(source, 'INFO', 'replication');
    if (info === null) return false;
    for (const [field, value] of parseInfo(String(info))) {
      if (/^slave\d+$/.test(field) && value.split(',').includes(`port=${node.port}`)) return true;
    }
    return false;
  }

  async #sourceOffset(source: ShardSource): Promise<number | null> {
    const info = await this.#ask(source, 'INFO', 'replication');
    if (info === null) return null;
    const offset = Number(parseInfo(String(info)).get('master_repl_offset'));
    return Number.isFinite(offset) ? offset : null;
  }

  /** One command to a source (already allowed), bounded; null when it does not answer. */
  async #ask(source: ShardSource, command: string, ...args: string[]): Promise<unknown> {
    const redis = new Redis({
      host: source.ip,
      port: source.port,
      lazyConnect: true,
      connectTimeout: this.options.connectTimeoutMs,
      commandTimeout: this.options.connectTimeoutMs,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
      enableOfflineQueue: false,
    });
    redis.on('error', () => undefined);
    try {
      await redis.connect();
      return await redis.call(command, ...args);
    } catch {
      return null;
    } finally {
      redis.disconnect();
    }
  }
}

/** Replication under way: the link is up, or the first sync is (the snapshot is being made or sent). */
function replicationStarted(replication: Map<string, string>): boolean {
  return replication.get('master_link_status') === 'up' || replication.get('master_sync_in_progress') === '1';
}

/**
 * The group's endpoints name its backing processes: each shard's primary (and, with no replica
 * process behind them, its reader endpoint), and the primary cluster's node.
 */
function pointEndpointsAt(stored: StoredGroup, backing: BackingNode[]): void {
  (stored.group.NodeGroups ?? []).forEach((nodeGroup, index) => {
    const node = backing[index];
    if (!node) return;
    const endpoint = { Address: node.address, Port: node.port };
    if (nodeGroup.PrimaryEndpoint) nodeGroup.PrimaryEndpoint = { ...endpoint };
    if (nodeGroup.ReaderEndpoint) nodeGroup.ReaderEndpoint = { ...endpoint };
    const primary = nodeGroup.NodeGroupMembers?.[0];
    if (primary?.ReadEndpoint) primary.ReadEndpoint = { ...endpoint };
    const cluster = stored.clusters.find((candidate) => candidate.CacheClusterId === primary?.CacheClusterId);
    for (const cacheNode of cluster?.CacheNodes ?? []) cacheNode.Endpoint = { ...endpoint };
  });
  if (stored.group.ConfigurationEndpoint && backing[0])
    stored.group.ConfigurationEndpoint = { Address: backing[0].address, Port: backing[0].port };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
