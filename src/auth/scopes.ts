import { isAccountId } from '../rules/account-ids.js';

/**
 * The OAuth scopes the gateway knows. Which field needs which is the one table in
 * src/schema/authorization.ts; these are only the names, shared with the token reader.
 */
export const SCOPES = {
  /** Every query and subscription field: reading groups, clusters and events. */
  read: 'elasticache:read',
  /** The migration mutations (and the preflight), which act on production groups. */
  migrate: 'elasticache:migrate',
} as const;

export type Scope = (typeof SCOPES)[keyof typeof SCOPES];

/**
 * `scope` narrowed to one AWS account: `elasticache:read:111111111111` reads that account only,
 * `elasticache:migrate:111111111111` migrates there only. The plain scopes grant every account.
 */
export function accountScope(scope: Scope, accountId: string): string {
  return `${scope}:${accountId}`;
}

/** Whether `held` grants `scope` in some account at least: the plain scope, or one narrowed to an account. */
export function grantsAnywhere(held: ReadonlySet<string>, scope: Scope): boolean {
  if (held.has(scope)) return true;
  const prefix = `${scope}:`;
  for (const granted of held) if (granted.startsWith(prefix) && isAccountId(granted.slice(prefix.length))) return true;
  return false;
}

/**
 * Whether `held` grants `scope` in `accountId`. A gateway without AWS_ACCOUNTS does not know its
 * account's id (null): only the plain scope grants anything there.
 */
export function grantsIn(held: ReadonlySet<string>, scope: Scope, accountId: string | null): boolean {
  return held.has(scope) || (accountId !== null && held.has(accountScope(scope, accountId)));
}
