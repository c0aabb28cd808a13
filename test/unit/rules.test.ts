import { describe, expect, it } from 'vitest';
import { sortOldestFirst } from '../../src/rules/event-retention.js';
import { eventTexts } from '../../src/rules/event-texts.js';
import { knownNodeTypes, nodeTypeMaxmemory } from '../../src/rules/node-types.js';
import { isRegionName } from '../../src/rules/region-name.js';
import {
  isCacheClusterId,
  isReplicationGroupId,
  MAX_CACHE_CLUSTER_ID_LENGTH,
  MAX_REPLICATION_GROUP_ID_LENGTH,
  replicationGroupIdProblem,
} from '../../src/rules/resource-ids.js';

const LENGTH = 'replicationGroupId must be 1 to 40 characters long.';
const SHAPE =
  'replicationGroupId must start with a letter and hold only letters, digits and single hyphens, not ending with a hyphen.';

describe('resource ids, as AWS checks them', () => {
  it.each([
    ['', LENGTH],
    ['a'.repeat(MAX_REPLICATION_GROUP_ID_LENGTH + 1), LENGTH],
    ['a-', SHAPE],
    ['-a', SHAPE],
    ['a--b', SHAPE],
    ['1abc', SHAPE],
    ['a_b', SHAPE],
    ['a', null],
    ['a'.repeat(MAX_REPLICATION_GROUP_ID_LENGTH), null],
    ['Orders-Cache-2', null],
  ])('replication group id %j: %s', (id, problem) => {
    expect(replicationGroupIdProblem('replicationGroupId', id)).toBe(problem);
    expect(isReplicationGroupId(id)).toBe(problem === null);
  });

  it.each([
    ['', false],
    ['a'.repeat(MAX_CACHE_CLUSTER_ID_LENGTH), true],
    ['a'.repeat(MAX_CACHE_CLUSTER_ID_LENGTH + 1), false],
    ['orders-cache-001', true],
    ['a-', false],
    ['-a', false],
    ['a--b', false],
    ['9a', false],
  ])('cache cluster id %j: %s', (id, valid) => {
    expect(isCacheClusterId(id)).toBe(valid);
  });
});

describe('isRegionName', () => {
  it.each([
    ['us-east-1', true],
    ['us-gov-west-1', true],
    ['ap-southeast-12', true],
    [`ab-${'c'.repeat(27)}-1`, true],
    [`ab-${'c'.repeat(28)}-1`, false],
    ['US-east-1', false],
    ['us-east', false],
    ['us-east-1a', false],
    ['u-east-1', false],
  ])('%s: %s', (name, valid) => {
    expect(name.length <= 32 || !valid).toBe(true);
    expect(isRegionName(name)).toBe(valid);
  });
});

describe('sortOldestFirst', () => {
  it('sorts oldest first, events without a date first of all', () => {
    const events = [{ Date: new Date(3) }, {}, { Date: new Date(1) }, { Date: undefined }, { Date: new Date(2) }];
    expect(sortOldestFirst(events).map((event) => event.Date?.getTime() ?? null)).toEqual([null, null, 1, 2, 3]);
  });
});

describe('node types', () => {
  it("gives a node type's maxmemory, families with another's memory included", () => {
    expect(nodeTypeMaxmemory('cache.r5.large')).toBeGreaterThan(0);
    expect(nodeTypeMaxmemory('cache.r6gd.xlarge')).toBe(nodeTypeMaxmemory('cache.r5.xlarge'));
    expect(nodeTypeMaxmemory('cache.t4g.micro')).toBe(nodeTypeMaxmemory('cache.t3.micro'));
    expect(nodeTypeMaxmemory('cache.r5.xlarge')).toBeGreaterThan(nodeTypeMaxmemory('cache.r5.large') ?? 0);
  });

  it('knows nothing of a family, a size or a name it does not hold', () => {
    for (const unknown of ['cache.zz9.large', 'cache.r5.huge', 'cache.r5', 'r5.large', 'cache.r5.large.x', ''])
      expect(nodeTypeMaxmemory(unknown)).toBeUndefined();
  });

  it('lists every type it knows, each with its maxmemory', () => {
    const types = knownNodeTypes();
    expect(types).toEqual(expect.arrayContaining(['cache.r5.large', 'cache.r6gd.xlarge', 'cache.t4g.micro']));
    expect(new Set(types).size).toBe(types.length);
    for (const type of types) expect(nodeTypeMaxmemory(type)).toBeGreaterThan(0);
  });
});

describe('event texts (a contract: the gateway derives migration phases from them)', () => {
  const source = { address: '10.0.0.5', port: 6379 };
  it('reads as AWS writes them', () => {
    expect(eventTexts.replicationGroupCreating('g')).toBe('Creating replication group g.');
    expect(eventTexts.replicationGroupCreated('g')).toBe('Replication group g created.');
    expect(eventTexts.replicationGroupDeleting('g')).toBe('Deleting replication group g.');
    expect(eventTexts.cacheClusterCreated()).toBe('Cache cluster created');
    expect(eventTexts.cacheClusterDeleted()).toBe('Cache cluster deleted');
    expect(eventTexts.migrationStarting('g', source)).toBe(
      'Starting migration operation for target cluster g with source cluster endpoint 10.0.0.5 and port 6379',
    );
    expect(eventTexts.testMigrationFailed('g', source, ['a', 'b'])).toBe(
      'Test migration failed for replication group g with source endpoint 10.0.0.5:6379: a; b.',
    );
    expect(eventTexts.migrationFailed('g', ['a', 'b'])).toBe(
      'Migration operation failed for replication group g: a; b.',
    );
    expect(eventTexts.completeMigrationSucceeded('g')).toBe('Complete Migration successful for g');
  });
});
