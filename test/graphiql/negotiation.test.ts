import { describe, expect, it } from 'vitest';
import { etagMatches, preferredEncoding } from '../../src/static-assets/negotiation.js';

describe('preferredEncoding', () => {
  it.each([
    ['gzip, deflate, br, zstd', 'br'],
    ['gzip', 'gzip'],
    ['br;q=0, gzip', 'gzip'],
    ['gzip;q=1.0, br;q=0.5', 'gzip'],
    ['*', 'br'],
    ['*;q=0.1, br;q=0', 'gzip'],
    ['GZIP', 'gzip'],
  ])('%s -> %s', (header, expected) => {
    expect(preferredEncoding(header)).toBe(expected);
  });

  it.each([[null], [''], ['identity'], ['deflate'], ['br;q=0, gzip;q=0'], ['*;q=0'], ['br;q=abc']])(
    '%s -> identity',
    (header) => {
      expect(preferredEncoding(header)).toBeUndefined();
    },
  );
});

describe('etagMatches', () => {
  const etag = '"0123456789ab-br"';

  it('matches the tag alone, in a list, weakly, or as *', () => {
    expect(etagMatches(etag, etag)).toBe(true);
    expect(etagMatches(`"other", ${etag}`, etag)).toBe(true);
    expect(etagMatches(`W/${etag}`, etag)).toBe(true);
    expect(etagMatches('*', etag)).toBe(true);
  });

  it('does not match another representation or no header', () => {
    expect(etagMatches('"0123456789ab-gzip"', etag)).toBe(false);
    expect(etagMatches('"0123456789ab"', etag)).toBe(false);
    expect(etagMatches(null, etag)).toBe(false);
    expect(etagMatches('', etag)).toBe(false);
  });
});
