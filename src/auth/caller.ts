import { SCOPES } from './scopes.js';

/** Who sent a request, as far as the gateway knows. */
export interface Caller {
  /** The token's `sub`; null when the gateway runs open (no tokens). */
  subject: string | null;
  /** The scopes the token grants. */
  scopes: ReadonlySet<string>;
  /** When the token stops being valid (ms since the epoch); null when the gateway runs open. */
  expiresAt: number | null;
}

/** Each scope set's text, once: a kept token's caller (and the open caller) is the same object on every request. */
const scopeSetTexts = new WeakMap<ReadonlySet<string>, string>();

/** A caller's scopes as one text (sorted): what tells callers apart where answers are shared. */
export function scopeSetOf(caller: Caller): string {
  let text = scopeSetTexts.get(caller.scopes);
  if (text === undefined) scopeSetTexts.set(caller.scopes, (text = [...caller.scopes].sort().join(' ')));
  return text;
}

/**
 * The caller of a gateway that runs open (the local endpoint, or AUTH_DISABLED=true behind a
 * router that checks tokens): allowed every field, but no more than that; in particular not the
 * scope that lets ad-hoc documents past TRUSTED_DOCUMENTS.
 */
export const OPEN_CALLER: Caller = Object.freeze({
  subject: null,
  scopes: new Set<string>(Object.values(SCOPES)),
  expiresAt: null,
});
