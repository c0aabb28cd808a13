import { AWS_PAGE_SIZES, type PageSizes } from '../aws/pages.js';
import { BadCursorError } from '../errors.js';

/**
 * The position of one record in a paged AWS listing: the location (account and region), the AWS Marker of the page that
 * holds it (null for the first page), the page size it was read with and its index in that page. Opaque to clients (base64url
 * JSON with a version); strictly checked when it comes back. Nothing in it is secret, and AWS
 * re-validates the marker, so a cursor edited by hand can do no more than a bad request.
 */
export interface CursorPosition {
  location: string;
  marker: string | null;
  index: number;
  /** MaxRecords of the page `marker` names: reading it again with the same size finds `index` again. */
  size: number;
}

const VERSION = 1;

export function encodeCursor(kind: string, position: CursorPosition): string {
  return Buffer.from(
    JSON.stringify({
      v: VERSION,
      k: kind,
      r: position.location,
      m: position.marker,
      i: position.index,
      s: position.size,
    }),
  ).toString('base64url');
}

export function decodeCursor(
  kind: string,
  cursor: string,
  argument = 'after',
  sizes: PageSizes = AWS_PAGE_SIZES,
): CursorPosition {
  let decoded: unknown;
  try {
    decoded = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new BadCursorError(argument, 'it is not a cursor this gateway issued');
  }
  const value = decoded as Record<string, unknown>;
  if (typeof value !== 'object' || value === null || value.v !== VERSION)
    throw new BadCursorError(argument, 'unknown cursor format');
  if (value.k !== kind) throw new BadCursorError(argument, `it belongs to another listing (${String(value.k)})`);
  if (
    typeof value.r !== 'string' ||
    !(typeof value.m === 'string' || value.m === null) ||
    !Number.isInteger(value.i) ||
    (value.i as number) < 0 ||
    !isPageSize(value.s ?? sizes.max, sizes)
  ) {
    throw new BadCursorError(argument, 'it is malformed');
  }
  // The marker goes back to AWS as it is: it must be text the SDK can encode.
  if (!value.r.isWellFormed() || (typeof value.m === 'string' && !value.m.isWellFormed()))
    throw new BadCursorError(argument, 'it is malformed');
  // Cursors issued before page sizes followed `first` read their pages 100 at a time.
  return {
    location: value.r,
    marker: value.m,
    index: value.i as number,
    size: (value.s as number | undefined) ?? sizes.max,
  };
}

function isPageSize(size: unknown, sizes: PageSizes): boolean {
  return Number.isInteger(size) && (size as number) >= sizes.min && (size as number) <= sizes.max;
}
