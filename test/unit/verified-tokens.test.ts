import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Caller } from '../../src/auth/caller.js';
import { VerifiedTokens } from '../../src/auth/verified-tokens.js';

const NOW = Date.UTC(2026, 11, 4, 12);
const caller = (expiresInMs: number | null, subject = 'alice'): Caller => ({
  subject,
  scopes: new Set(['elasticache:read']),
  expiresAt: expiresInMs === null ? null : NOW + expiresInMs,
});

describe('VerifiedTokens', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("keeps a token's caller until the token expires, and not a moment longer", () => {
    vi.useFakeTimers({ now: NOW });
    const tokens = new VerifiedTokens();
    const alice = caller(60_000);
    tokens.keep('token-a', alice);
    expect(tokens.get('token-a')).toBe(alice);
    expect(tokens.get('token-b')).toBeUndefined();
    vi.advanceTimersByTime(59_999);
    expect(tokens.get('token-a')).toBe(alice);
    vi.advanceTimersByTime(1);
    expect(tokens.get('token-a')).toBeUndefined();
    expect(tokens.size).toBe(0);
  });

  it('keeps no token without an expiry, and none already expired', () => {
    vi.useFakeTimers({ now: NOW });
    const tokens = new VerifiedTokens();
    tokens.keep('forever', caller(null));
    tokens.keep('expired', caller(-1));
    tokens.keep('now', caller(0));
    expect(tokens.size).toBe(0);
    expect(tokens.get('forever')).toBeUndefined();
  });

  it('is bounded: the least recently used token goes first', () => {
    vi.useFakeTimers({ now: NOW });
    const tokens = new VerifiedTokens(2);
    tokens.keep('a', caller(60_000, 'a'));
    tokens.keep('b', caller(60_000, 'b'));
    expect(tokens.get('a')?.subject).toBe('a');
    tokens.keep('c', caller(60_000, 'c'));
    expect(tokens.size).toBe(2);
    expect(tokens.get('b')).toBeUndefined();
    expect(tokens.get('a')?.subject).toBe('a');
    expect(tokens.get('c')?.subject).toBe('c');
  });

  it('forgets every token when cleared (the issuer changed its keys)', () => {
    vi.useFakeTimers({ now: NOW });
    const tokens = new VerifiedTokens();
    tokens.keep('a', caller(60_000));
    tokens.clear();
    expect(tokens.get('a')).toBeUndefined();
  });
});
