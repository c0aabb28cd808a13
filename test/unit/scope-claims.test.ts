import { describe, expect, it } from 'vitest';
import { scopesOf } from '../../src/auth/scope-claims.js';

describe('the scopes a token grants', () => {
  it('reads `scope` (space-separated) and `scp` (an array) by default, both at once', () => {
    expect(scopesOf({ scope: 'a  b ' }, null)).toEqual(new Set(['a', 'b']));
    expect(scopesOf({ scp: ['a', 'c'] }, null)).toEqual(new Set(['a', 'c']));
    expect(scopesOf({ scope: 'a', scp: ['b'] }, null)).toEqual(new Set(['a', 'b']));
  });

  it('reads only the claim AUTH_SCOPE_CLAIM names, as a string or an array', () => {
    expect(scopesOf({ scope: 'a', permissions: ['b', 'c'] }, 'permissions')).toEqual(new Set(['b', 'c']));
    expect(scopesOf({ scope: 'a', roles: 'x y' }, 'roles')).toEqual(new Set(['x', 'y']));
    expect(scopesOf({ scope: 'a' }, 'roles')).toEqual(new Set());
  });

  it('grants nothing for values of other types', () => {
    expect(scopesOf({ scope: 42, scp: { a: true } }, null)).toEqual(new Set());
    expect(scopesOf({ scp: ['a', 7, null, 'b'] }, null)).toEqual(new Set(['a', 'b']));
  });
});
