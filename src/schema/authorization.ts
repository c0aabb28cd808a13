/**
 * Authorization metadata for the federation router (Apollo Federation `@requiresScopes`), per
 * mutation: the router refuses a call whose token lacks one of the listed scope sets before it
 * reaches this service. Empty until the security work defines the scopes; filling in this table is
 * all it takes, and the printed subgraph SDL shows the result.
 *
 * Each entry is a list of alternatives, each a list of scopes that must all be present:
 * `[['elasticache:migrate'], ['admin']]` means "elasticache:migrate, or admin".
 */
export const MUTATION_SCOPES = {
  testMigration: [],
  startMigration: [],
  completeMigration: [],
} satisfies Record<string, string[][]>;

export type AuthorizedMutation = keyof typeof MUTATION_SCOPES;

/** The Pothos field options that carry a mutation's scopes (none while its entry is empty). */
export function authorizationOf(
  mutation: AuthorizedMutation,
  table: Record<AuthorizedMutation, string[][]> = MUTATION_SCOPES,
): { requiresScopes?: string[][] } {
  const scopes = table[mutation];
  return scopes.length > 0 ? { requiresScopes: scopes } : {};
}
