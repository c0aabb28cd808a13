import { GraphQLError } from 'graphql';
import type { GatewayContext } from '../context.js';
import { InvalidInputError } from '../errors.js';
import { toGraphQLError } from '../graphql-errors.js';
import { MigrationNotInSyncError, MigrationProgressUnavailableError } from '../progress/errors.js';

/** What became of a mutation: ElastiCache took it, the gateway refused it, or it failed. */
export type AuditOutcome = 'accepted' | 'refused' | 'failed';

/** The mutation input as the caller sent it (every field optional: a refusal may come first). */
export interface AuditedInput {
  replicationGroupId?: string | null;
  account?: string | null;
  region?: string | null;
  customerNodeEndpointList?: readonly { address?: string | null; port?: number | null }[] | null;
  /** completeMigration's force: cut over without the sync check. */
  force?: boolean | null;
}

export interface MutationAudit {
  /** The GraphQL field, e.g. startMigration. */
  operation: string;
  input: AuditedInput;
  outcome: AuditOutcome;
  /** The result type (`StartMigrationSuccess`, `ReplicationGroupNotFoundFault`, ...) or error code. */
  result: string;
  awsRequestId?: string | undefined;
}

/**
 * One audit line per mutation that reached execution, accepted, refused or failed: who asked
 * (the token's subject), what, on which group, account and region, from which source, and what came of
 * it, with the AWS request id for AWS support. No token or header is ever part of it.
 */
export function auditMutation(context: GatewayContext, audit: MutationAudit): void {
  const { input } = audit;
  const source = input.customerNodeEndpointList?.[0];
  context.log.audit(`${audit.operation} ${audit.outcome}`, {
    subject: context.caller.subject,
    operation: audit.operation,
    replicationGroupId: input.replicationGroupId ?? null,
    // The account acted in (AWS_ACCOUNTS); null: the gateway's own credentials' account.
    account: input.account ?? context.clients.defaultAccount,
    region: input.region ?? context.clients.defaultRegion,
    sourceEndpoint: source ? `${source.address ?? ''}:${source.port ?? ''}` : null,
    ...(input.force !== undefined ? { forced: input.force === true } : {}),
    outcome: audit.outcome,
    result: audit.result,
    awsRequestId: audit.awsRequestId ?? null,
  });
}

/** How a failed mutation is recorded: refused input, an AWS fault by name, or the error's code. */
export function failureOf(error: unknown): Pick<MutationAudit, 'outcome' | 'result' | 'awsRequestId'> {
  if (error instanceof InvalidInputError) return { outcome: 'refused', result: 'InvalidInputError' };
  // The cutover guard's refusals: nothing was sent to AWS.
  if (error instanceof MigrationNotInSyncError || error instanceof MigrationProgressUnavailableError)
    return { outcome: 'refused', result: error.name };
  // A domain error is audited as the client sees it (its code).
  const graphQLError = error instanceof GraphQLError ? error : toGraphQLError(error);
  if (graphQLError) {
    const { code, awsRequestId } = graphQLError.extensions as { code?: unknown; awsRequestId?: unknown };
    return {
      outcome: code === 'FORBIDDEN' || code === 'UNKNOWN_REGION' || code === 'UNKNOWN_ACCOUNT' ? 'refused' : 'failed',
      result: typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR',
      awsRequestId: typeof awsRequestId === 'string' ? awsRequestId : undefined,
    };
  }
  // The SDK's modeled faults (passed on as results) carry the AWS request id in $metadata.
  const metadata = (error as { $metadata?: { requestId?: string } } | null)?.$metadata;
  if (error instanceof Error && metadata)
    return { outcome: 'failed', result: error.name, awsRequestId: metadata.requestId };
  return { outcome: 'failed', result: 'INTERNAL_SERVER_ERROR' };
}
