import { ElastiCacheClient } from '@aws-sdk/client-elasticache';
import type { LocalEndpoint } from '../../src/local/index.js';

/** The real SDK client, pointed at a local endpoint; `maxAttempts: 1` where a test expects an error. */
export function sdkClient(
  endpoint: LocalEndpoint,
  options: { region?: string; maxAttempts?: number } = {},
): ElastiCacheClient {
  return new ElastiCacheClient({
    endpoint: endpoint.url,
    region: options.region ?? endpoint.region,
    credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    maxAttempts: options.maxAttempts ?? 1,
  });
}
