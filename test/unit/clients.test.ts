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
    logger.debug('debug');
    logger.info('info');
    logger.error('error');
    logger.warn('a warning', { about: 'x' }, 3);
    expect(lines.map((line) => [line['message'], line['sdkMessage']])).toEqual([
      ['AWS SDK warning', 'a warning {"about":"x"} 3'],
    ]);
  });
});
