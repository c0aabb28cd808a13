import {
  CreateReplicationGroupCommand,
  DeleteReplicationGroupCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { Redis } from 'ioredis';
import { DOCUMENTED_CREDENTIALS, startLocalEndpoint, type LocalEndpoint } from '../src/local/index.js';
import { parseInfo } from '../src/preflight/redis-info.js';
import { startRedis, type ThrowawayRedis } from '../test/support/redis-server.js';
import { benchRuntime, median, openStream, postQuery, sleep, type CountedStream } from './support.mjs';

/**
 * `npm run bench:migration`: what the product adds to a migration's data path, and what watching
 * it costs. A source redis-server on loopback holds BENCH_MIGRATION_KEYS (1,000,000) keys of
 * mixed types (about 300 MB) while a writer makes BENCH_WRITES_PER_SECOND (1,000) writes a
 * second. Rounds alternate (BENCH_ROUNDS, 3):
 * - plain: a fresh redis-server runs `REPLICAOF <source>`; the time until its link is up and it
 *   applied every byte the source had written (read every 50 ms);
 * - product: a fresh group in the local endpoint, `startMigration` through the gateway, the time
 *   until the gateway's `migration.progress.inSync` (queried every 50 ms).
 * Then, on the last product round: INFO commands the source serves over 10 progress intervals for
 * 1 and for 1,000 `migrationProgress` subscribers; the bytesBehind the gateway reports against
 * the offsets read from both engines right after; the writer stops, the guarded completeMigration
 * (no force), and DEBUG DIGEST of source and target; then migrationVerification of 100,000 keys
 * (keys a second, commands a second at the source against its bound) after the clean cutover and
 * after 100 keys changed on the target. Prints figures and ratios; asserts nothing.
 */
const KEYS = Number(process.env.BENCH_MIGRATION_KEYS ?? 1_000_000);
const WRITES_PER_SECOND = Number(process.env.BENCH_WRITES_PER_SECOND ?? 1_000);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 3);
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1_000);
const INTERVAL_MS = 1_000;
const NODE_TYPE = 'cache.r7g.large';
// 13.07 GiB / 8: room for the ~300 MB data set (the endpoint's default, 1/64, is 209 MiB).
const MEMORY_SCALE = 1 / 8;
// Both the source and the endpoint's nodes answer DEBUG DIGEST to loopback clients.
const DEBUG_COMMAND = ['--enable-debug-command', 'local'];
const SYNC_TIMEOUT_MS = 180_000;

const log = (line: string) => process.stderr.write(`${line}\n`);
const ms = (value: number) => Math.round(value);

const PROGRESS = `query Progress($id: String!) {
  replicationGroup(replicationGroupId: $id) {
    nodeGroups { primaryEndpoint { address port } }
    migration { progress { inSync readyToComplete observedAt shards { phase sourceOffset replicatedOffset bytesBehind } } }
  }
}`;
const START = `mutation Start($id: String!, $port: Int!) {
  startMigration(input: { replicationGroupId: $id, customerNodeEndpointList: [{ address: "127.0.0.1", port: $port }] }) {
    __typename ... on ElastiCacheError { message }
  }
}`;
const COMPLETE = `mutation Complete($id: String!, $force: Boolean) {
  completeMigration(input: { replicationGroupId: $id, force: $force }) { __typename ... on ElastiCacheError { message } }
}`;
const VERIFY = `query Verify($input: MigrationVerificationInput!) {
  migrationVerification(input: $input) {
    __typename
    ... on MigrationVerification { verdict keysSampled valueMismatches typeMismatches sourceCommands durationMs }
    ... on ElastiCacheError { message }
  }
}`;
type Verified = {
  verdict: string;
  keysSampled: number;
  valueMismatches: number;
  typeMismatches: number;
  sourceCommands: number;
  durationMs: number;
};
const VERIFY_SAMPLE = 100_000;
const VERIFY_RATE = 100_000;

