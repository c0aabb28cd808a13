import { randomBytes } from 'node:crypto';
import type { QueryParams } from './query-params.js';
import { QueryError } from './query-errors.js';
import { isAccountId, parseRoleArn } from '../rules/account-ids.js';
import type { LocalCredentials } from './signature.js';
import type { XmlObject } from './wire-xml.js';

/**
 * The local endpoint's STS: AssumeRole on the AWS Query protocol (API 2011-06-15), answering
 * temporary credentials tied to the role's account, as AWS STS does. A request signed with such
 * credentials (and their session token) then acts in that account's state; roles of accounts the
 * endpoint does not declare are refused with AccessDenied, as a role without a trust policy for
 * the caller is.
 */

export const STS_XMLNS = 'https://sts.amazonaws.com/doc/2011-06-15/';
export const STS_API_VERSION = '2011-06-15';

/** An account the endpoint serves besides its own, and the ExternalId its roles demand, if any. */
export interface DeclaredAccount {
  accountId: string;
  externalId?: string | undefined;
}

/** Who signed a request: the access key's secret and account, and its session token if temporary. */
export interface SigningIdentity extends LocalCredentials {
  accountId: string;
  sessionToken?: string;
  /** When temporary credentials stop being accepted (ExpiredToken). */
  expiresAt?: number;
  /** The ARN the caller acts as, for messages (`...:user/local`, `...:assumed-role/<role>/<session>`). */
  arn: string;
}

/** AWS's bounds of DurationSeconds for a role whose MaxSessionDuration is the default hour. */
const MIN_SESSION_SECONDS = 900;
const MAX_SESSION_SECONDS = 3_600;
const DEFAULT_SESSION_SECONDS = 3_600;
/** Live sessions kept; the oldest is forgotten past it (its credentials are then refused). */
const MAX_SESSIONS = 10_000;

const SESSION_NAME = /^[\w+=,.@-]{2,64}$/;

export class LocalSts {
  readonly #own: SigningIdentity;
  readonly #declared: ReadonlyMap<string, DeclaredAccount>;
  readonly #sessions = new Map<string, SigningIdentity>();

  constructor(own: LocalCredentials & { accountId: string }, declared: readonly DeclaredAccount[]) {
    this.#own = { ...own, arn: `arn:aws:iam::${own.accountId}:user/local` };
    for (const account of declared) {
      if (!isAccountId(account.accountId)) throw new Error(`account ${account.accountId} is not 12 digits`);
    }
    this.#declared = new Map(declared.map((account) => [account.accountId, account]));
  }

  /** Every account with state: the endpoint's own first, then the declared ones. */
  get accountIds(): string[] {
    return [...new Set([this.#own.accountId, ...this.#declared.keys()])];
  }

  /** The identity an access key id stands for, if the endpoint issued it (expired ones included). */
  identity(accessKeyId: string): SigningIdentity | undefined {
    return accessKeyId === this.#own.accessKeyId ? this.#own : this.#sessions.get(accessKeyId);
  }

  /**
   * AssumeRole by `caller`: checks the request as STS does, then issues a session in the role's
   * account. Answers the content of `<AssumeRoleResult>`.
   */
  assumeRole(params: QueryParams, caller: SigningIdentity, now = Date.now()): XmlObject {
    const roleArn = params.string('RoleArn');
    const sessionName = params.string('RoleSessionName');
    if (roleArn === undefined) throw missing('RoleArn');
    if (sessionName === undefined) throw missing('RoleSessionName');
    const role = parseRoleArn(roleArn);
    if (!role)
      throw validation(
        `Value '${roleArn.slice(0, 100)}' at 'roleArn' failed to satisfy constraint: Member must be a role ARN`,
      );
    if (!SESSION_NAME.test(sessionName))
      throw validation(
        `Value '${sessionName.slice(0, 100)}' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]{2,64}`,
      );
    const seconds = params.integer('DurationSeconds') ?? DEFAULT_SESSION_SECONDS;
    if (seconds < MIN_SESSION_SECONDS)
      throw validation(
        `Value '${seconds}' at 'durationSeconds' failed to satisfy constraint: Member must have value greater than or equal to ${MIN_SESSION_SECONDS}`,
      );
    if (seconds > MAX_SESSION_SECONDS)
      throw new QueryError(
        'ValidationError',
        400,
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
      );
    const { accountId, roleName } = role;
    const account = accountId === this.#own.accountId ? { accountId } : this.#declared.get(accountId);
    const externalId = params.string('ExternalId');
    if (!account || (account.externalId !== undefined && account.externalId !== externalId)) {
      // AWS says no more than this whether the role is missing, untrusting or wants another ExternalId.
      throw new QueryError(
        'AccessDenied',
        403,
        `User: ${caller.arn} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
      );
    }
    const session: SigningIdentity = {
      accessKeyId: `ASIA${randomBytes(8).toString('hex').toUpperCase()}`,
      secretAccessKey: randomBytes(30).toString('base64'),
      sessionToken: randomBytes(48).toString('base64'),
      accountId,
      expiresAt: now + seconds * 1_000,
      arn: `arn:aws:sts::${accountId}:assumed-role/${roleName}/${sessionName}`,
    };
    this.#remember(session, now);
    return {
      AssumedRoleUser: { Arn: session.arn, AssumedRoleId: `AROA${accountId}:${sessionName}` },
      Credentials: {
        AccessKeyId: session.accessKeyId,
        SecretAccessKey: session.secretAccessKey,
        SessionToken: session.sessionToken ?? '',
        // Whole seconds, as STS writes it.
        Expiration: new Date(session.expiresAt ?? now).toISOString().replace(/\.\d{3}Z$/, 'Z'),
      },
    };
  }

  /** GetCallerIdentity: who the signature says the caller is. */
  callerIdentity(caller: SigningIdentity): XmlObject {
    return { Arn: caller.arn, UserId: caller.accessKeyId, Account: caller.accountId };
  }

  #remember(session: SigningIdentity, now: number): void {
    for (const [key, kept] of this.#sessions) {
      if ((kept.expiresAt ?? 0) <= now || this.#sessions.size >= MAX_SESSIONS) this.#sessions.delete(key);
      else break;
    }
    this.#sessions.set(session.accessKeyId, session);
  }
}

/** The STS actions the endpoint answers, by Action; a request signed for `sts` with another one is refused. */
export const STS_ACTIONS = new Set(['AssumeRole', 'GetCallerIdentity']);

export function checkStsVersion(params: QueryParams): void {
  const version = params.string('Version');
  if (version === undefined) throw missing('Version');
  if (version !== STS_API_VERSION)
    throw new QueryError(
      'InvalidAction',
      400,
      `Could not find operation ${params.string('Action') ?? ''} for version ${version.slice(0, 20)}`,
    );
}

function missing(name: string): QueryError {
  return new QueryError('MissingParameter', 400, `The request must contain the parameter ${name}`);
}

function validation(message: string): QueryError {
  return new QueryError('ValidationError', 400, `1 validation error detected: ${message}`);
}
