import {
  CreateReplicationGroupCommand,
  DescribeReplicationGroupsCommand,
  ElastiCacheClient,
} from '@aws-sdk/client-elasticache';
import { print } from 'graphql';
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import {
  ReplicationGroupLiveDocument,
  ReplicationGroupsDashboardDocument,
  ReplicationGroupsPageDocument,
} from '../examples/generated/graphql.js';
import { WINDOW_STEP_MS } from '../src/aws/events.js';
import { DOCUMENTED_CREDENTIALS } from '../src/local/index.js';
import type { Gateway } from '../src/server.js';
import {
  benchRuntime,
  countedUpstream,
  median,
  openStream,
  postQuery,
  sleep,
  startGatewayProcess,
  until,
  type CountedStream,
  type GatewayProcess,
  type Upstream,
} from './support.mjs';

/**
 * `npm run bench:reads` (part of `npm run bench`): what reads cost AWS. Between the gateway and
 * the local endpoint sits a counting proxy on loopback that adds BENCH_UPSTREAM_MS (20) to every
 * AWS call and counts calls and XML bytes; groups have 2 nodes. Regions are `--fleet` regions
 * (groups created 30 days ago, no recent events) unless a row says otherwise. Each row starts a
 * new gateway (an empty read cache) unless it measures the cache. The baselines are measured in
 * the same run: the direct SDK call through the same proxy, and one replica for the two-replica
 * rows (real gateway processes sharing the machine's Redis, or REDIS_URL). Prints figures and
 * ratios with the goals beside them; asserts nothing.
 */
const UPSTREAM_MS = Number(process.env.BENCH_UPSTREAM_MS ?? 20);
const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/0';
const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 1000);
const POLL_MS = 1_000;
// The local endpoints the bench starts accept the documented credentials.
const CREDENTIALS = DOCUMENTED_CREDENTIALS;

const DASHBOARD = print(ReplicationGroupsDashboardDocument);
const PAGE = print(ReplicationGroupsPageDocument);
const LIVE = print(ReplicationGroupLiveDocument);
// The dashboard with its cursors, to walk it.
const DASHBOARD_PAGES = DASHBOARD.replace(
  'query ReplicationGroupsDashboard($first: Int, $durationMinutes: Int)',
  'query DashboardPages($first: Int, $after: String, $durationMinutes: Int)',
)
  .replace('replicationGroups(first: $first)', 'replicationGroups(first: $first, after: $after)')
  .replace(/\n {2}\}\n\}\s*$/, '\n    pageInfo { hasNextPage endCursor }\n  }\n}\n');
const GROUP = '{ replicationGroup(replicationGroupId: "fleet-000") { replicationGroupId status } }';
const START_MIGRATION = `mutation ($id: String!) { startMigration(input: { replicationGroupId: $id, customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }`;

interface InProcess {
  gateway: Gateway;
  url: string;
  fetch: (url: string, init: RequestInit) => Promise<Response>;
  close(): Promise<void>;
}

async function gatewayOver(upstream: Upstream, readCacheTtlMs = 5_000): Promise<InProcess> {
  // Whole responses are not kept: these rows count the AWS calls behind each read.
  const runtime = await benchRuntime(
    { url: upstream.url, credentials: CREDENTIALS },
    {
      requestTimeoutMs: 30_000,
      readCacheTtlMs,
      responseCacheTtlMs: 0,
      subscriptionPollIntervalMs: POLL_MS,
      // Every screen is the one open caller (SUBSCRIPTIONS_PER_CALLER is 500 by default).
      subscriptionLimits: { perConnection: 100, perCaller: SUBSCRIBERS + 10 },
    },
  );
  return {
    gateway: runtime.gateway,
    url: 'http://bench/graphql',
    fetch: async (url, init) => runtime.gateway.fetch(url, init),
    close: () => runtime.close(),
  };
}

const rows: Record<string, string | number>[] = [];
function row(scenario: string, goal: string, figures: Record<string, string | number>) {
  rows.push({ scenario, goal, ...figures });
  process.stderr.write(`${scenario}: ${JSON.stringify(figures)} (goal: ${goal})\n`);
}

/** One cold dashboard (a new gateway each time): AWS calls, XML bytes, and the median latency of `runs`. */
async function coldDashboard(upstream: Upstream, runs: number) {
  const latencies: number[] = [];
  let calls = 0;
  let bytes = 0;
  for (let run = 0; run < runs; run++) {
    const served = await gatewayOver(upstream);
    upstream.reset();
    const started = performance.now();
    await postQuery(served.url, DASHBOARD, { first: 50 }, served.fetch);
    latencies.push(performance.now() - started);
    ({ calls, bytes } = upstream);
    await served.close();
  }
  return { awsCalls: calls, xmlKiB: Math.round(bytes / 1024), p50Ms: Math.round(median(latencies)) };
}

