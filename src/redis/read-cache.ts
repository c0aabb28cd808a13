import { createHash, randomUUID } from 'node:crypto';
import { MemoryReadCache, type CachedRead, type ReadCache } from '../aws/read-cache.js';
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

/** How long a replica may hold a read for the others; a replica that dies holding one frees it then. */
const FILL_LOCK_MS = 10_000;
/** How often a waiting replica looks for the answer: about a Redis round trip each, one waiter per read per replica. */
const WAIT_STEP_MS = 10;

/**
 * The read cache in Redis, shared by every replica of the gateway: one replica's answer serves
 * the same read on all of them for the TTL. Each region has a generation counter in Redis; a
 * mutation through any replica increments it, so the answers kept under the old one are never
 * read again (they expire by their TTL). While Redis is unreachable, reads are kept in this
 * process's memory instead (nothing fails because Redis is down); a region mutated during the
 * outage has its Redis generation moved on when Redis is back, so no replica reads an answer that
 * the mutation made stale.
 */
export class RedisReadCache implements ReadCache {
  readonly #redis: RedisConnection;
  readonly #fallback: MemoryReadCache;
  readonly #mutatedWhileDown = new Set<string>();
  readonly #replica = randomUUID();

  constructor(
    redis: RedisConnection,
    readonly ttlMs: number,
  ) {
    this.#redis = redis;
    this.#fallback = new MemoryReadCache(ttlMs);
    redis.onReady(() => void this.#catchUp());
  }

  async lookup(region: string, key: string): Promise<CachedRead> {
    if (!this.#redis.ready) return this.#fallback.lookup(region, key);
    try {
      const [generation, kept] = (await this.#redis.commands.eval(
        LOOKUP,
        1,
        this.#generationKey(region),
        this.#answerPrefix(region),
        hash(key),
      )) as [string, string | null];
      return { generation: `r${generation}`, ...(kept !== null ? { answer: decode(kept) } : {}) };
    } catch {
      return this.#fallback.lookup(region, key);
    }
  }

  /**
   * Identical reads on several replicas at once are made once: the first takes a short lock on
   * the read and fetches; the others wait for its answer to appear (or for the lock to go, when
   * it failed), then fetch themselves only if none came.
   */
  async fill<T>(
    region: string,
    key: string,
    generation: string,
    fetch: () => Promise<T>,
    signal: AbortSignal,
  ): Promise<T> {
    // A generation read from memory while Redis was down is kept in memory.
    if (!generation.startsWith('r')) return this.#fallback.fill(region, key, generation, fetch);
    const digest = hash(key);
    const lock = this.#redis.key('reads', region, 'filling', digest);
    const holder = this.#replica;
    let mine: boolean;
    try {
      mine = (await this.#redis.commands.set(lock, holder, 'PX', FILL_LOCK_MS, 'NX')) === 'OK';
    } catch {
      mine = false;
    }
    if (!mine) {
      const lent = await this.#waitForAnswer(region, digest, generation, lock, signal);
      if (lent !== undefined) return lent as T;
    }
    try {
      const answer = await fetch();
      await this.#keep(region, digest, generation, answer);
      return answer;
    } finally {
      if (mine) await this.#redis.commands.eval(UNLOCK, 1, lock, holder).catch(() => undefined);
    }
  }

  /** The answer another replica is fetching, once kept; undefined when it will not come. */
  async #waitForAnswer(
    region: string,
    digest: string,
    generation: string,
    lock: string,
    signal: AbortSignal,
  ): Promise<unknown> {
    const answerKey = `${this.#answerPrefix(region)}${generation.slice(1)}:${digest}`;
    const deadline = Date.now() + FILL_LOCK_MS;
    while (Date.now() < deadline && !signal.aborted) {
      let kept: string | null;
      let filling: number;
      try {
        [kept, filling] = (await this.#redis.commands.eval(LENT, 2, answerKey, lock)) as [string | null, number];
      } catch {
        return undefined;
      }
      if (kept !== null) return decode(kept);
      if (filling === 0) return undefined;
      await new Promise((resolve) => setTimeout(resolve, WAIT_STEP_MS));
    }
    return undefined;
  }

  async #keep(region: string, digest: string, generation: string, answer: unknown): Promise<void> {
    try {
      await this.#redis.commands.eval(
        KEEP,
        1,
        this.#generationKey(region),
        this.#answerPrefix(region),
        digest,
        generation.slice(1),
        encode(answer),
        String(this.ttlMs),
      );
    } catch {
      // Not kept: the next identical read asks AWS again.
    }
  }

  async invalidate(region: string): Promise<void> {
    await this.#fallback.invalidate(region);
    try {
      if (!this.#redis.ready) throw new Error('Redis is unreachable');
      await this.#redis.commands.incr(this.#generationKey(region));
    } catch {
      this.#mutatedWhileDown.add(region);
    }
  }

  async #catchUp(): Promise<void> {
    const regions = [...this.#mutatedWhileDown];
    this.#mutatedWhileDown.clear();
    for (const region of regions) {
      try {
        await this.#redis.commands.incr(this.#generationKey(region));
      } catch {
        this.#mutatedWhileDown.add(region);
      }
    }
  }

  #generationKey(region: string): string {
    return this.#redis.key('reads', region, 'generation');
  }

  #answerPrefix(region: string): string {
    return this.#redis.key('reads', region, '');
  }
}

/** Keys hold a digest of the read (its input can be long), not the read itself. */
function hash(key: string): string {
  return createHash('sha256').update(key).digest('base64url');
}
