import { lookup } from 'node:dns/promises';
import { connect, type Socket } from 'node:net';
import type { RedisOptions } from 'ioredis';
import type { SourceNetwork } from './requirements.js';

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
