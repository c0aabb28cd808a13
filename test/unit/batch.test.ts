import { describe, expect, it } from 'vitest';
import { holdsEvery, readInLocations, type RegionalReads } from '../../src/aws/batch.js';
import { locationKey } from '../../src/aws/location-key.js';

interface Item {
  id: string;
  region: string;
}

/** Reads over fixed data per region, counting calls; `failing` regions throw. */
function reads(data: Record<string, string[]>, failing: string[] = []) {
  const calls: string[] = [];
  const source: RegionalReads<Item> = {
    perIdLimit: 2,
    async readOne(region, id) {
      calls.push(`one ${region} ${id}`);
      if (failing.includes(region)) throw new Error(`${region} down`);
      return data[region]?.includes(id) ? { id, region } : null;
    },
    async readListed(region) {
      calls.push(`all ${region}`);
      if (failing.includes(region)) throw new Error(`${region} down`);
      return (data[region] ?? []).map((id) => ({ id, region }));
    },
    idOf: (item) => item.id,
  };
  return { source, calls };
}

describe('readInLocations', () => {
  it('reads a few ids one by one and many with one listing, per region, answering in key order', async () => {
    const { source, calls } = reads({ 'us-east-1': ['a', 'b', 'c', 'd'], 'eu-west-1': ['x'] });
    const keys = [
      locationKey('us-east-1', 'A'),
      locationKey('eu-west-1', 'x'),
      locationKey('us-east-1', 'b'),
      locationKey('us-east-1', 'c'),
      locationKey('us-east-1', 'zz'),
    ];
    const results = await readInLocations(keys, source);
    expect(results).toEqual([
      { id: 'a', region: 'us-east-1' },
      { id: 'x', region: 'eu-west-1' },
      { id: 'b', region: 'us-east-1' },
      { id: 'c', region: 'us-east-1' },
      null,
    ]);
    expect(calls.sort()).toEqual(['all us-east-1', 'one eu-west-1 x']);
  });

  it('keeps ids of one region apart from the same ids in another', async () => {
    const { source } = reads({ 'us-east-1': ['a'], 'eu-west-1': [] });
    expect(await readInLocations([locationKey('eu-west-1', 'a'), locationKey('us-east-1', 'a')], source)).toEqual([
      null,
      { id: 'a', region: 'us-east-1' },
    ]);
  });

  it('fails only the keys whose read failed', async () => {
    const { source } = reads({ 'us-east-1': ['a', 'b', 'c'], 'eu-west-1': ['x'] }, ['eu-west-1']);
    const results = await readInLocations(
      [
        locationKey('us-east-1', 'a'),
        locationKey('eu-west-1', 'x'),
        locationKey('us-east-1', 'b'),
        locationKey('us-east-1', 'c'),
      ],
      source,
    );
    expect(results[1]).toBeInstanceOf(Error);
    expect((results[1] as Error).message).toBe('eu-west-1 down');
    expect(results.filter((result) => result instanceof Error)).toHaveLength(1);
  });
});

describe('holdsEvery', () => {
  it('is true once every wanted id has been seen, so a listing can stop', () => {
    const idOf = (item: { id: string }) => item.id;
    const wanted = new Set(['b', 'c']);
    expect(holdsEvery([{ id: 'a' }, { id: 'b' }], wanted, idOf)).toBe(false);
    expect(holdsEvery([{ id: 'a' }, { id: 'b' }, { id: 'c' }], wanted, idOf)).toBe(true);
    expect(holdsEvery([], new Set<string>(), idOf)).toBe(true);
  });
});
