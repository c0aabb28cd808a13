import { LRUCache } from 'lru-cache';

/** Answers of AWS reads kept for READ_CACHE_TTL_MS; 0 turns the cache off. */
export const DEFAULT_READ_CACHE_TTL_MS = 5_000;
/** The cache's bound, in bytes of the answers' JSON: a region's pages and groups fit many times over. */
const MAX_CACHED_BYTES = 64 * 1024 * 1024;

/**
 * The answers of AWS reads, shared by every request of this gateway for `ttlMs`: a dashboard
 * that a hundred people open within a few seconds costs AWS one set of calls. Keys are the read's
 * region, operation and input (inflight-reads.ts), so two reads share an answer only when they
 * asked AWS the same question.
 *
 * Reading one's own writes: a mutation through this gateway drops every cached read of its
 * region once it has answered, and moves the region's generation on. A read that started before
 * (and might carry the old state) is then neither kept nor joined by later reads, because its
 * generation is the old one. Changes made elsewhere (the console, another tool) are seen within
 * `ttlMs`.
 */
export class ReadCache {
  readonly #answers: LRUCache<string, { answer: unknown }>;
  readonly #generations = new Map<string, number>();

  constructor(readonly ttlMs: number) {
    this.#answers = new LRUCache({
      ttl: ttlMs,
      maxSize: MAX_CACHED_BYTES,
      sizeCalculation: (entry) => Math.max(1, JSON.stringify(entry.answer)?.length ?? 1),
    });
  }

  /** Changes with every mutation of the region: part of every key, so older reads are not shared after it. */
  generation(region: string): number {
    return this.#generations.get(region) ?? 0;
  }

  get(key: string): { answer: unknown } | undefined {
    return this.#answers.get(key);
  }

  /** Keeps `answer`, unless a mutation of `region` answered since the read began. */
  keep(key: string, region: string, generationAtStart: number, answer: unknown): void {
    if (this.generation(region) === generationAtStart) this.#answers.set(key, { answer });
  }

  /** After a mutation of `region`: its reads are asked of AWS again. */
  dropRegion(region: string): void {
    this.#generations.set(region, this.generation(region) + 1);
    const prefix = `${region}\n`;
    for (const key of [...this.#answers.keys()]) if (key.startsWith(prefix)) this.#answers.delete(key);
  }
}
