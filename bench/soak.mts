/**
 * `npm run soak`: the compiled gateway as a process, in front of a local ElastiCache endpoint
 * this script owns (so it can inject faults, kill it and bring it back), all on loopback.
 *
 *   (a) SOAK_HOSTILE (10,000) generated hostile requests: no crash, no 5xx, no stack or path in a body
 *   (b) 30% of AWS calls throttled: how many reads still succeed (retries and the read cache)
 *   (c) the endpoint killed under load: every answer within the timeout, as UPSTREAM_UNAVAILABLE
 *       or from the cache; how soon reads and a subscription recover once it is back
 *   (d) a black-hole upstream (accepts, never answers): how long requests take against
 *       ELASTICACHE_TIMEOUT_MS
 *   (e) SOAK_MINUTES (10) of mixed load: RSS under load and open descriptors at rest, after warm-up
 *   then SIGTERM under load: only 503s (or refused connections) while it drains, exit code 0.
 *
 * SOAK_NODE_OPTIONS is passed to the gateway process as NODE_OPTIONS (e.g. a heap bound).
 *
 * A benchmark, not a test: it prints each figure against its goal and exits 1 when one is missed.
 */
import { createServer as createTcpServer, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { DOCUMENTED_CREDENTIALS, startLocalEndpoint, type LocalEndpoint } from '../src/local/index.js';
import { hostileRequests, seededRandom, type HostileRequest } from './hostile-requests.mjs';
import { openStream, sleep, startGatewayProcess, type GatewayProcess } from './support.mjs';

const HOSTILE_COUNT = Number(process.env.SOAK_HOSTILE ?? 10_000);
const SOAK_MINUTES = Number(process.env.SOAK_MINUTES ?? 10);
const POLL_INTERVAL_MS = 1_000;
const TIMEOUT_MS = 2_000;
const BLACK_HOLE_TIMEOUT_MS = 1_000;
const MAX_ATTEMPTS = Number(process.env.SOAK_MAX_ATTEMPTS ?? 3);
const LOOPBACK_ONLY = '127.0.0.0/8,::1/128';
// Groups beyond the demo ones (fleet-000, ...): reads of many distinct groups reach AWS, not only the cache.
const FLEET = 300;
const fleetGroup = (index: number) => `fleet-${String(index % FLEET).padStart(3, '0')}`;

interface Answer {
  status: number;
  body: string;
  ms: number;
  /** A network error instead of an HTTP answer (refused, reset). */
  networkError?: string;
}

// A stack frame, a file path or a module path in a body means something leaked.
const LEAK =
  /\n\s+at |\bat [\w$.<>]+ \(|"stack"|node_modules|node:internal|file:\/\/|\/work\/|\/src\/|\/dist\/|\.[cm]?[jt]s:\d+/;

const results: { goal: string; figure: string; met: boolean }[] = [];
function report(goal: string, figure: string, met: boolean): void {
  results.push({ goal, figure, met });
  console.log(`${met ? 'MET   ' : 'MISSED'} ${goal}: ${figure}`);
}

async function send(url: string, request: HostileRequest, timeoutMs = 30_000): Promise<Answer> {
  const started = performance.now();
  try {
    const response = await fetch(`${url}${request.search ?? ''}`, {
      method: request.method,
      headers: request.headers,
      ...(request.body === undefined ? {} : { body: request.body }),
      signal: AbortSignal.timeout(timeoutMs),
    });
    const body = await response.text();
    return { status: response.status, body, ms: performance.now() - started };
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    return { status: 0, body: '', ms: performance.now() - started, networkError: cause };
  }
}

const post = (url: string, query: string, variables: Record<string, unknown> = {}) =>
  send(url, {
    kind: 'read',
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query, variables }),
  });

/** The `extensions.code` of each error in a GraphQL answer ([] when none). */
function errorCodes(answer: Answer): string[] {
  try {
    const parsed = JSON.parse(answer.body) as { errors?: { extensions?: { code?: string } }[] };
    return (parsed.errors ?? []).map((error) => error.extensions?.code ?? 'NONE');
  } catch {
    return ['UNPARSABLE'];
  }
}

/** Runs `concurrency` workers, each awaiting what `next` hands it, until `next` says stop (null). */
async function pool(concurrency: number, next: () => Promise<void> | null): Promise<void> {
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      for (let item = next(); item; item = next()) await item;
    }),
  );
}

