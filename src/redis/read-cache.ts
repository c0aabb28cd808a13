import { createHash } from 'node:crypto';
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

  async keep(region: string, key: string, generation: string, answer: unknown): Promise<void> {
    // A generation read from memory while Redis was down is kept in memory.
    if (!generation.startsWith('r')) return this.#fallback.keep(region, key, generation, answer);
    try {
      await this.#redis.commands.eval(
        KEEP,
        1,
        this.#generationKey(region),
        this.#answerPrefix(region),
        hash(key),
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
