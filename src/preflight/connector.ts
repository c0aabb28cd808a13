import { lookup } from 'node:dns/promises';
import { connect, isIP, type Socket } from 'node:net';
import type { Redis, RedisOptions } from 'ioredis';
import type { MigrationCheckOptions, SourceNetwork } from './requirements.js';

/** Resolution and connections as the machine makes them (tests inject their own SourceNetwork). */
export const REAL_NETWORK: SourceNetwork = {
  lookup: async (host) => (await lookup(host, { all: true })).map((entry) => entry.address),
  connect: (ip, port) => connect({ host: ip, port }),
};

/**
 * An ioredis connector whose stream comes from `open` (ioredis's own opens a socket by host and
 * port itself). It has the members ioredis uses of its AbstractConnector: connect, check,
 * disconnect, firstError.
 */
export function connectorOver(open: () => Socket): NonNullable<RedisOptions['Connector']> {
  class OpenedConnector {
    firstError?: Error;
    #stream: Socket | null = null;
    connect(): Promise<Socket> {
      return new Promise((resolve, reject) => {
        try {
          const stream = (this.#stream = open());
          stream.once('error', (error) => (this.firstError ??= error));
          resolve(stream);
        } catch (error) {
          reject(error instanceof Error ? error : new Error(String(error)));
        }
      });
    }
    check(): boolean {
      return true;
    }
    disconnect(): void {
      this.#stream?.destroy();
    }
  }
  return OpenedConnector as unknown as NonNullable<RedisOptions['Connector']>;
}

/** Why a host cannot be connected to: said in words, never with what a peer sent. */
export class HostRefused extends Error {}

/**
 * The addresses `host` stands for (resolved once, within the options' timeout), every one inside
 * PREFLIGHT_ALLOWED_NETWORKS (metadata always refused); HostRefused when it cannot be resolved or
 * one address is not allowed: what is checked is what is connected to.
 */
export async function allowedAddresses(host: string, options: MigrationCheckOptions): Promise<string[]> {
  const network = options.network ?? REAL_NETWORK;
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await withTimeout(network.lookup(host), options.timeoutMs);
  } catch {
    throw new HostRefused(`${host} could not be resolved`);
  }
  if (addresses.length === 0 || addresses.some((ip) => !options.allowlist.allows(ip)))
    throw new HostRefused(`${host} is outside the networks the gateway may connect to`);
  return addresses;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error('timed out')), ms))),
  ]).finally(() => clearTimeout(timer));
}

/**
 * A Redis client over `open`'s socket for one bounded use: one connection attempt (no reconnect,
 * no retry, no offline queue), the connection and every command within `timeoutMs`, errors kept
 * off the process. Not connected yet: `connect()` it. ioredis is loaded here, on first use, so a
 * gateway that never reaches a Redis carries no client.
 */
export async function boundedRedis(open: () => Socket, timeoutMs: number): Promise<Redis> {
  const { Redis } = await import('ioredis');
  const redis = new Redis({
    Connector: connectorOver(open),
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    enableOfflineQueue: false,
    enableReadyCheck: false,
  });
  redis.on('error', () => undefined);
  return redis;
}
