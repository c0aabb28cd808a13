import { DescribeCacheParametersCommand, type Parameter } from '@aws-sdk/client-elasticache';
import type { ElastiCacheClients, SendOptions } from './clients.js';
import type { AwsPage } from './pages.js';

/**
 * One AWS page of a parameter group's parameters (DescribeCacheParameters, Marker, 20-100 a page),
 * of one source when `source` is given (user, system or engine-default).
 */
export async function describeCacheParametersPage(
  aws: ElastiCacheClients,
  location: string,
  cacheParameterGroupName: string,
  marker: string | null,
  pageSize: number,
  options: SendOptions & { source?: string | undefined } = {},
): Promise<AwsPage<Parameter>> {
  const output = await aws.send(
    location,
    new DescribeCacheParametersCommand({
      CacheParameterGroupName: cacheParameterGroupName,
      MaxRecords: pageSize,
      ...(options.source ? { Source: options.source } : {}),
      ...(marker ? { Marker: marker } : {}),
    }),
    options,
  );
  return { items: output.Parameters ?? [], next: output.Marker ?? null };
}
