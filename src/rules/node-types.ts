/**
 * The memory of ElastiCache node types: the `maxmemory` (bytes) of each Valkey/Redis OSS node
 * type, from the developer guide's "Redis OSS node-type specific parameters" table
 * (https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/ParameterGroups.Engine.html#ParameterGroups.Redis.NodeSpecific).
 * Graviton generations (t4g, m6g, m7g, r6g, r7g) have the memory of the Intel type of the same
 * size. The usable part is this less `reserved-memory-percent` (25% by default).
 */
const MAXMEMORY_BY_FAMILY_SIZE: Record<string, Record<string, number>> = {
  t3: { micro: 536_870_912, small: 1_471_026_299, medium: 3_317_862_236 },
  m5: {
    large: 6_854_542_746,
    xlarge: 13_891_921_715,
    '2xlarge': 27_966_669_210,
    '4xlarge': 56_116_178_125,
    '12xlarge': 168_715_971_994,
    '24xlarge': 337_500_562_842,
  },
  r5: {
    large: 14_037_181_030,
    xlarge: 28_261_849_702,
    '2xlarge': 56_711_183_565,
    '4xlarge': 113_609_865_216,
    '12xlarge': 341_206_346_547,
    '24xlarge': 682_485_973_811,
  },
};

/** Families that have the memory of another, size for size (r6gd: r6g's memory, its SSD aside). */
const SAME_MEMORY_AS: Record<string, string> = { t4g: 't3', m6g: 'm5', m7g: 'm5', r6g: 'r5', r6gd: 'r5', r7g: 'r5' };

/** `maxmemory` of a node type in bytes, or undefined for a type this table does not know. */
export function nodeTypeMaxmemory(cacheNodeType: string): number | undefined {
  const match = /^cache\.([a-z0-9]+)\.([a-z0-9]+)$/.exec(cacheNodeType);
  if (!match) return undefined;
  const [, family = '', size = ''] = match;
  return MAXMEMORY_BY_FAMILY_SIZE[SAME_MEMORY_AS[family] ?? family]?.[size];
}

/** Every node type the table knows, e.g. for a check that nothing is missing. */
export function knownNodeTypes(): string[] {
  const families = [...Object.keys(MAXMEMORY_BY_FAMILY_SIZE), ...Object.keys(SAME_MEMORY_AS)];
  return families.flatMap((family) =>
    Object.keys(MAXMEMORY_BY_FAMILY_SIZE[SAME_MEMORY_AS[family] ?? family] ?? {}).map(
      (size) => `cache.${family}.${size}`,
    ),
  );
}
