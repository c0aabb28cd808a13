import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';
import { build } from 'esbuild';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { print } from 'graphql';
import { ReplicationGroupsDashboardDocument } from '../examples/generated/graphql.js';
import { DOCUMENTED_CREDENTIALS, startLocalEndpoint } from '../src/local/index.js';
import {
  median,
  openStream,
  postQuery,
  sleep,
  startGatewayProcess,
  until,
  type CountedStream,
  type GatewayProcess,
} from './support.mjs';

/**
 * `npm run bench:floor` (part of `npm run bench`): the gateway's own cost per request against
 * the floor of its parts, each a process on loopback, measured in the same run: graphql-yoga alone
 * with a one-field schema (bench/baselines/bare-yoga.mts) and the least yoga + SDK server that
 * answers `replicationGroup` (bench/baselines/yoga-sdk.mts). 10 connections (autocannon), A and B
 * alternated, 3 rounds after a warm-up; CPU per request is the server process's own (user +
 * system, /proc). Prints figures and the median ratio against each goal; asserts nothing: these
 * machines are shared and noisy.
 */
const ROUND_SECONDS = Number(process.env.BENCH_ROUND_SECONDS ?? 3);
const ROUNDS = 3;
/** Rounds of the rows measured once per fresh process (memory, start-up): cheap, and noisier than a load round. */
const FRESH_ROUNDS = 5;
const CONNECTIONS = 10;
const GROUPS = 200;
const root = new URL('../', import.meta.url).pathname;

interface Server {
  name: string;
  url: string;
  pid: number;
  stop(): Promise<unknown>;
}

/** The baselines, compiled once (esbuild, no bundling) so that neither side pays a transpiler. */
async function compiledBaseline(file: string): Promise<string> {
  // Inside node_modules: their imports resolve to the project's packages.
  const outdir = join(root, 'node_modules', '.cache', 'elasticache-graphql-bench');
  mkdirSync(outdir, { recursive: true });
  await build({
    entryPoints: [join(root, 'bench/baselines', file)],
    outdir,
    format: 'esm',
    platform: 'node',
    logLevel: 'silent',
  });
  return join(outdir, file.replace(/\.mts$/, '.js'));
}

async function startBaseline(name: string, entry: string, env: Record<string, string> = {}): Promise<Server> {
  const child = spawn(process.execPath, [entry], { env: { ...process.env, NODE_NO_WARNINGS: '1', ...env } });
  child.stderr?.resume();
  const url = await new Promise<string>((resolve, reject) => {
    void once(child, 'exit').then(([code]) => reject(new Error(`${name} exited with ${String(code)}`)));
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('listening ')) resolve(line.slice('listening '.length));
    });
  });
  return { name, url, pid: child.pid ?? 0, stop: () => stopChild(child) };
}

async function stopChild(child: ChildProcess) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  await once(child, 'exit');
}

function gatewayServer(name: string, started: GatewayProcess): Server {
  return { name, url: started.graphqlUrl, pid: started.pid, stop: () => started.stop() };
}

