import {
  AuthTokenUpdateStatus as SdkAuthTokenUpdateStatus,
  AutomaticFailoverStatus as SdkAutomaticFailoverStatus,
  ClusterMode as SdkClusterMode,
  DataTieringStatus as SdkDataTieringStatus,
  DestinationType as SdkDestinationType,
  Durability as SdkDurability,
  EffectiveDurability as SdkEffectiveDurability,
  IpDiscovery as SdkIpDiscovery,
  LogDeliveryConfigurationStatus as SdkLogDeliveryConfigurationStatus,
  LogFormat as SdkLogFormat,
  LogType as SdkLogType,
  MultiAZStatus as SdkMultiAZStatus,
  NetworkType as SdkNetworkType,
  PendingAutomaticFailoverStatus as SdkPendingAutomaticFailoverStatus,
  SourceType as SdkSourceType,
  StorageEncryptionType as SdkStorageEncryptionType,
  TransitEncryptionMode as SdkTransitEncryptionMode,
} from '@aws-sdk/client-elasticache';
import { builder } from './builder.js';

/** `dual_stack` -> `DUAL_STACK`, `slow-log` -> `SLOW_LOG`, `SETTING` -> `SETTING`. */
export function graphqlEnumValueName(sdkValue: string): string {
  return sdkValue.replace(/[^A-Za-z0-9]+/g, '_').toUpperCase();
}

/**
 * A GraphQL enum over one of the SDK's enum objects. The GraphQL names follow one rule
 * (UPPER_SNAKE of the wire value) because the SDK's own keys do not (`cache_cluster`,
 * `CloudWatchLogs`); the internal values are the SDK's wire strings, so resolvers pass SDK data
 * through untouched.
 */
function sdkEnum<const Values extends Record<string, string>>(
  name: string,
  sdkValues: Values,
  description: string,
  valueDescriptions: Partial<Record<Values[keyof Values], string>> = {},
) {
  const wireValues = Object.values(sdkValues) as Values[keyof Values][];
  return builder.enumType(name, {
    description,
    values: Object.fromEntries(
      wireValues.map((wire) => [
        graphqlEnumValueName(wire),
        { value: wire, description: valueDescriptions[wire] ?? `The ElastiCache value \`${wire}\`.` },
      ]),
    ) as Record<string, { value: Values[keyof Values]; description: string }>,
  });
}

