/** The encodings each asset is stored in besides identity, best first. */
export type StoredEncoding = 'br' | 'gzip';

const BEST_FIRST: readonly StoredEncoding[] = ['br', 'gzip'];

/**
 * The stored encoding to send for an Accept-Encoding header, or undefined for identity. Honours
 * q-values, so `br;q=0` rules brotli out, and `*` stands for any encoding not named.
 */
export function preferredEncoding(acceptEncoding: string | null): StoredEncoding | undefined {
  const weights = new Map<string, number>();
  for (const part of (acceptEncoding ?? '').split(',')) {
    const [name = '', ...params] = part.split(';').map((piece) => piece.trim().toLowerCase());
    if (!name) continue;
    const q = params.find((param) => param.startsWith('q='));
    const weight = q === undefined ? 1 : Number(q.slice(2));
    weights.set(name, Number.isFinite(weight) ? weight : 0);
  }
  let best: StoredEncoding | undefined;
  let bestWeight = 0;
  for (const encoding of BEST_FIRST) {
    const weight = weights.get(encoding) ?? weights.get('*') ?? 0;
    if (weight > bestWeight) {
      best = encoding;
      bestWeight = weight;
    }
  }
  return best;
}

/**
 * Whether an If-None-Match header names `etag`: a list, weak validators (`W/"..."`, which GET
 * revalidation compares weakly) and `*` all occur in practice.
 */
export function etagMatches(ifNoneMatch: string | null, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((candidate) => {
    const tag = candidate.trim();
    return tag === '*' || tag.replace(/^W\//, '') === etag;
  });
}
