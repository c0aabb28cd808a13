import { describe, expect, it } from 'vitest';
import { readPages, type AwsPage } from '../../src/aws/pages.js';
import { pageThrough, type PagerResult } from '../../src/resolvers/pager.js';
import { BadCursorError, UpstreamError, UpstreamErrorCode } from '../../src/errors.js';

/** An AWS-like listing per region: pages of `size` records, tokens `p<n>`; every fetch is logged. */
function listing(records: Record<string, string[]>, size: number) {
  const fetches: string[] = [];
  const fetchPage = async (region: string, token: string | null): Promise<AwsPage<string>> => {
    fetches.push(`${region}:${token ?? '-'}`);
    const start = token ? Number(token.slice(1)) : 0;
    const all = records[region] ?? [];
    const next = start + size < all.length ? `p${start + size}` : null;
    return { items: all.slice(start, start + size), next };
  };
  return { fetchPage, fetches };
}

const ids = (prefix: string, count: number) => Array.from({ length: count }, (_, index) => `${prefix}${index}`);

describe('pageThrough', () => {
  it('walks pages of any size across AWS pages and regions, each record once, in order', async () => {
    const records = { 'us-east-1': ids('a', 7), 'eu-west-1': ids('b', 4) };
    const { fetchPage } = listing(records, 3);
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 10; pages++) {
      const page: PagerResult<string> = await pageThrough({
        kind: 'test',
        locations: ['us-east-1', 'eu-west-1'],
        first: 4,
        after,
        fetchPage,
      });
      seen.push(...page.edges.map((edge) => edge.node));
      if (!page.hasNextPage) break;
      after = page.edges.at(-1)?.cursor ?? null;
    }
    expect(seen).toEqual([...records['us-east-1'], ...records['eu-west-1']]);
  });

  it('resumes after the last record of an AWS page without fetching that page again', async () => {
    const { fetchPage, fetches } = listing({ 'us-east-1': ids('a', 6) }, 3);
    const first = await pageThrough({ kind: 'test', locations: ['us-east-1'], first: 3, fetchPage });
    expect(first.hasNextPage).toBe(true);
    fetches.length = 0;
    const second = await pageThrough({
      kind: 'test',
      locations: ['us-east-1'],
      first: 3,
      after: first.edges.at(-1)?.cursor,
      fetchPage,
    });
    expect(second.edges.map((edge) => edge.node)).toEqual(['a3', 'a4', 'a5']);
    expect(fetches).toEqual(['us-east-1:p3']);
  });

  it('filters with `keep` and still knows whether more follow', async () => {
    const { fetchPage } = listing({ 'us-east-1': ids('a', 10) }, 4);
    const page = await pageThrough({
      kind: 'test',
      locations: ['us-east-1'],
      first: 2,
      fetchPage,
      keep: (id) => Number(id.slice(1)) % 3 === 0,
    });
    expect(page.edges.map((edge) => edge.node)).toEqual(['a0', 'a3']);
    expect(page.hasNextPage).toBe(true);
  });

  it('refuses a cursor into a region the query does not list, and a position AWS refuses, as BAD_CURSOR', async () => {
    const { fetchPage } = listing({ 'us-east-1': ids('a', 6), 'eu-west-1': ids('b', 6) }, 3);
    const page = await pageThrough({ kind: 'test', locations: ['us-east-1', 'eu-west-1'], first: 7, fetchPage });
    const intoEu = page.edges.at(-1)?.cursor;
    await expect(
      pageThrough({ kind: 'test', locations: ['us-east-1'], first: 5, after: intoEu, fetchPage }),
    ).rejects.toBeInstanceOf(BadCursorError);

    const refusing = async (_region: string, token: string | null): Promise<AwsPage<string>> => {
      if (token)
        throw new UpstreamError(
          UpstreamErrorCode.FAILED,
          'refused',
          { awsCode: 'InvalidParameterValue', awsMessage: 'Invalid marker' },
          true,
        );
      return { items: ['x', 'y'], next: 'p2' };
    };
    const firstPage = await pageThrough({ kind: 'test', locations: ['us-east-1'], first: 2, fetchPage: refusing });
    await expect(
      pageThrough({
        kind: 'test',
        locations: ['us-east-1'],
        first: 2,
        after: firstPage.edges.at(-1)?.cursor,
        fetchPage: refusing,
      }),
    ).rejects.toMatchObject({ name: 'BadCursorError', argument: 'after' });
  });
});

