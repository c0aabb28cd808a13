import { LRUCache } from 'lru-cache';
import type { CacheClusterRecord, EventRecord, ReplicationGroupRecord } from '../aws/records.js';
import type { MigrationState } from '../rules/migration-phase.js';
import type { MigrationProgress } from '../progress/progress-reader.js';

/**
 * What a poll read beside the group, so that the fields of every subscriber's selection resolve
 * from it (the schema primes the subscriber's loaders with it) rather than a call each.
 */
export interface PolledReads {
  /** The migration state over the default window (MIGRATION_HISTORY_MINUTES). */
  migration: MigrationState;
  /** Every event of the group since `since`, oldest first, when the poller holds them all. */
  events?: { since: Date; events: EventRecord[] };
  /** The member cache clusters, when they were read with this poll. */
  clusters?: CacheClusterRecord[];
}

/**
 * What the poller of a group tells every replica watching it. `poll`: the group, what the poll
 * read beside it, and the events it has not told before; `initial` when they are the poller's
 * whole history (its first poll), not news; `polledAt` (epoch ms) when ElastiCache answered it.
 */
export type PollMessage =
  | {
      kind: 'poll';
      group: ReplicationGroupRecord;
      reads: PolledReads;
      events: EventRecord[];
      initial: boolean;
      polledAt: number;
    }
  /** The subscriptions end with this error: the group is gone (NOT_FOUND) or the gateway cannot read it (`code`). */
  | { kind: 'gone'; message: string; code?: string }
  /** A mutation through some replica: the poller should poll now. */
  | { kind: 'poke' }
  /** A migrating group's sync progress (progress watchers); `done` on the last one. */
  | { kind: 'progress'; progress: MigrationProgress; done: boolean };

/**
 * How the watchers of one group agree on who polls it, and hear what the poll found. In one
 * process the answer is always "this one" (LocalPollCoordination); across replicas a lease in
 * Redis elects one poller per group and pub/sub carries its findings (src/redis/poll-coordination.ts).
 */
export interface PollCoordination {
  /** Takes or renews the lease of `key` for `leaseMs`: true when this replica should poll it now. */
  claim(key: string, leaseMs: number): Promise<boolean>;
  /** Gives the lease of `key` up, if this replica holds it. */
  release(key: string): Promise<void>;
  /** Tells every replica listening on `key`, this one included. */
  publish(key: string, message: PollMessage): Promise<void>;
  /** Hears what is published on `key` (from when `subscribed` resolves) until `stop`. */
  listen(key: string, onMessage: (message: PollMessage) => void): Listening;
  /**
   * The newest `poll` message of `key`, if one is kept (for a watch that starts: its first poll
   * waits until this one is an interval old). A `poke` (a mutation) forgets it.
   */
  latest(key: string): Promise<Extract<PollMessage, { kind: 'poll' }> | null>;
}

export interface Listening {
  subscribed: Promise<void>;
  stop(): void;
}

/** How long a finding is kept for the next watch of its group, and for how many groups. */
export const LATEST_KEPT_MS = 60_000;
const LATEST_KEPT_GROUPS = 10_000;

/** One process: it always polls, and what it publishes reaches its own listeners at once. */
export class LocalPollCoordination implements PollCoordination {
  readonly #listeners = new Map<string, Set<(message: PollMessage) => void>>();
  /** The newest finding of each group, kept after its watch ends: a subscription opened and closed in a loop polls once per interval. */
  readonly #latest = new LRUCache<string, Extract<PollMessage, { kind: 'poll' }>>({
    max: LATEST_KEPT_GROUPS,
    ttl: LATEST_KEPT_MS,
  });

  claim(): Promise<boolean> {
    return Promise.resolve(true);
  }

  release(): Promise<void> {
    return Promise.resolve();
  }

  publish(key: string, message: PollMessage): Promise<void> {
    this.keep(key, message);
    this.deliver(key, message);
    return Promise.resolve();
  }

  /** Keeps a poll as the group's newest finding; a poke (a mutation) makes it stale: forgotten. */
  keep(key: string, message: PollMessage): void {
    if (message.kind === 'poll') this.#latest.set(key, message);
    else if (message.kind === 'poke' || message.kind === 'gone') this.#latest.delete(key);
  }

  /** Hands `message` to this process's listeners of `key`. */
  deliver(key: string, message: PollMessage): void {
    for (const listener of [...(this.#listeners.get(key) ?? [])]) listener(message);
  }

  /** Whether anyone in this process listens on `key`. */
  isListened(key: string): boolean {
    return this.#listeners.has(key);
  }

  listen(key: string, onMessage: (message: PollMessage) => void): Listening {
    const listeners = this.#listeners.get(key) ?? new Set();
    listeners.add(onMessage);
    this.#listeners.set(key, listeners);
    return {
      subscribed: Promise.resolve(),
      stop: () => {
        listeners.delete(onMessage);
        if (listeners.size === 0) this.#listeners.delete(key);
      },
    };
  }

  latest(key: string): Promise<Extract<PollMessage, { kind: 'poll' }> | null> {
    return Promise.resolve(this.#latest.get(key) ?? null);
  }
}