export const AutomaticFailoverStatus = sdkEnum(
  'AutomaticFailoverStatus',
  SdkAutomaticFailoverStatus,
  'Whether a read replica is promoted automatically when the primary fails.',
  {
    enabled: 'Automatic failover is on.',
    disabled: 'Automatic failover is off.',
    enabling: 'Automatic failover is being turned on.',
    disabling: 'Automatic failover is being turned off.',
  },
);
export const PendingAutomaticFailoverStatus = sdkEnum(
  'PendingAutomaticFailoverStatus',
  SdkPendingAutomaticFailoverStatus,
  'The automatic failover setting a pending modification will apply.',
  { enabled: 'Automatic failover will be on.', disabled: 'Automatic failover will be off.' },
);
export const MultiAZStatus = sdkEnum(
  'MultiAZStatus',
  SdkMultiAZStatus,
  'Whether the replication group spreads its nodes over several Availability Zones.',
  {
    enabled: 'Multi-AZ is on.',
    disabled: 'Multi-AZ is off.',
  },
);
export const DataTieringStatus = sdkEnum(
  'ElastiCacheDataTieringStatus',
  SdkDataTieringStatus,
  'Whether data tiering (memory plus local SSD, r6gd nodes) is in use.',
  {
    enabled: 'Data tiering is on.',
    disabled: 'Data tiering is off.',
  },
);
export const ClusterMode = sdkEnum(
  'ElastiCacheClusterMode',
  SdkClusterMode,
  'Whether the data is partitioned across shards (cluster mode).',
  {
    enabled: 'Cluster mode enabled: data is partitioned across node groups (shards).',
    disabled: 'Cluster mode disabled: one node group holds all data.',
    compatible: 'Transition state: clients may connect in either mode, on the way from disabled to enabled.',
  },
);
export const NetworkType = sdkEnum(
  'ElastiCacheNetworkType',
  SdkNetworkType,
  'The IP protocols the nodes accept connections on.',
  {
    ipv4: 'IPv4 only.',
    ipv6: 'IPv6 only.',
    dual_stack: 'Both IPv4 and IPv6.',
  },
);
export const IpDiscovery = sdkEnum(
  'ElastiCacheIpDiscovery',
  SdkIpDiscovery,
  'The IP protocol of the addresses that cluster discovery commands return.',
  {
    ipv4: 'Discovery returns IPv4 addresses.',
    ipv6: 'Discovery returns IPv6 addresses.',
  },
);
export const TransitEncryptionMode = sdkEnum(
  'TransitEncryptionMode',
  SdkTransitEncryptionMode,
  'Whether clients must use TLS, or may use it while they are being moved to it.',
  {
    preferred: 'Both encrypted and unencrypted connections are accepted.',
    required: 'Only encrypted connections are accepted.',
  },
);
export const Durability = sdkEnum('Durability', SdkDurability, 'The durability mode requested for writes.', {
  sync: 'A write is acknowledged once it is durable.',
  async: 'A write is acknowledged before it is durable.',
  disabled: 'No durability guarantee beyond replication.',
  default: 'The engine default.',
});
export const EffectiveDurability = sdkEnum(
  'EffectiveDurability',
  SdkEffectiveDurability,
  'The durability mode actually in effect.',
  {
    sync: 'Writes are acknowledged once durable.',
    async: 'Writes are acknowledged before they are durable.',
    disabled: 'No durability guarantee beyond replication.',
  },
);
export const StorageEncryptionType = sdkEnum(
  'ElastiCacheStorageEncryptionType',
  SdkStorageEncryptionType,
  'How data stored at rest is encrypted.',
  {
    none: 'Not encrypted at rest.',
    'sse-elasticache': 'Encrypted with a key ElastiCache manages.',
    'sse-kms': 'Encrypted with a customer-managed AWS KMS key.',
  },
);
export const AuthTokenUpdateStatus = sdkEnum(
  'AuthTokenUpdateStatus',
  SdkAuthTokenUpdateStatus,
  'The state of a pending AUTH token change.',
  {
    SETTING: 'A new AUTH token is being set.',
    ROTATING: 'The AUTH token is being rotated; old and new tokens are both accepted.',
  },
);
export const LogType = sdkEnum('ElastiCacheLogType', SdkLogType, 'Which engine log is delivered.', {
  'slow-log': 'The slow log: commands that exceeded the slowlog threshold.',
  'engine-log': 'The engine log.',
});
export const DestinationType = sdkEnum('ElastiCacheDestinationType', SdkDestinationType, 'Where logs are delivered.', {
  'cloudwatch-logs': 'An Amazon CloudWatch Logs log group.',
  'kinesis-firehose': 'An Amazon Kinesis Data Firehose delivery stream.',
});
export const LogFormat = sdkEnum('ElastiCacheLogFormat', SdkLogFormat, 'The format log entries are delivered in.', {
  text: 'Plain text.',
  json: 'JSON.',
});
export const LogDeliveryConfigurationStatus = sdkEnum(
  'LogDeliveryConfigurationStatus',
  SdkLogDeliveryConfigurationStatus,
  'The state of a log delivery configuration.',
  {
    active: 'Logs are being delivered.',
    enabling: 'Delivery is being set up.',
    modifying: 'Delivery is being changed.',
    disabling: 'Delivery is being turned off.',
    error: 'Delivery failed; see the configuration message.',
  },
);
export const SourceType = sdkEnum(
  'ElastiCacheSourceType',
  SdkSourceType,
  'The kind of resource an ElastiCache event is about.',
);
