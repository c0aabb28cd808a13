import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Caller } from './caller.js';

/** Tokens kept at once: a gateway's callers over a token's lifetime, many times over. */
export const MAX_VERIFIED_TOKENS = 10_000;

/**
 * Callers of tokens already verified, each kept until its token's `exp`, so that a client sending
 * the same token on every request pays for one signature check, not one per request. Keys are a
 * digest of the token (the token itself is not kept). Bounded: the least recently used go first.
 * `clear` forgets them all: the issuer's keys changed, and a kept token may be signed by a key
 * that is gone.
 */
export class VerifiedTokens {
  readonly #callers: LRUCache<string, Caller>;

  constructor(max = MAX_VERIFIED_TOKENS) {
    this.#callers = new LRUCache({ max });
  }

  /** The caller of `token` if it was verified and has not expired since. */
  get(token: string): Caller | undefined {
    const key = digest(token);
    const caller = this.#callers.get(key);
    if (caller && (caller.expiresAt === null || caller.expiresAt <= Date.now())) {
      this.#callers.delete(key);
      return undefined;
    }
    return caller;
  }

  /** Keeps a verified token's caller until the token expires (one without expiry is not kept). */
  keep(token: string, caller: Caller): void {
    if (caller.expiresAt === null) return;
    const ttl = caller.expiresAt - Date.now();
    if (ttl > 0) this.#callers.set(digest(token), caller, { ttl });
  }

  clear(): void {
    this.#callers.clear();
  }

  get size(): number {
    return this.#callers.size;
  }
}

function digest(token: string): string {
  return createHash('sha256').update(token).digest('base64url');
}
