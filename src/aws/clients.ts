import {
  ElastiCacheClient,
  type ElastiCacheClientResolvedConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-elasticache';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsCredentialIdentityProvider, Command, Logger as SdkLogger } from '@smithy/types';
import { UnknownAccountError, UnknownRegionError } from '../errors.js';
import type { AwsAccountSetting } from './accounts.js';
import { AssumedRole, type AssumedRoleSettings } from './assumed-role.js';
import { locationOf, parseLocation, type Location } from './location.js';
import { SETTINGS } from '../settings.js';
import { createLogger, type Logger } from '../logger.js';
import { RepeatedFailureLog } from './failure-log.js';
import { ThrottlingAwareRetryStrategy } from './retry-strategy.js';
import { isRead, InflightReads, readKey } from './inflight-reads.js';
import { MemoryReadCache, type ReadCache } from './read-cache.js';
import { translateAwsError } from './faults.js';
import { operationName } from '../rules/sdk-names.js';
import { refuseMalformedStrings } from './well-formed-input.js';

/** Any ElastiCache command, e.g. `new DescribeReplicationGroupsCommand(input)`. */
export type ElastiCacheCommand<Input extends ServiceInputTypes, Output extends ServiceOutputTypes> = Command<
  ServiceInputTypes,
  Input,
  ServiceOutputTypes,
  Output,
  ElastiCacheClientResolvedConfig
>;

export interface SendOptions {
  /** Abandons the call (and its retries) when aborted: the caller has gone. */
  signal?: AbortSignal | undefined;
  /**
   * Ask AWS even if the read cache holds an answer (the answer still refreshes the cache):
   * subscription pollers, which must see each change as it happens.
   */
  fresh?: boolean | undefined;
}

/** One AWS call as the single path sees it, before it is made. */
export interface AwsCall {
  /** The account and region it is made in: what its answer is keyed by. */
  location: Location;
  region: string;
  /** The account it is made in; null: the gateway's own credentials' (AWS_ACCOUNTS unset). */
  accountId: string | null;
  /** e.g. DescribeReplicationGroups */
  operation: string;
  /** The command's input, as it will be serialized. */
  input: Readonly<Record<string, unknown>>;
  signal?: AbortSignal | undefined;
}

/**
 * Wraps every AWS call: sees it before it is made and its outcome after (the SDK's retries and
 * the fault policy already applied), and may answer without calling `proceed` (a cache) or
 * time it (metrics, tracing). Interceptors run in the order given, the first outermost.
 */
export type SendInterceptor = (call: AwsCall, proceed: () => Promise<unknown>) => Promise<unknown>;

export interface ElastiCacheClientSettings {
  /** Endpoint URL; undefined means the real regional AWS endpoint. */
  endpoint?: string;
  /**
   * Static credentials (the local endpoint) or a provider; undefined means the SDK's default
   * credential chain.
   */
  credentials?: { accessKeyId: string; secretAccessKey: string } | AwsCredentialIdentityProvider;
  /** Attempts per call, including the first, with the SDK's standard retry strategy. */
  maxAttempts: number;
  /** Attempts of a call ElastiCache keeps throttling (retry-strategy.ts); `maxAttempts` when omitted. */
  throttledAttempts?: number;
  connectionTimeoutMs: number;
  /** Bound of each attempt, from sending the request to the last byte of the answer. */
  requestTimeoutMs: number;
  /** Where failed calls and the SDK's own warnings are logged; nowhere when omitted. */
  log?: Logger;
  /** Around every call, in order (see SendInterceptor). */
  interceptors?: readonly SendInterceptor[];
  /** How long answers of reads are shared between requests (read-cache.ts); 0 or absent: not at all. */
  readCacheTtlMs?: number;
  /**
   * Where shared answers are kept (e.g. Redis, shared by every replica); in this process's
   * memory when omitted and `readCacheTtlMs` is set.
   */
  readCache?: ReadCache;
  /** Told how each read was answered: from the cache, by sharing a read in flight, or by a call of its own. */
  onRead?: (answeredBy: 'cache' | 'shared' | 'aws') => void;
  /**
   * AWS_ACCOUNTS: the accounts served, each through a role assumed with the gateway's own
   * credentials; the first is the default of every `account` argument. When omitted, the one
   * account the credentials belong to.
   */
  accounts?: readonly AwsAccountSetting[];
  /** Where AssumeRole goes (STS_ENDPOINT); AWS's regional STS when omitted. */
  stsEndpoint?: string | undefined;
  /** Told of every AssumeRole and its outcome. */
  onAssumeRole?: AssumedRoleSettings['onAssume'];
}

/** An account the gateway serves. */
export interface ServedAccount {
  /** null: the account of the gateway's own credentials, whose id it is not told (AWS_ACCOUNTS unset). */
  accountId: string | null;
  /** AWS_ACCOUNTS' name (the id when none was given); null for the gateway's own account. */
  name: string | null;
  /** The regions served in it, in the gateway's order. */
  regions: readonly string[];
}

export const DEFAULT_CLIENT_SETTINGS: Omit<ElastiCacheClientSettings, 'endpoint' | 'credentials' | 'interceptors'> = {
  maxAttempts: SETTINGS.ELASTICACHE_MAX_ATTEMPTS.default,
  // Not a setting: a TCP connection to AWS that takes longer is not coming.
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: SETTINGS.ELASTICACHE_TIMEOUT_MS.default,
};

/**
 * One SDK client per served location (a region of an account), created on its first call and
 * shared by every request after: a client owns a socket pool, so creating one per call would
 * defeat keep-alive and leak sockets under load. The clients of one account share one credential
 * provider (the gateway's own, or its assumed role), so credentials are resolved and refreshed
 * once per account rather than once per region.
 */
export class ElastiCacheClients {
  readonly regions: readonly string[];
  readonly defaultRegion: string;
  readonly accounts: readonly ServedAccount[];
  /** The default of every `account` argument: the first of AWS_ACCOUNTS, or null without it. */
  readonly defaultAccount: string | null;
  /** Every served region of every served account, account by account. */
  readonly locations: readonly Location[];
  /** Where the data layer reports what goes wrong with AWS calls. */
  readonly log: Logger;
  readonly #clients = new Map<Location, ElastiCacheClient>();
  readonly #settings: ElastiCacheClientSettings;
  readonly #credentials: ReadonlyMap<string | null, ElastiCacheClientSettings['credentials']>;
  readonly #failures: RepeatedFailureLog;
  readonly #interceptors: readonly SendInterceptor[];
  readonly #inflight = new InflightReads();
  readonly #cache: ReadCache | null;
  readonly #onRead: NonNullable<ElastiCacheClientSettings['onRead']>;

  constructor(regions: readonly string[], settings: ElastiCacheClientSettings) {
    const [first] = regions;
    if (first === undefined) throw new Error('ElastiCacheClients needs at least one region');
    this.regions = [...regions];
    this.defaultRegion = first;
    this.#settings = settings;
    const own = settings.credentials ?? defaultProvider();
    const listed = settings.accounts ?? [];
    this.accounts = listed.length
      ? listed.map(({ accountId, name, regions: served }) => ({ accountId, name, regions: served }))
      : [{ accountId: null, name: null, regions: this.regions }];
    this.defaultAccount = this.accounts[0]?.accountId ?? null;
    this.locations = this.accounts.flatMap(({ accountId, regions: served }) =>
      served.map((region) => locationOf(accountId, region)),
    );
    this.#credentials = listed.length
      ? assumedRoles(listed, settings, own, first, () => this.log)
      : new Map([[null, own]]);
    this.log = settings.log ?? SILENT;
    this.#failures = new RepeatedFailureLog(this.log);
    this.#interceptors = settings.interceptors ?? [];
    this.#onRead = settings.onRead ?? (() => undefined);
    this.#cache = settings.readCache ?? (settings.readCacheTtlMs ? new MemoryReadCache(settings.readCacheTtlMs) : null);
  }

  /**
   * The one path of every AWS call: runs `command` in `location` (a region of an account) with
   * the SDK's retries and timeouts, stops when `signal` aborts, and applies the fault policy
   * (faults.ts), inside the interceptors. A read identical to one in flight shares its answer
   * (one call to AWS).
   */
  async send<Input extends ServiceInputTypes, Output extends ServiceOutputTypes>(
    location: Location,
    command: ElastiCacheCommand<Input, Output>,
    options: SendOptions = {},
  ): Promise<Output> {
    const client = this.clientAt(location);
    const { accountId, region } = parseLocation(location);
    const call: AwsCall = {
      location,
      region,
      accountId,
      operation: operationName(command),
      input: command.input as Record<string, unknown>,
      signal: options.signal,
    };
    const perform = async (signal: AbortSignal | undefined): Promise<Output> => {
      const attempt = async (): Promise<Output> => {
        try {
          return await client.send(command, { abortSignal: signal });
        } catch (error) {
          throw translateAwsError(error, call, this.#failures);
        }
      };
      const run = this.#interceptors.reduceRight<() => Promise<unknown>>(
        (proceed, intercept) => () => intercept({ ...call, signal }, proceed),
        attempt,
      );
      // Interceptors hand back what `proceed` gave them (or an equal value they kept).
      return (await run()) as Output;
    };
    const cache = this.#cache;
    if (!isRead(call.operation)) {
      // Mutations always go out on their own, and then the location's cached reads are stale.
      try {
        return await perform(options.signal);
      } finally {
        await cache?.invalidate(location);
      }
    }
    const key = readKey(call);
    const cached = cache ? await cache.lookup(location, key) : { generation: '0' };
    if (cached.answer !== undefined && !options.fresh) {
      this.#onRead('cache');
      return cached.answer as Output;
    }
    // A read asked while the same read is in flight waits for it (inflight-reads.ts); not across
    // a mutation of the location, whose reads must see its effect.
    return this.#inflight.run(
      sharedReadKey(key, cached.generation),
      options.signal,
      (signal) =>
        cache ? cache.fill(location, key, cached.generation, () => perform(signal), signal) : perform(signal),
      (shared) => this.#onRead(shared ? 'shared' : 'aws'),
    );
  }

  /**
   * `command`, unless `earlier` (the same read as asked a moment before: an events window one
   * step back, events.ts) has an answer kept in the read cache or on its way, in this process or
   * (with Redis) on another replica: that answer serves instead, as `reused`. It is no older than
   * a kept answer to `command` could be (READ_CACHE_TTL_MS), and reads that straddle the step's
   * edge share one call instead of asking twice. `fresh` reads always ask `command`.
   */
  async sendOrReuse<Input extends ServiceInputTypes, Output extends ServiceOutputTypes>(
    location: Location,
    earlier: ElastiCacheCommand<Input, Output>,
    command: ElastiCacheCommand<Input, Output>,
    options: SendOptions = {},
  ): Promise<{ output: Output; reused: boolean }> {
    const operation = operationName(earlier);
    if (!options.fresh && isRead(operation)) {
      const key = readKey({ location, operation, input: earlier.input });
      const answer = await this.#answered(location, key, options.signal);
      if (answer !== undefined) return { output: answer as Output, reused: true };
    }
    return { output: await this.send(location, command, options), reused: false };
  }

  /** The answer of a read kept or in flight (on any replica), without asking AWS; undefined when none. */
  async #answered(location: Location, key: string, signal: AbortSignal | undefined): Promise<unknown> {
    const cache = this.#cache;
    const cached = cache ? await cache.lookup(location, key) : { generation: '0' };
    if (cached.answer !== undefined) {
      this.#onRead('cache');
      return cached.answer;
    }
    const joined = this.#inflight.join(sharedReadKey(key, cached.generation), signal);
    const answer = await (joined ??
      cache?.lent(location, key, cached.generation, signal ?? new AbortController().signal));
    if (answer !== undefined) this.#onRead('shared');
    return answer;
  }

  /** Whether AWS reads are cached (READ_CACHE_TTL_MS > 0). */
  get cachesReads(): boolean {
    return this.#cache !== null;
  }

  /**
   * The read cache's generation of every served location: what a whole response is kept under, so
   * that a mutation in any of them (through any replica) retires it with the reads it was
   * computed from.
   */
  cacheGeneration(): Promise<string> {
    if (!this.#cache) return Promise.reject(new Error('AWS reads are not cached (READ_CACHE_TTL_MS=0)'));
    return this.#cache.generations(this.locations);
  }

  /** Every served location's cached reads (and so every kept response) are retired. */
  async invalidateAll(): Promise<void> {
    await Promise.all(this.locations.map((location) => this.#cache?.invalidate(location)));
  }

  /**
   * The location of `region` in `account` (the default account, and the gateway's default region,
   * or the account's first when it does not serve that one, when omitted); an account or a region
   * not served (in that account) is a typed error.
   */
  locate(account?: string | null, region?: string | null): Location {
    // Without AWS_ACCOUNTS the one account has no id: no `account` names it.
    const served = account == null ? this.accounts[0] : this.account(account);
    if (!served) throw new UnknownAccountError(account ?? '', this.servedAccountIds());
    const wanted =
      region ?? (served.regions.includes(this.defaultRegion) ? this.defaultRegion : served.regions[0]) ?? '';
    if (!served.regions.includes(wanted)) {
      if (!this.regions.includes(wanted)) throw new UnknownRegionError(wanted, this.regions);
      throw new UnknownRegionError(wanted, served.regions, served.accountId);
    }
    return locationOf(served.accountId, wanted);
  }

  /**
   * Where a resource an ARN names (its account, and its region: empty for a global resource) is
   * read, or null when the gateway does not serve it. A gateway without AWS_ACCOUNTS does not
   * know its account's id: every account's ARN maps to its own location, and the item read there
   * must then carry the very ARN asked for (resolvers/resources.ts `itemByArn`).
   */
  arnLocation(accountId: string, region: string): Location | null {
    const served = this.defaultAccount === null ? this.accounts[0] : this.account(accountId);
    const wanted = region === '' ? served?.regions[0] : region;
    if (!served || wanted === undefined || !served.regions.includes(wanted)) return null;
    return locationOf(served.accountId, wanted);
  }

  /** Whether `location` is one this gateway serves. */
  serves(location: Location): boolean {
    return this.locations.includes(location);
  }

  /** The account of AWS_ACCOUNTS with this id, if served. */
  account(accountId: string): ServedAccount | undefined {
    return this.accounts.find((served) => served.accountId === accountId);
  }

  /** The account ids of AWS_ACCOUNTS (none without it). */
  servedAccountIds(): string[] {
    return this.accounts.flatMap((account) => (account.accountId === null ? [] : [account.accountId]));
  }

  /** The SDK client of a served location, created on first use. */
  clientAt(location: Location): ElastiCacheClient {
    let client = this.#clients.get(location);
    if (!client) {
      const { accountId, region } = parseLocation(location);
      if (!this.serves(location)) {
        // Only the gateway's own code builds locations: an unserved one is a region or account typo upstream.
        throw accountId !== null && !this.account(accountId)
          ? new UnknownAccountError(accountId, this.servedAccountIds())
          : new UnknownRegionError(region, this.regions);
      }
      client = createClient(region, this.#settings, this.#credentials.get(accountId));
      this.#clients.set(location, client);
    }
    return client;
  }

  destroy(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#failures.flush();
  }
}

/** Reads in flight are shared within one generation of the location: never across a mutation of it. */
function sharedReadKey(key: string, generation: string): string {
  return `${key}\n#${generation}`;
}

/**
 * The credentials of each account of AWS_ACCOUNTS: its role, assumed with the gateway's own
 * credentials (`own`) through STS in the default region.
 */
function assumedRoles(
  accounts: readonly AwsAccountSetting[],
  settings: ElastiCacheClientSettings,
  own: NonNullable<ElastiCacheClientSettings['credentials']>,
  defaultRegion: string,
  log: () => Logger,
): ReadonlyMap<string, AwsCredentialIdentityProvider> {
  const onAssume: AssumedRoleSettings['onAssume'] = (outcome) => {
    // One line per refused AssumeRole: at most one per account per RETRY_AFTER_MS.
    if (!outcome.ok)
      log().warn(`AssumeRole of account ${outcome.accountId} failed: ${outcome.stsCode}`, {
        awsAccount: outcome.accountId,
        stsCode: outcome.stsCode,
        stsMessage: outcome.stsMessage,
      });
    settings.onAssumeRole?.(outcome);
  };
  const sts = {
    endpoint: settings.stsEndpoint,
    region: defaultRegion,
    maxAttempts: settings.maxAttempts,
    connectionTimeoutMs: settings.connectionTimeoutMs,
    requestTimeoutMs: settings.requestTimeoutMs,
  };
  return new Map(
    accounts.map(({ accountId, roleArn, externalId }) => [
      accountId,
      new AssumedRole({ accountId, roleArn, externalId, source: own, sts, onAssume }).provider,
    ]),
  );
}

const SILENT: Logger = createLogger('silent');

function createClient(
  region: string,
  settings: ElastiCacheClientSettings,
  credentials: ElastiCacheClientSettings['credentials'] | AwsCredentialIdentityProvider,
): ElastiCacheClient {
  const client = new ElastiCacheClient({
    region,
    endpoint: settings.endpoint,
    credentials,
    retryStrategy: new ThrottlingAwareRetryStrategy(
      settings.maxAttempts,
      settings.throttledAttempts ?? settings.maxAttempts,
    ),
    logger: sdkLogger(settings.log),
    requestHandler: {
      connectionTimeout: settings.connectionTimeoutMs,
      // Without throwOnRequestTimeout, @smithy/node-http-handler 4 only logs a warning when
      // requestTimeout passes and the call waits forever on an upstream that never answers.
      requestTimeout: settings.requestTimeoutMs,
      throwOnRequestTimeout: true,
      // An answer that starts and then stalls is cut by the idle timeout of its socket.
      socketTimeout: settings.requestTimeoutMs,
    },
  });
  client.middlewareStack.add(refuseMalformedStrings, {
    step: 'initialize',
    name: 'refuseMalformedStrings',
    priority: 'high',
  });
  return client;
}

/**
 * The SDK logs every call at info level and every failed call at error level, with its input;
 * failures are reported once, by the fault policy (faults.ts). Only its warnings are worth a line, and they go
 * through the gateway's JSON logger rather than the console. The logger has no `info` and no
 * `error` at all (the SDK calls them as `logger.info?.(...)`): were they no-ops, the SDK would
 * still copy every answer through its sensitive-data filter to hand it to them (a few percent of
 * the CPU of a call). `debug` stays: some of the SDK's credential code calls it unguarded.
 */
function sdkLogger(log: Logger | undefined): SdkLogger {
  const text = (content: unknown[]) =>
    content.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  const warningsOnly: Pick<SdkLogger, 'debug' | 'warn'> = {
    debug: () => undefined,
    warn: (...content: unknown[]) => log?.warn('AWS SDK warning', { sdkMessage: text(content) }),
  };
  return warningsOnly as SdkLogger;
}
