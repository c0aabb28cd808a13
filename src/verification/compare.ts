import type { KeySnapshot } from './key-snapshot.js';

/** How a key on the target differs from the source. */
export const DIFFERENCE_KINDS = ['MISSING', 'TYPE', 'VALUE', 'TTL'] as const;
export type DifferenceKind = (typeof DIFFERENCE_KINDS)[number];

/**
 * How the target's copy of a key differs from the source's, or null when it does not (or when
 * the source no longer has it: nothing to compare). Values compare by digest when both sides read
 * them whole, else by length; TTLs match when neither expires, or both do within the tolerance.
 */
export function differenceOf(source: KeySnapshot, target: KeySnapshot, ttlToleranceMs: number): DifferenceKind | null {
  if (source.type === 'none') return null;
  if (target.type === 'none') return 'MISSING';
  if (source.type !== target.type) return 'TYPE';
  if (source.digest !== null && target.digest !== null) {
    if (source.digest !== target.digest) return 'VALUE';
  } else if (source.length !== target.length) return 'VALUE';
  const sourceExpires = source.ttlMs >= 0;
  const targetExpires = target.ttlMs >= 0;
  if (sourceExpires !== targetExpires) return 'TTL';
  if (sourceExpires && Math.abs(source.ttlMs - target.ttlMs) > ttlToleranceMs) return 'TTL';
  return null;
}

/** A value compared by length only (too large to compare whole, or of a type read by type only). */
export function comparedByLength(source: KeySnapshot): boolean {
  return source.type !== 'none' && source.digest === null;
}
