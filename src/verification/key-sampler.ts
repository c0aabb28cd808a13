import type { ReadOnlyChannel } from './read-only-channel.js';

/** Keys SCAN is asked for per call (a hint: Redis may return more or fewer). */
const SCAN_COUNT = 1_000;

/**
 * Up to `wanted` distinct keys of the channel's current database, spread over its whole
 * keyspace, for the fewest commands: when walking every key with SCAN costs no more commands
 * than asking RANDOMKEY `wanted` times, a full SCAN with reservoir sampling (uniform); otherwise
 * RANDOMKEY, duplicates dropped, at most twice `wanted` tries.
 */
export async function sampleKeys(
  channel: ReadOnlyChannel,
  keyCount: number,
  wanted: number,
  random: () => number = Math.random,
): Promise<Buffer[]> {
  if (wanted <= 0 || keyCount <= 0) return [];
  if (Math.ceil(keyCount / SCAN_COUNT) <= wanted) return scanSample(channel, wanted, random);
  return randomSample(channel, wanted);
}

async function scanSample(channel: ReadOnlyChannel, wanted: number, random: () => number): Promise<Buffer[]> {
  const reservoir: Buffer[] = [];
  let seen = 0;
  let cursor = '0';
  do {
    const [next, keys] = (await channel.one('SCAN', cursor, 'COUNT', SCAN_COUNT)) as [Buffer, Buffer[]];
    cursor = next.toString();
    for (const key of keys) {
      seen += 1;
      if (reservoir.length < wanted) reservoir.push(key);
      else {
        const slot = Math.floor(random() * seen);
        if (slot < wanted) reservoir[slot] = key;
      }
    }
  } while (cursor !== '0');
  // SCAN may return a key twice (while the table rehashes).
  return distinct(reservoir);
}

async function randomSample(channel: ReadOnlyChannel, wanted: number): Promise<Buffer[]> {
  const found = new Map<string, Buffer>();
  for (let tries = 0; found.size < wanted && tries < 2 * wanted;) {
    const batch = Math.min(wanted - found.size, 2 * wanted - tries);
    const replies = await channel.run(Array.from({ length: batch }, () => ['RANDOMKEY'] as const));
    tries += batch;
    for (const reply of replies) if (Buffer.isBuffer(reply)) found.set(reply.toString('latin1'), reply);
  }
  return [...found.values()];
}

function distinct(keys: Buffer[]): Buffer[] {
  return [...new Map(keys.map((key) => [key.toString('latin1'), key])).values()];
}
