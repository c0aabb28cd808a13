import type { ExecutionResult } from 'graphql';
import type { Logger } from '../logger.js';
import { MAX_RESPONSE_BYTES, MemoryResponseStore, type ResponseStore } from '../response-cache/store.js';
import type { RedisConnection } from './connection.js';

/**
 * Whole responses in Redis, shared by every replica: one replica's answer serves the same
 * request on all of them for RESPONSE_CACHE_TTL_MS. Each entry expires by its TTL; a mutation
 * retires entries by moving the read cache's generations, which every key names (plugin.ts), so
 * nothing is ever deleted by pattern. While Redis is unreachable, responses are kept in this
 * process's memory instead (the keys then name the in-memory generations, so the two never mix).
 */
export class RedisResponseStore implements ResponseStore {
  readonly #redis: RedisConnection;
  readonly #fallback = new MemoryResponseStore();
  readonly #log: Logger | undefined;
  #badEntryTold = false;

  constructor(redis: RedisConnection, log?: Logger) {
    this.#redis = redis;
    this.#log = log;
  }

  async get(key: string): Promise<ExecutionResult | null> {
    let text: string | null;
    try {
      text = await this.#redis.commands.get(this.#key(key));
    } catch {
      // Unreachable (commands fail at once then) or refused: what this process kept meanwhile.
      return this.#fallback.get(key);
    }
    return text === null ? null : this.#readEntry(text);
  }

  async set(key: string, response: ExecutionResult, ttlMs: number): Promise<boolean> {
    if (!this.#redis.ready) return this.#fallback.set(key, response, ttlMs);
    const text = JSON.stringify(response);
    if (Buffer.byteLength(text) > MAX_RESPONSE_BYTES) return false;
    try {
      await this.#redis.commands.set(this.#key(key), text, 'PX', ttlMs);
      return true;
    } catch {
      // Not kept: the next identical request is executed again.
      return false;
    }
  }

  /**
   * A response kept in Redis, or null when the entry is not one this store wrote: Redis is
   * shared, so what it holds is read as data, never trusted. Only an object with a `data` object
   * and no errors is served; anything else is a miss, told once in the log.
   */
  #readEntry(text: string): ExecutionResult | null {
    try {
      const entry: unknown = JSON.parse(text);
      if (isKeptResponse(entry)) return entry;
    } catch {
      // Told below.
    }
    if (!this.#badEntryTold) {
      this.#badEntryTold = true;
      this.#log?.warn(
        'A response-cache entry in Redis is not one the gateway wrote; treated as a miss (told once)',
        {},
      );
    }
    return null;
  }

  #key(key: string): string {
    return this.#redis.key('responses', key);
  }
}

function isKeptResponse(entry: unknown): entry is ExecutionResult {
  // Every JSON value but null destructures; arrays, numbers and strings have no `data`.
  const { data, errors } = Object(entry) as { data?: unknown; errors?: unknown };
  return data !== null && typeof data === 'object' && !Array.isArray(data) && errors === undefined;
}