/** Commands a Redis has served, every kind (INFO commandstats). */
async function commandCalls(redis: Redis): Promise<number> {
  const stats = await redis.info('commandstats');
  return [...stats.matchAll(/calls=(\d+)/g)].reduce((sum, match) => sum + Number(match[1]), 0);
}

const SUBSCRIPTION = `subscription Progress($id: String!) { migrationProgress(replicationGroupId: $id) { done inSync } }`;

type Shard = {
  phase: string;
  sourceOffset: number | null;
  replicatedOffset: number | null;
  bytesBehind: number | null;
};
type Progress = { inSync: boolean; readyToComplete: boolean; observedAt: string; shards: Shard[] };
type Group = {
  nodeGroups: { primaryEndpoint: { address: string; port: number } }[];
  migration: { progress: Progress | null };
};

/** Loads `KEYS` keys: strings, hashes, lists, sets and sorted sets, a tenth with a TTL. */
async function load(redis: Redis): Promise<void> {
  const text = (index: number, size: number) => `${index}:`.padEnd(size, 'x');
  const BATCH = 10_000;
  for (let from = 0; from < KEYS; from += BATCH) {
    const pipeline = redis.pipeline();
    for (let index = from; index < Math.min(KEYS, from + BATCH); index++) {
      const key = `key:${index}`;
      switch (index % 5) {
        case 0:
          pipeline.set(key, text(index, 200));
          break;
        case 1:
          pipeline.hset(key, 'a', text(index, 40), 'b', text(index, 40), 'c', text(index, 40), 'd', text(index, 40));
          break;
        case 2:
          pipeline.rpush(key, text(index, 40), text(index, 40), text(index, 40), text(index, 40));
          break;
        case 3:
          pipeline.sadd(
            key,
            `a${text(index, 40)}`,
            `b${text(index, 40)}`,
            `c${text(index, 40)}`,
            `d${text(index, 40)}`,
          );
          break;
        default:
          pipeline.zadd(key, 1, `a${text(index, 40)}`, 2, `b${text(index, 40)}`, 3, `c${text(index, 40)}`);
      }
      if (index % 10 === 0) pipeline.expire(key, 86_400);
    }
    await pipeline.exec();
  }
}

/** Writes at `WRITES_PER_SECOND` (batches every 10 ms) until stopped; counts what it wrote. */
function startWriter(redis: Redis) {
  const perTick = Math.max(1, Math.round(WRITES_PER_SECOND / 100));
  let written = 0;
  let sequence = 0;
  const started = performance.now();
  const timer = setInterval(() => {
    const pipeline = redis.pipeline();
    for (let count = 0; count < perTick; count++) {
      sequence += 1;
      // Overwrites of loaded strings and new keys, half each.
      const key = sequence % 2 === 0 ? `key:${(sequence * 5) % KEYS}` : `live:${sequence}`;
      pipeline.set(key, `${sequence}`.padEnd(64, 'w'));
    }
    void pipeline.exec().then(() => (written += perTick));
  }, 10);
  return {
    stop() {
      clearInterval(timer);
      return { written, perSecond: Math.round(written / ((performance.now() - started) / 1_000)) };
    },
  };
}

async function replication(redis: Redis): Promise<Map<string, string>> {
  return parseInfo(await redis.info('replication'));
}

/** Plain REPLICAOF between two redis-servers: ms until the replica's link is up and it applied all the source had. */
async function plainReplicaOf(source: ThrowawayRedis, maxmemory: number): Promise<number> {
  const replica = await startRedis(['--maxmemory', String(maxmemory), ...DEBUG_COMMAND]);
  const sourceClient = new Redis({ host: '127.0.0.1', port: source.port });
  const replicaClient = new Redis({ host: '127.0.0.1', port: replica.port });
  try {
    const started = performance.now();
    await replicaClient.call('REPLICAOF', '127.0.0.1', String(source.port));
    for (;;) {
      const sourceOffset = Number((await replication(sourceClient)).get('master_repl_offset'));
      const info = await replication(replicaClient).catch(() => null);
      if (info?.get('master_link_status') === 'up' && Number(info.get('slave_repl_offset')) >= sourceOffset)
        return performance.now() - started;
      if (performance.now() - started > SYNC_TIMEOUT_MS) throw new Error('plain REPLICAOF never caught up');
      await sleep(50);
    }
  } finally {
    sourceClient.disconnect();
    replicaClient.disconnect();
    await replica.stop();
  }
}

