import { ElastiCacheServiceException } from '@aws-sdk/client-elasticache';
import { UpstreamError, UpstreamErrorCode } from '../errors.js';
import type { Logger } from '../logger.js';

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

const THROTTLING_FAULTS = new Set(['Throttling', 'ThrottlingException', 'RequestLimitExceeded', 'TooManyRequestsException']);

export interface AwsCallSite {
  operation: string;
  region: string;
  log: Logger;
}

/**
 * Runs one SDK call and is the single place where AWS failures are translated.
 *
 * A fault the ElastiCache model declares arrives as its own SDK exception class and passes through
 * untouched: the schema exposes those classes as typed results. Everything else (throttling after
 * the SDK's retries, 5xx, network, credentials) becomes an UpstreamError with a stable code and a
 * message safe to show, while the details, with the AWS request id, go to the log.
 */
export async function callAws<T>(site: AwsCallSite, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw translateAwsError(error, site);
  }
}

export function isModeledFault(error: unknown): error is ElastiCacheServiceException {
  // The SDK throws the bare base class for codes the model does not declare (Throttling, ...).
  return error instanceof ElastiCacheServiceException && error.constructor !== ElastiCacheServiceException;
}

function translateAwsError(error: unknown, site: AwsCallSite): unknown {
  if (isModeledFault(error)) return error;

  const name = error instanceof Error ? error.name : 'UnknownError';
  const detail = error instanceof Error ? error.message : String(error);
  const requestId = error instanceof ElastiCacheServiceException ? error.$metadata.requestId : undefined;
  const httpStatus = error instanceof ElastiCacheServiceException ? error.$metadata.httpStatusCode : undefined;
  const code = classify(error, name);

  site.log.error('ElastiCache call failed', {
    operation: site.operation,
    region: site.region,
    code,
    awsError: name,
    awsMessage: detail,
    awsRequestId: requestId,
    httpStatus,
  });
  return new UpstreamError(code, MESSAGES[code](site), requestId);
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
