import { faults } from './query-errors.js';
import type { QueryParams } from './query-params.js';

/**
 * Marker paging as the Describe operations do it: MaxRecords 20-100 (default 100), an opaque
 * Marker that is present only when more records remain, and a clear error for a bad marker. The
 * Marker holds the listing position (`keyOf`, ascending in `all`) of the last record returned, so
 * a page starts right after it even when records were created or deleted since: an offset would
 * skip a record when one before it is deleted.
 */
export interface Page<T> {
  items: T[];
  marker?: string;
}

/** How an operation pages: Marker and MaxRecords 20-100 unless its model says otherwise. */
export interface PagingParameters {
  token: 'Marker' | 'NextToken';
  sizeParameter: 'MaxRecords' | 'MaxResults';
  minPageSize: number;
  maxPageSize: number;
}

const MARKER_PAGING: PagingParameters = {
  token: 'Marker',
  sizeParameter: 'MaxRecords',
  minPageSize: 20,
  maxPageSize: 100,
};

export function paginate<T>(
  params: QueryParams,
  action: string,
  all: readonly T[],
  keyOf: (item: T) => number[],
  paging: PagingParameters = MARKER_PAGING,
): Page<T> {
  const maxRecords =
    params.integer(paging.sizeParameter, { min: paging.minPageSize, max: paging.maxPageSize }) ?? paging.maxPageSize;
  const marker = params.string(paging.token);
  const after = marker === undefined ? null : decodeMarker(action, marker);
  const start = after === null ? 0 : all.findIndex((item) => compareKeys(keyOf(item), after) > 0);
  const from = start < 0 ? all.length : start;
  const items = all.slice(from, from + maxRecords);
  const last = items.at(-1);
  return from + items.length < all.length && last !== undefined
    ? { items, marker: encodeMarker(action, keyOf(last)) }
    : { items };
}

function compareKeys(a: readonly number[], b: readonly number[]): number {
  for (let index = 0; index < Math.max(a.length, b.length); index++) {
    const difference = (a[index] ?? 0) - (b[index] ?? 0);
    if (difference !== 0) return difference;
  }
  return 0;
}

function encodeMarker(action: string, key: number[]): string {
  return Buffer.from(JSON.stringify({ a: action, k: key })).toString('base64url');
}

function decodeMarker(action: string, marker: string): number[] {
  try {
    const decoded = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8')) as { a?: unknown; k?: unknown };
    if (
      decoded.a === action &&
      Array.isArray(decoded.k) &&
      decoded.k.length > 0 &&
      decoded.k.length <= 3 &&
      decoded.k.every((part) => Number.isSafeInteger(part))
    )
      return decoded.k as number[];
  } catch {
    // Falls through to the fault below.
  }
  throw faults.invalidParameterValue(`Invalid marker: ${marker}`);
}
