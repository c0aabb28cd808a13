import {
  ElastiCacheServiceException,
  InvalidParameterValueException,
  InvalidReplicationGroupStateFault,
  ReplicationGroupAlreadyUnderMigrationFault,
  ReplicationGroupNotFoundFault,
  ReplicationGroupNotUnderMigrationFault,
} from '@aws-sdk/client-elasticache';
import {
  AccountUnavailableError,
  MalformedInputError,
  RequestCancelledError,
  UpstreamError,
  UpstreamErrorCode,
} from '../errors.js';
import { ALL_RESOURCE_KINDS, type FaultClass } from '../rules/resource-kinds.js';
import type { RepeatedFailureLog } from './failure-log.js';

export type { FaultClass };

/**
 * The fault policy: for each operation the gateway calls, the faults ElastiCache models that its
 * callers turn into results (a typed member of a mutation's payload union, or null for a read of
 * something that does not exist). `send` passes these through as the SDK's own exception
 * classes; every other failure becomes an UpstreamError below. The mutation payload unions in
 * src/schema/errors.ts are built from these same lists. The Describe operation of every resource
 * kind passes its not-found fault (READ_FAULTS, from the kinds' definitions).
 */
export const PASSED_FAULTS = {
  DescribeEvents: [],
  TestMigration: [
    ReplicationGroupNotFoundFault,
    InvalidReplicationGroupStateFault,
    ReplicationGroupAlreadyUnderMigrationFault,
    InvalidParameterValueException,
  ],
  StartMigration: [
    ReplicationGroupNotFoundFault,
    InvalidReplicationGroupStateFault,
    ReplicationGroupAlreadyUnderMigrationFault,
    InvalidParameterValueException,
  ],
  CompleteMigration: [
    ReplicationGroupNotFoundFault,
    InvalidReplicationGroupStateFault,
    ReplicationGroupNotUnderMigrationFault,
  ],
} satisfies Record<string, readonly FaultClass[]>;

export type CalledOperation = keyof typeof PASSED_FAULTS;

/** Each resource kind's Describe operation passes its not-found fault: the read of an id gives null. */
const READ_FAULTS: ReadonlyMap<string, readonly FaultClass[]> = new Map(
  ALL_RESOURCE_KINDS.map((kind) => [kind.operation, [kind.notFound]]),
);

/** The faults `operation`'s callers turn into results. */
export function passedFaults(operation: string): readonly FaultClass[] {
  return PASSED_FAULTS[operation as CalledOperation] ?? READ_FAULTS.get(operation) ?? [];
}

/** A read of one resource by id, with its passed not-found fault turned into null. */
export async function nullWhenAbsent<T>(read: Promise<T>, notFound: FaultClass): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof notFound) return null;
    throw error;
  }
}

/** Error codes AWS uses when the caller's credentials are missing, wrong or not allowed. */
const CREDENTIAL_FAULTS = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'AuthFailure',
  'ExpiredToken',
  'ExpiredTokenException',
  'IncompleteSignature',
  'InvalidClientTokenId',
  'MissingAuthenticationToken',
  'SignatureDoesNotMatch',
  'UnrecognizedClientException',
  'CredentialsProviderError',
]);

const THROTTLING_FAULTS = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
]);

export interface AwsCallSite {
  operation: string;
  region: string;
  /** Aborted when whoever asked for the call has gone (the client disconnected, the poller stopped). */
  signal?: AbortSignal | undefined;
}

/**
 * Applies the fault policy to a failed call (ElastiCacheClients.send is the only caller).
 *
 * A fault listed for the operation passes through untouched. A fault the model declares but the
 * operation's callers do not handle is ElastiCache refusing the request: UPSTREAM_FAILED with
 * AWS's code and message, which are safe to show. Everything else (throttling after the SDK's
 * retries, 5xx, timeouts, network, credentials) becomes an UpstreamError with a stable code and
 * a message of the gateway's own, while the details, with the AWS request id, go to the log.
 */
