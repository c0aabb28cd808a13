import { Redis } from 'ioredis';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkAllowlist } from '../../src/preflight/network-allowlist.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';
import { startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import { eventually } from '../support/eventually.js';

const VERIFY = `query Verify($input: MigrationVerificationInput!) {
  migrationVerification(input: $input) {
    __typename
    ... on MigrationVerification {
      verdict reason keysSampled missingOnTarget typeMismatches valueMismatches ttlMismatches inFlight
      comparedByLength sourceCommands durationMs
      databases { database sourceKeys targetKeys }
      differences { database key kind }
    }
    ... on ElastiCacheError { code message }
    ... on ElastiCacheInvalidInputError { field }
  }
}`;

type Verification = {
  __typename: string;
  verdict: string;
  reason: string | null;
  keysSampled: number;
  missingOnTarget: number;
  typeMismatches: number;
  valueMismatches: number;
  ttlMismatches: number;
  inFlight: number;
  comparedByLength: number;
  sourceCommands: number;
  durationMs: number;
  databases: { database: number; sourceKeys: number; targetKeys: number }[];
  differences: { database: number; key: string; kind: string }[];
  code?: string;
  message?: string;
  field?: string;
};

/** Keys of every type in two databases, some expiring, one string over 1 MiB and one hash over 10,000 fields. */
async function load(redis: Redis): Promise<number> {
  const pipeline = redis.pipeline();
  for (let index = 0; index < 300; index++) {
    if (index % 3 === 0) pipeline.set(`string:${index}`, `value-${index}`, 'EX', 3_600);
    else pipeline.set(`string:${index}`, `value-${index}`);
  }
  for (let index = 0; index < 50; index++) {
    pipeline.hset(`hash:${index}`, 'a', String(index), 'b', 'x');
    pipeline.rpush(`list:${index}`, 'a', 'b', String(index));
    pipeline.sadd(`set:${index}`, 'a', 'b', String(index));
    pipeline.zadd(`zset:${index}`, 1, 'a', 2, String(index));
  }
  for (let index = 0; index < 5; index++) pipeline.xadd(`stream:${index}`, '*', 'field', String(index));
  pipeline.set('big:string', 'x'.repeat(2 * 1024 * 1024));
  const fields = Array.from({ length: 12_000 }, (_, index) => [`f${index}`, String(index)]).flat();
  pipeline.hset('big:hash', ...fields);
  pipeline.select(3);
  for (let index = 0; index < 100; index++) pipeline.set(`other-db:${index}`, String(index));
  pipeline.select(0);
  await pipeline.exec();
  return 300 + 4 * 50 + 5 + 2 + 100;
}

/**
 * migrationVerification through the gateway over HTTP, against the local endpoint's real
 * replication from a redis-server source: writes in flight during a streaming migration are never
 * mismatches, MATCH after the cutover, each kind of difference found and listed, the source's
 * command rate held (counted on the source), bad input refused with no connection made.
 */
describe('migrationVerification', () => {
  let t: TestGateway;
  let source: ThrowawayRedis;
  let admin: Redis;
  let target: Redis;
  let keys = 0;

  beforeAll(async () => {
    source = await startRedis(['--repl-diskless-sync-delay', '0']);
    admin = new Redis({ host: '127.0.0.1', port: source.port });
    keys = await load(admin);
    t = await startTestGateway({
      cutover: { maxBytesBehind: 0, stableMs: 300 },
      local: { migration: { linkTimeoutMs: 5_000, linkDownMs: 30_000 } },
    });
    const started = await post(
      t,
      `mutation { startMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: ${source.port} }] }) { __typename } }`,
    );
    expect(started.body.data).toEqual({ startMigration: { __typename: 'StartMigrationSuccess' } });
    await t.endpoint.settled();
    const port = await eventually(
      async () => {
        const answer = await post(
          t,
          '{ replicationGroup(replicationGroupId: "orders-cache") { nodeGroups { primaryEndpoint { port } } migration { progress { inSync } } } }',
        );
        type Answer = {
          replicationGroup: {
            nodeGroups: { primaryEndpoint: { port: number } }[];
            migration: { progress: { inSync: boolean } | null };
          };
        };
        const group = (answer.body.data as Answer).replicationGroup;
        return group.migration.progress?.inSync ? group.nodeGroups[0]?.primaryEndpoint.port : undefined;
      },
      (port): port is number => port !== undefined,
      'the target in sync',
    );
    target = new Redis({ host: '127.0.0.1', port });
  }, 60_000);
  afterAll(async () => {
    admin?.disconnect();
    target?.disconnect();
    await t?.close();
    await source?.stop();
  });

  const verify = async (input: Record<string, unknown>, gateway: TestGateway = t) => {
    const answer = await post(gateway, VERIFY, {}, { variables: { input } });
    expect(answer.body.errors).toBeUndefined();
    return (answer.body.data as { migrationVerification: Verification }).migrationVerification;
  };
  const sourceStats = async () => {
    const stats = await admin.info('stats');
    const commands = await admin.info('commandstats');
    const calls = [...commands.matchAll(/calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
    return { connections: Number(/total_connections_received:(\d+)/.exec(stats)?.[1]), calls };
  };

  it('while the migration streams (its source found by itself), keys still changing are in flight, never mismatches', async () => {
    // Twenty hot keys rewritten as fast as a pipeline goes: each read on the source is newer
    // than the target's a moment later, twice.
    const HOT = 20;
    await admin.mset(Object.fromEntries(Array.from({ length: HOT }, (_, index) => [`hot:${index}`, '0'])));
    let writing = true;
    const writer = (async () => {
      for (let round = 0; writing; round++) {
        const pipeline = admin.pipeline();
        for (let index = 0; index < 200; index++) pipeline.set(`hot:${index % HOT}`, `${round}-${index}`);
        await pipeline.exec();
      }
    })();
    try {
      const result = await verify({
        replicationGroupId: 'orders-cache',
        sampleSize: 1_000,
        maxSourceCommandsPerSecond: 100_000,
      });
      console.log(`while streaming: ${result.verdict}, ${result.inFlight} keys in flight of ${result.keysSampled}`);
      expect(result).toMatchObject({
        __typename: 'MigrationVerification',
        keysSampled: keys + HOT,
        missingOnTarget: 0,
        typeMismatches: 0,
        valueMismatches: 0,
        ttlMismatches: 0,
        differences: [],
      });
      expect(result.inFlight).toBeGreaterThan(0);
      expect(result.inFlight).toBeLessThanOrEqual(HOT);
      // Over 1% of the sample still changing: the comparison says too little.
      if (result.inFlight > Math.floor(result.keysSampled / 100)) {
        expect(result.verdict).toBe('INCONCLUSIVE');
        expect(result.reason).toMatch(/sampled keys were still changing while the migration streams/);
      } else expect(result.verdict).toBe('MATCH');
    } finally {
      writing = false;
      await writer;
      await admin.del(...Array.from({ length: HOT }, (_, index) => `hot:${index}`));
    }
  });

  it('finds a MATCH after the cutover, over both databases, large values compared by length', async () => {
    const completed = await post(
      t,
      'mutation { completeMigration(input: { replicationGroupId: "orders-cache" }) { __typename } }',
    );
    expect(completed.body.data).toEqual({ completeMigration: { __typename: 'CompleteMigrationSuccess' } });
    await t.endpoint.settled();
    const result = await verify({
      replicationGroupId: 'orders-cache',
      source: { address: '127.0.0.1', port: source.port },
      sampleSize: 1_000,
      maxSourceCommandsPerSecond: 100_000,
    });
    expect(result).toMatchObject({
      verdict: 'MATCH',
      reason: null,
      keysSampled: keys,
      missingOnTarget: 0,
      inFlight: 0,
      // The 2 MiB string and the 12,000-field hash.
      comparedByLength: 2,
      databases: [
        { database: 0, sourceKeys: keys - 100, targetKeys: keys - 100 },
        { database: 3, sourceKeys: 100, targetKeys: 100 },
      ],
    });
  });

  it('answers what it compared when VERIFICATION_TIMEOUT_MS runs out: INCONCLUSIVE, said why', async () => {
    const hurried = await startTestGateway({ sharedEndpoint: t.endpoint, verificationTimeoutMs: 700 });
    try {
      // 30 commands a second against the source: far fewer keys than asked for fit in 700 ms.
      const result = await verify(
        {
          replicationGroupId: 'orders-cache',
          source: { address: '127.0.0.1', port: source.port },
          sampleSize: 1_000,
          maxSourceCommandsPerSecond: 30,
        },
        hurried,
      );
      expect(result.durationMs).toBeGreaterThanOrEqual(700);
      expect(result).toMatchObject({ verdict: 'INCONCLUSIVE', missingOnTarget: 0, valueMismatches: 0 });
      expect(result.keysSampled).toBeLessThan(keys);
      expect(result.reason).toBe(
        `cut short after 700 ms (VERIFICATION_TIMEOUT_MS): ${result.keysSampled} keys compared, none different`,
      );
    } finally {
      await hurried.close();
    }
  });

  it('finds and lists each kind of difference', async () => {
    await target.del('string:1');
    await target.del('list:2');
    await target.set('list:2', 'not a list');
    await target.sadd('set:3', 'extra');
    await target.expire('zset:4', 600);
    await target.hset('big:hash', 'f0', 'changed-but-same-length');
    await target.select(3);
    await target.set('other-db:7', 'changed');
    await target.select(0);
    const result = await verify({
      replicationGroupId: 'orders-cache',
      source: { address: '127.0.0.1', port: source.port },
      sampleSize: 100_000,
      maxSourceCommandsPerSecond: 100_000,
    });
    expect(result).toMatchObject({
      verdict: 'MISMATCH',
      missingOnTarget: 1,
      typeMismatches: 1,
      // set:3 and other-db:7; the big hash's change keeps its length: compared by length, unseen.
      valueMismatches: 2,
      ttlMismatches: 1,
    });
    expect(result.reason).toBe(`5 of ${keys} sampled keys differ on the target`);
    expect(new Set(result.differences.map((difference) => JSON.stringify(difference)))).toEqual(
      new Set(
        [
          { database: 0, key: 'string:1', kind: 'MISSING' },
          { database: 0, key: 'list:2', kind: 'TYPE' },
          { database: 0, key: 'set:3', kind: 'VALUE' },
          { database: 0, key: 'zset:4', kind: 'TTL' },
          { database: 3, key: 'other-db:7', kind: 'VALUE' },
        ].map((difference) => JSON.stringify(difference)),
      ),
    );
  });

  it('holds the command rate against the source, counted on the source', async () => {
    const before = await sourceStats();
    const result = await verify({
      replicationGroupId: 'orders-cache',
      source: { address: '127.0.0.1', port: source.port },
      sampleSize: 150,
      maxSourceCommandsPerSecond: 300,
    });
    const after = await sourceStats();
    // Our own two INFO commands (stats, commandstats) ran after `before` was read.
    const counted = after.calls - before.calls - 2;
    // 150 of the keys: the 5 changed ones may or may not be among them.
    expect(['MATCH', 'MISMATCH']).toContain(result.verdict);
    expect(counted).toBe(result.sourceCommands);
    const perSecond = counted / (result.durationMs / 1_000);
    console.log(
      `${counted} commands at the source in ${result.durationMs} ms: ${perSecond.toFixed(0)}/s (bound 300/s)`,
    );
    // Windows of a tenth of a second: the first one's commands go at once.
    expect(counted).toBeLessThanOrEqual(300 * (result.durationMs / 1_000) + 30);
  });

  it('refuses bad input naming the field, with no connection made', async () => {
    const before = await sourceStats();
    const cases: [Record<string, unknown>, string][] = [
      [{ sampleSize: 0 }, 'input.sampleSize'],
      [{ sampleSize: 100_001 }, 'input.sampleSize'],
      [{ ttlToleranceSeconds: -1 }, 'input.ttlToleranceSeconds'],
      [{ maxSourceCommandsPerSecond: 0 }, 'input.maxSourceCommandsPerSecond'],
      [{ source: { address: '127.0.0.1:6379', port: source.port } }, 'input.source.address'],
      [{ source: { address: '127.0.0.1', port: 70_000 } }, 'input.source.port'],
      [{ replicationGroupId: 'Not_Valid!' }, 'input.replicationGroupId'],
      [{ region: 'mars-north-1' }, 'input.region'],
    ];
    for (const [input, field] of cases) {
      const result = await verify({
        replicationGroupId: 'orders-cache',
        source: { address: '127.0.0.1', port: source.port },
        ...input,
      });
      expect(result).toMatchObject({ __typename: 'ElastiCacheInvalidInputError', field });
    }
    // The group no longer migrates: its source must be given.
    expect(await verify({ replicationGroupId: 'orders-cache' })).toMatchObject({
      __typename: 'ElastiCacheInvalidInputError',
      field: 'input.source',
    });
    expect(
      await verify({ replicationGroupId: 'no-such-group', source: { address: '127.0.0.1', port: source.port } }),
    ).toMatchObject({
      __typename: 'ReplicationGroupNotFoundFault',
    });
    const after = await sourceStats();
    expect(after.connections).toBe(before.connections);
  });

  it('answers MigrationSourceUnreachable and MigrationTargetUnreachable in words', async () => {
    const fenced = await startTestGateway({
      sharedEndpoint: t.endpoint,
      preflight: { allowlist: NetworkAllowlist.parse(['10.99.0.0/16']), timeoutMs: 500 },
    });
    // Only the source's port may be connected to: the target's connection is refused.
    const targetPort = (target.options.port ?? 0) as number;
    const sourceOnly = await startTestGateway({
      sharedEndpoint: t.endpoint,
      preflight: {
        timeoutMs: 500,
        network: {
          lookup: () => Promise.resolve(['127.0.0.1']),
          connect: (ip, port) => connect({ host: ip, port: port === targetPort ? 1 : port }),
        },
      },
    });
    try {
      const input = { replicationGroupId: 'orders-cache', source: { address: '127.0.0.1', port: source.port } };
      expect(await verify(input, fenced)).toMatchObject({
        __typename: 'MigrationSourceUnreachable',
        code: 'MigrationSourceUnreachable',
        message: `The source 127.0.0.1:${source.port} cannot be read: 127.0.0.1 is outside the networks the gateway may connect to.`,
      });
      expect(await verify(input, sourceOnly)).toMatchObject({
        __typename: 'MigrationTargetUnreachable',
        message: `The target of orders-cache cannot be read: the target at 127.0.0.1:${targetPort} did not accept a connection.`,
      });
    } finally {
      await fenced.close();
      await sourceOnly.close();
    }
  });
});
