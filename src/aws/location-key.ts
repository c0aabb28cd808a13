import type { Location } from './location.js';

/**
 * The identity of a resource as one string: `<location>/<id>`, the id lowercased (AWS ids are
 * case-insensitive and stored lowercase). The per-request loaders and the batching helper key by
 * it; locations and resource ids never hold a `/`, so the key parses back.
 */
export type LocationKey = `${string}/${string}`;

export function locationKey(location: Location, id: string): LocationKey {
  return `${location}/${id.toLowerCase()}`;
}

export function parseLocationKey(key: LocationKey): { location: Location; id: string } {
  const slash = key.indexOf('/');
  return { location: key.slice(0, slash), id: key.slice(slash + 1) };
}
