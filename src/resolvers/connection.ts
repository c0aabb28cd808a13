import type { PagerResult } from './pager.js';

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
