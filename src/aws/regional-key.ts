/**
 * The identity of a regional resource as one string: `<region>/<id>`, the id lowercased (AWS ids
 * are case-insensitive and stored lowercase). The per-request loaders and the batching helper
 * key by it; region names and resource ids never hold a `/`, so the key parses back.
 */
export type RegionalKey = `${string}/${string}`;

export function regionalKey(region: string, id: string): RegionalKey {
  return `${region}/${id.toLowerCase()}`;
}

export function parseRegionalKey(key: RegionalKey): { region: string; id: string } {
  const slash = key.indexOf('/');
  return { region: key.slice(0, slash), id: key.slice(slash + 1) };
}
