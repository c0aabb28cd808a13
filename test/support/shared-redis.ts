import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** The Redis these machines run (and .ci/run starts when it is not running). */
export const MACHINE_REDIS_URL = 'redis://127.0.0.1:6379/0';

/** A key prefix of this test run alone, so that runs sharing the machine's Redis never meet. */
export function testKeyPrefix(name: string): string {
  return `elasticache-graphql-test:${name}:${randomUUID().slice(0, 8)}:`;
}

/** Deletes every key under `prefix` (what the test left), returning how many there were. */
export async function dropKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  let dropped = 0;
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) dropped += await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
  return dropped;
}
