import type { ElastiCacheClients } from '../aws/clients.js';
import type { EventRecord, ReplicationGroupRecord } from '../aws/records.js';
import type { InfoConnections } from './info-connections.js';
import { InfoUnavailable } from './info-connections.js';
import { targetPrimaries } from './target-primaries.js';
import { shardProgress, type Endpoint, type ShardSyncProgress } from './sync-progress.js';
import { SETTINGS } from '../settings.js';

export interface MigrationProgress {
  /** Every shard streams with at most CUTOVER_MAX_BYTES_BEHIND bytes to apply. */
  inSync: boolean;
  /** In sync for at least CUTOVER_STABLE_MS: completeMigration may cut over. */
  readyToComplete: boolean;
  /** Why it is not ready, in words. */
  blockers: string[];
  observedAt: Date;
  shards: ShardSyncProgress[];
}

/** When a migration may be completed: CUTOVER_MAX_BYTES_BEHIND and CUTOVER_STABLE_MS. */
export interface CutoverRule {
  maxBytesBehind: number;
  stableMs: number;
}

export const DEFAULT_CUTOVER_RULE: CutoverRule = {
  maxBytesBehind: SETTINGS.CUTOVER_MAX_BYTES_BEHIND.default,
  stableMs: SETTINGS.CUTOVER_STABLE_MS.default,
};

// AWS's event: "Starting migration operation for target cluster <id> with source cluster endpoint <address> and port <port>".
const START_EVENT =
  /^Starting migration operation for target cluster \S+ with source cluster endpoint (\S+) and port (\d+)/;

/**
 * A migrating group's progress, shard by shard, read from the engines (`INFO replication` of the
 * source and, when the gateway can reach it, of each target shard primary). Each shard's source
 * is what its primary replicates from (`master_host`), else the migration's source from its start
 * event. How long each shard has been in sync is remembered between reads, so a read tells
 * whether the cutover rule holds; a gap longer than the rule's time vouches for nothing.
 */
export class MigrationProgressReader {
  readonly #inSync = new Map<string, { since: Date; seenAt: number }>();

  constructor(
    private readonly connections: InfoConnections,
    private readonly clients: ElastiCacheClients,
    readonly rule: CutoverRule,
  ) {}

  /** The migration's source from the group's events (the newest start), or null. */
  static sourceOf(events: readonly EventRecord[]): Endpoint | null {
    for (const event of [...events].reverse()) {
      const match = START_EVENT.exec(event.Message ?? '');
      if (match) return { address: match[1] ?? '', port: Number(match[2]) };
    }
    return null;
  }

  /**
   * `migrationSource` is asked only when a shard's primary cannot say what it replicates from
   * (it costs an AWS read of the group's events).
   */
  async read(
    group: ReplicationGroupRecord,
    migrationSource: () => Promise<Endpoint | null>,
  ): Promise<MigrationProgress> {
    let knownSource: Promise<Endpoint | null> | undefined;
    const fallbackSource = () => (knownSource ??= migrationSource());
    const targets = await targetPrimaries(this.clients, group);
    const observedAt = new Date();
    const shards = await Promise.all(
      targets.map(async ({ nodeGroupId, endpoint }) => {
        const targetInfo = endpoint ? await this.#info(endpoint, 'replication') : null;
        const targetIps = endpoint ? await this.connections.resolve(endpoint.address).catch(() => null) : null;
        const masterHost = targetInfo?.get('master_host');
        const source =
          masterHost && targetInfo?.get('master_port')
            ? { address: masterHost, port: Number(targetInfo.get('master_port')) }
            : await fallbackSource();
        const sourceInfo = source ? await this.#info(source, 'replication') : null;
        const progress = shardProgress(
          {
            nodeGroupId,
            source: source ?? { address: 'unknown', port: 0 },
            sourceInfo,
            target: endpoint && targetIps ? { ips: targetIps, port: endpoint.port } : null,
            targetInfo,
          },
          this.rule.maxBytesBehind,
        );
        const blocker = source ? progress.blocker : `shard ${nodeGroupId}: the migration's source is not known`;
        return { ...progress, blocker, inSyncSince: this.#since(group, nodeGroupId, progress.inSync, observedAt) };
      }),
    );
    const inSync = shards.length > 0 && shards.every((shard) => shard.inSync);
    const blockers = shards.flatMap((shard) => (shard.blocker ? [shard.blocker] : []));
    const stableSince = Math.max(...shards.map((shard) => shard.inSyncSince?.getTime() ?? Number.POSITIVE_INFINITY));
    const stableFor = observedAt.getTime() - stableSince;
    if (inSync && stableFor < this.rule.stableMs)
      blockers.push(`in sync for ${Math.max(0, stableFor)} ms; the cutover needs ${this.rule.stableMs} ms in a row`);
    if (shards.length === 0) blockers.push('the group has no shard to read');
    return { inSync, readyToComplete: inSync && blockers.length === 0, blockers, observedAt, shards };
  }

  close(): void {
    this.connections.close();
  }

  async #info(endpoint: Endpoint, section: string): Promise<Map<string, string> | null> {
    try {
      return await this.connections.info(endpoint.address, endpoint.port, section);
    } catch (error) {
      if (error instanceof InfoUnavailable) return null;
      throw error;
    }
  }

  #since(group: ReplicationGroupRecord, nodeGroupId: string, inSync: boolean, now: Date): Date | null {
    const key = `${group.location}\u0000${group.ReplicationGroupId ?? ''}\u0000${nodeGroupId}`;
    const known = this.#inSync.get(key);
    if (!inSync) {
      this.#inSync.delete(key);
      return null;
    }
    const continuing = known && now.getTime() - known.seenAt <= this.rule.stableMs;
    const since = continuing ? known.since : now;
    this.#inSync.set(key, { since, seenAt: now.getTime() });
    return since;
  }
}
