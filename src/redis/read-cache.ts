import { createHash, randomUUID } from 'node:crypto';
import { MemoryReadCache, type CachedRead, type ReadCache } from '../aws/read-cache.js';
import type { Logger } from '../logger.js';
import type { RedisConnection } from './connection.js';
import { decode, encode } from './wire.js';

// One round trip each, atomic against a mutation's INCR on another replica.
const LOOKUP = `
local generation = redis.call('GET', KEYS[1]) or '0'
return { generation, redis.call('GET', ARGV[1] .. generation .. ':' .. ARGV[2]) }`;
const KEEP = `
local generation = redis.call('GET', KEYS[1]) or '0'
if generation == ARGV[3] then redis.call('SET', ARGV[1] .. generation .. ':' .. ARGV[2], ARGV[4], 'PX', ARGV[5]) end
return generation`;

// What a replica waiting for another's answer looks at: the answer, and whether it is still coming.
const LENT = `return { redis.call('GET', KEYS[1]), redis.call('EXISTS', KEYS[2]) }`;
const UNLOCK = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;
const RENEW = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end return 0`;

/**
 * A replica holding a read for the others renews its lock this often, for FILL_LEASE_MS each
 * time: a replica that dies holding one frees it within a lease, not after the whole call.
 */
export const FILL_LEASE_MS = 1_000;
const FILL_RENEW_MS = 300;
/** The longest a replica waits for another's answer (default: the SDK call timeout's default). */
const DEFAULT_MAX_WAIT_MS = 10_000;
/** How often a waiting replica looks for the answer: about a Redis round trip each, one waiter per read per replica. */
const WAIT_STEP_MS = 10;

/**
 * The read cache in Redis, shared by every replica of the gateway: one replica's answer serves
 * the same read on all of them for the TTL. Each location has a generation counter in Redis; a
 * mutation through any replica increments it, so the answers kept under the old one are never
 * read again (they expire by their TTL). While Redis is unreachable, reads are kept in this
 * process's memory instead (nothing fails because Redis is down); a location mutated during the
 * outage has its Redis generation moved on when Redis is back, so no replica reads an answer that
 * the mutation made stale.
 */
export interface RedisReadCacheOptions {
  /** Told once when an entry in Redis cannot be read (it is then a miss). */
  log?: Logger;
  /** The longest a replica waits for another replica's answer: one call's timeout (ELASTICACHE_TIMEOUT_MS). */
  maxWaitMs?: number;
}

export class RedisReadCache implements ReadCache {
  readonly #redis: RedisConnection;
  readonly #fallback: MemoryReadCache;
  readonly #mutatedWhileDown = new Set<string>();
  readonly #replica = randomUUID();
  readonly #log: Logger | undefined;
  readonly #maxWaitMs: number;
  #badEntryTold = false;

  constructor(
    redis: RedisConnection,
    readonly ttlMs: number,
    options: RedisReadCacheOptions = {},
  ) {
    this.#redis = redis;
    this.#log = options.log;
    this.#maxWaitMs = options.maxWaitMs ?? DEFAULT_MAX_WAIT_MS;
    this.#fallback = new MemoryReadCache(ttlMs);
    redis.onReady(() => void this.#catchUp());
  }

  // Commands fail at once while Redis is unreachable (no offline queue): each read then falls
  // back to this process's memory, as it does when Redis refuses a command.
  async lookup(location: string, key: string): Promise<CachedRead> {
    try {
      const [generation, kept] = (await this.#redis.commands.eval(
        LOOKUP,
        1,
        this.#generationKey(location),
        this.#answerPrefix(location),
        hash(key),
      )) as [string, string | null];
      const answer = kept === null ? undefined : this.#readEntry(kept);
      return { generation: `r${generation}`, ...(answer !== undefined ? { answer } : {}) };
    } catch {
      return this.#fallback.lookup(location, key);
    }
  }

  /**
   * An answer kept in Redis, or undefined when the entry is not one this cache wrote (corrupt
   * text, another shape): Redis is shared, so what it holds is read as data, never trusted. The
   * read is then a miss, told once in the log.
   */
  #readEntry(text: string): unknown {
    try {
      const answer = decode(text);
      if (answer !== null && typeof answer === 'object' && !Array.isArray(answer)) return answer;
    } catch {
      // Told below.
    }
    if (!this.#badEntryTold) {
      this.#badEntryTold = true;
      this.#log?.warn('A read-cache entry in Redis is not one the gateway wrote; treated as a miss (told once)', {});
    }
    return undefined;
  }

  /**
   * Identical reads on several replicas at once are made once: the first takes a short lock on
   * the read and fetches; the others wait for its answer to appear (or for the lock to go, when
   * it failed), then fetch themselves only if none came.
   */
  async fill<T>(
    location: string,
    key: string,
    generation: string,
    fetch: () => Promise<T>,
    signal: AbortSignal,
  ): Promise<T> {
    // A generation read from memory while Redis was down is kept in memory.
    if (!generation.startsWith('r')) return this.#fallback.fill(location, key, generation, fetch);
    const digest = hash(key);
    const lock = this.#fillingKey(location, digest);
    const holder = this.#replica;
    let mine: boolean;
    try {
      mine = (await this.#redis.commands.set(lock, holder, 'PX', FILL_LEASE_MS, 'NX')) === 'OK';
    } catch {
      mine = false;
    }
    if (!mine) {
      const lent = await this.#waitForAnswer(location, digest, generation, lock, signal);
      if (lent !== undefined) return lent as T;
    } else {
      // Another replica may have kept the answer between this one's lookup and its lock.
      const kept = await this.#keptAnswer(location, digest, generation, lock);
      if (kept !== undefined) {
        await this.#redis.commands.eval(UNLOCK, 1, lock, holder).catch(() => undefined);
        return kept as T;
      }
    }
    // While this replica fetches, its lock stays alive; if it dies, the lock lapses within a lease.
    const renewal = mine
      ? setInterval(() => {
          this.#redis.commands.eval(RENEW, 1, lock, holder, String(FILL_LEASE_MS)).catch(() => undefined);
        }, FILL_RENEW_MS)
      : undefined;
    renewal?.unref();
    try {
      const answer = await fetch();
      await this.#keep(location, digest, generation, answer);
      return answer;
    } finally {
      clearInterval(renewal);
      if (mine) await this.#redis.commands.eval(UNLOCK, 1, lock, holder).catch(() => undefined);
    }
  }

  lent(location: string, key: string, generation: string, signal: AbortSignal): Promise<unknown> {
    if (!generation.startsWith('r')) return Promise.resolve(undefined);
    const digest = hash(key);
    return this.#waitForAnswer(location, digest, generation, this.#fillingKey(location, digest), signal);
  }

  /** The answer kept for this read under `generation`, if there is one now. */
  async #keptAnswer(location: string, digest: string, generation: string, lock: string): Promise<unknown> {
    const answerKey = `${this.#answerPrefix(location)}${generation.slice(1)}:${digest}`;
    try {
      const [kept] = (await this.#redis.commands.eval(LENT, 2, answerKey, lock)) as [string | null, number];
      return kept === null ? undefined : this.#readEntry(kept);
    } catch {
      return undefined;
    }
  }

  /** The answer another replica is fetching, once kept; undefined when it will not come. */
  async #waitForAnswer(
    location: string,
    digest: string,
    generation: string,
    lock: string,
    signal: AbortSignal,
  ): Promise<unknown> {
    const answerKey = `${this.#answerPrefix(location)}${generation.slice(1)}:${digest}`;
    const deadline = Date.now() + this.#maxWaitMs;
    while (Date.now() < deadline && !signal.aborted) {
      let kept: string | null;
      let filling: number;
      try {
        [kept, filling] = (await this.#redis.commands.eval(LENT, 2, answerKey, lock)) as [string | null, number];
      } catch {
        return undefined;
      }
      // A bad entry is no answer: this replica fetches for itself.
      if (kept !== null) return this.#readEntry(kept);
      if (filling === 0) return undefined;
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
    return undefined;
  }

  async #keep(location: string, digest: string, generation: string, answer: unknown): Promise<void> {
    try {
      await this.#redis.commands.eval(
        KEEP,
        1,
        this.#generationKey(location),
        this.#answerPrefix(location),
        digest,
        generation.slice(1),
        encode(answer),
        String(this.ttlMs),
      );
    } catch {
      // Not kept: the next identical read asks AWS again.
    }
  }

  async generations(locations: readonly string[]): Promise<string> {
    try {
      const values = await this.#redis.commands.mget(...locations.map((location) => this.#generationKey(location)));
      return `r${values.map((value) => value ?? '0').join(',')}`;
    } catch {
      return this.#fallback.generations(locations);
    }
  }

  async invalidate(location: string): Promise<void> {
    await this.#fallback.invalidate(location);
    try {
      await this.#redis.commands.incr(this.#generationKey(location));
    } catch {
      this.#mutatedWhileDown.add(location);
    }
  }

  async #catchUp(): Promise<void> {
    const locations = [...this.#mutatedWhileDown];
    this.#mutatedWhileDown.clear();
    for (const location of locations) {
      try {
        await this.#redis.commands.incr(this.#generationKey(location));
      } catch {
        this.#mutatedWhileDown.add(location);
      }
    }
  }

  #generationKey(location: string): string {
    return this.#redis.key('reads', location, 'generation');
  }

  /** The lock a replica holds while it fetches a read for the others. */
  #fillingKey(location: string, digest: string): string {
    return this.#redis.key('reads', location, 'filling', digest);
  }

  #answerPrefix(location: string): string {
    return this.#redis.key('reads', location, '');
  }
}

/** Keys hold a digest of the read (its input can be long), not the read itself. */
function hash(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
