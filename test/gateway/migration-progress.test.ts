import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NetworkAllowlist } from '../../src/preflight/network-allowlist.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';
import { startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import { eventually } from '../support/eventually.js';

const KEYS = 5_000;
const STABLE_MS = 300;

const PROGRESS = `query Progress($id: String!) {
  replicationGroup(replicationGroupId: $id) {
    status
    nodeGroups { primaryEndpoint { address port } }
    migration { phase progress {
      inSync readyToComplete blockers observedAt
      shards { nodeGroupId phase source { address port } sourceOffset replicatedOffset bytesBehind lagSeconds inSync inSyncSince }
    } }
  }
}`;
const COMPLETE = `mutation Complete($id: String!, $force: Boolean) {
  completeMigration(input: { replicationGroupId: $id, force: $force }) {
    __typename
    ... on ElastiCacheError { code message }
    ... on MigrationNotInSync { progress { inSync blockers shards { phase bytesBehind } } }
    ... on CompleteMigrationSuccess { replicationGroup { status } }
  }
}`;

type Shard = { phase: string; bytesBehind: number | null; inSync: boolean; sourceOffset: number | null };
type Progress = { inSync: boolean; readyToComplete: boolean; blockers: string[]; shards: Shard[] };
type Group = {
  status: string;
  nodeGroups: { primaryEndpoint: { address: string; port: number } }[];
  migration: { phase: string; progress: Progress | null };
};

/** The pid of the redis-server serving `port` (it names itself `redis-server 127.0.0.1:<port>`). */
function pidOn(port: number): number {
  const line = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .find((candidate) => candidate.includes('redis-server') && candidate.includes(`:${port}`));
  return Number(line?.trim().split(/\s+/)[0]);
}

/**
 * Live sync progress and the guarded cutover, through the gateway over HTTP, against the local
 * endpoint's real replication from a redis-server source the test loads: the progress moves to
 * in sync, completeMigration is refused while the target is held behind (its process stopped)
 * and cuts over once it has caught up; force skips the guard.
 */
describe('migration progress and the guarded cutover', () => {
  let t: TestGateway;
  let source: ThrowawayRedis;
  let writer: Redis;

  beforeAll(async () => {
    source = await startRedis(['--repl-diskless-sync-delay', '0']);
    writer = new Redis({ host: '127.0.0.1', port: source.port, retryStrategy: () => null });
    writer.on('error', () => undefined);
    const pipeline = writer.pipeline();
    for (let index = 0; index < KEYS; index++) pipeline.set(`key:${index}`, `value-${index}`);
    await pipeline.exec();
    t = await startTestGateway({
      cutover: { maxBytesBehind: 0, stableMs: STABLE_MS },
      preflight: { timeoutMs: 500 },
      local: { migration: { linkTimeoutMs: 5_000, linkDownMs: 30_000 } },
    });
  });
  afterAll(async () => {
    writer.disconnect();
    await t.close();
    await source.stop();
  });

  const read = async (id: string) => {
    const answer = await post(t, PROGRESS, {}, { variables: { id } });
    expect(answer.body.errors).toBeUndefined();
    return (answer.body.data as { replicationGroup: Group }).replicationGroup;
  };
  const until = (id: string, done: (group: Group) => boolean, what: string) => eventually(() => read(id), done, what);
  const complete = async (id: string, force?: boolean) =>
    (await post(t, COMPLETE, {}, { variables: { id, force } })).body.data as {
      completeMigration: { __typename: string; code?: string; progress?: Progress };
    };

  it('moves to in sync, refuses the cutover while a shard is behind, and cuts over once it caught up', async () => {
    const started = await post(
      t,
      `mutation { startMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: ${source.port} }] }) { __typename } }`,
    );
    expect(started.body.data).toEqual({ startMigration: { __typename: 'StartMigrationSuccess' } });
    await t.endpoint.settled();
    const streaming = await until(
      'orders-cache',
      (group) => group.migration.progress?.inSync === true,
      'the shard to be in sync',
    );
    const [shard] = streaming.migration.progress?.shards ?? [];
    expect(shard).toMatchObject({ nodeGroupId: '0001', phase: 'STREAMING', bytesBehind: 0, inSync: true });
    expect(shard?.sourceOffset).toEqual(expect.any(Number));

    // Hold the target behind: its process stopped, the source keeps writing.
    const target = streaming.nodeGroups[0]?.primaryEndpoint;
    const pid = pidOn(target?.port ?? 0);
    process.kill(pid, 'SIGSTOP');
    try {
      for (let index = 0; index < 200; index++) await writer.set(`late:${index}`, 'x'.repeat(100));
      t.endpoint.resetCalls();
      const refused = await complete('orders-cache');
      expect(refused.completeMigration.__typename).toBe('MigrationNotInSync');
      expect(refused.completeMigration.code).toBe('MigrationNotInSync');
      expect(refused.completeMigration.progress?.inSync).toBe(false);
      expect(refused.completeMigration.progress?.shards[0]?.bytesBehind).toBeGreaterThan(0);
      expect(refused.completeMigration.progress?.blockers.join(' ')).toMatch(/bytes behind the source/);
      // Nothing was sent to ElastiCache.
      expect(t.endpoint.calls.filter((call) => call.action === 'CompleteMigration')).toEqual([]);
    } finally {
      process.kill(pid, 'SIGCONT');
    }

    await until('orders-cache', (group) => group.migration.progress?.readyToComplete === true, 'ready to complete');
    const completed = await complete('orders-cache');
    expect(completed.completeMigration.__typename).toBe('CompleteMigrationSuccess');
    await t.endpoint.settled();
    const after = await read('orders-cache');
    expect(after.status).toBe('available');
    expect(after.migration.progress).toBeNull();
    const cutOver = new Redis({ host: '127.0.0.1', port: target?.port ?? 0 });
    try {
      expect(await cutOver.dbsize()).toBe(KEYS + 200);
      expect(await cutOver.set('taking-writes', 'yes')).toBe('OK');
    } finally {
      cutOver.disconnect();
    }
  });

  it('answers MigrationProgressUnavailable when the engines cannot be read, and force skips the guard (audited)', async () => {
    const started = await post(
      t,
      `mutation { startMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: ${source.port} }] }) { __typename } }`,
    );
    expect(started.body.data).toEqual({ startMigration: { __typename: 'StartMigrationSuccess' } });
    await t.endpoint.settled();
    // A replica whose preflight may connect to no address of this machine: progress unreadable.
    const fenced = await startTestGateway({
      sharedEndpoint: t.endpoint,
      preflight: { allowlist: NetworkAllowlist.parse(['10.99.0.0/16']), timeoutMs: 500 },
    });
    try {
      t.endpoint.resetCalls();
      const answer = await post(
        fenced,
        'mutation { completeMigration(input: { replicationGroupId: "orders-cache" }) { __typename ... on ElastiCacheError { code message } } }',
      );
      expect(answer.body.data).toMatchObject({ completeMigration: { __typename: 'MigrationProgressUnavailable' } });
      expect(t.endpoint.calls.filter((call) => call.action === 'CompleteMigration')).toEqual([]);
    } finally {
      await fenced.close();
    }

    const forced = await complete('orders-cache', true);
    expect(forced.completeMigration.__typename).toBe('CompleteMigrationSuccess');
    expect(t.endpoint.calls.find((call) => call.action === 'CompleteMigration')?.params.Force).toBe('true');
    const audit = t.logs.find((line) => line.message === 'completeMigration accepted' && line.forced === true);
    expect(audit).toBeDefined();
    await t.endpoint.settled();
  });

  it('watches the shards itself when nobody watched them long enough, then cuts over', async () => {
    const started = await post(
      t,
      `mutation { startMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: ${source.port} }] }) { __typename } }`,
    );
    expect(started.body.data).toEqual({ startMigration: { __typename: 'StartMigrationSuccess' } });
    await t.endpoint.settled();
    await until('orders-cache', (group) => group.migration.progress?.inSync === true, 'the shard to be in sync');
    // Unwatched for longer than the rule's time: that read vouches for nothing any more.
    await new Promise((resolve) => setTimeout(resolve, 3 * STABLE_MS));
    const infoCalls = async () => Number(/cmdstat_info:calls=(\d+)/.exec(await writer.info('commandstats'))?.[1]);
    const before = await infoCalls();
    const completed = await complete('orders-cache');
    expect(completed.completeMigration.__typename).toBe('CompleteMigrationSuccess');
    // The guard read the source more than once (its own watch), besides our two commandstats.
    expect((await infoCalls()) - before - 1).toBeGreaterThanOrEqual(2);
    await t.endpoint.settled();
    expect((await read('orders-cache')).status).toBe('available');
  });
});

/**
 * The phases as a person watching would see them: a source that waits a second before its
 * snapshot and writes it slowly (rdb-key-save-delay), streamed to the target as it is written
 * (diskless), so each phase lasts long enough to be read.
 */
describe('migration progress through its phases', () => {
  let t: TestGateway;
  let source: ThrowawayRedis;

  beforeAll(async () => {
    source = await startRedis(['--repl-diskless-sync-delay', '1', '--rdb-key-save-delay', '100']);
    const loader = new Redis({ host: '127.0.0.1', port: source.port });
    const pipeline = loader.pipeline();
    for (let index = 0; index < 10_000; index++) pipeline.set(`key:${index}`, 'v'.repeat(100));
    await pipeline.exec();
    loader.disconnect();
    t = await startTestGateway({
      local: { migration: { transitionMs: 0, linkTimeoutMs: 10_000, linkDownMs: 30_000 } },
    });
  });
  afterAll(async () => {
    await t.close();
    await source.stop();
  });

  it('goes SNAPSHOT, TRANSFERRING (bytes growing), STREAMING, in that order', async () => {
    const started = await post(
      t,
      `mutation { startMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: ${source.port} }] }) { __typename } }`,
    );
    expect(started.body.data).toEqual({ startMigration: { __typename: 'StartMigrationSuccess' } });
    const seen: { phase: string; transferred: number | null }[] = [];
    const query = `{ replicationGroup(replicationGroupId: "orders-cache") { migration { progress { shards { phase snapshotBytesTransferred } } } } }`;
    for (const deadline = Date.now() + 20_000; seen.at(-1)?.phase !== 'STREAMING';) {
      if (Date.now() > deadline) throw new Error(`never streaming: ${JSON.stringify(seen)}`);
      const answer = await post(t, query);
      type Answer = {
        replicationGroup: {
          migration: { progress: { shards: { phase: string; snapshotBytesTransferred: number | null }[] } | null };
        };
      };
      const shard = (answer.body.data as Answer).replicationGroup.migration.progress?.shards[0];
      if (shard) seen.push({ phase: shard.phase, transferred: shard.snapshotBytesTransferred });
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    const phases = seen.map((step) => step.phase).filter((phase, index, all) => phase !== all[index - 1]);
    expect(phases).toEqual(['SNAPSHOT', 'TRANSFERRING', 'STREAMING']);
    const transferred = seen.filter((step) => step.phase === 'TRANSFERRING').map((step) => step.transferred ?? 0);
    expect(transferred.at(-1)).toBeGreaterThan(transferred[0] ?? 0);
    await post(
      t,
      'mutation { completeMigration(input: { replicationGroupId: "orders-cache", force: true }) { __typename } }',
    );
    await t.endpoint.settled();
  }, 30_000);
});

/** The source dies mid-migration: LINK_DOWN while the local endpoint waits, then AWS's failure path. */
describe('a source killed mid-migration', () => {
  let t: TestGateway;
  let source: ThrowawayRedis;

  beforeAll(async () => {
    source = await startRedis(['--repl-diskless-sync-delay', '0']);
    t = await startTestGateway({
      local: { migration: { transitionMs: 0, linkTimeoutMs: 5_000, linkDownMs: 2_000 } },
    });
  });
  afterAll(async () => {
    await t.close();
    await source.stop();
  });

  const PHASE = `{ replicationGroup(replicationGroupId: "orders-cache") {
    status migration { phase message progress { inSync blockers shards { phase } } }
  } }`;
  type Answer = {
    replicationGroup: {
      status: string;
      migration: { phase: string; message: string | null; progress: Progress | null };
    };
  };
  const read = async () => ((await post(t, PHASE)).body.data as Answer).replicationGroup;

  it('shows LINK_DOWN, refuses the cutover, then the migration fails and the group is available', async () => {
    const started = await post(
      t,
      `mutation { startMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: ${source.port} }] }) { __typename } }`,
    );
    expect(started.body.data).toEqual({ startMigration: { __typename: 'StartMigrationSuccess' } });
    await t.endpoint.settled();
    expect((await read()).migration.progress?.shards[0]?.phase).toBe('STREAMING');

    await source.stop();
    let group = await read();
    for (const deadline = Date.now() + 5_000; group.migration.progress?.shards[0]?.phase !== 'LINK_DOWN';) {
      if (Date.now() > deadline) throw new Error(`never LINK_DOWN: ${JSON.stringify(group)}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
      group = await read();
    }
    expect(group.migration.progress?.blockers).toContain('shard 0001: the replication link to the source is down');
    const refused = await post(
      t,
      'mutation { completeMigration(input: { replicationGroupId: "orders-cache" }) { __typename } }',
    );
    expect(refused.body.data).toEqual({ completeMigration: { __typename: 'MigrationNotInSync' } });

    for (const deadline = Date.now() + 10_000; group.status !== 'available';) {
      if (Date.now() > deadline) throw new Error(`never failed: ${JSON.stringify(group)}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
      group = await read();
    }
    expect(group.migration).toMatchObject({ phase: 'FAILED', progress: null });
    expect(group.migration.message).toMatch(/the replication link to the source is down/);
  }, 30_000);
});
