import {
  ElastiCacheClient,
  type ElastiCacheClientResolvedConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-elasticache';
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import type { AwsCredentialIdentityProvider, Command } from '@smithy/types';
import { UnknownRegionError } from '../errors.js';
import { SETTINGS } from '../settings.js';
import { createLogger, type Logger } from '../logger.js';
import { RepeatedFailureLog } from './failure-log.js';
import { ThrottlingAwareRetryStrategy } from './retry-strategy.js';
import { isRead, InflightReads, readKey } from './inflight-reads.js';
import { MemoryReadCache, type ReadCache } from './read-cache.js';
import { translateAwsError } from './faults.js';
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
  region: string;
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
}

export const DEFAULT_CLIENT_SETTINGS: Omit<ElastiCacheClientSettings, 'endpoint' | 'credentials' | 'interceptors'> = {
  maxAttempts: SETTINGS.ELASTICACHE_MAX_ATTEMPTS.default,
  // Not a setting: a TCP connection to AWS that takes longer is not coming.
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: SETTINGS.ELASTICACHE_TIMEOUT_MS.default,
};

/**
 * One SDK client per served region, created once and shared by every request: a client owns a
 * socket pool, so creating one per call would defeat keep-alive and leak sockets under load.
 * All of them share one credential provider, so credentials are resolved (and refreshed) once
 * for the whole gateway rather than once per region.
 */
export class ElastiCacheClients {
  readonly regions: readonly string[];
  readonly defaultRegion: string;
  /** Where the data layer reports what goes wrong with AWS calls. */
  readonly log: Logger;
  readonly #clients: ReadonlyMap<string, ElastiCacheClient>;
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
    const credentials = settings.credentials ?? defaultProvider();
    this.#clients = new Map(regions.map((region) => [region, createClient(region, settings, credentials)]));
    this.log = settings.log ?? SILENT;
    this.#failures = new RepeatedFailureLog(this.log);
    this.#interceptors = settings.interceptors ?? [];
    this.#onRead = settings.onRead ?? (() => undefined);
    this.#cache = settings.readCache ?? (settings.readCacheTtlMs ? new MemoryReadCache(settings.readCacheTtlMs) : null);
  }

  /**
   * The one path of every AWS call: runs `command` in `region` with the SDK's retries and
   * timeouts, stops when `signal` aborts, and applies the fault policy (faults.ts), inside the
   * interceptors. A read identical to one in flight shares its answer (one call to AWS).
   */
  async send<Input extends ServiceInputTypes, Output extends ServiceOutputTypes>(
    region: string,
    command: ElastiCacheCommand<Input, Output>,
    options: SendOptions = {},
  ): Promise<Output> {
    const { client } = this.forRegion(region);
    const call: AwsCall = {
      region,
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
      // Mutations always go out on their own, and then the region's cached reads are stale.
      try {
        return await perform(options.signal);
      } finally {
        await cache?.invalidate(region);
      }
    }
    const key = readKey(call);
    const cached = cache ? await cache.lookup(region, key) : { generation: '0' };
    if (cached.answer !== undefined && !options.fresh) {
      this.#onRead('cache');
      return cached.answer as Output;
    }
    // A read asked while the same read is in flight waits for it (inflight-reads.ts); not across
    // a mutation of the region, whose reads must see its effect.
    return this.#inflight.run(
      `${key}\n#${cached.generation}`,
      options.signal,
      (signal) => (cache ? cache.fill(region, key, cached.generation, () => perform(signal), signal) : perform(signal)),
      (shared) => this.#onRead(shared ? 'shared' : 'aws'),
    );
  }

  /** Whether AWS reads are cached (READ_CACHE_TTL_MS > 0). */
  get cachesReads(): boolean {
    return this.#cache !== null;
  }

  /**
   * The read cache's generation of every served region: what a whole response is kept under, so
   * that a mutation of any served region (through any replica) retires it with the reads it was
   * computed from.
   */
  cacheGeneration(): Promise<string> {
    if (!this.#cache) return Promise.reject(new Error('AWS reads are not cached (READ_CACHE_TTL_MS=0)'));
    return this.#cache.generations(this.regions);
  }

  /** Every served region's cached reads (and so every kept response) are retired. */
  async invalidateAll(): Promise<void> {
    await Promise.all(this.regions.map((region) => this.#cache?.invalidate(region)));
  }

  /** The client of `region` (the default region when omitted); an unserved region is a typed error. */
  forRegion(region?: string | null): { region: string; client: ElastiCacheClient } {
    const wanted = region ?? this.defaultRegion;
    const client = this.#clients.get(wanted);
    if (!client) throw new UnknownRegionError(wanted, this.regions);
    return { region: wanted, client };
  }

  destroy(): void {
    for (const client of this.#clients.values()) client.destroy();
    this.#failures.flush();
  }
}

/** The AWS operation a command runs, e.g. DescribeReplicationGroups. */
export function operationName(command: object): string {
  return command.constructor.name.replace(/Command$/, '');
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
 * through the gateway's JSON logger rather than the console.
 */
function sdkLogger(log: Logger | undefined) {
  const text = (content: unknown[]) =>
    content.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...content: unknown[]) => log?.warn('AWS SDK warning', { sdkMessage: text(content) }),
    error: () => undefined,
  };
}
