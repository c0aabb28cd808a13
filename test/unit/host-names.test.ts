import { describe, expect, it } from 'vitest';
import { hostAllowed } from '../../src/http-guards.js';

describe('whether a Host header is one ALLOWED_HOSTS serves', () => {
  const allowed = ['gateway.internal', '127.0.0.1', '[::1]'];

  it('compares the name without the port or a final dot', () => {
    expect(hostAllowed('gateway.internal', allowed)).toBe(true);
    expect(hostAllowed('gateway.internal:4000', allowed)).toBe(true);
    expect(hostAllowed('gateway.internal.:4000', allowed)).toBe(true);
    expect(hostAllowed('GATEWAY.internal', allowed)).toBe(true);
    expect(hostAllowed('[::1]:4000', allowed)).toBe(true);
    expect(hostAllowed('evil.example', allowed)).toBe(false);
    expect(hostAllowed('gateway.internal.evil.example', allowed)).toBe(false);
  });

  it('refuses a request without a Host, or with one that is no host name', () => {
    expect(hostAllowed(undefined, allowed)).toBe(false);
    expect(hostAllowed(null, allowed)).toBe(false);
    expect(hostAllowed('', allowed)).toBe(false);
    expect(hostAllowed('bad host/', allowed)).toBe(false);
    expect(hostAllowed('[::1', allowed)).toBe(false);
  });

  it('allows any Host when no list is set', () => {
    expect(hostAllowed(undefined, null)).toBe(true);
    expect(hostAllowed('anything', null)).toBe(true);
  });
});
