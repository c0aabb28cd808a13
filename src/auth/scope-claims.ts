/**
 * The scopes a token's claims grant: the claim AUTH_SCOPE_CLAIM names, or else `scope` and `scp`;
 * each a space-separated string or an array of strings. Shared by the gateway's token check and
 * the console page (which only explains: the gateway decides).
 */
export function scopesOf(claims: Record<string, unknown>, claim: string | null): Set<string> {
  const values = claim ? [claims[claim]] : [claims['scope'], claims['scp']];
  const scopes = new Set<string>();
  for (const value of values) {
    if (typeof value === 'string') for (const scope of value.split(' ')) if (scope) scopes.add(scope);
    if (Array.isArray(value)) for (const scope of value) if (typeof scope === 'string') scopes.add(scope);
  }
  return scopes;
}
