import { DescribeReplicationGroupsCommand, TestMigrationCommand } from '@aws-sdk/client-elasticache';
import { describe, expect, it } from 'vitest';
import { ElastiCacheClients } from '../../src/aws/clients.js';
import { createLogger } from '../../src/logger.js';
import { answeringClients } from '../support/answering-clients.js';

const READ = () => new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' });
const MUTATION = () =>
  new TestMigrationCommand({
    ReplicationGroupId: 'orders-cache',
    CustomerNodeEndpointList: [{ Address: '10.0.0.1', Port: 6379 }],
  });

describe('the shared AWS clients', () => {
  it('need at least one region', () => {
    expect(
      () => new ElastiCacheClients([], { maxAttempts: 1, connectionTimeoutMs: 100, requestTimeoutMs: 100 }),
    ).toThrow('ElastiCacheClients needs at least one region');
  });

  it('say how each read was answered: by AWS, by a read in flight, or by the cache', async () => {
    const answeredBy: string[] = [];
    const onRead = (how: 'cache' | 'shared' | 'aws') => void answeredBy.push(how);
    const uncached = answeringClients(['us-east-1'], () => ({ ReplicationGroups: [] }), { onRead });
    await Promise.all([uncached.clients.send('us-east-1', READ()), uncached.clients.send('us-east-1', READ())]);
    expect(answeredBy.sort()).toEqual(['aws', 'shared']);
    answeredBy.length = 0;
    const cached = answeringClients(['us-east-1'], () => ({ ReplicationGroups: [] }), {
      onRead,
      readCacheTtlMs: 60_000,
    });
    await cached.clients.send('us-east-1', READ());
    await cached.clients.send('us-east-1', READ());
    expect(answeredBy).toEqual(['aws', 'cache']);
  });

  it('name the read cache generation of every region, moved on by a mutation of any of them or by invalidateAll', async () => {
    const { clients } = answeringClients(['us-east-1', 'eu-west-1'], () => ({}), { readCacheTtlMs: 60_000 });
    expect(clients.cachesReads).toBe(true);
    const first = await clients.cacheGeneration();
    expect(await clients.cacheGeneration()).toBe(first);
    await clients.send('eu-west-1', MUTATION());
    const afterMutation = await clients.cacheGeneration();
    expect(afterMutation).not.toBe(first);
    await clients.invalidateAll();
    const afterAll = await clients.cacheGeneration();
    expect(afterAll).not.toBe(afterMutation);
    // Every region moved: each part of the text changed.
    const parts = (text: string) => text.slice(1).split(',');
    expect(parts(afterAll).every((part, index) => part !== parts(afterMutation)[index])).toBe(true);
  });

  it('have no generation to name without a read cache', async () => {
    const { clients } = answeringClients(['us-east-1'], () => ({}));
    expect(clients.cachesReads).toBe(false);
    await expect(clients.cacheGeneration()).rejects.toThrow('AWS reads are not cached (READ_CACHE_TTL_MS=0)');
    await expect(clients.invalidateAll()).resolves.toBeUndefined();
  });

  it("log the SDK's warnings through the gateway's logger, and nothing else it says", () => {
    const lines: Record<string, unknown>[] = [];
    const log = createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
    const { clients } = answeringClients(['us-east-1'], () => ({}), { log });
    const logger = clients.clientAt('us-east-1').config.logger;
    // No info and no error at all: the SDK then skips copying each answer through its filter for them.
    expect([logger.info, logger.error]).toEqual([undefined, undefined]);
    logger.debug('debug');
    logger.warn('a warning', { about: 'x' }, 3);
    expect(lines.map((line) => [line['message'], line['sdkMessage']])).toEqual([
      ['AWS SDK warning', 'a warning {"about":"x"} 3'],
    ]);
  });

  it('locate an account and region: defaults, a region an account does not serve, and refusals by kind', () => {
    const role = (id: string) => `arn:aws:iam::${id}:role/r`;
    const { clients } = answeringClients(['us-east-1', 'eu-west-1'], () => ({}), {
      accounts: [
        { accountId: '111111111111', roleArn: role('111111111111'), regions: ['us-east-1', 'eu-west-1'], name: 'a' },
        { accountId: '222222222222', roleArn: role('222222222222'), regions: ['eu-west-1'], name: 'b' },
      ],
    });
    expect(clients.defaultAccount).toBe('111111111111');
    expect(clients.locations).toEqual(['111111111111:us-east-1', '111111111111:eu-west-1', '222222222222:eu-west-1']);
    expect(clients.locate()).toBe('111111111111:us-east-1');
    // An account that does not serve the gateway's default region defaults to its own first.
    expect(clients.locate('222222222222')).toBe('222222222222:eu-west-1');
    expect(() => clients.locate('222222222222', 'us-east-1')).toThrow(
      'Region "us-east-1" is not served in account 222222222222; it serves eu-west-1 there.',
    );
    expect(() => clients.locate('222222222222', 'ap-south-1')).toThrow(
      'Region "ap-south-1" is not served by this gateway; it serves us-east-1, eu-west-1.',
    );
    expect(() => clients.locate('333333333333')).toThrow(
      'Account "333333333333" is not served by this gateway; it serves 111111111111, 222222222222.',
    );
    expect(clients.arnLocation('222222222222', 'eu-west-1')).toBe('222222222222:eu-west-1');
    expect(clients.arnLocation('222222222222', 'us-east-1')).toBeNull();
    expect(clients.arnLocation('222222222222', '')).toBe('222222222222:eu-west-1');
    expect(clients.arnLocation('333333333333', 'eu-west-1')).toBeNull();
  });

  it('refuse a call in a location they do not serve, by its account or its region', async () => {
    const role = 'arn:aws:iam::111111111111:role/r';
    const { clients, calls } = answeringClients(['us-east-1'], () => ({}), {
      accounts: [{ accountId: '111111111111', roleArn: role, regions: ['us-east-1'], name: 'a' }],
    });
    await expect(clients.send('999999999999:us-east-1', READ())).rejects.toMatchObject({
      name: 'UnknownAccountError',
      accountId: '999999999999',
    });
    await expect(clients.send('111111111111:eu-west-1', READ())).rejects.toMatchObject({
      name: 'UnknownRegionError',
      region: 'eu-west-1',
    });
    // Without AWS_ACCOUNTS the one account's locations are bare regions.
    await expect(
      answeringClients(['us-east-1'], () => ({})).clients.send('111111111111:us-east-1', READ()),
    ).rejects.toMatchObject({
      name: 'UnknownAccountError',
    });
    expect(calls).toEqual([]);
  });
});
