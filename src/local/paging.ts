import { faults } from './query-errors.js';
import type { QueryParams } from './query-params.js';

/**
 * Marker paging as the Describe operations do it: MaxRecords 20-100 (default 100), an opaque
 * Marker that is present only when more records remain, and a clear error for a bad marker.
 */
export interface Page<T> {
  items: T[];
  marker?: string;
}

export function paginate<T>(params: QueryParams, action: string, all: readonly T[]): Page<T> {
  const maxRecords = params.integer('MaxRecords', { min: 20, max: 100 }) ?? 100;
  const marker = params.string('Marker');
  const offset = marker === undefined ? 0 : decodeMarker(action, marker);
  const items = all.slice(offset, offset + maxRecords);
  const next = offset + items.length;
  return next < all.length ? { items, marker: encodeMarker(action, next) } : { items };
}

function encodeMarker(action: string, offset: number): string {
  return Buffer.from(JSON.stringify({ a: action, o: offset })).toString('base64url');
}

function decodeMarker(action: string, marker: string): number {
  try {
    const decoded = JSON.parse(Buffer.from(marker, 'base64url').toString('utf8')) as { a?: unknown; o?: unknown };
    if (decoded.a === action && typeof decoded.o === 'number' && Number.isInteger(decoded.o) && decoded.o >= 0)
      return decoded.o;
  } catch {
    // Falls through to the fault below.
  }
  throw faults.invalidParameterValue(`Invalid marker: ${marker}`);
}
