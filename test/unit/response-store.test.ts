import { describe, expect, it } from 'vitest';
import { OPEN_CALLER, scopeSetOf } from '../../src/auth/caller.js';
import { waitUntil } from '../support/eventually.js';
import { MAX_RESPONSE_BYTES, MemoryResponseStore } from '../../src/response-cache/store.js';

const response = (text: string) => ({ data: { text } });

describe('the in-memory response store', () => {
  it('holds at most its number of entries, least recently used first out', async () => {
    const store = new MemoryResponseStore({ entries: 2, bytes: 1_000_000 });
    await store.set('a', response('a'), 60_000);
    await store.set('b', response('b'), 60_000);
    await store.get('a');
    await store.set('c', response('c'), 60_000);
    expect(await store.get('a')).toEqual(response('a'));
    expect(await store.get('b')).toBeNull();
    expect(await store.get('c')).toEqual(response('c'));
  });

  it('holds at most its bytes of JSON, and never one response over the bound of one', async () => {
    const size = (text: string) => Buffer.byteLength(JSON.stringify(response(text)));
    const store = new MemoryResponseStore({ entries: 100, bytes: 2 * size('x'.repeat(100)) });
    for (const key of ['a', 'b', 'c']) await store.set(key, response('x'.repeat(100)), 60_000);
    expect(store.size).toBe(2);
    expect(await store.get('a')).toBeNull();
    // Counted in bytes, not characters.
    const wide = new MemoryResponseStore({ entries: 100, bytes: size('é'.repeat(100)) + 10 });
    await wide.set('a', response('é'.repeat(100)), 60_000);
    await wide.set('b', response('é'.repeat(100)), 60_000);
    expect(wide.size).toBe(1);

    const huge = new MemoryResponseStore({ entries: 10, bytes: 4 * MAX_RESPONSE_BYTES });
    expect(await huge.set('big', response('x'.repeat(MAX_RESPONSE_BYTES)), 60_000)).toBe(false);
    expect(await huge.get('big')).toBeNull();
    expect(await huge.set('small', response('x'), 60_000)).toBe(true);
  });

  it('forgets a response after its TTL', async () => {
    const store = new MemoryResponseStore();
    await store.set('a', response('a'), 50);
    await store.set('b', response('b'), 60_000);
    expect(await store.get('a')).toEqual(response('a'));
    await waitUntil(async () => (await store.get('a')) === null, 'the first entry expired');
    expect(await store.get('b')).toEqual(response('b'));
  });
});

describe('the scope set that tells callers apart', () => {
  it('is the same for the same scopes in any order, and differs for any other set', () => {
    const caller = (...scopes: string[]) => ({ subject: 's', scopes: new Set(scopes), expiresAt: null });
    expect(scopeSetOf(caller('b', 'a'))).toBe(scopeSetOf(caller('a', 'b')));
    expect(scopeSetOf(caller('a'))).not.toBe(scopeSetOf(caller('a', 'b')));
    expect(scopeSetOf(caller())).toBe('');
    expect(scopeSetOf(OPEN_CALLER)).toBe('elasticache:migrate elasticache:read');
  });
});
