import { ElastiCacheServiceException } from '@aws-sdk/client-elasticache';
import { GraphQLError } from 'graphql';
import { RequestCancelledError, UpstreamError, UpstreamErrorCode } from '../errors.js';
import type { LogFields, Logger } from '../logger.js';

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
  /** Aborted when whoever asked for the call has gone (the client disconnected, the poller stopped). */
  signal?: AbortSignal | undefined;
}

function isModeledFault(error: unknown): error is ElastiCacheServiceException {
  // The SDK throws the bare base class for codes the model does not declare (Throttling, ...).
  return error instanceof ElastiCacheServiceException && error.constructor !== ElastiCacheServiceException;
}

/**
 * The single place where AWS failures are translated (ElastiCacheClients.send calls it).
 *
 * A fault the ElastiCache model declares arrives as its own SDK exception class and passes through
 * untouched: the schema exposes those classes as typed results. Everything else (throttling after
 * the SDK's retries, 5xx, timeouts, network, credentials) becomes an UpstreamError with a stable
 * code and a message safe to show, while the details, with the AWS request id, go to the log.
 */
export function translateAwsError(error: unknown, site: AwsCallSite, failures: RepeatedFailureLog): unknown {
  if (isModeledFault(error)) return error;
  // Refused by the gateway itself before anything was sent (refuseMalformedStrings).
  if (error instanceof GraphQLError) return error;
  if (site.signal?.aborted) return new RequestCancelledError();

  const name = error instanceof Error ? error.name : 'UnknownError';
  const requestId = error instanceof ElastiCacheServiceException ? error.$metadata.requestId : undefined;
  const code = classify(error, name);
  failures.report(`${site.operation}\u0000${site.region}\u0000${code}\u0000${name}`, {
    operation: site.operation,
    region: site.region,
    code,
    awsError: name,
    awsMessage: error instanceof Error ? error.message : String(error),
    awsRequestId: requestId,
    httpStatus: error instanceof ElastiCacheServiceException ? error.$metadata.httpStatusCode : undefined,
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

export const FAILURE_LOG_WINDOW_MS = 10_000;

/**
 * During an outage every call fails the same way, and a line per failure floods the log (12,600
 * lines in 15 s were seen). The first failure of a kind (operation, region, code, error) is
 * logged at once with its details; the same kind within the next window is only counted, and one
 * line with the count closes the window.
 */
export class RepeatedFailureLog {
  readonly #open = new Map<string, { repeats: number; last: LogFields; timer: NodeJS.Timeout }>();

  constructor(
    private readonly log: Logger,
    private readonly windowMs = FAILURE_LOG_WINDOW_MS,
  ) {}

  report(kind: string, fields: LogFields): void {
    const open = this.#open.get(kind);
    if (open) {
      open.repeats += 1;
      open.last = fields;
      return;
    }
    this.log.error('ElastiCache call failed', fields);
    const timer = setTimeout(() => this.#close(kind), this.windowMs);
    timer.unref();
    this.#open.set(kind, { repeats: 0, last: fields, timer });
  }

  /** Writes the counts of the open windows now (at shutdown). */
  flush(): void {
    for (const kind of [...this.#open.keys()]) this.#close(kind);
  }

  #close(kind: string): void {
    const open = this.#open.get(kind);
    if (!open) return;
    clearTimeout(open.timer);
    this.#open.delete(kind);
    if (open.repeats > 0) {
      this.log.error('ElastiCache call failed again, same way', { ...open.last, repeats: open.repeats, windowMs: this.windowMs });
    }
  }
}
