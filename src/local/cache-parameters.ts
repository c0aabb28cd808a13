import { CacheParameterGroupDetails$, type Parameter } from '@aws-sdk/client-elasticache';
import { RESOURCE_KINDS } from '../rules/resource-kinds.js';
import type { Operation } from './operation-context.js';
import { paginate } from './paging.js';
import { QueryError, faults } from './query-errors.js';
import { shapeToXml } from './wire-xml.js';

/**
 * DescribeCacheParameters over the seeded parameter groups: each default group holds the settings
 * a platform team looks at first, with the values and sources of AWS's default groups (cluster
 * mode's `cluster-enabled` from the group's name). Filter by `Source`; Marker paging, 20-100.
 */

type Setting = [name: string, value: string, source: string, dataType: string, allowed: string, description: string];

const SETTINGS: Setting[] = [
  ['activedefrag', 'no', 'engine-default', 'string', 'yes,no', 'Enables active memory defragmentation.'],
  ['appendonly', 'no', 'engine-default', 'string', 'yes,no', 'Enables the append-only file (not with Multi-AZ).'],
  ['databases', '16', 'engine-default', 'integer', '1-1200000', 'Set the number of databases.'],
  [
    'lazyfree-lazy-eviction',
    'no',
    'engine-default',
    'string',
    'yes,no',
    'Frees memory of evicted keys in the background.',
  ],
  [
    'maxmemory-policy',
    'volatile-lru',
    'engine-default',
    'string',
    'volatile-lru,allkeys-lru,volatile-lfu,allkeys-lfu,volatile-random,allkeys-random,volatile-ttl,noeviction',
    'Max memory policy.',
  ],
  ['maxmemory-samples', '3', 'engine-default', 'integer', '1-', 'Max memory samples.'],
  [
    'notify-keyspace-events',
    '',
    'engine-default',
    'string',
    '',
    'The keyspace events for Redis to notify Pub/Sub clients about.',
  ],
  [
    'reserved-memory-percent',
    '25',
    'system',
    'integer',
    '0-100',
    'The percent of memory reserved for non-cache memory usage.',
  ],
  [
    'slowlog-log-slower-than',
    '10000',
    'engine-default',
    'integer',
    '-',
    'The execution time, in microseconds, to exceed in order for the command to get logged.',
  ],
  ['slowlog-max-len', '128', 'engine-default', 'integer', '0-', 'The length of the slow log.'],
  ['tcp-keepalive', '300', 'engine-default', 'integer', '0-', 'If non-zero, send ACKs every given number of seconds.'],
  [
    'timeout',
    '0',
    'engine-default',
    'integer',
    '0,20-',
    'Close connection if client is idle for a given number of seconds, or never if 0.',
  ],
];

function parametersOf(groupName: string): Parameter[] {
  const clusterMode = groupName.endsWith('.cluster.on');
  const clusterEnabled: Setting = [
    'cluster-enabled',
    clusterMode ? 'yes' : 'no',
    'system',
    'string',
    'yes,no',
    'Enable cluster mode.',
  ];
  const settings = [...SETTINGS, clusterEnabled].sort(([a], [b]) => a.localeCompare(b));
  return settings.map(([name, value, source, dataType, allowed, description]) => ({
    ParameterName: name,
    ParameterValue: value,
    Description: description,
    Source: source,
    DataType: dataType,
    AllowedValues: allowed,
    IsModifiable: name !== 'cluster-enabled',
    MinimumEngineVersion: '2.8.6',
    ChangeType: name === 'cluster-enabled' || name === 'databases' ? 'requires-reboot' : 'immediate',
  }));
}

export const describeCacheParameters: Operation = ({ params, region }) => {
  const name = params.requiredString('CacheParameterGroupName');
  const group = region.described
    .of(RESOURCE_KINDS.cacheParameterGroup)
    .find((item) => (item as { CacheParameterGroupName?: string }).CacheParameterGroupName === name.toLowerCase());
  if (!group) throw new QueryError('CacheParameterGroupNotFound', 404, `CacheParameterGroup ${name} not found.`);
  const source = params.string('Source');
  if (source !== undefined && !['user', 'system', 'engine-default'].includes(source)) {
    throw faults.invalidParameterValue(`Invalid source: ${source}`);
  }
  const all = parametersOf(name.toLowerCase()).filter((parameter) => !source || parameter.Source === source);
  const page = paginate(params, 'DescribeCacheParameters', all, (parameter) => [all.indexOf(parameter)]);
  return shapeToXml(CacheParameterGroupDetails$, {
    Parameters: page.items,
    ...(page.marker ? { Marker: page.marker } : {}),
  });
};
