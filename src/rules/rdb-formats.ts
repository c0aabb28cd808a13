/**
 * The snapshot (RDB) format each engine version writes, and so the newest a replica of that
 * version can load: a target replicating from a source whose format is newer receives a snapshot
 * it cannot read, and the migration fails after the transfer ("invalid RDB received"). From Redis
 * OSS's src/rdb.h (`RDB_VERSION`) across releases: 2.6-3.0 write 6, 3.2 7, 4.0 8, 5.0-6.2 9, 7.0
 * 10, 7.2 11, 7.4 and later 12. Valkey forked from Redis OSS 7.2.4 and writes and reads format 11,
 * whatever its own version number (a Valkey 8.2 target cannot load a Redis OSS 7.4 source).
 */
const REDIS_FORMATS: readonly [version: string, format: number][] = [
  ['0', 6],
  ['3.2', 7],
  ['4.0', 8],
  ['5.0', 9],
  ['7.0', 10],
  ['7.2', 11],
  ['7.4', 12],
];
const VALKEY_FORMAT = 11;

export type Engine = 'redis' | 'valkey';

export function rdbFormatOf(engine: Engine, version: string): number {
  if (engine === 'valkey') return VALKEY_FORMAT;
  let format = REDIS_FORMATS[0]?.[1] ?? 6;
  for (const [since, written] of REDIS_FORMATS) if (compareVersions(version, since) >= 0) format = written;
  return format;
}

/** Numeric comparison of dotted versions: 2.8.21 < 5.0.6 < 7.0.15. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const right = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}
