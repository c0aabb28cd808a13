import {
  DescribeReplicationGroupsCommand,
  StartMigrationCommand,
  type ReplicationGroup,
} from '@aws-sdk/client-elasticache';
import { describe, expect, it } from 'vitest';
import { readKey } from '../../src/aws/inflight-reads.js';
import { MemoryReadCache } from '../../src/aws/read-cache.js';
import { answeringClients } from '../support/answering-clients.js';

const READ = (location: string) => ({
  location,
  operation: 'DescribeReplicationGroups',
  input: { ReplicationGroupId: 'a' },
});

describe('readKey', () => {
  it('differs by location (region and account), operation and input, and not by the order of the input keys', () => {
    const key = readKey(READ('us-east-1'));
    expect(readKey(READ('eu-west-1'))).not.toBe(key);
    expect(readKey(READ('111111111111:us-east-1'))).not.toBe(key);
    expect(readKey(READ('111111111111:us-east-1'))).not.toBe(readKey(READ('222222222222:us-east-1')));
    expect(readKey({ ...READ('us-east-1'), operation: 'DescribeCacheClusters' })).not.toBe(key);
    expect(readKey({ ...READ('us-east-1'), input: { ReplicationGroupId: 'b' } })).not.toBe(key);
    expect(readKey({ location: 'us-east-1', operation: 'X', input: { a: 1, b: { c: 2, d: 3 } } })).toBe(
      readKey({ location: 'us-east-1', operation: 'X', input: { b: { d: 3, c: 2 }, a: 1 } }),
    );
  });
});

describe('MemoryReadCache', () => {
  it('keeps an answer under the generation it was read in, and drops only the mutated region', async () => {
    const cache = new MemoryReadCache(60_000);
    const east = readKey(READ('us-east-1'));
    const west = readKey(READ('eu-west-1'));
    for (const [region, key] of [
      ['us-east-1', east],
      ['eu-west-1', west],
    ] as const) {
      const { generation, answer } = await cache.lookup(region, key);
      expect(answer).toBeUndefined();
      await cache.fill(region, key, generation, () => Promise.resolve({ from: region }));
    }
    expect((await cache.lookup('us-east-1', east)).answer).toEqual({ from: 'us-east-1' });

    const before = (await cache.lookup('us-east-1', east)).generation;
    await cache.invalidate('us-east-1');
    const after = await cache.lookup('us-east-1', east);
    expect(after.generation).not.toBe(before);
    expect(after.answer).toBeUndefined();
    // The other region's answers and generation stay.
    expect(await cache.lookup('eu-west-1', west)).toEqual({ generation: '0', answer: { from: 'eu-west-1' } });
  });

  it('does not keep an answer read under a generation a mutation has since moved on', async () => {
    const cache = new MemoryReadCache(60_000);
    const key = readKey(READ('us-east-1'));
    const { generation } = await cache.lookup('us-east-1', key);
    const answer = await cache.fill('us-east-1', key, generation, async () => {
      await cache.invalidate('us-east-1');
      return { stale: true };
    });
    // The caller still gets its answer; nobody else will.
    expect(answer).toEqual({ stale: true });
    expect((await cache.lookup('us-east-1', key)).answer).toBeUndefined();
  });
});

describe('MemoryReadCache bounds and generations', () => {
  it('holds at most its bound in bytes of JSON, the least recently used out first', async () => {
    const cache = new MemoryReadCache(60_000, 100);
    const answer = (fill: string) => ({ text: fill.repeat(40) }); // 52 bytes of JSON
    await cache.fill('r', 'k1', '0', () => Promise.resolve(answer('a')));
    await cache.fill('r', 'k2', '0', () => Promise.resolve(answer('b')));
    expect((await cache.lookup('r', 'k1')).answer).toBeUndefined();
    expect((await cache.lookup('r', 'k2')).answer).toEqual(answer('b'));
    // An answer with no JSON (undefined) takes a byte, not an error.
    await cache.fill('r', 'k3', '0', () => Promise.resolve(undefined));
    expect((await cache.lookup('r', 'k2')).answer).toEqual(answer('b'));
  });

  it('moves the generation on at every mutation, not only the first', async () => {
    const cache = new MemoryReadCache(60_000);
    const seen = new Set<string>();
    for (let mutation = 0; mutation < 3; mutation++) {
      seen.add((await cache.lookup('r', 'k')).generation);
      await cache.invalidate('r');
    }
    seen.add((await cache.lookup('r', 'k')).generation);
    expect(seen.size).toBe(4);
  });
});

describe('the read cache in the single path (ElastiCacheClients.send)', () => {
  /** Clients of two regions whose AWS is an interceptor: each read answers its region and a count. */
  function clientsAnsweringPerRegion() {
    const { clients, calls } = answeringClients(
      ['us-east-1', 'eu-west-1'],
      (call, calls) => {
        const group: ReplicationGroup = { ReplicationGroupId: 'a', Description: `${call.region} #${calls.length}` };
        return call.operation.startsWith('Describe') ? { ReplicationGroups: [group] } : {};
      },
      { readCacheTtlMs: 60_000 },
    );
    const describeIn = async (location: string) =>
      (await clients.send(location, new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'a' })))
        .ReplicationGroups?.[0]?.Description;
    return { clients, calls, describeIn };
  }

  it("never answers one region's read with another region's answer", async () => {
    const { clients, calls, describeIn } = clientsAnsweringPerRegion();
    expect(await describeIn('us-east-1')).toBe('us-east-1 #1');
    expect(await describeIn('eu-west-1')).toBe('eu-west-1 #2');
    expect(await describeIn('us-east-1')).toBe('us-east-1 #1');
    expect(calls).toHaveLength(2);
    clients.destroy();
  });

  it("a mutation drops its own region's cached reads, not the others'", async () => {
    const { clients, calls, describeIn } = clientsAnsweringPerRegion();
    await describeIn('us-east-1');
    await describeIn('eu-west-1');
    await clients.send(
      'us-east-1',
      new StartMigrationCommand({ ReplicationGroupId: 'a', CustomerNodeEndpointList: [] }),
    );
    expect(await describeIn('us-east-1')).toBe('us-east-1 #4');
    expect(await describeIn('eu-west-1')).toBe('eu-west-1 #2');
    expect(calls.map((call) => `${call.region} ${call.operation}`)).toEqual([
      'us-east-1 DescribeReplicationGroups',
      'eu-west-1 DescribeReplicationGroups',
      'us-east-1 StartMigration',
      'us-east-1 DescribeReplicationGroups',
    ]);
    clients.destroy();
  });
});
