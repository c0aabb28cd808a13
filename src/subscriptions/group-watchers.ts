import { GraphQLError } from 'graphql';
import type { ElastiCacheClients } from '../aws/clients.js';
import { describeGroupEvents } from '../aws/events.js';
import type { EventRecord, ReplicationGroupRecord } from '../aws/records.js';
import { regionalKey } from '../aws/regional-key.js';
import { describeReplicationGroup } from '../aws/replication-groups.js';
import { UpstreamError, UpstreamErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { deriveMigrationState, MIGRATION_HISTORY_MINUTES } from '../rules/migration-phase.js';
import { UpdateQueue } from './update-queue.js';

/** The group carries the migration state the poller derived (`knownMigration`). */
export type GroupUpdate = { kind: 'group'; group: ReplicationGroupRecord } | { kind: 'event'; event: EventRecord };

export interface GroupWatcherOptions {
  clients: ElastiCacheClients;
  log: Logger;
  /** Time between polls of one group. */
  intervalMs: number;
  /** Ceiling of the backoff while ElastiCache throttles. */
  maxBackoffMs?: number;
}

const HISTORY_WINDOW_MS = MIGRATION_HISTORY_MINUTES * 60_000;

/**
 * Live views of replication groups for subscriptions. However many clients watch a group, one
 * poller per group (and region) calls ElastiCache, once per interval: DescribeReplicationGroups,
 * then DescribeEvents since the newest event seen. It backs off while throttled and stops when
 * its last subscriber leaves.
 */
export class GroupWatchers {
  readonly #watches = new Map<string, GroupWatch>();

  constructor(private readonly options: GroupWatcherOptions) {}

  /** Updates for one group: the group at once (and on every change), then each new event. */
  subscribe(region: string, replicationGroupId: string): AsyncIterableIterator<GroupUpdate> {
    const key = regionalKey(region, replicationGroupId);
    let watch = this.#watches.get(key);
    if (!watch) {
      watch = new GroupWatch(region, replicationGroupId, this.options, () => this.#watches.delete(key));
      this.#watches.set(key, watch);
    }
    return watch.join();
  }

  /** Groups being polled right now. */
  get activeWatches(): number {
    return this.#watches.size;
  }

  dispose(): void {
    for (const watch of [...this.#watches.values()]) watch.stop();
  }
}

class GroupWatch {
  readonly #subscribers = new Set<UpdateQueue<GroupUpdate>>();
  readonly #seenEvents = new Set<string>();
  #history: EventRecord[] = [];
  #latest: Extract<GroupUpdate, { kind: 'group' }> | null = null;
  #fingerprint: string | null = null;
  #timer: NodeJS.Timeout | null = null;
  #delayMs: number;
  #polled = false;
  #stopped = false;
  /** Ends the poll under way when the last subscriber leaves. */
  readonly #abort = new AbortController();

  constructor(
    private readonly region: string,
    private readonly replicationGroupId: string,
    private readonly options: GroupWatcherOptions,
    private readonly onStop: () => void,
  ) {
    this.#delayMs = options.intervalMs;
    this.#schedule(0);
  }

  join(): AsyncIterableIterator<GroupUpdate> {
    const queue: UpdateQueue<GroupUpdate> = new UpdateQueue(() => {
      this.#subscribers.delete(queue);
      if (this.#subscribers.size === 0) this.stop();
    });
    this.#subscribers.add(queue);
    if (this.#latest) queue.push(this.#latest);
    return queue;
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#abort.abort();
    // Ending the iterators runs their onClose, which comes back here as a no-op.
    if (this.#timer) clearTimeout(this.#timer);
    for (const subscriber of [...this.#subscribers]) void subscriber.return();
    this.onStop();
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#poll(), delayMs);
  }

  async #poll(): Promise<void> {
    const { clients, log, intervalMs, maxBackoffMs = 60_000 } = this.options;
    try {
      // Fresh reads: a poll exists to see changes, so it never takes the read cache's answer
      // (it refreshes it, for the requests that follow).
      const read = { signal: this.#abort.signal, fresh: true };
      const group = await describeReplicationGroup(clients, this.region, this.replicationGroupId, read);
      if (this.#stopped) return;
      if (!group) {
        this.#failAll(
          new GraphQLError(`Replication group ${this.replicationGroupId} does not exist in ${this.region}.`, {
            extensions: { code: 'NOT_FOUND' },
          }),
        );
        return;
      }
      const newest = this.#history.at(-1)?.Date;
      const events = await describeGroupEvents(
        clients,
        {
          region: this.region,
          replicationGroupId: this.replicationGroupId,
          window: { startTime: newest ?? new Date(Date.now() - HISTORY_WINDOW_MS) },
        },
        read,
      );
      if (this.#stopped) return;
      this.#publish(group, events);
      this.#delayMs = intervalMs;
    } catch (error) {
      // Throttled: wait longer each time, up to the ceiling; other failures keep the pace.
      if (error instanceof UpstreamError && error.extensions.code === UpstreamErrorCode.THROTTLED) {
        this.#delayMs = Math.min(this.#delayMs * 2, maxBackoffMs);
      }
      log.warn('Subscription poll failed', {
        region: this.region,
        replicationGroupId: this.replicationGroupId,
        nextPollMs: this.#delayMs,
      });
    }
    this.#schedule(this.#delayMs);
  }

  #publish(group: ReplicationGroupRecord, events: EventRecord[]): void {
    const fresh = events.filter((event) => {
      const key = `${event.Date?.toISOString()}\u0000${event.Message}`;
      if (this.#seenEvents.has(key)) return false;
      this.#seenEvents.add(key);
      return true;
    });
    this.#history = [...this.#history, ...fresh].filter(
      (event) => (event.Date?.getTime() ?? 0) >= Date.now() - HISTORY_WINDOW_MS,
    );
    const migration = deriveMigrationState(group.Status, this.#history);
    const fingerprint = JSON.stringify([group.Status, group.PendingModifiedValues ?? {}, migration.phase]);
    if (fingerprint !== this.#fingerprint) {
      this.#fingerprint = fingerprint;
      // Subscribers selecting `migration` read it from the group instead of calling DescribeEvents again.
      this.#latest = { kind: 'group', group: { ...group, knownMigration: migration } };
      this.#broadcast(this.#latest);
    }
    // The first poll only learns what had happened before anyone watched.
    if (this.#polled) for (const event of fresh) this.#broadcast({ kind: 'event', event });
    this.#polled = true;
  }

  #broadcast(update: GroupUpdate): void {
    for (const subscriber of this.#subscribers) subscriber.push(update);
  }

  /** Ends every subscription with `error` (delivered after what they have queued) and stops polling. */
  #failAll(error: GraphQLError): void {
    this.#stopped = true;
    this.#abort.abort();
    if (this.#timer) clearTimeout(this.#timer);
    for (const subscriber of [...this.#subscribers]) subscriber.fail(error);
    this.#subscribers.clear();
    this.onStop();
  }
}
