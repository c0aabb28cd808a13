import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { UnknownRegionError } from '../errors.js';

export interface ElastiCacheClientSettings {
  /** Endpoint URL; undefined means the real regional AWS endpoint. */
  endpoint?: string;
  /** Static credentials (the local endpoint); undefined means the SDK's default credential chain. */
  credentials?: { accessKeyId: string; secretAccessKey: string };
  /** Attempts per call, including the first, with the SDK's standard retry strategy. */
  maxAttempts: number;
  connectionTimeoutMs: number;
  requestTimeoutMs: number;
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

  constructor(regions: readonly string[], settings: ElastiCacheClientSettings) {
    const [first] = regions;
    if (first === undefined) throw new Error('ElastiCacheClients needs at least one region');
    this.regions = [...regions];
    this.defaultRegion = first;
    this.#clients = new Map(
      regions.map((region) => [
        region,
        new ElastiCacheClient({
          region,
          endpoint: settings.endpoint,
          credentials: settings.credentials,
          maxAttempts: settings.maxAttempts,
          requestHandler: {
            connectionTimeout: settings.connectionTimeoutMs,
            requestTimeout: settings.requestTimeoutMs,
          },
        }),
      ]),
    );
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
  }
}