/** CPU seconds (user + system) the process has used so far. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  // utime and stime are fields 14 and 15 of the whole line, in clock ticks (100 a second here).
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Load {
  body: (index: number) => string;
  headers?: Record<string, string>;
}

interface RoundFigures {
  perSecond: number;
  cpuMsPerRequest: number;
}

async function round(server: Server, load: Load, seconds: number): Promise<RoundFigures> {
  let index = 0;
  const before = cpuSeconds(server.pid);
  const result = await autocannon({
    url: server.url,
    connections: CONNECTIONS,
    duration: seconds,
    requests: [
      {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...load.headers },
        setupRequest: (request) => ({ ...request, body: load.body(index++) }),
      },
    ],
  });
  const cpu = cpuSeconds(server.pid) - before;
  if (result.non2xx > 0 || result.errors > 0)
    throw new Error(`${server.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  return { perSecond: result.requests.average, cpuMsPerRequest: (cpu * 1_000) / result.requests.total };
}

const results: Record<string, unknown>[] = [];

/** A against B: a warm-up each, then ROUNDS alternated rounds; the median ratio against the goal. */
async function compare(
  row: string,
  goal: string,
  a: { server: Server; load: Load },
  b: { server: Server; load: Load },
  withCpu = false,
) {
  await round(a.server, a.load, 1);
  await round(b.server, b.load, 1);
  const figures: { a: RoundFigures[]; b: RoundFigures[] } = { a: [], b: [] };
  for (let index = 0; index < ROUNDS; index++) {
    figures.a.push(await round(a.server, a.load, ROUND_SECONDS));
    figures.b.push(await round(b.server, b.load, ROUND_SECONDS));
  }
  const ratios = figures.a.map((each, index) => each.perSecond / (figures.b[index]?.perSecond ?? 1));
  const cpuRatios = figures.a.map((each, index) => each.cpuMsPerRequest / (figures.b[index]?.cpuMsPerRequest ?? 1));
  const line = {
    row,
    goal,
    [`${a.server.name} req/s`]: median(figures.a.map((each) => each.perSecond)).toFixed(0),
    [`${b.server.name} req/s`]: median(figures.b.map((each) => each.perSecond)).toFixed(0),
    'throughput ratio (min/median/max)': spread(ratios),
    ...(withCpu
      ? {
          'CPU ms/request A, B': `${median(figures.a.map((each) => each.cpuMsPerRequest)).toFixed(3)}, ${median(figures.b.map((each) => each.cpuMsPerRequest)).toFixed(3)}`,
          'CPU ratio (min/median/max)': spread(cpuRatios),
        }
      : {}),
  };
  results.push(line);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

function spread(values: number[]): string {
  const sorted = [...values].sort((x, y) => x - y);
  return `${sorted[0]?.toFixed(2)} / ${median(sorted).toFixed(2)} / ${sorted.at(-1)?.toFixed(2)}`;
}

const TYPENAME: Load = { body: () => JSON.stringify({ query: '{ __typename }' }) };
const LOOKUP =
  'query ($id: String!) { replicationGroup(replicationGroupId: $id) { replicationGroupId status nodeGroups { nodeGroupMembers { cacheClusterId } } } }';
const groupOf = (index: number) => `fleet-${String(index % GROUPS).padStart(3, '0')}`;
const sameLookup: Load = { body: () => JSON.stringify({ query: LOOKUP, variables: { id: 'fleet-007' } }) };
const everyLookup: Load = { body: (index) => JSON.stringify({ query: LOOKUP, variables: { id: groupOf(index) } }) };

const DASHBOARD_PAGE: Load = {
  body: () => JSON.stringify({ query: print(ReplicationGroupsDashboardDocument), variables: { first: 50 } }),
};

/** Start to the first answer of `{ __typename }`: spawn to a 200, median of 3 alternated. */
async function startToFirstAnswer(name: string, start: () => Promise<Server>): Promise<number> {
  const begun = performance.now();
  const server = await start();
  try {
    // Bounded: a server that never answers 200 stops the bench rather than holding it.
    for (let attempt = 0; attempt < 500; attempt++) {
      const answer = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: TYPENAME.body(0),
      }).catch(() => null);
      if (answer?.ok) return performance.now() - begun;
      await sleep(10);
    }
    throw new Error(`${name} did not answer { __typename } within 5 s of listening`);
  } finally {
    await server.stop();
  }
}

/** FRESH_ROUNDS alternated measurements of A and B, each a fresh figure; the row with medians and ratios. */
async function alternated(
  row: string,
  goal: string,
  unit: string,
  a: { name: string; measure: () => Promise<number> },
  b: { name: string; measure: () => Promise<number> },
) {
  const figures = { a: [] as number[], b: [] as number[] };
  for (let index = 0; index < FRESH_ROUNDS; index++) {
    figures.a.push(await a.measure());
    figures.b.push(await b.measure());
  }
  const line = {
    row,
    goal,
    [`${a.name} ${unit}`]: median(figures.a).toFixed(1),
    [`${b.name} ${unit}`]: median(figures.b).toFixed(1),
    'ratio (min/median/max)': spread(figures.a.map((each, index) => each / (figures.b[index] ?? 1))),
  };
  results.push(line);
  process.stdout.write(`${JSON.stringify(line)}\n`);
}

const SUBSCRIBERS = Number(process.env.BENCH_SUBSCRIBERS ?? 2_000);

/** Resident memory of `server`, KiB (VmRSS). */
function rssKiB(pid: number): number {
  return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
}

/**
 * KiB of resident memory each of SUBSCRIBERS open streams costs a server, once each has its first
 * push: in a fresh process each time (one that has served load rounds holds garbage its collector
 * may or may not return while the streams open, which moved this figure from 0.5x to 2.8x), after
 * one stream has loaded the code streams run.
 */
