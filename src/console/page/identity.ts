import { SCOPES } from '../../auth/scopes.js';
import { tokenClaims, tokenStore, type ConsoleConfig } from './api.js';
import { h } from './dom.js';

/** What the caller may do, as the page can tell: each scope held or not, by name. */
export interface Access {
  read: { allowed: boolean; scope: string };
  migrate: { allowed: boolean; scope: string };
}

/**
 * Who the page acts as. With the gateway open, nobody: it says so. With tokens, a field to paste
 * one (kept in this tab's sessionStorage only); the token's scopes decide which steps are
 * enabled, and an expired token is said to be expired. The gateway checks every request anyway.
 */
export function identity(config: ConsoleConfig): { element: HTMLElement; access: Access } {
  if (config.auth === 'open') {
    return {
      element: h(
        'p',
        { class: 'identity', id: 'identity' },
        'The gateway is open (authentication is off): no token is needed.',
      ),
      access: {
        read: { allowed: true, scope: SCOPES.read },
        migrate: { allowed: true, scope: SCOPES.migrate },
      },
    };
  }
  const token = tokenStore.get();
  const claims = tokenClaims(token, config.scopeClaim);
  const expired = claims?.expiresAt ? claims.expiresAt.getTime() <= Date.now() : false;
  const holds = (scope: string) => Boolean(claims && !expired && claims.scopes.has(scope));
  const input = h('input', { id: 'token', type: 'password', autocomplete: 'off', spellcheck: 'false' });
  const form = h(
    'form',
    { class: 'identity', id: 'identity' },
    h('label', { for: 'token' }, 'Bearer token'),
    input,
    h('button', { type: 'submit' }, 'Use this token'),
    token ? h('button', { type: 'button', id: 'forget-token' }, 'Forget the token') : null,
    h(
      'p',
      { role: 'status' },
      !token
        ? 'No token yet: paste one to act on the groups (kept in this tab only).'
        : !claims
          ? 'The token cannot be read: paste a JSON Web Token.'
          : expired
            ? `Your token expired at ${claims.expiresAt?.toLocaleString()}: paste a new one.`
            : `Token with the scopes ${[...claims.scopes].join(', ') || 'none'}${claims.expiresAt ? `, valid until ${claims.expiresAt.toLocaleString()}` : ''}.`,
    ),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (input.value.trim()) tokenStore.set(input.value);
    location.reload();
  });
  form.querySelector('#forget-token')?.addEventListener('click', () => {
    tokenStore.clear();
    location.reload();
  });
  return {
    element: form,
    access: {
      read: { allowed: holds(SCOPES.read), scope: SCOPES.read },
      migrate: { allowed: holds(SCOPES.migrate), scope: SCOPES.migrate },
    },
  };
}
