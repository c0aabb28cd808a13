import { GraphQLError } from 'graphql';

/**
 * Errors the gateway raises itself. AWS's modeled faults are not wrapped: the SDK's own exception
 * classes are exposed as schema types (src/schema/errors.ts) and matched with `instanceof`.
 */

/** Input rejected before any AWS call; `field` is the path of the offending input value. */
export class InvalidInputError extends Error {
  override readonly name = 'InvalidInputError';
  readonly code = 'InvalidInput';

  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * Stable `extensions.code` values of the masked errors a client may see. Anything the gateway
 * cannot express as a typed result ends up as one of these, never as a stack trace.
 */
export const UpstreamErrorCode = {
  /** ElastiCache (or the network to it) failed or timed out, after the SDK's retries. */
  UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** ElastiCache kept throttling the calls, after the SDK's retries. */
  THROTTLED: 'UPSTREAM_THROTTLED',
  /** The gateway's AWS credentials are missing, expired or not allowed to make the call. */
  UNAUTHORIZED: 'UPSTREAM_UNAUTHORIZED',
  /** ElastiCache answered with an error this operation does not model. */
  FAILED: 'UPSTREAM_FAILED',
} as const;
export type UpstreamErrorCode = (typeof UpstreamErrorCode)[keyof typeof UpstreamErrorCode];

export interface UpstreamErrorDetails {
  awsRequestId?: string | undefined;
  /** AWS's error code; published in `extensions` only for refusals of modeled faults. */
  awsCode?: string | undefined;
  /** AWS's own message, kept for the gateway (never sent to the client). */
  awsMessage?: string | undefined;
}

/*
 * Domain errors: what the data layer (src/aws) throws. They are plain Errors, not GraphQL errors:
 * src/graphql-errors.ts is the one place that turns them into what a client sees (a safe message,
 * a stable `extensions.code`).
 */

/** An AWS call failed in a way the caller cannot act on as a typed result (the fault policy's verdict). */
export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';

  constructor(
    readonly code: UpstreamErrorCode,
    message: string,
    readonly details: UpstreamErrorDetails = {},
    /** Whether AWS's code may be shown to the client (a refusal of the caller's own input). */
    readonly publishAwsCode = false,
  ) {
    super(message);
  }

  get awsCode(): string | undefined {
    return this.details.awsCode;
  }

  get awsMessage(): string | undefined {
    return this.details.awsMessage;
  }
}

/** A `region` argument names a region this gateway does not serve. */
export class UnknownRegionError extends Error {
  override readonly name = 'UnknownRegionError';

  constructor(
    readonly region: string,
    readonly servedRegions: readonly string[],
    /** Set when the region is served, but not in this account. */
    readonly accountId: string | null = null,
  ) {
    super(
      accountId === null
        ? `Region "${region}" is not served by this gateway; it serves ${servedRegions.join(', ')}.`
        : `Region "${region}" is not served in account ${accountId}; it serves ${servedRegions.join(', ')} there.`,
    );
  }
}

/** An `account` argument (or an ARN's account) names an account this gateway does not serve. */
export class UnknownAccountError extends Error {
  override readonly name = 'UnknownAccountError';

  constructor(
    readonly accountId: string,
    readonly servedAccounts: readonly string[],
  ) {
    super(
      servedAccounts.length
        ? `Account "${accountId.slice(0, 40)}" is not served by this gateway; it serves ${servedAccounts.join(', ')}.`
        : `Account "${accountId.slice(0, 40)}" is not served by this gateway: it serves the one account of its own credentials (AWS_ACCOUNTS is not set), named by no account argument.`,
    );
  }
}

/**
 * An account's credentials could not be had: STS refused or failed the AssumeRole of its role
 * (`stsCode`: AccessDenied, Throttling, ExpiredToken, a network failure...). Only that account's
 * part of an answer fails; the others are served.
 */
export class AccountUnavailableError extends Error {
  override readonly name = 'AccountUnavailableError';

