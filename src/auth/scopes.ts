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