const READS = [
  '{ replicationGroup(replicationGroupId: "orders-cache") { status memberClusters } }',
  '{ replicationGroup(replicationGroupId: "sessions-valkey") { status cacheClusters { cacheClusterId cacheNodeType } } }',
  'query Dashboard { replicationGroups(first: 10) { edges { node { replicationGroupId status migration { phase } events { message } } } } }',
  '{ replicationGroups(first: 3) { edges { cursor node { arn nodeGroups { nodeGroupId } } } pageInfo { hasNextPage endCursor } } }',
];

/** The sum of a metric's samples at GET /metrics (every label set). */
async function metricSum(graphqlUrl: string, name: string): Promise<number> {
  const text = await (await fetch(new URL('/metrics', graphqlUrl))).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0);
}

const median = (values: number[]) => percentile(values, 50);

async function main(): Promise<void> {
  let endpoint: LocalEndpoint = await startLocalEndpoint({
    seed: 'demo',
    fleet: FLEET,
    migration: { allowlist: LOOPBACK_ONLY.split(',') },
  });
  const endpointPort = Number(new URL(endpoint.url).port);
  const errorLines: string[] = [];
  const gateway: GatewayProcess = await startGatewayProcess({
    env: {
      ELASTICACHE_ENDPOINT: endpoint.url,
      AWS_ACCESS_KEY_ID: DOCUMENTED_CREDENTIALS.accessKeyId,
      AWS_SECRET_ACCESS_KEY: DOCUMENTED_CREDENTIALS.secretAccessKey,
      AUTH_DISABLED: 'true',
      ELASTICACHE_TIMEOUT_MS: String(TIMEOUT_MS),
      ELASTICACHE_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      SUBSCRIPTION_POLL_INTERVAL_MS: String(POLL_INTERVAL_MS),
      PREFLIGHT_ALLOWED_NETWORKS: LOOPBACK_ONLY,
      PREFLIGHT_TIMEOUT_MS: '1000',
      SHUTDOWN_TIMEOUT_MS: '5000',
      // e.g. --max-old-space-size=256: how far the heap is live data, how far V8's lazy growth.
      NODE_OPTIONS: process.env.SOAK_NODE_OPTIONS ?? '',
    },
    compiledEntry: 'dist/gateway/index.js',
    keepLines: false,
    onLine: (line) => {
      if (/"level":"(error|fatal)"/.test(line) && !/"message":"ElastiCache call failed/.test(line))
        errorLines.push(line.slice(0, 400));
    },
  });
  let crashed = false;
  void gateway.exited.then(() => (crashed = true));
  const url = gateway.graphqlUrl;
  console.log(`Gateway pid ${gateway.pid} at ${url}; local endpoint ${endpoint.url}; Node ${process.version}`);

  // (a) Hostile requests.
  {
    const next = hostileRequests(20_261_202);
    const statuses = new Map<number, number>();
    const kinds = new Map<string, number>();
    let leaks = 0;
    let fiveHundreds = 0;
    let internal = 0;
    let sent = 0;
    let firstLeak = '';
    const started = performance.now();
    await pool(16, () => {
      if (sent >= HOSTILE_COUNT) return null;
      sent += 1;
      const request = next();
      kinds.set(request.kind, (kinds.get(request.kind) ?? 0) + 1);
      return send(url, request).then((answer) => {
        statuses.set(answer.status, (statuses.get(answer.status) ?? 0) + 1);
        if (answer.status >= 500) fiveHundreds += 1;
        if (LEAK.test(answer.body)) {
          leaks += 1;
          firstLeak ||= `${request.kind}: ${answer.body.slice(0, 300)}`;
        }
        if (answer.body.includes('INTERNAL_SERVER_ERROR')) internal += 1;
      });
    });
    const seconds = (performance.now() - started) / 1000;
    console.log(
      `(a) ${sent} hostile requests in ${seconds.toFixed(1)} s; kinds ${JSON.stringify(Object.fromEntries(kinds))}; statuses ${JSON.stringify(Object.fromEntries([...statuses].sort()))}`,
    );
    report(
      '(a) gateway process alive after the hostile requests (0 crashes)',
      crashed ? 'crashed' : `pid ${gateway.pid} alive`,
      !crashed,
    );
    report('(a) 5xx answers (0)', String(fiveHundreds), fiveHundreds === 0);
    report(
      '(a) bodies with a stack or a path (0)',
      `${leaks}${firstLeak ? ` (first: ${firstLeak})` : ''}`,
      leaks === 0,
    );
    report(
      '(a) INTERNAL_SERVER_ERROR answers, unexpected errors logged (0)',
      `${internal}, ${errorLines.length}${errorLines[0] ? ` (first: ${errorLines[0]})` : ''}`,
      internal === 0 && errorLines.length === 0,
    );
    report('(a) network errors: requests the gateway dropped (0)', String(statuses.get(0) ?? 0), !statuses.get(0));
    console.log(`    gateway RSS after (a): ${gateway.rssMiB()} MiB (peak ${gateway.peakRssMiB()} MiB)`);
  }

  // (b) 30% of AWS calls throttled.
  {
    const random = seededRandom(3);
    const rule = endpoint.faults.inject({ kind: 'throttling', probability: 0.3 });
    const total = 2_000;
    let sent = 0;
    let ok = 0;
    const codes = new Map<string, number>();
    const callsBefore = await metricSum(url, 'elasticache_aws_call_duration_seconds_count');
    const retriesBefore = await metricSum(url, 'elasticache_aws_call_retries_total');
    await pool(8, () => {
      if (sent >= total) return null;
      sent += 1;
      // Half dashboard reads (mostly from the cache), half reads of one of 300 groups (mostly calls).
      const query =
        sent % 2 === 0
          ? (READS[(sent / 2) % READS.length] ?? '')
          : `{ replicationGroup(replicationGroupId: "${fleetGroup(Math.floor(random() * FLEET))}") { status memberClusters } }`;
      return post(url, query).then((answer) => {
        const found = errorCodes(answer);
        if (answer.status === 200 && found.length === 0) ok += 1;
        for (const code of found) codes.set(code, (codes.get(code) ?? 0) + 1);
      });
    });
    endpoint.faults.remove(rule);
    const awsCalls = (await metricSum(url, 'elasticache_aws_call_duration_seconds_count')) - callsBefore;
    const retries = (await metricSum(url, 'elasticache_aws_call_retries_total')) - retriesBefore;
    report(
      '(b) reads that succeed with 30% of AWS calls throttled (>= 99%)',
      `${((ok / total) * 100).toFixed(2)}% of ${total} (${awsCalls} AWS calls, ${retries} retries; errors ${JSON.stringify(Object.fromEntries(codes))})`,
      ok / total >= 0.99,
    );
  }

  // (c) The endpoint killed under load, then back on the same port.
  {
    const stream = await openStream(
      url,
      'subscription { replicationGroupEvents(replicationGroupId: "orders-cache") { message } }',
      {},
    );
    await sleep(1_500);
    let running = true;
    const answers: (Answer & { sentAt: number })[] = [];
    const random = seededRandom(7);
    const load = pool(8, () =>
      running
        ? (() => {
            const sentAt = performance.now();
            // A read of its own (past the read cache) half of the time: it must reach the endpoint.
            const query =
              random() < 0.5
                ? (READS[Math.floor(random() * READS.length)] ?? '')
                : `{ replicationGroup(replicationGroupId: "absent-${Math.floor(random() * 1e9)}") { status } }`;
            return post(url, query).then((answer) => void answers.push({ ...answer, sentAt }));
          })()
        : null,
    );
    await sleep(1_000);
    const killedAt = performance.now();
    await endpoint.close();
    await sleep(3_000);
    endpoint = await startLocalEndpoint({
      port: endpointPort,
      seed: 'demo',
      fleet: FLEET,
      migration: { allowlist: LOOPBACK_ONLY.split(',') },
    });
    const backAt = performance.now();
    await sleep(3_000);
    running = false;
    await load;

    const during = answers.filter((answer) => answer.sentAt >= killedAt && answer.sentAt + answer.ms <= backAt);
    const badDuring = during.filter((answer) => {
      const codes = errorCodes(answer);
      return answer.status !== 200 || codes.some((code) => code !== 'UPSTREAM_UNAVAILABLE') || answer.ms > TIMEOUT_MS;
    });
    const unavailable = during.filter((answer) => errorCodes(answer).includes('UPSTREAM_UNAVAILABLE')).length;
    report(
      `(c) answers while the endpoint is down: UPSTREAM_UNAVAILABLE or from the cache, each within ELASTICACHE_TIMEOUT_MS = ${TIMEOUT_MS} ms`,
      `${during.length} answers (${unavailable} UPSTREAM_UNAVAILABLE), ${badDuring.length} otherwise; p50 ${median(during.map((answer) => answer.ms))} ms, max ${percentile(
        during.map((answer) => answer.ms),
        100,
      )} ms`,
      badDuring.length === 0 && unavailable > 0,
    );
    const failedAfter = answers.filter((answer) => answer.sentAt >= backAt && errorCodes(answer).length > 0);
    const lastFailure = Math.max(backAt, ...failedAfter.map((answer) => answer.sentAt + answer.ms));
    const recoveredMs = Math.round(lastFailure - backAt);
    report(
      `(c) reads recovered after the endpoint is back (within one poll interval, ${POLL_INTERVAL_MS} ms)`,
      `${recoveredMs} ms (${failedAfter.length} failed after it returned, of ${answers.filter((answer) => answer.sentAt >= backAt).length})`,
      recoveredMs <= POLL_INTERVAL_MS,
    );
    // The subscription outlived the outage: a change made now is pushed within one poll interval.
    const before = stream.pushes;
    const changedAt = performance.now();
    const test = await post(
      url,
      'mutation { testMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }',
    );
    let pushedMs = -1;
    for (let waited = 0; waited < 5_000 && pushedMs < 0; waited += 20) {
      if (stream.pushes > before) pushedMs = Math.round(performance.now() - changedAt);
      else await sleep(20);
    }
    stream.close();
    report(
      `(c) subscription open through the outage pushes a change within one poll interval (${POLL_INTERVAL_MS} ms) plus the poll's own call`,
      `${pushedMs < 0 ? 'no push in 5 s' : `${pushedMs} ms`} (testMigration: ${JSON.parse(test.body || '{}').data?.testMigration?.__typename ?? test.body.slice(0, 100)})`,
      pushedMs >= 0 && pushedMs <= POLL_INTERVAL_MS + 250,
    );
  }

  // (d) A black-hole upstream: accepts connections, never answers.
  {
    const held: Socket[] = [];
    const hole = createTcpServer((socket) => {
      held.push(socket);
      socket.on('error', () => undefined);
    });
    await new Promise<void>((resolve) => hole.listen(0, '127.0.0.1', resolve));
    const holeGateway = await startGatewayProcess({
      env: {
        ELASTICACHE_ENDPOINT: `http://127.0.0.1:${(hole.address() as AddressInfo).port}`,
        AWS_ACCESS_KEY_ID: DOCUMENTED_CREDENTIALS.accessKeyId,
        AWS_SECRET_ACCESS_KEY: DOCUMENTED_CREDENTIALS.secretAccessKey,
        AUTH_DISABLED: 'true',
        ELASTICACHE_TIMEOUT_MS: String(BLACK_HOLE_TIMEOUT_MS),
        ELASTICACHE_MAX_ATTEMPTS: String(MAX_ATTEMPTS),
      },
      compiledEntry: 'dist/gateway/index.js',
      keepLines: false,
    });
    const answers = await Promise.all(
      Array.from({ length: 40 }, (_, index) =>
        post(holeGateway.graphqlUrl, `{ replicationGroup(replicationGroupId: "group-${index}") { status } }`),
      ),
    );
    await holeGateway.stop();
    for (const socket of held) socket.destroy();
    await new Promise((resolve) => hole.close(resolve));
    const bound = MAX_ATTEMPTS * BLACK_HOLE_TIMEOUT_MS + 1_000;
    const codes = new Set(answers.flatMap(errorCodes));
    const slowest = percentile(
      answers.map((answer) => answer.ms),
      100,
    );
    report(
      `(d) black-hole upstream: 40 requests end as UPSTREAM_UNAVAILABLE within attempts x ELASTICACHE_TIMEOUT_MS (${MAX_ATTEMPTS} x ${BLACK_HOLE_TIMEOUT_MS} ms) + 1 s of back-off`,
      `codes ${[...codes].join(', ')}; p50 ${median(answers.map((answer) => answer.ms))} ms, max ${slowest} ms`,
      codes.size === 1 && codes.has('UPSTREAM_UNAVAILABLE') && slowest <= bound,
    );
  }

  // (e) Mixed load for SOAK_MINUTES: reads, migrations, preflights, subscriptions, hostile requests.
  {
    const durationMs = SOAK_MINUTES * 60_000;
    const warmUpMs = Math.min(120_000, durationMs / 5);
    const samples: { atMs: number; rssMiB: number; fds: number }[] = [];
    const random = seededRandom(11);
    const hostile = hostileRequests(99);
    let requests = 0;
    let fiveHundreds = 0;
    let streams = 0;
    const started = performance.now();
    const elapsed = () => performance.now() - started;
    const sampler = setInterval(
      () => samples.push({ atMs: elapsed(), rssMiB: gateway.rssMiB(), fds: gateway.openFds() }),
      5_000,
    );
    const oneOf = async (): Promise<void> => {
      requests += 1;
      const roll = random();
      let answer: Answer;
      if (roll < 0.6) answer = await post(url, READS[Math.floor(random() * READS.length)] ?? '');
      else if (roll < 0.7) answer = await send(url, hostile());
      else if (roll < 0.78)
        answer = await post(
          url,
          'mutation { testMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }',
        );
      else if (roll < 0.85)
        answer = await post(
          url,
          'query { migrationPreflight(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }',
        );
      else if (roll < 0.93) {
        streams += 1;
        const stream = await openStream(
          url,
          'subscription { replicationGroupChanged(replicationGroupId: "sessions-valkey") { status } }',
          {},
        );
        await sleep(200 + random() * 2_000);
        stream.close();
        return;
      } else
        answer = await send(url, { kind: 'probe', method: 'GET', search: '', headers: {} }).then(() =>
          send(url.replace('/graphql', random() < 0.5 ? '/metrics' : '/readiness'), {
            kind: 'probe',
            method: 'GET',
            headers: {},
          }),
        );
      if (answer.status >= 500) fiveHundreds += 1;
    };
    // Open descriptors are counted at quiet moments: no request in flight, and long enough after
    // the last one (7 s) for idle keep-alive sockets on both sides to have closed (5 s timeouts).
    let paused = false;
    let inFlight = 0;
    const quietSample = async () => {
      paused = true;
      while (inFlight > 0) await sleep(50);
      await sleep(7_000);
      const sample = { rssMiB: gateway.rssMiB(), fds: gateway.openFds() };
      paused = false;
      return sample;
    };
    const work = pool(6, () =>
      elapsed() < durationMs
        ? (async () => {
            while (paused) await sleep(50);
            inFlight += 1;
            try {
              await oneOf();
            } finally {
              inFlight -= 1;
            }
          })()
        : null,
    );
    await sleep(warmUpMs);
    const quietAfterWarmUp = await quietSample();
    await work;
    clearInterval(sampler);
    const quietAtEnd = await quietSample();
    const settled = samples.filter((sample) => sample.atMs >= warmUpMs);
    const firstMinute = settled.filter((sample) => sample.atMs < warmUpMs + 60_000);
    const lastMinute = settled.filter((sample) => sample.atMs >= durationMs - 60_000);
    const rssStart = median(firstMinute.map((sample) => sample.rssMiB));
    const rssEnd = median(lastMinute.map((sample) => sample.rssMiB));
    console.log(
      `(e) ${requests} requests and ${streams} subscriptions in ${SOAK_MINUTES} min on 6 workers; RSS by minute (MiB): ${samples
        .filter((_, index) => index % 12 === 11)
        .map((sample) => sample.rssMiB)
        .join(', ')}; open descriptors by minute: ${samples
        .filter((_, index) => index % 12 === 11)
        .map((sample) => sample.fds)
        .join(', ')}`,
    );
    const growth = rssStart > 0 ? (rssEnd - rssStart) / rssStart : 1;
    report(
      `(e) RSS growth after ${Math.round(warmUpMs / 1000)} s of warm-up (< 10%)`,
      `${rssStart} -> ${rssEnd} MiB (${(growth * 100).toFixed(1)}%; peak ${gateway.peakRssMiB()} MiB)`,
      growth < 0.1,
    );
    report(
      '(e) open descriptors at rest, after warm-up and at the end (no growth)',
      `${quietAfterWarmUp.fds} -> ${quietAtEnd.fds} (under load: ${median(firstMinute.map((sample) => sample.fds))} -> ${median(lastMinute.map((sample) => sample.fds))}); RSS at rest ${quietAfterWarmUp.rssMiB} -> ${quietAtEnd.rssMiB} MiB`,
      quietAtEnd.fds <= quietAfterWarmUp.fds,
    );
    report('(e) 5xx answers under mixed load (0)', String(fiveHundreds), fiveHundreds === 0);
  }

  // Drain under load: only 503 (or a refused connection) once SIGTERM has come, and exit 0.
  {
    let running = true;
    const statuses = new Map<string, number>();
    const load = pool(8, () =>
      running
        ? post(url, READS[0] ?? '').then((answer) => {
            const key = answer.networkError ?? String(answer.status);
            statuses.set(key, (statuses.get(key) ?? 0) + 1);
          })
        : null,
    );
    await sleep(500);
    const code = await gateway.stop();
    await sleep(300);
    running = false;
    await load;
    const other = [...statuses.keys()].filter((key) => /^5\d\d$/.test(key) && key !== '503');
    report(
      '(drain) SIGTERM under load: no 5xx but 503, exit code 0',
      `answers ${JSON.stringify(Object.fromEntries(statuses))}; exit code ${code}`,
      other.length === 0 && code === 0,
    );
  }
  await endpoint.close();

  const missed = results.filter((result) => !result.met);
  console.log(`\n${results.length - missed.length} of ${results.length} goals met`);
  process.exitCode = missed.length ? 1 : 0;
}

await main();
