import {
  ElastiCacheClient,
  type ElastiCacheClientResolvedConfig,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-elasticache';
import type { Command } from '@smithy/types';
import { UnknownRegionError } from '../errors.js';
import type { Logger } from '../logger.js';
import { RepeatedFailureLog, translateAwsError } from './aws-call.js';
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
}

export interface ElastiCacheClientSettings {
  /** Endpoint URL; undefined means the real regional AWS endpoint. */
  endpoint?: string;
  /** Static credentials (the local endpoint); undefined means the SDK's default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Attempts per call, including the first, with the SDK's standard retry strategy. */
  maxAttempts: number;
  connectionTimeoutMs: number;
  /** Bound of each attempt, from sending the request to the last byte of the answer. */
  requestTimeoutMs: number;
  /** Where failed calls and the SDK's own warnings are logged; nowhere when omitted. */
  log?: Logger;
}

export const DEFAULT_CLIENT_SETTINGS: Omit<ElastiCacheClientSettings, 'endpoint' | 'credentials'> = {
  maxAttempts: 3,
  connectionTimeoutMs: 3_000,
  requestTimeoutMs: 10_000,
};

/**
 * One SDK client per served region, created once and shared by every request: a client owns a
 * socket pool, so creating one per call would defeat keep-alive and leak sockets under load.
 */
export class ElastiCacheClients {
  readonly regions: readonly string[];
  readonly defaultRegion: string;
  readonly #clients: ReadonlyMap<string, ElastiCacheClient>;
  readonly #failures: RepeatedFailureLog;

  constructor(regions: readonly string[], settings: ElastiCacheClientSettings) {
    const [first] = regions;
    if (first === undefined) throw new Error('ElastiCacheClients needs at least one region');
    this.regions = [...regions];
    this.defaultRegion = first;
    this.#clients = new Map(regions.map((region) => [region, createClient(region, settings)]));
    this.#failures = new RepeatedFailureLog(settings.log ?? SILENT);
  }

  /**
   * The one path of every AWS call: runs `command` in `region` with the SDK's retries and
   * timeouts, stops when `signal` aborts, and translates failures (aws-call.ts).
   */
  async send<Input extends ServiceInputTypes, Output extends ServiceOutputTypes>(
    region: string,
    command: ElastiCacheCommand<Input, Output>,
    options: SendOptions = {},
  ): Promise<Output> {
    const { client } = this.forRegion(region);
    const operation = operationName(command);
    try {
      return await client.send(command, { abortSignal: options.signal });
    } catch (error) {
      throw translateAwsError(error, { operation, region, signal: options.signal }, this.#failures);
    }
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

const SILENT: Logger = { debug: () => undefined, info: () => undefined, warn: () => undefined, error: () => undefined };

function createClient(region: string, settings: ElastiCacheClientSettings): ElastiCacheClient {
  const client = new ElastiCacheClient({
    region,
    endpoint: settings.endpoint,
    credentials: settings.credentials,
    maxAttempts: settings.maxAttempts,
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
  client.middlewareStack.add(refuseMalformedStrings, { step: 'initialize', name: 'refuseMalformedStrings', priority: 'high' });
  return client;
}

/**
 * The SDK logs every call at info level and every failed call at error level, with its input;
 * failures are reported once, by aws-call.ts. Only its warnings are worth a line, and they go
 * through the gateway's JSON logger rather than the console.
 */
function sdkLogger(log: Logger | undefined) {
  const text = (content: unknown[]) => content.map((part) => (typeof part === 'string' ? part : JSON.stringify(part))).join(' ');
  return {
    debug: () => undefined,
    info: () => undefined,
    warn: (...content: unknown[]) => log?.warn('AWS SDK warning', { sdkMessage: text(content) }),
    error: () => undefined,
  };
}