async function main(): Promise<void> {
  const source = await startRedis(['--repl-diskless-sync-delay', '0', ...DEBUG_COMMAND]);
  const sourceClient = new Redis({ host: '127.0.0.1', port: source.port });
  const writerClient = new Redis({ host: '127.0.0.1', port: source.port });
  const endpoint: LocalEndpoint = await startLocalEndpoint({
    seed: 'none',
    backingNodes: { memoryScale: MEMORY_SCALE, serverArguments: DEBUG_COMMAND },
    migration: { transitionMs: 0, linkTimeoutMs: 60_000, linkDownMs: 60_000 },
  });
  const sdk = new ElastiCacheClient({
    endpoint: endpoint.url,
    region: 'us-east-1',
    credentials: DOCUMENTED_CREDENTIALS,
  });
  const runtime = await benchRuntime(
    { url: endpoint.url, credentials: DOCUMENTED_CREDENTIALS },
    {
      requestTimeoutMs: 30_000,
      readCacheTtlMs: 0,
      responseCacheTtlMs: 0,
      migrationProgressIntervalMs: INTERVAL_MS,
      subscriptionLimits: { perCaller: SUBSCRIBERS + 10, perConnection: 100 },
    },
  );
  const { gateway } = runtime;
  const url = 'http://bench/graphql';
  const gatewayFetch = async (target: string, init: RequestInit) => gateway.fetch(target, init);
  const query = <T,>(document: string, variables: Record<string, unknown>) =>
    postQuery(url, document, variables, gatewayFetch) as Promise<T>;
  const read = async (id: string) => (await query<{ replicationGroup: Group }>(PROGRESS, { id })).replicationGroup;

  try {
    const loadStarted = performance.now();
    await load(sourceClient);
    const memory = parseInfo(await sourceClient.info('memory'));
    const usedMiB = Math.round(Number(memory.get('used_memory')) / 2 ** 20);
    log(
      `source: ${await sourceClient.dbsize()} keys, ${usedMiB} MiB, loaded in ${ms(performance.now() - loadStarted)} ms`,
    );
    const maxmemory = Math.floor(13.07 * 2 ** 30 * MEMORY_SCALE);

    const writer = startWriter(writerClient);
    const plain: number[] = [];
    const product: number[] = [];
    let lastGroup = '';
    for (let round = 1; round <= ROUNDS; round++) {
      const id = `bench-migration-${round}`;
      await sdk.send(
        new CreateReplicationGroupCommand({
          ReplicationGroupId: id,
          ReplicationGroupDescription: 'bench:migration',
          CacheNodeType: NODE_TYPE,
          Engine: 'redis',
          // The online migration's prerequisites: Multi-AZ with automatic failover.
          NumCacheClusters: 2,
          MultiAZEnabled: true,
          AutomaticFailoverEnabled: true,
        }),
      );
      await endpoint.settled();
      const runProduct = async () => {
        const started = performance.now();
        const answer = await query<{ startMigration: { __typename: string; message?: string } }>(START, {
          id,
          port: source.port,
        });
        if (answer.startMigration.__typename !== 'StartMigrationSuccess')
          throw new Error(`startMigration: ${JSON.stringify(answer.startMigration)}`);
        for (;;) {
          if ((await read(id)).migration.progress?.inSync) return performance.now() - started;
          if (performance.now() - started > SYNC_TIMEOUT_MS) throw new Error('the gateway never reported in sync');
          await sleep(50);
        }
      };
      // Alternated, so that neither side always runs on a machine warmed (or loaded) by the other.
      if (round % 2 === 1) {
        plain.push(await plainReplicaOf(source, maxmemory));
        product.push(await runProduct());
      } else {
        product.push(await runProduct());
        plain.push(await plainReplicaOf(source, maxmemory));
      }
      log(`round ${round}: plain REPLICAOF ${ms(plain.at(-1) ?? 0)} ms, product ${ms(product.at(-1) ?? 0)} ms`);
      if (round < ROUNDS) {
        await query(COMPLETE, { id, force: true });
        await endpoint.settled();
        await sdk.send(new DeleteReplicationGroupCommand({ ReplicationGroupId: id }));
        await endpoint.settled();
      }
      lastGroup = id;
    }
    const figures = (values: number[]) =>
      `min ${ms(Math.min(...values))} / median ${ms(median(values))} / max ${ms(Math.max(...values))} ms`;
    log(`\nstart to in sync, ${ROUNDS} rounds, ${usedMiB} MiB, writer on:`);
    log(`  plain REPLICAOF: ${figures(plain)}`);
    log(`  product:         ${figures(product)}`);
    log(`  ratio of medians: ${(median(product) / median(plain)).toFixed(2)}x (goal <= 1.2x)`);

    // INFO commands at the source: 1 subscriber, then 1 + SUBSCRIBERS.
    const infoCalls = async () =>
      Number(/cmdstat_info:calls=(\d+)/.exec(await sourceClient.info('commandstats'))?.[1] ?? 0);
    const infoOver = async (window: number) => {
      const before = await infoCalls();
      await sleep(window);
      return (await infoCalls()) - before - 1;
    };
    const streams: CountedStream[] = [];
    try {
      streams.push(await openStream(url, SUBSCRIPTION, { id: lastGroup }, gatewayFetch));
      await sleep(2 * INTERVAL_MS);
      const alone = await infoOver(10 * INTERVAL_MS);
      for (let index = 0; index < SUBSCRIBERS; index++)
        streams.push(await openStream(url, SUBSCRIPTION, { id: lastGroup }, gatewayFetch));
      await sleep(2 * INTERVAL_MS);
      const pushedBefore = streams.reduce((sum, stream) => sum + stream.pushes, 0);
      const together = await infoOver(10 * INTERVAL_MS);
      const pushes = streams.reduce((sum, stream) => sum + stream.pushes, 0) - pushedBefore;
      log(`\nINFO commands at the source over 10 intervals (${INTERVAL_MS} ms), 1 source shard:`);
      log(`  1 subscriber: ${alone}; ${SUBSCRIBERS + 1} subscribers: ${together} (goal: equal, <= 1 per interval)`);
      log(`  pushes delivered meanwhile: ${pushes} (${(pushes / (SUBSCRIBERS + 1)).toFixed(1)} per subscriber)`);
    } finally {
      for (const stream of streams) stream.close();
    }

    // bytesBehind as the gateway reports it, against both engines' offsets read right after.
    const target = (await read(lastGroup)).nodeGroups[0]?.primaryEndpoint;
    const targetClient = new Redis({ host: target?.address, port: target?.port });
    try {
      const samples: { reported: number; truth: number; sourceMoved: number }[] = [];
      for (let sample = 0; sample < 20; sample++) {
        const shard = (await read(lastGroup)).migration.progress?.shards[0];
        const sourceOffset = Number((await replication(sourceClient)).get('master_repl_offset'));
        const targetOffset = Number((await replication(targetClient)).get('slave_repl_offset'));
        samples.push({
          reported: shard?.bytesBehind ?? Number.NaN,
          truth: Math.max(0, sourceOffset - targetOffset),
          sourceMoved: sourceOffset - (shard?.sourceOffset ?? 0),
        });
        await sleep(250);
      }
      const of = (pick: (sample: (typeof samples)[number]) => number) => samples.map(pick);
      const errors = samples.map((sample) => Math.abs(sample.reported - sample.truth));
      log(`\nbytesBehind, 20 reads 250 ms apart, writer at ${WRITES_PER_SECOND}/s:`);
      log(`  reported: median ${median(of((s) => s.reported))}, max ${Math.max(...of((s) => s.reported))} bytes`);
      log(
        `  engines, read right after: median ${median(of((s) => s.truth))}, max ${Math.max(...of((s) => s.truth))} bytes`,
      );
      log(`  |reported - engines|: median ${median(errors)}, max ${Math.max(...errors)} bytes`);
      log(
        `  source offset moved between the gateway's read and ours: median ${median(of((s) => s.sourceMoved))} bytes`,
      );

      const wrote = writer.stop();
      log(`\nwriter: ${wrote.written} writes, ${wrote.perSecond}/s`);
      const cutoverStarted = performance.now();
      for (;;) {
        if ((await read(lastGroup)).migration.progress?.readyToComplete) break;
        if (performance.now() - cutoverStarted > 60_000) throw new Error('never ready to complete');
        await sleep(100);
      }
      const readyAfter = performance.now() - cutoverStarted;
      const completed = await query<{ completeMigration: { __typename: string } }>(COMPLETE, { id: lastGroup });
      await endpoint.settled();
      const status = (await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: lastGroup })))
        .ReplicationGroups?.[0]?.Status;
      const [sourceDigest, targetDigest] = await Promise.all([
        sourceClient.call('DEBUG', 'DIGEST'),
        targetClient.call('DEBUG', 'DIGEST'),
      ]);
      const role = parseInfo(await targetClient.info('replication')).get('role');
      log(
        `\nguarded completeMigration (writer stopped): ready after ${ms(readyAfter)} ms, ${completed.completeMigration.__typename}, group ${status}, target ${role}`,
      );
      log(`  DEBUG DIGEST source ${String(sourceDigest)}`);
      log(`  DEBUG DIGEST target ${String(targetDigest)} (${sourceDigest === targetDigest ? 'equal' : 'DIFFERENT'})`);
      log(`  keys: source ${await sourceClient.dbsize()}, target ${await targetClient.dbsize()}`);

      // Verification after the clean cutover, then after 100 keys changed on the target.
      const verifyOnce = async () => {
        const before = await commandCalls(sourceClient);
        const started = performance.now();
        const answer = await query<{ migrationVerification: Verified }>(VERIFY, {
          input: {
            replicationGroupId: lastGroup,
            source: { address: '127.0.0.1', port: source.port },
            sampleSize: VERIFY_SAMPLE,
            maxSourceCommandsPerSecond: VERIFY_RATE,
          },
        });
        const elapsed = performance.now() - started;
        // Our own INFO commandstats ran once before the verification started.
        const commands = (await commandCalls(sourceClient)) - before - 1;
        return { result: answer.migrationVerification, elapsed, commands };
      };
      const clean = await verifyOnce();
      log(`\nmigrationVerification, sample ${VERIFY_SAMPLE}, maxSourceCommandsPerSecond ${VERIFY_RATE}:`);
      const describeRun = ({ result, elapsed, commands }: Awaited<ReturnType<typeof verifyOnce>>) =>
        `${result.verdict}, ${result.keysSampled} keys in ${ms(elapsed)} ms (${Math.round(result.keysSampled / (elapsed / 1_000))} keys/s); ` +
        `the source served ${commands} commands (${Math.round(commands / (elapsed / 1_000))}/s, bound ${VERIFY_RATE}/s)`;
      log(`  after the cutover: ${describeRun(clean)}`);
      const changed = Array.from({ length: 100 }, (_, index) => `key:${index * Math.floor(KEYS / 100)}`);
      for (const key of changed) await targetClient.set(key, 'changed on the target');
      const dirty = await verifyOnce();
      const expected = 100 * Math.min(1, VERIFY_SAMPLE / (await sourceClient.dbsize()));
      log(`  100 keys changed on the target: ${describeRun(dirty)}`);
      log(
        `    differences found: ${dirty.result.valueMismatches + dirty.result.typeMismatches} (a sample of ${dirty.result.keysSampled} keys of the source's ${await sourceClient.dbsize()} meets about ${expected.toFixed(0)} of the 100)`,
      );
    } finally {
      targetClient.disconnect();
    }
  } finally {
    sourceClient.disconnect();
    writerClient.disconnect();
    await runtime.close();
    sdk.destroy();
    await endpoint.close();
    await source.stop();
  }
}

await main();
