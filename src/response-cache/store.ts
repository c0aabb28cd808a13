import type { ExecutionResult } from 'graphql';
import { LRUCache } from 'lru-cache';

/**
 * Where whole responses are kept: this process's memory, or Redis for every replica
 * (src/redis/response-store.ts). Keys come from the response cache plugin (plugin.ts) and already
 * name the document, variables, caller's scopes and read-cache generations.
 */
export interface ResponseStore {
  get(key: string): Promise<ExecutionResult | null>;
  /** Keeps `response` for `ttlMs`; false when it was not kept (too large, or the store unreachable). */
  set(key: string, response: ExecutionResult, ttlMs: number): Promise<boolean>;
}

/** The most responses kept in memory at once. */
export const MAX_KEPT_RESPONSES = 10_000;
/** The bound of the responses kept in memory, in bytes of their JSON. */
export const MAX_KEPT_RESPONSE_BYTES = 64 * 1024 * 1024;
/** A response larger than this is not kept (in memory nor in Redis): computing it again is cheaper than holding it. */
export const MAX_RESPONSE_BYTES = 4 * 1024 * 1024;

/** Whole responses in this process's memory: bounded in entries and bytes, least recently used first out. */
export class MemoryResponseStore implements ResponseStore {
  readonly #responses: LRUCache<string, { response: ExecutionResult; bytes: number }>;

  constructor(
    bounds: { entries: number; bytes: number } = { entries: MAX_KEPT_RESPONSES, bytes: MAX_KEPT_RESPONSE_BYTES },
  ) {
    this.#responses = new LRUCache({
      max: bounds.entries,
      maxSize: bounds.bytes,
      maxEntrySize: MAX_RESPONSE_BYTES,
      sizeCalculation: (entry) => entry.bytes,
    });
  }

  get size(): number {
    return this.#responses.size;
  }

  get(key: string): Promise<ExecutionResult | null> {
    return Promise.resolve(this.#responses.get(key)?.response ?? null);
  }

  set(key: string, response: ExecutionResult, ttlMs: number): Promise<boolean> {
    const bytes = Math.max(1, Buffer.byteLength(JSON.stringify(response)));
    if (bytes > MAX_RESPONSE_BYTES) return Promise.resolve(false);
    this.#responses.set(key, { response, bytes }, { ttl: ttlMs });
    return Promise.resolve(true);
  }
}
