import { ElastiCacheClients, type AwsCall, type ElastiCacheClientSettings } from '../../src/aws/clients.js';

/**
 * ElastiCacheClients whose AWS is `answer`, an interceptor on the single path (no I/O): the unit
 * tier's way to drive the data layer. Every call is logged in `calls` before it is answered.
 */
export function answeringClients(
  regions: string[],
  answer: (call: AwsCall, calls: readonly AwsCall[]) => unknown,
  settings: Pick<ElastiCacheClientSettings, 'readCacheTtlMs' | 'readCache' | 'onRead' | 'log' | 'accounts'> = {},
): { clients: ElastiCacheClients; calls: AwsCall[] } {
  const calls: AwsCall[] = [];
  const clients = new ElastiCacheClients(regions, {
    maxAttempts: 1,
    connectionTimeoutMs: 100,
    requestTimeoutMs: 100,
    credentials: { accessKeyId: 'unit', secretAccessKey: 'unit' },
    ...settings,
    interceptors: [
      (call) => {
        calls.push(call);
        return Promise.resolve().then(() => answer(call, calls));
      },
    ],
  });
  return { clients, calls };
}