export function translateAwsError(error: unknown, site: AwsCallSite, failures: RepeatedFailureLog): unknown {
  const passed = passedFaults(site.operation);
  if (passed.some((fault) => error instanceof fault)) return error;
  // Refused by the gateway itself before anything was sent (refuseMalformedStrings).
  if (error instanceof MalformedInputError) return error;
  // The account's role could not be assumed (assumed-role.ts): nothing was sent to ElastiCache.
  if (error instanceof AccountUnavailableError) return error;
  if (site.signal?.aborted) return new RequestCancelledError();

  const name = error instanceof Error ? error.name : 'UnknownError';
  const aws = error instanceof ElastiCacheServiceException ? error : null;
  const details = {
    awsRequestId: aws?.$metadata.requestId,
    awsCode: aws ? ((aws as { Code?: string }).Code ?? name) : undefined,
    awsMessage: error instanceof Error ? error.message : String(error),
  };
  const code = classify(error, name);
  failures.report(`${site.operation}\u0000${site.region}\u0000${code}\u0000${name}`, {
    operation: site.operation,
    region: site.region,
    code,
    awsError: name,
    awsMessage: details.awsMessage,
    awsRequestId: details.awsRequestId,
    httpStatus: aws?.$metadata.httpStatusCode,
  });
  // A declared fault is ElastiCache refusing this request: its code and message are AWS's
  // answer to the caller's own input, safe and useful to pass on.
  if (isModeledFault(error) && code === UpstreamErrorCode.FAILED)
    return new UpstreamError(code, `ElastiCache refused the request: ${error.message}`, details, true);
  // No credentials at all is not a refusal: say where the SDK looks for them.
  if (name === 'CredentialsProviderError') return new UpstreamError(code, noCredentials(site), details);
  return new UpstreamError(code, MESSAGES[code](site), details);
}

function noCredentials({ operation, region }: AwsCallSite): string {
  return (
    `The gateway has no AWS credentials, so ${operation} in ${region} was not sent: set AWS_ACCESS_KEY_ID and ` +
    'AWS_SECRET_ACCESS_KEY, or AWS_PROFILE (with ~/.aws/credentials or SSO), or run with a web identity token or an instance or task role.'
  );
}

function isModeledFault(error: unknown): error is ElastiCacheServiceException {
  // The SDK throws the bare base class for codes the model does not declare (Throttling, ...).
  return error instanceof ElastiCacheServiceException && error.constructor !== ElastiCacheServiceException;
}

function classify(error: unknown, name: string): UpstreamErrorCode {
  if (THROTTLING_FAULTS.has(name)) return UpstreamErrorCode.THROTTLED;
  if (CREDENTIAL_FAULTS.has(name)) return UpstreamErrorCode.UNAUTHORIZED;
  if (error instanceof ElastiCacheServiceException) {
    return error.$fault === 'server' ? UpstreamErrorCode.UNAVAILABLE : UpstreamErrorCode.FAILED;
  }
  // Not an AWS answer at all: refused or reset connections, timeouts, DNS failures.
  return UpstreamErrorCode.UNAVAILABLE;
}

const MESSAGES: Record<UpstreamErrorCode, (site: AwsCallSite) => string> = {
  [UpstreamErrorCode.UNAVAILABLE]: ({ operation, region }) =>
    `ElastiCache is unavailable in ${region} (${operation} failed after retries); try again later.`,
  [UpstreamErrorCode.THROTTLED]: ({ operation, region }) =>
    `ElastiCache is throttling requests in ${region} (${operation}); try again later.`,
  [UpstreamErrorCode.UNAUTHORIZED]: ({ operation, region }) =>
    `The gateway's AWS credentials were refused for ${operation} in ${region}.`,
  [UpstreamErrorCode.FAILED]: ({ operation, region }) => `ElastiCache rejected ${operation} in ${region}.`,
};