/** Every page of a listing, `first` at a time: calls and XML bytes of the whole walk. */
async function walk(upstream: Upstream, document: string, first: number) {
  const served = await gatewayOver(upstream);
  upstream.reset();
  let after: string | null = null;
  let pages = 0;
  for (;;) {
    const data = (await postQuery(served.url, document, { first, after }, served.fetch)) as {
      replicationGroups: { pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    };
    pages += 1;
    if (!data.replicationGroups.pageInfo.hasNextPage) break;
    after = data.replicationGroups.pageInfo.endCursor;
  }
  const figures = { pages, awsCalls: upstream.calls, xmlKiB: Math.round(upstream.bytes / 1024) };
  await served.close();
  return figures;
}

/**
 * `subscribers` live screens of one group, spread over `urls` (one per replica): AWS calls per
 * quiet interval, then per interval from a startMigration until every screen shows `migrating`.
 */
async function liveScreens(
  upstream: Upstream,
  urls: { url: string; fetch?: InProcess['fetch'] }[],
  groupId: string,
  subscribers: number,
) {
  const streams: CountedStream[] = [];
  try {
    for (let index = 0; index < subscribers; index += 50) {
      const batch = Array.from({ length: Math.min(50, subscribers - index) }, (_, offset) => {
        const target = urls[(index + offset) % urls.length]!;
        return openStream(target.url, LIVE, { replicationGroupId: groupId }, target.fetch);
      });
      streams.push(...(await Promise.all(batch)));
    }
    await until(() => streams.every((stream) => stream.pushes > 0), 30_000);
    await sleep(2 * POLL_MS);
    upstream.reset();
    const quietStart = performance.now();
    await sleep(5 * POLL_MS);
    const quietIntervals = (performance.now() - quietStart) / POLL_MS;
    const quiet = upstream.calls / quietIntervals;

    upstream.reset();
    const pushesBefore = streams.map((stream) => stream.pushes);
    const first = urls[0]!;
    const pushStart = performance.now();
    await postQuery(first.url, START_MIGRATION, { id: groupId }, first.fetch);
    const status = (stream: CountedStream) =>
      (stream.last?.data as { replicationGroupChanged?: { status?: string } } | undefined)?.replicationGroupChanged
        ?.status ?? '';
    const reached = await until(() => streams.every((stream) => status(stream) === 'migrating'), 30_000);
    const pushIntervals = Math.max(1, (performance.now() - pushStart) / POLL_MS);
    const pushes = Math.max(...streams.map((stream, index) => stream.pushes - (pushesBefore[index] ?? 0)));
    return {
      subscribers: streams.length,
      quietCallsPerInterval: quiet.toFixed(1),
      pushCallsPerInterval: (upstream.calls / pushIntervals).toFixed(1),
      pushCalls: upstream.calls,
      pushesEach: pushes,
      allSawMigrating: reached ? 'yes' : 'NO',
      // A screen whose last push is an error (TOO_MANY_SUBSCRIPTIONS, ...) never sees the change.
      erroredScreens: streams.filter((stream) => (stream.last as { errors?: unknown } | undefined)?.errors).length,
    };
  } finally {
    for (const stream of streams) stream.close();
  }
}

async function dropKeys(prefix: string) {
  const redis = new Redis(REDIS_URL);
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

/** Waits until an edge of the events window's step is `ms` away (`ms` < a step), and returns the edge's time. */
async function untilStepEdgeIn(ms: number): Promise<number> {
  let edge = Math.ceil(Date.now() / WINDOW_STEP_MS) * WINDOW_STEP_MS;
  if (edge - Date.now() < ms) edge += WINDOW_STEP_MS;
  await new Promise((resolve) => setTimeout(resolve, edge - ms - Date.now()));
  return edge;
}

/** `replicas` gateway processes over `upstream` sharing Redis under a fresh prefix (`env`: more settings). */
async function replicaSet(upstream: Upstream, replicas: number, env: Record<string, string> = {}) {
  const prefix = `elasticache-graphql-bench:${randomUUID().slice(0, 8)}:`;
  const processes: GatewayProcess[] = [];
  for (let index = 0; index < replicas; index++) {
    processes.push(
      await startGatewayProcess({
        env: {
          ELASTICACHE_ENDPOINT: upstream.url,
          AWS_ACCESS_KEY_ID: CREDENTIALS.accessKeyId,
          AWS_SECRET_ACCESS_KEY: CREDENTIALS.secretAccessKey,
          AUTH_DISABLED: 'true',
          REDIS_URL,
          REDIS_KEY_PREFIX: prefix,
          SUBSCRIPTION_POLL_INTERVAL_MS: String(POLL_MS),
          // Every screen is the one open caller: room for all of them on one replica.
          SUBSCRIPTIONS_PER_CALLER: String(SUBSCRIBERS + 10),
          ...env,
        },
        // As `npm start` runs it (npm run bench:reads builds first).
        compiledEntry: 'dist/gateway/index.js',
        keepLines: false,
      }),
    );
  }
  return {
    processes,
    async stop() {
      await Promise.all(processes.map((gateway) => gateway.stop()));
      await dropKeys(prefix);
    },
  };
}

// BENCH_ONLY=accounts: the rows of several accounts alone.
if (process.env.BENCH_ONLY === 'accounts') {
  await accountRows();
  console.table(rows);
  process.exit(0);
}
// BENCH_ONLY=replicas: the replica rows alone, BENCH_ROUNDS (3) times in a row: whether they hold every time.
if (process.env.BENCH_ONLY === 'replicas') {
  const upstream = await countedUpstream(UPSTREAM_MS, { fleet: 50, migration: { transitionMs: 1_500 } });
  try {
    for (let round = 0; round < Number(process.env.BENCH_ROUNDS ?? 3); round++) await replicaRows(upstream, round);
  } finally {
    await upstream.close();
  }
  console.table(rows);
  process.exit(0);
}

const small = await countedUpstream(UPSTREAM_MS, { fleet: 50, migration: { transitionMs: 1_500 } });
const large = await countedUpstream(UPSTREAM_MS, { fleet: 500, migration: { transitionMs: 1_500 } });
const busy = await countedUpstream(UPSTREAM_MS, { migration: { transitionMs: 1 } });
try {
  {
    // A region whose 500 groups were all created in the last hour: 1,000 recent events.
    const sdk = new ElastiCacheClient({ region: 'us-east-1', endpoint: busy.endpoint.url, credentials: CREDENTIALS });
    for (let index = 0; index < 500; index++) {
      await sdk.send(
        new CreateReplicationGroupCommand({
          ReplicationGroupId: `shop-${String(index).padStart(3, '0')}`,
          ReplicationGroupDescription: 'bench',
          NumCacheClusters: 2,
        }),
      );
    }
    sdk.destroy();
    await busy.endpoint.settled();
  }

  const dashboard50 = await coldDashboard(small, 5);
  row('dashboard first:50 (clusters, events), region of 50', '<= 3 calls', dashboard50);
  const dashboard500 = await coldDashboard(large, 5);
  row('the same page, region of 500', '<= 4 calls, p50 <= 1.5x', {
    ...dashboard500,
    p50VsRegionOf50: (dashboard500.p50Ms / Math.max(1, dashboard50.p50Ms)).toFixed(2),
  });
  const busy500 = await coldDashboard(busy, 3);
  row('the same page, 500 groups all created in the last hour', '(no goal: 1,000 events in the window)', busy500);
  row('walking the dashboard (first: 50) over 500 groups', '<= 40 calls', await walk(large, DASHBOARD_PAGES, 50));
  row('walking replicationGroups(first: 10) over 500 groups', '<= 3 MB XML', await walk(large, PAGE, 10));

  {
    const served = await gatewayOver(small);
    small.reset();
    await Promise.all(Array.from({ length: 100 }, () => postQuery(served.url, DASHBOARD, { first: 50 }, served.fetch)));
    row('100 concurrent identical dashboards, 50 groups', '<= 4 calls', { awsCalls: small.calls });
    await served.close();
  }
  {
    const served = await gatewayOver(small);
    small.reset();
    await Promise.all(Array.from({ length: 100 }, () => postQuery(served.url, GROUP, {}, served.fetch)));
    row('100 concurrent replicationGroup(replicationGroupId)', '1 call', { awsCalls: small.calls });
    await served.close();
  }
  {
    const served = await gatewayOver(small);
    row(
      `${SUBSCRIBERS} SSE subscribers on one group (status, migration, events, clusters)`,
      '<= 3 calls per interval',
      await liveScreens(small, [{ url: served.url, fetch: served.fetch }], 'fleet-001', SUBSCRIBERS),
    );
    await served.close();
  }

  await replicaRows(small);

  {
    // Latency of one group read: the SDK straight to the proxy, against the gateway with a warm cache.
    const sdk = new ElastiCacheClient({ region: 'us-east-1', endpoint: small.url, credentials: CREDENTIALS });
    const served = await gatewayOver(small, 60_000);
    const direct: number[] = [];
    const cached: number[] = [];
    await postQuery(served.url, GROUP, {}, served.fetch);
    for (let run = 0; run < 50; run++) {
      let started = performance.now();
      await sdk.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'fleet-000' }));
      direct.push(performance.now() - started);
      started = performance.now();
      await postQuery(served.url, GROUP, {}, served.fetch);
      cached.push(performance.now() - started);
    }
    row('cached replicationGroup(id) vs a direct SDK call', '<= 0.5x', {
      directP50Ms: median(direct).toFixed(1),
      gatewayP50Ms: median(cached).toFixed(1),
      ratio: (median(cached) / median(direct)).toFixed(2),
    });
    sdk.destroy();
    await served.close();
  }

  await accountRows();
} finally {
  await small.close();
  await large.close();
  await busy.close();
}
console.table(rows);

