import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { AccountUnavailableError } from '../errors.js';

/** What the STS client of every account is built with. */
export interface StsSettings {
  /** Where AssumeRole is sent (STS_ENDPOINT); AWS's regional STS of `region` when omitted. */
  endpoint?: string | undefined;
  region: string;
  maxAttempts: number;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
}

export interface AssumedRoleSettings {
  accountId: string;
  roleArn: string;
  externalId?: string | undefined;
  /** The gateway's own credentials (or their provider): the source of every AssumeRole. */
  source: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  sts: StsSettings;
  /** The AssumeRole itself: the SDK's fromTemporaryCredentials over `sts` when omitted (unit tests give their own). */
  assume?: AwsCredentialIdentityProvider;
  /** Told of every AssumeRole, with its outcome (metrics, logs). */
  onAssume?: (outcome: { accountId: string; ok: boolean; stsCode?: string; stsMessage?: string }) => void;
}

/** Shows up in CloudTrail as the session of every call the gateway makes in an account. */
export const ROLE_SESSION_NAME = 'elasticache-graphql';
/** The default MaxSessionDuration of a role: an hour (the most STS grants without changing the role). */
const SESSION_SECONDS = 3_600;
/** Credentials are renewed this long before they expire (the SDK's own margin), so no call carries expired ones. */
export const REFRESH_BEFORE_MS = 5 * 60_000;
/** After a refused or failed AssumeRole, calls of the account fail at once for this long rather than asking STS each time. */
export const RETRY_AFTER_MS = 10_000;

/**
 * The credentials of one account: its role assumed with the SDK's `fromTemporaryCredentials`,
 * shared by every regional client of the account, so one AssumeRole serves them all. Renewed
 * before they expire (one AssumeRole in flight at a time); when STS refuses or fails, the still
 * valid credentials keep serving until they expire, and otherwise the account's calls fail with
 * AccountUnavailableError for RETRY_AFTER_MS before STS is asked again.
 */
export class AssumedRole {
  readonly accountId: string;
  readonly #settings: AssumedRoleSettings;
  #assume: AwsCredentialIdentityProvider | undefined;
  #current: AwsCredentialIdentity | undefined;
  #pending: Promise<AwsCredentialIdentity> | undefined;
  #failure: { error: AccountUnavailableError; until: number } | undefined;

  constructor(settings: AssumedRoleSettings) {
    this.accountId = settings.accountId;
    this.#settings = settings;
  }

  /** The provider handed to the account's SDK clients. */
  readonly provider: AwsCredentialIdentityProvider = () => this.credentials();

  async credentials(): Promise<AwsCredentialIdentity> {
    const now = Date.now();
    const current = this.#current;
    if (current && expiresAt(current) - now > REFRESH_BEFORE_MS) return current;
    const failure = this.#failure;
    if (failure && failure.until > now) {
      if (current && expiresAt(current) > now) return current;
      throw failure.error;
    }
    this.#pending ??= this.#renew().finally(() => (this.#pending = undefined));
    try {
      return await this.#pending;
    } catch (error) {
      if (current && expiresAt(current) > Date.now()) return current;
      throw error;
    }
  }

  async #renew(): Promise<AwsCredentialIdentity> {
    const { accountId, onAssume } = this.#settings;
    try {
      const assume = (this.#assume ??= this.#settings.assume ?? (await this.#provider()));
      const credentials = await assume();
      this.#current = credentials;
      this.#failure = undefined;
      onAssume?.({ accountId, ok: true });
      return credentials;
    } catch (cause) {
      const error = unavailable(accountId, cause);
      this.#failure = { error, until: Date.now() + RETRY_AFTER_MS };
      onAssume?.({ accountId, ok: false, stsCode: error.stsCode, stsMessage: error.details.stsMessage });
      throw error;
    }
  }

  async #provider(): Promise<AwsCredentialIdentityProvider> {
    // Loaded only by a gateway that assumes roles.
    const { fromTemporaryCredentials } = await import('@aws-sdk/credential-providers');
    const { roleArn, externalId, source, sts } = this.#settings;
    return fromTemporaryCredentials({
      params: {
        RoleArn: roleArn,
        RoleSessionName: ROLE_SESSION_NAME,
        DurationSeconds: SESSION_SECONDS,
        ...(externalId !== undefined ? { ExternalId: externalId } : {}),
      },
      masterCredentials: source,
      clientConfig: {
        region: sts.region,
        ...(sts.endpoint ? { endpoint: sts.endpoint } : {}),
        maxAttempts: sts.maxAttempts,
        // Bounded as ElastiCache calls are (clients.ts): without throwOnRequestTimeout the handler
        // only warns when requestTimeout passes, and an STS that never answers would hold the call.
        requestHandler: {
          connectionTimeout: sts.connectionTimeoutMs,
          requestTimeout: sts.requestTimeoutMs,
          throwOnRequestTimeout: true,
          socketTimeout: sts.requestTimeoutMs,
        },
      },
    });
  }
}

function expiresAt(credentials: AwsCredentialIdentity): number {
  return credentials.expiration?.getTime() ?? Infinity;
}

function unavailable(accountId: string, cause: unknown): AccountUnavailableError {
  const error = cause as { name?: string; Code?: string; message?: string; $metadata?: { requestId?: string } };
  return new AccountUnavailableError(accountId, error.Code ?? error.name ?? 'UnknownError', {
    stsMessage: error.message,
    stsRequestId: error.$metadata?.requestId,
  });
}
