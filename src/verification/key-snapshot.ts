import { createHash } from 'node:crypto';
import type { Command, ReadOnlyChannel } from './read-only-channel.js';

/** Values compared exactly up to these sizes; beyond, by type and length only. */
export const MAX_EXACT_STRING_BYTES = 1024 * 1024;
export const MAX_EXACT_ELEMENTS = 10_000;

/** A key as one side holds it: enough to compare it with the other side. */
export interface KeySnapshot {
  /** `none` when the key does not exist. */
  type: string;
  /** PTTL: -1 without expiry, -2 when gone. */
  ttlMs: number;
  /** Bytes (string) or elements (collections); null for a type read by its type only. */
  length: number | null;
  /** A digest of the whole value; null when it is compared by length only. */
  digest: string | null;
  /** The key changed while it was read (its type no longer matched a command): read it again. */
  changed: boolean;
}

type Reader = { length: string; value: (key: Buffer) => Command; ordered: boolean; pairs?: boolean };

/** How each type is sized and read, with read-only commands that answer at once. */
const READERS: Record<string, Reader> = {
  string: { length: 'STRLEN', value: (key) => ['GET', key], ordered: true },
  hash: { length: 'HLEN', value: (key) => ['HGETALL', key], ordered: false, pairs: true },
  list: { length: 'LLEN', value: (key) => ['LRANGE', key, 0, -1], ordered: true },
  set: { length: 'SCARD', value: (key) => ['SMEMBERS', key], ordered: false },
  // By score, then member: the same order on both sides.
  zset: { length: 'ZCARD', value: (key) => ['ZRANGE', key, 0, -1, 'WITHSCORES'], ordered: true },
  stream: { length: 'XLEN', value: (key) => ['XRANGE', key, '-', '+'], ordered: true },
};

/** Snapshots of `keys` on one side: TYPE and PTTL, then each one's length, then small values. */
export async function readSnapshots(channel: ReadOnlyChannel, keys: readonly Buffer[]): Promise<KeySnapshot[]> {
  const first = await channel.run(
    keys.flatMap((key): Command[] => [
      ['TYPE', key],
      ['PTTL', key],
    ]),
  );
  const snapshots: KeySnapshot[] = keys.map((_, index) => ({
    type: first[2 * index] instanceof Error ? 'none' : String(first[2 * index]),
    ttlMs: Number(first[2 * index + 1]),
    length: null,
    digest: null,
    changed: false,
  }));
  const sized = keys.flatMap((key, index) => {
    const reader = READERS[snapshots[index]?.type ?? ''];
    return reader ? [{ index, key, reader }] : [];
  });
  const lengths = await channel.run(sized.map(({ key, reader }): Command => [reader.length, key]));
  const exact = sized.filter(({ index, reader }, at) => {
    const snapshot = snapshots[index] as KeySnapshot;
    const length = lengths[at];
    if (length instanceof Error) {
      snapshot.changed = true;
      return false;
    }
    snapshot.length = Number(length);
    const limit = reader.length === 'STRLEN' ? MAX_EXACT_STRING_BYTES : MAX_EXACT_ELEMENTS;
    return snapshot.length <= limit;
  });
  const values = await channel.run(exact.map(({ key, reader }) => reader.value(key)));
  exact.forEach(({ index, reader }, at) => {
    const snapshot = snapshots[index] as KeySnapshot;
    const value = values[at];
    if (value instanceof Error || value === null) snapshot.changed = true;
    else snapshot.digest = digestOf(value, reader);
  });
  return snapshots;
}

/**
 * A digest of a reply in a canonical form: every bulk length-prefixed and every array headed by
 * its length (no two values encode alike); hashes as their field-value pairs and sets as their
 * members, sorted, since the two sides may list them in different orders.
 */
function digestOf(reply: unknown, reader: Reader): string {
  const hash = createHash('sha256');
  if (reader.ordered) {
    for (const part of encoded(reply)) hash.update(part);
    return hash.digest('hex');
  }
  const items = (Array.isArray(reply) ? reply : [reply]).map((item) => framed(bufferOf(item)));
  const units: Buffer[] = [];
  for (let index = 0; index < items.length; index += reader.pairs ? 2 : 1)
    units.push(Buffer.concat(items.slice(index, index + (reader.pairs ? 2 : 1))));
  units.sort(Buffer.compare);
  for (const unit of units) hash.update(unit);
  return hash.digest('hex');
}

function encoded(reply: unknown): Buffer[] {
  if (Array.isArray(reply)) return [Buffer.from(`*${reply.length}:`), ...reply.flatMap(encoded)];
  return [framed(bufferOf(reply))];
}

function bufferOf(value: unknown): Buffer {
  return Buffer.isBuffer(value) ? value : Buffer.from(String(value));
}

function framed(part: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(part.length);
  return Buffer.concat([length, part]);
}