async function memoryPerStream(
  start: () => Promise<Server>,
  document: string,
  variables: Record<string, unknown>,
): Promise<number> {
  const server = await start();
  const streams: CountedStream[] = [];
  try {
    streams.push(await openStream(server.url, document, variables));
    if (!(await until(() => (streams[0]?.pushes ?? 0) > 0, 10_000)))
      throw new Error(`${server.name}: the first stream had no push`);
    const before = rssKiB(server.pid);
    for (let index = 0; index < SUBSCRIBERS; index += 100) {
      const batch = Array.from({ length: Math.min(100, SUBSCRIBERS - index) }, () =>
        openStream(server.url, document, variables),
      );
      streams.push(...(await Promise.all(batch)));
    }
    if (!(await until(() => streams.every((stream) => stream.pushes > 0), 60_000)))
      throw new Error(`${server.name}: not every stream had its first push`);
    const errored = streams.filter((stream) => (stream.last as { errors?: unknown } | null)?.errors).length;
    if (errored > 0) throw new Error(`${server.name}: ${errored} streams were answered with errors`);
    return (rssKiB(server.pid) - before) / SUBSCRIBERS;
  } finally {
    for (const stream of streams) stream.close();
    await server.stop();
  }
}

const endpoint = await startLocalEndpoint({ seed: 'none', fleet: GROUPS, credentials: DOCUMENTED_CREDENTIALS });
const awsEnv = {
  ELASTICACHE_ENDPOINT: endpoint.url,
  AWS_ACCESS_KEY_ID: DOCUMENTED_CREDENTIALS.accessKeyId,
  AWS_SECRET_ACCESS_KEY: DOCUMENTED_CREDENTIALS.secretAccessKey,
  AWS_REGION: 'us-east-1',
};
// The gateway as `npm start` runs it in front of an endpoint URL: open (a router checks), its
// default plugins, caches and log level.
const gatewayEnv = {
  ...awsEnv,
  AUTH_DISABLED: 'true',
  // Every stream of the memory row is the one open caller: room for all of them.
  SUBSCRIPTIONS_PER_CALLER: String(SUBSCRIBERS + 10),
};
const servers: Server[] = [];
const startGateway = async (name: string, env: Record<string, string>) =>
  gatewayServer(name, await startGatewayProcess({ compiledEntry: 'dist/gateway/index.js', env, keepLines: false }));

