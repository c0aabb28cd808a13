import { randomUUID } from 'node:crypto';
import {
  LATEST_KEPT_MS,
  LocalPollCoordination,
  type Listening,
  type PollCoordination,
  type PollMessage,
} from '../subscriptions/poll-coordination.js';
import type { RedisConnection } from './connection.js';
import { decode, encode } from './wire.js';

const CLAIM = `
local holder = redis.call('GET', KEYS[1])
if holder == ARGV[1] then redis.call('PEXPIRE', KEYS[1], ARGV[2]) return 1 end
if not holder then redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2]) return 1 end
return 0`;
const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * One poller per group across every replica sharing a Redis: the poller holds a lease (a key with
 * an expiry, renewed by each poll); a replica whose poller died takes the lease over once it
 * expires. What the poller finds is published on the group's channel and heard by every replica
 * watching it, and the newest finding is kept for replicas that start watching later.
 *
 * While Redis is unreachable each replica polls for itself and tells only its own listeners, as
 * a single gateway does: subscriptions go on, at the cost of one poller per replica.
 */
export class RedisPollCoordination implements PollCoordination {
  readonly #redis: RedisConnection;
  readonly #replica = randomUUID();
  readonly #local = new LocalPollCoordination();
  readonly #channels = new Map<string, string>();

  constructor(redis: RedisConnection) {
    this.#redis = redis;
    redis.subscriber.on('message', (channel: string, text: string) => {
      const key = this.#channels.get(channel);
      if (key === undefined) return;
      let message: PollMessage;
      try {
        message = decode(text) as PollMessage;
      } catch {
        return;
      }
      this.#local.deliver(key, message);
    });
  }

  // Commands fail at once while Redis is unreachable (no offline queue), and then this replica
  // polls alone, as when Redis refuses a command.
  async claim(key: string, leaseMs: number): Promise<boolean> {
    try {
      return (await this.#redis.commands.eval(CLAIM, 1, this.#leaseKey(key), this.#replica, String(leaseMs))) === 1;
    } catch {
      return true;
    }
  }

  async release(key: string): Promise<void> {
    try {
      await this.#redis.commands.eval(RELEASE, 1, this.#leaseKey(key), this.#replica);
    } catch {
      // The lease expires by itself.
    }
  }

  async publish(key: string, message: PollMessage): Promise<void> {
    try {
      const text = encode(message);
      const commands = this.#redis.commands.multi();
      // Kept a little longer than a poller's lease: a replica that starts watching gets it at
      // once. A poke (a mutation) makes it stale.
      if (message.kind === 'poll') commands.set(this.#latestKey(key), text, 'PX', LATEST_KEPT_MS);
      else if (message.kind === 'poke' || message.kind === 'gone') commands.del(this.#latestKey(key));
      commands.publish(this.#channel(key), text);
      await commands.exec();
    } catch {
      // Redis unreachable or refusing: told to this replica's own listeners instead.
      await this.#local.publish(key, message);
    }
  }

  listen(key: string, onMessage: (message: PollMessage) => void): Listening {
    const channel = this.#channel(key);
    this.#channels.set(channel, key);
    // Bounded: with Redis away, listening starts when it is back (ioredis renews subscriptions).
    const subscribed = Promise.race([
      this.#redis.subscriber.subscribe(channel).then(() => undefined),
      new Promise<void>((resolve) => setTimeout(resolve, 1_000).unref()),
    ]).catch(() => undefined);
    const local = this.#local.listen(key, onMessage);
    return {
      subscribed,
      stop: () => {
        local.stop();
        if (!this.#local.isListened(key)) {
          this.#channels.delete(channel);
          this.#redis.subscriber.unsubscribe(channel).catch(() => undefined);
        }
      },
    };
  }

  async latest(key: string): Promise<Extract<PollMessage, { kind: 'poll' }> | null> {
    if (!this.#redis.ready) return this.#local.latest(key);
    try {
      const text = await this.#redis.commands.get(this.#latestKey(key));
      const message = text === null ? null : (decode(text) as PollMessage);
      return message?.kind === 'poll' ? message : null;
    } catch {
      return null;
    }
  }

  #leaseKey(key: string): string {
    return this.#redis.key('poller', key);
  }

  #latestKey(key: string): string {
    return this.#redis.key('latest', key);
  }

  #channel(key: string): string {
    return this.#redis.key('group', key);
  }
}