  constructor(
    readonly accountId: string,
    readonly stsCode: string,
    /** STS's own message and request id, for the log only (they name roles and principals). */
    readonly details: { stsMessage?: string | undefined; stsRequestId?: string | undefined } = {},
  ) {
    super(
      `Account ${accountId} is unavailable: the gateway could not assume its role (${stsCode}). Its part of the answer is missing; other accounts are served.`,
    );
  }
}

/** The caller went away (disconnected, or the poller stopped) before the AWS call finished. */
export class RequestCancelledError extends Error {
  override readonly name = 'RequestCancelledError';

  constructor() {
    super('The request was cancelled.');
  }
}

/** A cursor that is malformed, of another listing, or no longer accepted by ElastiCache. */
export class BadCursorError extends Error {
  override readonly name = 'BadCursorError';

  constructor(
    readonly argument: string,
    reason: string,
  ) {
    super(`The \`${argument}\` cursor is not valid (${reason}); start again without it.`);
  }
}

/** Input the data layer will not send to AWS (text that is not well-formed Unicode); `argument` is its path. */
export class MalformedInputError extends Error {
  override readonly name = 'MalformedInputError';

  constructor(
    readonly argument: string,
    message: string,
  ) {
    super(message);
  }
}

/** A query argument out of its documented range; `argument` names it. */
export class InvalidArgumentError extends GraphQLError {
  constructor(argument: string, message: string) {
    super(message, { extensions: { code: 'BAD_USER_INPUT', argument } });
  }
}

/**
 * The request carries no bearer token, or one the gateway does not accept (HTTP 401). The
 * message says why in general terms; it never echoes the token.
 */
export class UnauthenticatedError extends GraphQLError {
  /**
   * `challenge` is RFC 6750's error code for WWW-Authenticate: none when the request carried no
   * credentials at all (section 3.1), `invalid_request` for another scheme, `invalid_token` for a
   * bearer token that is refused.
   */
  constructor(reason: string, challenge: 'none' | 'invalid_request' | 'invalid_token' = 'invalid_token') {
    super(`Authentication required: ${reason}`, {
      extensions: {
        code: 'UNAUTHENTICATED',
        http: {
          status: 401,
          headers: { 'www-authenticate': challenge === 'none' ? 'Bearer' : `Bearer error="${challenge}"` },
        },
      },
    });
  }
}

/** The issuer's signing keys could not be fetched, so no token can be checked (HTTP 503). */
export class AuthenticationUnavailableError extends GraphQLError {
  constructor() {
    super('Tokens cannot be checked right now: the signing keys of the token issuer are unreachable.', {
      extensions: { code: 'AUTHENTICATION_UNAVAILABLE', http: { status: 503 } },
    });
  }
}

/** The caller's token lacks the scope a field needs; `scopes` lists what would do. */
export class ForbiddenError extends GraphQLError {
  constructor(field: string, scopes: readonly string[]) {
    const needs = scopes.length > 0 ? `needs the scope ${scopes.join(' or ')}` : 'is open to no caller';
    super(`Not allowed: ${field} ${needs}.`, {
      extensions: { code: 'FORBIDDEN', requiredScopes: [...scopes] },
    });
  }
}

/** A subscription beyond SUBSCRIPTIONS_PER_CALLER or SUBSCRIPTIONS_PER_CONNECTION: refused, others go on. */
export class TooManySubscriptionsError extends GraphQLError {
  constructor(limit: number, per: 'caller' | 'connection') {
    super(
      per === 'caller'
        ? `Too many subscriptions open for this caller (at most ${limit}, SUBSCRIPTIONS_PER_CALLER); end one first.`
        : `Too many subscriptions open on this connection (at most ${limit}, SUBSCRIPTIONS_PER_CONNECTION); end one first.`,
      { extensions: { code: 'TOO_MANY_SUBSCRIPTIONS', limit } },
    );
  }
}