/**
 * Real gateway processes sharing Redis, one replica (the baseline) then two: 100 concurrent
 * dashboards spread over them, and SUBSCRIBERS live screens of one group (a fresh group each
 * time, so that a poll already under way for another row cannot serve it).
 */
async function replicaRows(upstream: Upstream, round = 0) {
  const label = round === 0 ? '' : ` (round ${round + 1})`;
  for (const replicas of [1, 2]) {
    const set = await replicaSet(upstream, replicas);
    try {
      const urls = set.processes.map((gateway) => gateway.graphqlUrl);
      upstream.reset();
      await Promise.all(
        Array.from({ length: 100 }, (_, index) => postQuery(urls[index % urls.length]!, DASHBOARD, { first: 50 })),
      );
      row(
        `${replicas} replica process(es), Redis: 100 concurrent dashboards${label}`,
        'the same as 1 replica; RSS <= 300 MiB',
        {
          awsCalls: upstream.calls,
          byOperation: JSON.stringify(upstream.actions),
          peakRssMiB: set.processes.map((gateway) => gateway.peakRssMiB()).join(' + '),
        },
      );
      row(
        `${replicas} replica process(es), Redis: ${SUBSCRIBERS} SSE subscribers on one group${label}`,
        'the same as 1 replica',
        await liveScreens(
          upstream,
          urls.map((url) => ({ url })),
          `fleet-${String(1 + replicas + 2 * round).padStart(3, '0')}`,
          SUBSCRIBERS,
        ),
      );
    } finally {
      await set.stop();
    }
    // The same 100 either side of an edge of the events window's step (src/aws/events.ts): the
    // second half asks of the next step what the first half's answer, still kept, holds. Whole
    // responses are not kept here, or the second half would never reach the reads.
    const uncached = await replicaSet(upstream, replicas, { RESPONSE_CACHE_TTL_MS: '0' });
    try {
      const urls = uncached.processes.map((gateway) => gateway.graphqlUrl);
      const half = () =>
        Promise.all(
          Array.from({ length: 50 }, (_, index) => postQuery(urls[index % urls.length]!, DASHBOARD, { first: 50 })),
        );
      const edge = await untilStepEdgeIn(2_000);
      upstream.reset();
      await half();
      const firstHalfEndedBeforeEdgeMs = edge - Date.now();
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, edge + 1 - Date.now())));
      await half();
      row(
        `${replicas} replica process(es), Redis, no response cache: 50 + 50 dashboards either side of a ${WINDOW_STEP_MS / 1000} s step edge${label}`,
        'the same as 1 replica (3 calls)',
        { awsCalls: upstream.calls, byOperation: JSON.stringify(upstream.actions), firstHalfEndedBeforeEdgeMs },
      );
    } finally {
      await uncached.stop();
    }
  }
}