describe('readPages', () => {
  it('reads every page, or stops at maxPages and says it did', async () => {
    const { fetchPage } = listing({ r: ids('a', 10) }, 3);
    expect(await readPages((token) => fetchPage('r', token))).toEqual({ items: ids('a', 10), complete: true });
    expect(await readPages((token) => fetchPage('r', token), { maxPages: 2 })).toEqual({
      items: ids('a', 6),
      complete: false,
    });
  });

  it('stops at the first page after which the caller has enough', async () => {
    const { fetchPage, fetches } = listing({ r: ids('a', 10) }, 3);
    const wanted = ids('a', 10).slice(3, 5);
    const result = await readPages((token) => fetchPage('r', token), {
      enough: (items) => wanted.every((id) => items.includes(id)),
    });
    expect(result).toEqual({ items: ids('a', 6), complete: true });
    expect(fetches).toEqual(['r:-', 'r:p3']);
  });
});

describe('AWS page sizes', () => {
  /** A listing that honours the page size asked for, as AWS's MaxRecords does. */
  function sizedListing(all: string[]) {
    const asked: number[] = [];
    const fetchPage = (_region: string, token: string | null, pageSize: number): Promise<AwsPage<string>> => {
      asked.push(pageSize);
      const start = token ? Number(token.slice(1)) : 0;
      const next = start + pageSize < all.length ? `p${start + pageSize}` : null;
      return Promise.resolve({ items: all.slice(start, start + pageSize), next });
    };
    return { fetchPage, asked };
  }

  async function walk(
    fetchPage: ReturnType<typeof sizedListing>['fetchPage'],
    firsts: number[],
    keep?: (item: string) => boolean,
  ) {
    const seen: string[] = [];
    let after: string | null = null;
    for (let pages = 0; pages < 1_000; pages++) {
      const first = firsts[Math.min(pages, firsts.length - 1)] ?? 10;
      const page: PagerResult<string> = await pageThrough({
        kind: 'test',
        locations: ['r'],
        first,
        after,
        fetchPage,
        ...(keep ? { keep } : {}),
      });
      seen.push(...page.edges.map((edge) => edge.node));
      if (!page.hasNextPage) break;
      after = page.edges.at(-1)?.cursor ?? null;
    }
    return seen;
  }

  it('asks AWS for a page that fits `first` (at least 20), one call per page of 10 over 500 records', async () => {
    const all = ids('g', 500);
    const { fetchPage, asked } = sizedListing(all);
    expect(await walk(fetchPage, [10])).toEqual(all);
    expect(asked.every((size) => size === 20)).toBe(true);
    expect(asked).toHaveLength(50);
  });

  it('fits pages of 50 exactly, and asks for 100 at a time when the gateway filters', async () => {
    const all = ids('g', 200);
    const fitted = sizedListing(all);
    expect(await walk(fitted.fetchPage, [50])).toEqual(all);
    expect(new Set(fitted.asked)).toEqual(new Set([50]));
    const filtered = sizedListing(all);
    expect(await walk(filtered.fetchPage, [10], (item) => item.endsWith('7'))).toEqual(
      all.filter((item) => item.endsWith('7')),
    );
    expect(new Set(filtered.asked)).toEqual(new Set([100]));
  });

  it("reads the page a cursor points into with that page's own size when `first` changes", async () => {
    const all = ids('g', 300);
    const { fetchPage, asked } = sizedListing(all);
    // Pages of 10, then of 100: the second request re-reads its first AWS page 20 at a time.
    expect(await walk(fetchPage, [10, 100])).toEqual(all);
    expect(asked.slice(0, 2)).toEqual([20, 20]);
    expect(asked.slice(2).every((size) => size === 100)).toBe(true);
  });
});
