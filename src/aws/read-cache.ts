import { LRUCache } from 'lru-cache';
import { SETTINGS } from '../settings.js';

/** Answers of AWS reads kept for READ_CACHE_TTL_MS; 0 turns the cache off. */
export const DEFAULT_READ_CACHE_TTL_MS = SETTINGS.READ_CACHE_TTL_MS.default;
/** The in-process cache's bound, in bytes of the answers' JSON: a location's pages and groups fit many times over. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

/** What the cache holds for a read: the answer if one is kept, and the location's generation now. */
export interface CachedRead {
  answer?: unknown;
  /** Changes with every mutation of the location: reads started under another generation are not kept. */
  generation: string;
}

/**
 * The answers of AWS reads, shared between requests (and, in Redis, between replicas) for a TTL:
 * a dashboard that a hundred people open within a few seconds costs AWS one set of calls. Keys
 * are the read's location, operation and input (inflight-reads.ts), so two reads share an answer
 * only when they asked AWS the same question.
 *
 * Reading one's own writes: a mutation through the gateway moves its location's generation on
 * (`invalidate`), which drops every cached read of the location. A read that started before (and
 * might carry the old state) is then neither kept nor joined by later reads, because its
 * generation is the old one. Changes made elsewhere (the console, another tool) are seen within
 * the TTL.
 */
export interface ReadCache {
  readonly ttlMs: number;
  lookup(location: string, key: string): Promise<CachedRead>;
  /**
   * Answers a read the cache did not hold: by `fetch`, kept unless a mutation of `location`
   * answered since the read began (`generation`). Where the cache is shared, a replica already
   * fetching the same read lends its answer instead.
   */
  fill<T>(location: string, key: string, generation: string, fetch: () => Promise<T>, signal: AbortSignal): Promise<T>;
  /**
   * The answer another replica is fetching for this read now, once it has kept it (under
   * `generation`); undefined when none is coming. Never asks AWS.
   */
  lent(location: string, key: string, generation: string, signal: AbortSignal): Promise<unknown>;
  /** After a mutation of `location`: its reads are asked of AWS again. */
  invalidate(location: string): Promise<void>;
  /**
   * One text naming the current generation of each of `locations`: it changes whenever a mutation
   * of one of them answers (on any replica, where the cache is shared). Whole responses are kept
   * under it (src/response-cache), so a mutation retires them with the reads.
   */
  generations(locations: readonly string[]): Promise<string>;
}

/** The read cache in this process's memory (bounded by size, least recently used first out). */
export class MemoryReadCache implements ReadCache {
  readonly #answers: LRUCache<string, { answer: unknown }>;
  readonly #generations = new Map<string, number>();

  constructor(
    readonly ttlMs: number,
    maxBytes = MAX_CACHED_BYTES,
  ) {
    this.#answers = new LRUCache({
      ttl: ttlMs,
      maxSize: maxBytes,
      sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.answer)?.length ?? 1),
    });
  }

  #generation(location: string): string {
    return String(this.#generations.get(location) ?? 0);
  }

  lookup(location: string, key: string): Promise<CachedRead> {
    const kept = this.#answers.get(key);
    return Promise.resolve({ generation: this.#generation(location), ...(kept ? { answer: kept.answer } : {}) });
  }

  async fill<T>(location: string, key: string, generation: string, fetch: () => Promise<T>): Promise<T> {
    const answer = await fetch();
    this.keep(location, key, generation, answer);
    return answer;
  }

  /** One process has no other replica to lend an answer: its own reads in flight are joined by the clients. */
  lent(): Promise<unknown> {
    return Promise.resolve(undefined);
  }

  keep(location: string, key: string, generation: string, answer: unknown): void {
    if (this.#generation(location) === generation) this.#answers.set(key, { answer });
  }

  generations(locations: readonly string[]): Promise<string> {
    return Promise.resolve(`m${locations.map((location) => this.#generation(location)).join(',')}`);
  }

  invalidate(location: string): Promise<void> {
    this.#generations.set(location, (this.#generations.get(location) ?? 0) + 1);
    const prefix = `${location}\n`;
    for (const key of [...this.#answers.keys()]) if (key.startsWith(prefix)) this.#answers.delete(key);
    return Promise.resolve();
  }
}