/**
 * Several accounts (AWS_ACCOUNTS): 20 accounts x 3 regions of 50 groups each, every account's role
 * assumed through the proxy (the local endpoint's STS, on the same port), so the proxy counts
 * AssumeRole calls beside ElastiCache's.
 */
async function accountRows() {
  const regions = ['us-east-1', 'eu-west-1', 'ap-southeast-2'];
  const accountIds = Array.from({ length: 20 }, (_, index) => String(100_000_000_001 + index));
  const loadSeconds = Number(process.env.BENCH_ACCOUNTS_LOAD_S ?? 60);
  const upstream = await countedUpstream(UPSTREAM_MS, { fleet: 50, fleetRegions: regions, accounts: accountIds });
  const runtime = await benchRuntime(
    { url: upstream.url, credentials: CREDENTIALS },
    {
      regions,
      accounts: accountIds.map((accountId) => ({
        accountId,
        roleArn: `arn:aws:iam::${accountId}:role/elasticache-graphql`,
        regions,
        name: accountId,
      })),
      requestTimeoutMs: 30_000,
      readCacheTtlMs: 60_000,
      responseCacheTtlMs: 0,
    },
  );
  // The baseline: a gateway of one account over a region of the same 50 groups, the same proxy delay.
  const one = await countedUpstream(UPSTREAM_MS, { fleet: 50 });
  const single = await gatewayOver(one, 60_000);
  try {
    const fetch = async (url: string, init: RequestInit) => runtime.gateway.fetch(url, init);
    const walkAll = DASHBOARD_PAGES.replace(
      'query DashboardPages($first: Int, $after: String, $durationMinutes: Int)',
      'query DashboardPages($first: Int, $after: String, $durationMinutes: Int, $accounts: [String!], $regions: [String!])',
    ).replace(
      'replicationGroups(first: $first, after: $after)',
      'replicationGroups(first: $first, after: $after, accounts: $accounts, regions: $regions)',
    );
    upstream.reset();
    let after: string | null = null;
    let groups = 0;
    const started = performance.now();
    for (;;) {
      const data = (await postQuery(
        'http://bench/graphql',
        walkAll,
        { first: 50, after, accounts: accountIds, regions },
        fetch,
      )) as { replicationGroups: { edges: unknown[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } } };
      groups += data.replicationGroups.edges.length;
      if (!data.replicationGroups.pageInfo.hasNextPage) break;
      after = data.replicationGroups.pageInfo.endCursor;
    }
    const { AssumeRole: assumed = 0, ...elastiCache } = upstream.actions;
    const calls = Object.values(elastiCache).reduce((sum, count) => sum + count, 0);
    const locations = accountIds.length * regions.length;
    row(
      '20 accounts x 3 regions of 50 groups: the dashboard over all of them (first: 50)',
      '<= 3 calls per (account, region)',
      {
        groups,
        awsCalls: calls,
        callsPerLocation: (calls / locations).toFixed(2),
        assumeRoles: assumed,
        seconds: ((performance.now() - started) / 1000).toFixed(1),
      },
    );

    // Load: lookups spread over every account for BENCH_ACCOUNTS_LOAD_S (the 10 minutes: 600).
    upstream.reset();
    const deadline = Date.now() + loadSeconds * 1000;
    let requests = 0;
    await Promise.all(
      Array.from({ length: 10 }, async (_, worker) => {
        for (let index = worker; Date.now() < deadline; index += 10) {
          const accountId = accountIds[index % accountIds.length];
          const region = regions[index % regions.length];
          await postQuery(
            'http://bench/graphql',
            `{ replicationGroup(replicationGroupId: "fleet-0${String(index % 50).padStart(2, '0')}", account: "${accountId}", region: "${region}") { arn } }`,
            {},
            fetch,
          );
          requests += 1;
        }
      }),
    );
    row(
      `${loadSeconds} s of lookups over the 20 accounts`,
      'one AssumeRole per account per credential lifetime (1 h)',
      {
        requests,
        assumeRolesDuringLoad: upstream.actions.AssumeRole ?? 0,
        assumeRolesInAll: assumed + (upstream.actions.AssumeRole ?? 0),
        accounts: accountIds.length,
      },
    );

    // A cached lookup against one account of 20, and on a gateway of one account: alternated rounds.
    const lookupOf20 = `{ replicationGroup(replicationGroupId: "fleet-000", account: "${accountIds[7]}") { replicationGroupId status } }`;
    await postQuery('http://bench/graphql', lookupOf20, {}, fetch);
    await postQuery(single.url, GROUP, {}, single.fetch);
    const ofMany: number[] = [];
    const ofOne: number[] = [];
    for (let round = 0; round < 5; round++) {
      for (let run = 0; run < 100; run++) {
        let at = performance.now();
        await postQuery('http://bench/graphql', lookupOf20, {}, fetch);
        ofMany.push(performance.now() - at);
        at = performance.now();
        await postQuery(single.url, GROUP, {}, single.fetch);
        ofOne.push(performance.now() - at);
      }
    }
    row('cached replicationGroup(id) in one of 20 accounts vs a gateway of one account', 'p50 unchanged (~1.0x)', {
      oneAccountP50Ms: median(ofOne).toFixed(2),
      twentyAccountsP50Ms: median(ofMany).toFixed(2),
      ratio: (median(ofMany) / median(ofOne)).toFixed(2),
    });
  } finally {
    await single.close();
    await one.close();
    await runtime.close();
    await upstream.close();
  }
}
