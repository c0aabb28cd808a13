import { InvalidArgumentError } from '../errors.js';
import { MAX_PAGE_SIZE, type PagerResult } from './marker-pager.js';

export interface ConnectionArgs {
  first?: number | null;
  after?: string | null;
  last?: number | null;
  before?: string | null;
}

/** A pager result in the shape of a Relay connection. */
export function toConnection<T>(result: PagerResult<T>, after: string | null | undefined) {
  return {
    edges: result.edges,
    pageInfo: {
      hasNextPage: result.hasNextPage,
      hasPreviousPage: Boolean(after),
      startCursor: result.edges[0]?.cursor ?? null,
      endCursor: result.edges.at(-1)?.cursor ?? null,
    },
  };
}

/** The page size of a forward-only connection: `first`, 1 to 100, default 20. */
export function checkFirst(args: ConnectionArgs): number {
  if (args.last != null || args.before != null) {
    throw new InvalidArgumentError('last', 'ElastiCache lists only forwards: page with `first` and `after`.');
  }
  const first = args.first ?? 20;
  if (first < 1 || first > MAX_PAGE_SIZE) throw new InvalidArgumentError('first', `first must be between 1 and ${MAX_PAGE_SIZE}.`);
  return first;
}