try {
  const bareEntry = await compiledBaseline('bare-yoga.mts');
  const sdkEntry = await compiledBaseline('yoga-sdk.mts');
  const bare = await startBaseline('bare yoga', bareEntry);
  const yogaSdk = await startBaseline('yoga + SDK', sdkEntry, { ELASTICACHE_URL: endpoint.url, ...awsEnv });
  const gateway = await startGateway('gateway', gatewayEnv);
  const uncached = await startGateway('gateway, no caches', {
    ...gatewayEnv,
    READ_CACHE_TTL_MS: '0',
    RESPONSE_CACHE_TTL_MS: '0',
  });
  // The same baselines without yoga's body-limit stream: how much of the gateway's margin over
  // yoga's defaults is the way it bounds request bodies (rows without a goal).
  const bareUnbounded = await startBaseline('bare yoga, no body-limit stream', bareEntry, { YOGA_BODY_LIMIT: 'off' });
  const yogaSdkUnbounded = await startBaseline('yoga + SDK, no body-limit stream', sdkEntry, {
    ELASTICACHE_URL: endpoint.url,
    ...awsEnv,
    YOGA_BODY_LIMIT: 'off',
  });
  servers.push(bare, yogaSdk, bareUnbounded, yogaSdkUnbounded, gateway, uncached);
  // A warm-up read, so the first round does not pay for the endpoint's first answers.
  await postQuery(gateway.url, LOOKUP, { id: 'fleet-007' });

  process.stdout.write(`${CONNECTIONS} connections, ${ROUNDS} rounds of ${ROUND_SECONDS} s each side, alternated\n`);
  await compare(
    '{ __typename }: gateway vs bare yoga',
    'throughput >= 0.8x, CPU per request <= 1.25x',
    { server: gateway, load: TYPENAME },
    { server: bare, load: TYPENAME },
    true,
  );
  await compare(
    'cached replicationGroup(id) vs bare yoga { __typename }',
    'throughput >= 0.7x',
    { server: gateway, load: sameLookup },
    { server: bare, load: TYPENAME },
  );
  await compare(
    `uncached replicationGroup(id), a different group each request (of ${GROUPS}), vs yoga + SDK`,
    'throughput >= 0.85x',
    { server: uncached, load: everyLookup },
    { server: yogaSdk, load: everyLookup },
    true,
  );

  await compare(
    '{ __typename }: gateway vs bare yoga without its body-limit stream (maxRequestBodySize: false)',
    '(no goal: where the margin over yoga comes from)',
    { server: gateway, load: TYPENAME },
    { server: bareUnbounded, load: TYPENAME },
    true,
  );
  await compare(
    `uncached replicationGroup(id) vs yoga + SDK without its body-limit stream`,
    '(no goal)',
    { server: uncached, load: everyLookup },
    { server: yogaSdkUnbounded, load: everyLookup },
    true,
  );

  // Compiled execution (graphql-jit) against graphql-js: the dashboard executed on every request
  // (response cache off, read cache on), the same gateway otherwise.
  const executing = { ...gatewayEnv, RESPONSE_CACHE_TTL_MS: '0' };
  const compiled = await startGateway('gateway, compiled', executing);
  const interpreted = await startGateway('gateway, graphql-js', { ...executing, GRAPHQL_COMPILED_EXECUTION: 'false' });
  servers.push(compiled, interpreted);
  await compare(
    'dashboard (50 groups, clusters, events) executed from the read cache: compiled vs graphql-js',
    'faster (no goal of its own)',
    { server: compiled, load: DASHBOARD_PAGE },
    { server: interpreted, load: DASHBOARD_PAGE },
    true,
  );

  // Auth on: ES256 tokens checked against a JWKS file; the same token on every request.
  const { publicKey, privateKey } = await generateKeyPair('ES256');
  const jwks = join(tmpdir(), `bench-floor-jwks-${process.pid}.json`);
  writeFileSync(jwks, JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: 'bench', alg: 'ES256' }] }));
  const token = await new SignJWT({ scope: 'elasticache:read' })
    .setProtectedHeader({ alg: 'ES256', kid: 'bench' })
    .setIssuer('https://idp.bench/')
    .setAudience('elasticache-graphql')
    .setSubject('bench')
    .setExpirationTime('1h')
    .sign(privateKey);
  const authenticated = await startGateway('gateway, auth on', {
    ...awsEnv,
    AUTH_JWKS_FILE: jwks,
    AUTH_ISSUER: 'https://idp.bench/',
    AUTH_AUDIENCE: 'elasticache-graphql',
  });
  servers.push(authenticated);
  await compare(
    '{ __typename }: auth on (ES256) vs auth off',
    'throughput >= 0.95x',
    { server: authenticated, load: { ...TYPENAME, headers: { authorization: `Bearer ${token}` } } },
    { server: gateway, load: TYPENAME },
    true,
  );

  // Memory per open SSE subscription: SUBSCRIBERS streams of one group (the gateway's
  // replicationGroupChanged, one poller for all) against as many bare yoga streams; each side's
  // growth of resident memory from before the streams to when every stream has its first push,
  // each round in fresh processes.
  await alternated(
    `${SUBSCRIBERS} SSE subscribers, resident memory per stream: gateway vs bare yoga`,
    '<= 1.1x',
    'KiB',
    {
      name: 'gateway',
      measure: () =>
        memoryPerStream(
          () => startGateway('gateway', gatewayEnv),
          'subscription ($id: String!) { replicationGroupChanged(replicationGroupId: $id) { replicationGroupId status } }',
          { id: 'fleet-009' },
        ),
    },
    {
      name: 'bare yoga',
      measure: () => memoryPerStream(() => startBaseline('bare yoga', bareEntry), 'subscription { status }', {}),
    },
  );

  // Start to first answer: each side a fresh process, alternated.
  await alternated(
    'start to first answer: gateway (dist, in front of an endpoint URL) vs bare yoga',
    '<= 1.5x',
    'ms',
    { name: 'gateway', measure: () => startToFirstAnswer('gateway', () => startGateway('gateway', gatewayEnv)) },
    { name: 'bare yoga', measure: () => startToFirstAnswer('bare yoga', () => startBaseline('bare yoga', bareEntry)) },
  );
  console.table(results);
} finally {
  await Promise.all(servers.map((server) => server.stop()));
  await endpoint.close();
}
