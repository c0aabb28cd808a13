/**
 * AWS's pages: what one Describe call answers (`items` and the token of the next page, Marker or
 * NextToken alike), the page sizes the listings accept, and reading pages in order. The Relay
 * paging over them (cursors, edges) is the resolvers' (src/resolvers/pager.ts).
 */

/** The page sizes (MaxRecords) most Describe listings accept. */
export const AWS_PAGE_SIZES = { min: 20, max: 100 } as const;

export const MAX_PAGE_SIZE = AWS_PAGE_SIZES.max;

/** The page sizes one listing accepts (DescribeSnapshots: 20-50; the serverless ones: 1-50). */
export interface PageSizes {
  min: number;
  max: number;
}

export interface AwsPage<T> {
  items: T[];
  /** The token of the next page (Marker or NextToken); null after the last page. */
  next: string | null;
}

export interface ReadPagesOptions<T> {
  /** Stop after this many pages (`complete` is then false). */
  maxPages?: number;
  /** Stop as soon as the records read so far are all the caller needs (`complete` is then true). */
  enough?: (items: readonly T[]) => boolean;
}

/**
 * The pages of a listing in order, at most `maxPages` of them, stopping early once `enough`
 * holds: `complete` is false when pages were left unread that the caller might need. (The SDK's
 * paginators would call the client directly, around the gateway's single path to AWS.)
 */
export async function readPages<T>(
  fetchPage: (token: string | null) => Promise<AwsPage<T>>,
  { maxPages = Number.POSITIVE_INFINITY, enough }: ReadPagesOptions<T> = {},
): Promise<{ items: T[]; complete: boolean }> {
  const items: T[] = [];
  let marker: string | null = null;
  for (let pages = 0; pages < maxPages; pages++) {
    const page = await fetchPage(marker);
    items.push(...page.items);
    if (page.next === null || enough?.(items)) return { items, complete: true };
    marker = page.next;
  }
  return { items, complete: false };
}
