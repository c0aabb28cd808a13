import { AWS_PAGE_SIZES, type AwsPage, type PageSizes } from '../aws/pages.js';
import { AccountUnavailableError, BadCursorError, UpstreamError } from '../errors.js';
import { parseLocation } from '../aws/location.js';
import { decodeCursor, encodeCursor, type CursorPosition } from './cursor.js';

/**
 * Relay pages of any size (1-100) over paged AWS listings, across one or more locations (regions
 * of accounts) in turn.
 * Unfiltered, AWS is asked for a page that fits `first` (20 to 100 records: AWS's bounds), so a
 * page of 10 groups does not carry 100 groups of XML; filtered by the gateway, for its largest
 * page (100), so that a screen costs the fewest calls. Each edge's cursor remembers its AWS page,
 * the page's size and its index in it.
 *
 * The pager knows AWS pages only as "the token that fetched this page" and "the token of the
 * next one": Marker listings (DescribeReplicationGroups, DescribeEvents) and NextToken listings
 * (DescribeServerlessCaches) fit alike; `fetchPage` names the parameter.
 */
export interface PagerRequest<T> {
  /** Names the listing inside cursors, so a cursor of one listing is refused by another. */
  kind: string;
  locations: readonly string[];
  first: number;
  after?: string | null;
  /** One AWS page: `pageSize` records (MaxRecords) from `token` on. */
  fetchPage: (location: string, token: string | null, pageSize: number) => Promise<AwsPage<T>>;
  /** Applied to the fetched records (gateway-side filtering); positions stay those of AWS. */
  keep?: (item: T) => boolean;
  /** The page sizes the listing accepts (MaxRecords 20-100 unless its operation says otherwise). */
  pageSizes?: PageSizes;
  /**
   * Told of an account whose role could not be assumed, in a listing over several locations: its
   * locations are passed over and the others listed. Without it (or over one location), the
   * listing fails.
   */
  onUnavailable?: (error: AccountUnavailableError) => void;
}

export interface PagerEdge<T> {
  node: T;
  cursor: string;
}

export interface PagerResult<T> {
  edges: PagerEdge<T>[];
  hasNextPage: boolean;
}

export async function pageThrough<T>(request: PagerRequest<T>): Promise<PagerResult<T>> {
  const start = startPosition(request);
  const edges: PagerEdge<T>[] = [];
  const keep = request.keep ?? (() => true);
  let locationIndex = request.locations.indexOf(start.location);
  let marker = start.marker;
  let skip = start.index;
  const sizes = request.pageSizes ?? AWS_PAGE_SIZES;
  const fitted = request.keep ? sizes.max : Math.min(sizes.max, Math.max(sizes.min, request.first));
  // The page a cursor points into is read again with the size it was read with.
  let size = start.size ?? fitted;

  while (locationIndex < request.locations.length) {
    const location = request.locations[locationIndex] ?? '';
    let page: AwsPage<T>;
    try {
      page = await fetchChecked(request, location, marker, size);
    } catch (error) {
      if (!(error instanceof AccountUnavailableError) || !request.onUnavailable || request.locations.length < 2)
        throw error;
      request.onUnavailable(error);
      // The account's other locations would fail alike: on to the next account.
      const { accountId } = parseLocation(location);
      while (
        locationIndex < request.locations.length &&
        parseLocation(request.locations[locationIndex] ?? '').accountId === accountId
      )
        locationIndex += 1;
      marker = null;
      skip = 0;
      size = fitted;
      continue;
    }
    for (let index = skip; index < page.items.length; index++) {
      const item = page.items[index] as T;
      if (!keep(item)) continue;
      if (edges.length === request.first) return { edges, hasNextPage: true };
      // After a page's last record, point at the next page directly: resuming costs no re-fetch.
      const resume =
        index + 1 === page.items.length && page.next !== null
          ? { marker: page.next, index: 0, size: fitted }
          : { marker, index: index + 1, size };
      edges.push({ node: item, cursor: encodeCursor(request.kind, { location, ...resume }) });
    }
    skip = 0;
    size = fitted;
    // Unfiltered, a full page and a next AWS page mean more records follow: no call to find out.
    if (edges.length === request.first && !request.keep && page.next !== null) return { edges, hasNextPage: true };
    if (page.next !== null) {
      marker = page.next;
    } else {
      locationIndex += 1;
      marker = null;
    }
  }
  return { edges, hasNextPage: false };
}

function startPosition<T>(request: PagerRequest<T>): Omit<CursorPosition, 'size'> & { size: number | undefined } {
  const first = request.locations[0];
  if (first === undefined) throw new Error('pageThrough needs at least one location');
  if (!request.after) return { location: first, marker: null, index: 0, size: undefined };
  const position = decodeCursor(request.kind, request.after, 'after', request.pageSizes);
  if (!request.locations.includes(position.location))
    throw new BadCursorError('after', `it points into ${position.location}, which this query does not list`);
  return position;
}

async function fetchChecked<T>(
  request: PagerRequest<T>,
  location: string,
  marker: string | null,
  pageSize: number,
): Promise<AwsPage<T>> {
  try {
    return await request.fetchPage(location, marker, pageSize);
  } catch (error) {
    // A position AWS refuses came from a stale or edited cursor.
    if (
      marker !== null &&
      error instanceof UpstreamError &&
      error.awsCode !== undefined &&
      isRefusedPosition(error.awsCode, error.awsMessage)
    ) {
      throw new BadCursorError('after', 'ElastiCache no longer accepts its position');
    }
    throw error;
  }
}

function isRefusedPosition(awsCode: string, awsMessage = ''): boolean {
  return awsCode === 'InvalidParameterValue' || /marker|token/i.test(awsMessage);
}
