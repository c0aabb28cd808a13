import { GraphQLError } from 'graphql';
import type { ElastiCacheClients, SendOptions } from '../aws/clients.js';
import { describeGroupEventsOf } from '../aws/events.js';
import type { CacheClusterRecord, EventRecord, ReplicationGroupRecord } from '../aws/records.js';
import { locationKey } from '../aws/location-key.js';
import { cacheClusters, replicationGroups } from '../aws/resources.js';
import { TooManySubscriptionsError, UpstreamError, UpstreamErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';
import { deriveMigrationState, MIGRATION_HISTORY_MINUTES } from '../rules/migration-phase.js';
import {
  LocalPollCoordination,
  type Listening,
  type PolledReads,
  type PollCoordination,
  type PollMessage,
} from './poll-coordination.js';
import { UpdateQueue } from './update-queue.js';
import { SETTINGS } from '../settings.js';

/** The group, with what the poll read beside it (`reads`: its migration state, events and clusters). */
export type GroupUpdate =
  { kind: 'group'; group: ReplicationGroupRecord; reads: PolledReads } | { kind: 'event'; event: EventRecord };

export interface GroupWatcherOptions {
  clients: ElastiCacheClients;
  log: Logger;
  /** Time between polls of one group. */
  intervalMs: number;
  /** Ceiling of the backoff while ElastiCache throttles. */
  maxBackoffMs?: number;
  /** Who polls which group, when several replicas watch it (default: this process alone). */
  coordination?: PollCoordination;
  /** Subscriptions one caller may hold open on this replica at once (default DEFAULT_SUBSCRIPTIONS_PER_CALLER). */
  maxPerCaller?: number;
}

export const DEFAULT_SUBSCRIPTIONS_PER_CALLER = SETTINGS.SUBSCRIPTIONS_PER_CALLER.default;

const HISTORY_WINDOW_MS = MIGRATION_HISTORY_MINUTES * 60_000;
/** Statuses a group passes through on its way somewhere: polled every second, so each one is seen. */
const TRANSITIONAL_STATUSES = new Set(['creating', 'modifying', 'migrating', 'deleting', 'testing', 'snapshotting']);
const TRANSITIONAL_INTERVAL_MS = 1_000;
/** Beyond this many events in a day, a poller keeps the newest and stops vouching for the whole history. */
const MAX_HISTORY_EVENTS = 1_000;
/** Events a watch remembers having told, newest kept: enough to tell news from repeats across a poller handover. */
const MAX_SEEN_EVENTS = 5_000;

/**
 * Live views of replication groups for subscriptions. However many clients watch a group, on
 * however many replicas, one poller calls ElastiCache for it, once per interval (every second
 * while the group is in a transitional status, and at once after a mutation through the gateway):
 * DescribeReplicationGroups, then DescribeEvents since the newest event seen. What it finds serves
 * every subscriber's selection: the group carries its migration state and its day of events. It
 * backs off while throttled and stops when its last subscriber leaves.
 */
export class GroupWatchers {
  readonly #watches = new Map<string, GroupWatch>();
  readonly #coordination: PollCoordination;
  /** Open subscriptions per caller (the token's subject; every open caller is one). */
  readonly #perCaller = new Map<string | null, number>();

  constructor(private readonly options: GroupWatcherOptions) {
    this.#coordination = options.coordination ?? new LocalPollCoordination();
  }

  /**
   * Updates for one group: the group at once (and on every change), then each new event. Each
   * caller holds at most `maxPerCaller` at once: one more is refused (TOO_MANY_SUBSCRIPTIONS),
   * and nobody else is affected.
   */
  subscribe(
    location: string,
    replicationGroupId: string,
    caller: string | null = null,
  ): AsyncIterableIterator<GroupUpdate> {
    const released = this.hold(caller);
    const key = watchKey(location, replicationGroupId);
    let watch = this.#watches.get(key);
    if (!watch) {
      watch = new GroupWatch(location, replicationGroupId, key, this.options, this.#coordination, () =>
        this.#watches.delete(key),
      );
      this.#watches.set(key, watch);
    }
    return watch.join(released);
  }

  /**
   * One of `caller`'s subscription places (SUBSCRIPTIONS_PER_CALLER, over every kind of
   * subscription): TooManySubscriptionsError when none is left; the function gives it back.
   */
  hold(caller: string | null): () => void {
    const limit = this.options.maxPerCaller ?? DEFAULT_SUBSCRIPTIONS_PER_CALLER;
    const held = this.#perCaller.get(caller) ?? 0;
    if (held >= limit) throw new TooManySubscriptionsError(limit, 'caller');
    this.#perCaller.set(caller, held + 1);
    let given = false;
    return () => {
      if (given) return;
      given = true;
      const count = (this.#perCaller.get(caller) ?? 1) - 1;
      if (count > 0) this.#perCaller.set(caller, count);
      else this.#perCaller.delete(caller);
    };
  }

  /** The coordination the watchers poll under (progress watchers share it). */
  get coordination(): PollCoordination {
    return this.#coordination;
  }

  /**
   * After a mutation of the group through this gateway: its poller (on whichever replica) polls
   * now rather than at the end of its interval, so subscribers see the change at once.
   */
  async changed(location: string, replicationGroupId: string): Promise<void> {
    const key = watchKey(location, replicationGroupId);
    const watch = this.#watches.get(key);
    if (watch?.isPoller) watch.pollNow();
    // The poller may be another replica's: tell whoever it is.
    else await this.#coordination.publish(key, { kind: 'poke' });
  }

  /** The delay between a watched group's polls now (its back-off shows here), or null when it is not watched. */
  pollDelayOf(location: string, replicationGroupId: string): number | null {
    return this.#watches.get(watchKey(location, replicationGroupId))?.pollDelayMs ?? null;
  }

  /** Groups being watched by this replica right now. */
  get activeWatches(): number {
    return this.#watches.size;
  }

  /** Subscriptions open on this replica, over all groups. */
  get openSubscriptions(): number {
    let count = 0;
    for (const watch of this.#watches.values()) count += watch.subscriberCount;
    return count;
  }

  /** Groups this replica polls itself (holds the lease of). */
  get pollers(): number {
    return [...this.#watches.values()].filter((watch) => watch.isPoller).length;
  }

  dispose(): void {
    for (const watch of [...this.#watches.values()]) watch.stop();
  }
}

/** Ids are case-insensitive in ElastiCache: one watch (and one lease) per group, however it is spelt (locationKey lowercases). */
function watchKey(location: string, replicationGroupId: string): string {
  return locationKey(location, replicationGroupId);
}

/** What the replica that polls a group knows beyond what it tells: its history of events. */
interface PollerState {
  history: EventRecord[];
  /** False once the history may lack events (more than a page at once, or past MAX_HISTORY_EVENTS). */
  complete: boolean;
  fingerprint: string | null;
  /** The member clusters as read at the group's last change; null when that read failed (fields then read them). */
  clusters: CacheClusterRecord[] | null;
}

class GroupWatch {
  readonly #subscribers = new Set<UpdateQueue<GroupUpdate>>();
  readonly #seenEvents = new Set<string>();
  readonly #listening: Listening;
  #latest: Extract<GroupUpdate, { kind: 'group' }> | null = null;
  #fingerprint: string | null = null;
  /** True once this replica knows what had happened before it watched (its events are not news). */
  #initialized = false;
  /** Set while this replica is the group's poller. */
  #poller: PollerState | null = null;
  #timer: NodeJS.Timeout | null = null;
  #delayMs: number;
  #polling = false;
  #pollAgain = false;
  #stopped = false;
  /** Ends the poll under way when the last subscriber leaves. */
  readonly #abort = new AbortController();

  constructor(
    private readonly location: string,
    private readonly replicationGroupId: string,
    private readonly key: string,
    private readonly options: GroupWatcherOptions,
    private readonly coordination: PollCoordination,
    private readonly onStop: () => void,
  ) {
    this.#delayMs = options.intervalMs;
    this.#listening = coordination.listen(key, (message) => this.#apply(message));
    void this.#start();
  }

  /** A new subscriber's updates; `onLeave` runs once when it ends, whoever ends it. */
  join(onLeave: () => void): AsyncIterableIterator<GroupUpdate> {
    const queue: UpdateQueue<GroupUpdate> = new UpdateQueue(() => {
      onLeave();
      this.#subscribers.delete(queue);
      if (this.#subscribers.size === 0) this.stop();
    });
    this.#subscribers.add(queue);
    if (this.#latest) queue.push(this.#latest);
    return queue;
  }

  get subscriberCount(): number {
    return this.#subscribers.size;
  }

  /** Between this watch's polls now: the interval, doubled after each throttled poll (up to the ceiling). */
  get pollDelayMs(): number {
    return this.#delayMs;
  }

  /** Whether this replica polls the group (holds its lease) now. */
  get isPoller(): boolean {
    return this.#poller !== null;
  }

  pollNow(): void {
    if (this.#stopped) return;
    if (this.#timer) clearTimeout(this.#timer);
    this.#schedule(0);
  }

  stop(): void {
    if (this.#stopped) return;
    this.#stopped = true;
    this.#abort.abort();
    this.#listening.stop();
    // Ending the iterators runs their onClose, which comes back here as a no-op.
    if (this.#timer) clearTimeout(this.#timer);
    for (const subscriber of [...this.#subscribers]) void subscriber.return();
    if (this.#poller) void this.coordination.release(this.key);
    this.onStop();
  }

  /**
   * Another replica may already poll this group, or a watch that just ended did: its newest
   * finding serves the first subscribers at once, and the first poll waits until that finding is
   * an interval old. Opening and closing subscriptions in a loop then costs one poll per
   * interval, not one per subscription (the API rate is the whole account's).
   */
  async #start(): Promise<void> {
    await this.#listening.subscribed;
    const latest = await this.coordination.latest(this.key);
    if (latest && !this.#initialized) this.#apply(latest, { asHistory: true });
    const age = latest ? Date.now() - latest.polledAt : Number.POSITIVE_INFINITY;
    this.#schedule(Math.max(0, this.#intervalFor(latest?.group.Status) - age));
  }

  /** Between polls: the interval, or a second while the group passes through a transitional status. */
  #intervalFor(status: string | undefined): number {
    return TRANSITIONAL_STATUSES.has(status ?? '') ? Math.min(this.#delayMs, TRANSITIONAL_INTERVAL_MS) : this.#delayMs;
  }

  #schedule(delayMs: number): void {
    if (this.#stopped) return;
    this.#timer = setTimeout(() => void this.#tick(), delayMs);
  }

  async #tick(): Promise<void> {
    if (this.#polling) {
      this.#pollAgain = true;
      return;
    }
    this.#polling = true;
    try {
      // The lease outlives a few polls, so it moves on only when its holder has really gone.
      const leaseMs = Math.max(3 * this.options.intervalMs, 3_000);
      if (await this.coordination.claim(this.key, leaseMs)) {
        await this.#poll();
      } else {
        this.#poller = null;
      }
    } finally {
      this.#polling = false;
    }
    if (this.#stopped) return;
    if (this.#pollAgain) {
      this.#pollAgain = false;
      this.#schedule(0);
      return;
    }
    this.#schedule(this.#intervalFor(this.#latest?.group.Status));
  }

  async #poll(): Promise<void> {
    const { clients, log, intervalMs, maxBackoffMs = 60_000 } = this.options;
    const poller = (this.#poller ??= { history: [], complete: true, fingerprint: null, clusters: null });
    const initial = poller.fingerprint === null;
    try {
      // Fresh reads: a poll exists to see changes, so it never takes the read cache's answer
      // (it refreshes it, for the requests that follow).
      const read = { signal: this.#abort.signal, fresh: true };
      const group = await replicationGroups.describe(clients, this.location, this.replicationGroupId, read);
      if (this.#stopped) return;
      if (!group) {
        const message = `Replication group ${this.replicationGroupId} does not exist in ${this.location}.`;
        await this.coordination.publish(this.key, { kind: 'gone', message });
        return;
      }
      const newest = poller.history.at(-1)?.Date;
      const eventsRead = await describeGroupEventsOf(
        clients,
        {
          location: this.location,
          replicationGroupId: this.replicationGroupId,
          window: { startTime: newest ?? new Date(Date.now() - HISTORY_WINDOW_MS) },
        },
        read,
      );
      if (this.#stopped) return;
      const news = this.#remember(poller, eventsRead);
      const migration = deriveMigrationState(group.Status, poller.history);
      const fingerprint = JSON.stringify([group.Status, group.PendingModifiedValues ?? {}, migration.phase]);
      const changed = fingerprint !== poller.fingerprint;
      if (changed) poller.clusters = await this.#readClusters(group, read);
      if (this.#stopped) return;
      if (initial || news.length > 0 || changed) {
        poller.fingerprint = fingerprint;
        const reads: PolledReads = {
          migration,
          ...(poller.complete
            ? { events: { since: new Date(Date.now() - HISTORY_WINDOW_MS), events: poller.history } }
            : {}),
          ...(poller.clusters ? { clusters: poller.clusters } : {}),
        };
        await this.coordination.publish(this.key, {
          kind: 'poll',
          group,
          reads,
          events: initial ? poller.history : news,
          initial,
          polledAt: Date.now(),
        });
      }
      this.#delayMs = intervalMs;
    } catch (error) {
      // The last subscriber left while the poll waited on ElastiCache (its call was cancelled):
      // nothing failed, and nobody waits for the next poll.
      if (this.#stopped) return;
      // Without credentials (or with refused ones) no later poll will do better: every
      // subscription ends now with the reason, rather than waiting in silence.
      if (error instanceof UpstreamError && error.code === UpstreamErrorCode.UNAUTHORIZED) {
        await this.coordination.publish(this.key, {
          kind: 'gone',
          message: error.message,
          code: error.code,
        });
        return;
      }
      // Throttled: wait longer each time, up to the ceiling; other failures keep the pace.
      if (error instanceof UpstreamError && error.code === UpstreamErrorCode.THROTTLED) {
        this.#delayMs = Math.min(this.#delayMs * 2, maxBackoffMs);
      }
      log.warn('Subscription poll failed', {
        location: this.location,
        replicationGroupId: this.replicationGroupId,
        nextPollMs: this.#delayMs,
      });
    }
  }

  /**
   * The member clusters, read when the group changed: a push is the moment every subscriber
   * resolves its selection, and they all read these instead of a call each.
   */
  async #readClusters(group: ReplicationGroupRecord, read: SendOptions): Promise<CacheClusterRecord[] | null> {
    const keys = (group.MemberClusters ?? []).map((id) => locationKey(this.location, id));
    const clusters = await cacheClusters.read(this.options.clients, keys, read).catch(() => null);
    if (!clusters || clusters.some((cluster) => cluster instanceof Error)) return null;
    return clusters.filter((cluster): cluster is CacheClusterRecord => cluster !== null && !(cluster instanceof Error));
  }

  /** Adds the events the poller had not seen to its history (a day, bounded); returns them. */
  #remember(poller: PollerState, read: { events: EventRecord[]; complete: boolean }): EventRecord[] {
    const known = new Set(poller.history.map(eventKey));
    const news = read.events.filter((event) => !known.has(eventKey(event)));
    // The reader kept the newest page of a busier window: older events may be missing.
    if (!read.complete) poller.complete = false;
    const horizon = Date.now() - HISTORY_WINDOW_MS;
    poller.history = [...poller.history, ...news].filter((event) => (event.Date?.getTime() ?? 0) >= horizon);
    if (poller.history.length > MAX_HISTORY_EVENTS) {
      poller.history = poller.history.slice(-MAX_HISTORY_EVENTS);
      poller.complete = false;
    }
    return news;
  }

  /** What the poller found, on every replica watching the group (the poller's own included). */
  #apply(message: PollMessage, { asHistory = false } = {}): void {
    if (this.#stopped) return;
    if (message.kind === 'poke') {
      if (this.#poller) this.pollNow();
      return;
    }
    if (message.kind === 'gone') {
      this.#failAll(new GraphQLError(message.message, { extensions: { code: message.code ?? 'NOT_FOUND' } }));
      return;
    }
    if (message.kind !== 'poll') return;
    const fingerprint = JSON.stringify([
      message.group.Status,
      message.group.PendingModifiedValues ?? {},
      message.reads.migration.phase,
    ]);
    if (fingerprint !== this.#fingerprint) {
      this.#fingerprint = fingerprint;
      this.#latest = { kind: 'group', group: message.group, reads: message.reads };
      this.#broadcast(this.#latest);
    } else {
      // The same state, with newer events: what later subscribers get and fields read.
      this.#latest = { kind: 'group', group: message.group, reads: message.reads };
    }
    // What had happened before this replica watched is history, not news.
    const news = !asHistory && (this.#initialized || !message.initial);
    for (const event of message.events) {
      const key = eventKey(event);
      if (this.#seenEvents.has(key)) continue;
      this.#seenEvents.add(key);
      if (this.#seenEvents.size > MAX_SEEN_EVENTS)
        this.#seenEvents.delete(this.#seenEvents.values().next().value as string);
      if (news) this.#broadcast({ kind: 'event', event });
    }
    this.#initialized = true;
  }

  #broadcast(update: GroupUpdate): void {
    for (const subscriber of this.#subscribers) subscriber.push(update);
  }

  /** Ends every subscription with `error` (delivered after what they have queued) and stops polling. */
  #failAll(error: GraphQLError): void {
    this.#stopped = true;
    this.#abort.abort();
    this.#listening.stop();
    if (this.#timer) clearTimeout(this.#timer);
    for (const subscriber of [...this.#subscribers]) subscriber.fail(error);
    this.#subscribers.clear();
    if (this.#poller) void this.coordination.release(this.key);
    this.onStop();
  }
}

function eventKey(event: EventRecord): string {
  return `${event.Date?.toISOString()}\u0000${event.Message}`;
}
