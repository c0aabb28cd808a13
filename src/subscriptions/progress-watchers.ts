import { GraphQLError } from 'graphql';
import type { ElastiCacheClients } from '../aws/clients.js';
import { locationKey } from '../aws/location-key.js';
import { replicationGroups } from '../aws/resources.js';
import type { Logger } from '../logger.js';
import type { MigrationProgress, MigrationProgressReader } from '../progress/progress-reader.js';
import { readProgress } from '../progress/read-progress.js';
import type { Listening, PollCoordination, PollMessage } from './poll-coordination.js';
import { UpdateQueue } from './update-queue.js';
import { SETTINGS } from '../settings.js';

export interface ProgressUpdate {
  progress: MigrationProgress;
  /** The last push: the group no longer migrates (completed, or failed). */
  done: boolean;
}

export interface ProgressWatcherOptions {
  clients: ElastiCacheClients;
  reader: MigrationProgressReader;
  log: Logger;
  coordination: PollCoordination;
  /** MIGRATION_PROGRESS_INTERVAL_MS: between two reads of a group's progress. */
  intervalMs: number;
  /** A subscription place of the caller (SUBSCRIPTIONS_PER_CALLER), given back by the function returned. */
  hold(caller: string | null): () => void;
}

export const DEFAULT_MIGRATION_PROGRESS_INTERVAL_MS = SETTINGS.MIGRATION_PROGRESS_INTERVAL_MS.default;

/**
 * The migrationProgress subscription's polls: however many subscribers a migrating group has, on
 * however many replicas, one replica (the lease holder, as for group polls) reads its progress
 * once per interval, one `INFO` per source shard and per target primary, and every subscriber
 * gets that read. A group still `modifying` (the migration starting) gets pushes that say so; the
 * stream ends after the push that finds the group neither migrating nor modifying.
 */
export class ProgressWatchers {
  readonly #watches = new Map<string, ProgressWatch>();

  constructor(private readonly options: ProgressWatcherOptions) {}

  subscribe(
    location: string,
    replicationGroupId: string,
    caller: string | null,
  ): AsyncIterableIterator<ProgressUpdate> {
    const release = this.options.hold(caller);
    const key = locationKey(location, `progress:${replicationGroupId}`);
    let watch = this.#watches.get(key);
    if (!watch) {
      watch = new ProgressWatch(location, replicationGroupId, key, this.options, () => this.#watches.delete(key));
      this.#watches.set(key, watch);
    }
    return watch.join(release);
  }

  /** MIGRATION_PROGRESS_INTERVAL_MS: between two reads of a group's progress. */
  get intervalMs(): number {
    return this.options.intervalMs;
  }

  /** Groups whose progress this replica watches. */
  get activeWatches(): number {
    return this.#watches.size;
  }

  /** The newest progress of each migrating group this replica polls (holds the lease of): what metrics report. */
  polled(): { location: string; replicationGroupId: string; progress: MigrationProgress }[] {
    return [...this.#watches.values()].flatMap((watch) => watch.polledProgress());
  }

  dispose(): void {
    for (const watch of [...this.#watches.values()]) watch.stop();
  }
}

class ProgressWatch {
  readonly #subscribers = new Set<UpdateQueue<ProgressUpdate>>();
  readonly #listening: Listening;
  readonly #abort = new AbortController();
  #timer: NodeJS.Timeout | null = null;
  #stopped = false;
  /** This replica's own newest read, while it holds the lease and the group migrates. */
  #polled: MigrationProgress | null = null;

  constructor(
    private readonly location: string,
    private readonly replicationGroupId: string,
    private readonly key: string,
    private readonly options: ProgressWatcherOptions,
    private readonly onStop: () => void,
  ) {
    this.#listening = options.coordination.listen(key, (message) => this.#apply(message));
    void this.#listening.subscribed.then(() => this.#schedule(0));
  }

  join(onLeave: () => void): AsyncIterableIterator<ProgressUpdate> {
    const queue: UpdateQueue<ProgressUpdate> = new UpdateQueue(() => {
      onLeave();
      this.#subscribers.delete(queue);
      if (this.#subscribers.size === 0) this.stop();
    });
    this.#subscribers.add(queue);
    return queue;
  }

  polledProgress(): { location: string; replicationGroupId: string; progress: MigrationProgress }[] {
    return this.#polled
      ? [{ location: this.location, replicationGroupId: this.replicationGroupId, progress: this.#polled }]
      : [];
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#abort.abort();
    this.#listening.stop();
    if (this.#timer) clearTimeout(this.#timer);
    for (const subscriber of [...this.#subscribers]) void subscriber.return();
    void this.options.coordination.release(this.key);
    this.onStop();
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#tick(), delayMs);
  }

  async #tick(): Promise<void> {
    const { coordination, intervalMs } = this.options;
    try {
      if (await coordination.claim(this.key, Math.max(3 * intervalMs, 3_000))) await this.#poll();
      else this.#polled = null;
    } catch (error) {
      // The last subscriber left while the read waited (its calls were cancelled): nothing failed.
      if (this.#stopped) return;
      this.options.log.warn('Migration progress poll failed', {
        location: this.location,
        replicationGroupId: this.replicationGroupId,
        reason: error instanceof Error ? error.message : String(error),
      });
    }
    this.#schedule(intervalMs);
  }

  async #poll(): Promise<void> {
    const { clients, coordination, reader } = this.options;
    const group = await replicationGroups.describe(clients, this.location, this.replicationGroupId, {
      signal: this.#abort.signal,
      fresh: true,
    });
    if (this.#stopped) return;
    if (!group) {
      const message = `Replication group ${this.replicationGroupId} does not exist in ${this.location}.`;
      await coordination.publish(this.key, { kind: 'gone', message });
      return;
    }
    const migrating = group.Status === 'migrating';
    // Right after startMigration the group is `modifying` until every shard replicates: the
    // stream waits for it (a modification of another kind ends as `available`, and so does the stream).
    const starting = group.Status === 'modifying';
    const progress = migrating
      ? await readProgress({ clients, progress: reader, signal: this.#abort.signal }, group)
      : starting
        ? notYet(group.Status ?? 'modifying')
        : finished(group.Status ?? 'unknown');
    if (this.#stopped) return;
    this.#polled = migrating ? progress : null;
    await coordination.publish(this.key, { kind: 'progress', progress, done: !migrating && !starting });
  }

  #apply(message: PollMessage): void {
    if (this.#stopped) return;
    if (message.kind === 'gone') {
      const error = new GraphQLError(message.message, { extensions: { code: message.code ?? 'NOT_FOUND' } });
      for (const subscriber of [...this.#subscribers]) subscriber.fail(error);
      this.stop();
      return;
    }
    if (message.kind !== 'progress') return;
    const update: ProgressUpdate = { progress: message.progress, done: message.done };
    for (const subscriber of this.#subscribers) subscriber.push(update);
    // The last push is out: each stream ends once its subscriber has read it.
    if (message.done) for (const subscriber of [...this.#subscribers]) subscriber.end();
  }
}

/** The push while the group is modifying, as a migration starts (no shard replicates yet). */
function notYet(status: string): MigrationProgress {
  return {
    inSync: false,
    readyToComplete: false,
    blockers: [`the group is ${status} (a migration starting): no shard replicates yet`],
    observedAt: new Date(),
    shards: [],
  };
}

/** The push that says the migration is over (no shard to read). */
function finished(status: string): MigrationProgress {
  return {
    inSync: false,
    readyToComplete: false,
    blockers: [`the group no longer migrates (status ${status}): the migration completed or failed`],
    observedAt: new Date(),
    shards: [],
  };
}
