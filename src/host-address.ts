import { isIPv4, isIPv6 } from 'node:net';

// RFC 1123 host names: dot-separated labels of 1-63 letters, digits or inner hyphens; 253 at most.
const HOSTNAME_LABEL = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?$/;
const MAX_HOSTNAME_LENGTH = 253;

/** A host name, or an IPv4 or IPv6 literal (without brackets or port). */
export function isHostAddress(value: string): boolean {
  if (isIPv4(value) || isIPv6(value)) return true;
  if (value.length === 0 || value.length > MAX_HOSTNAME_LENGTH) return false;
  const labels = value.endsWith('.') ? value.slice(0, -1).split('.') : value.split('.');
  // An all-numeric dotted name that is not a valid IPv4 literal (999.1.1.1) is a typo, not a host.
  if (labels.every((label) => /^\d+$/.test(label))) return false;
  return labels.every((label) => HOSTNAME_LABEL.test(label));
}
