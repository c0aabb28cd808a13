import { Hash } from '@smithy/core/serde';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
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
    credentials: endpoint.credentials,
    maxAttempts: options.maxAttempts ?? 1,
  });
}

/**
 * The headers of a Query-protocol POST signed as the AWS SDKs sign it (SigV4, the SDK's own
 * signer), for tests that write the body by hand.
 */
export async function signedHeaders(
  endpoint: LocalEndpoint,
  body: string,
  options: {
    region?: string;
    credentials?: { accessKeyId: string; secretAccessKey: string };
    path?: string;
    signingDate?: Date;
  } = {},
): Promise<Record<string, string>> {
  const url = new URL(options.path ?? '/', endpoint.url);
  const region = options.region ?? endpoint.region;
  const signer = new SignatureV4({
    service: 'elasticache',
    region,
    credentials: options.credentials ?? endpoint.credentials,
    sha256: Hash.bind(null, 'sha256'),
  });
  const signed = await signer.sign(
    new HttpRequest({
      method: 'POST',
      protocol: 'http:',
      hostname: url.hostname,
      port: Number(url.port),
      path: url.pathname,
      headers: { host: url.host, 'content-type': 'application/x-www-form-urlencoded' },
      body,
    }),
    options.signingDate ? { signingDate: options.signingDate } : {},
  );
  return signed.headers;
}
