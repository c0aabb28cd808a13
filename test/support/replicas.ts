import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';
import { startTestGateway, type TestGateway } from './gateway.js';
import { MACHINE_REDIS_URL } from './shared-redis.js';

/** Two replicas of the gateway over one local endpoint, sharing the machine's Redis under `keyPrefix`. */
export async function twoReplicas(
  keyPrefix: string,
  subscriptionPollIntervalMs: number,
): Promise<{ endpoint: LocalEndpoint; a: TestGateway; b: TestGateway }> {
  const endpoint = await startLocalEndpoint({ seed: 'demo', migration: { transitionMs: 50, checkTimeoutMs: 3_000 } });
  const replica = {
    redis: { url: MACHINE_REDIS_URL, keyPrefix },
    subscriptionPollIntervalMs,
    sharedEndpoint: endpoint,
  };
  return { endpoint, a: await startTestGateway(replica), b: await startTestGateway(replica) };
}
