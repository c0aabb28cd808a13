import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from './support/gateway-process.js';

const root = new URL('../', import.meta.url).pathname;
// Built afresh inside the checkout (node_modules resolves from there), not the dist/ of `npm ci`,
// so this tests the source as it is now.
const outDir = `.test-dist/${process.pid}`;

// What `npm start` runs: the bundle scripts/build.ts makes of tsc's output.
const startCompiled = (env: Record<string, string> = {}) =>
  startGatewayProcess({ compiledEntry: `${outDir}/gateway/index.js`, env });

describe('the compiled and bundled gateway (npm run build, npm start), and its /metrics', () => {
  let started: GatewayProcess[] = [];

  beforeAll(async () => {
    // The same JavaScript as `npm run build` emits, without checking the types again: that is
    // `npm run typecheck`'s job (a step of CI), and it took half of this build's time.
    await promisify(execFile)(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir, '--noCheck'],
      { cwd: root },
    );
    await promisify(execFile)(process.execPath, ['--import', 'tsx', 'scripts/build.ts', outDir], { cwd: root });
  }, 90_000);
  afterAll(async () => {
    for (const gateway of started) await gateway.kill();
    rmSync(`${root}${outDir}`, { recursive: true, force: true });
  });

  it('starts as two replicas at once from one checkout, each serving queries, GraphiQL and metrics, and drains on SIGTERM', async () => {
    started = await Promise.all([startCompiled(), startCompiled({ METRICS_TOKEN: 'scrape-secret' })]);
    for (const { graphqlUrl: url } of started) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ replicationGroup(replicationGroupId: "orders-cache") { status } }' }),
      });
      expect(await response.json()).toEqual({ data: { replicationGroup: { status: 'available' } } });
      // GraphiQL's bundle is found from the compiled modules too.
      const page = await (await fetch(url, { headers: { accept: 'text/html' } })).text();
      const bundle = /\/graphiql\/assets\/[^"]+\.js/.exec(page)?.[0];
      expect(bundle).toBeDefined();
      expect((await fetch(new URL(bundle ?? '', url))).status).toBe(200);
      // The console's built assets are found beside the bundle's chunks.
      const consolePage = await (await fetch(new URL('/console', url))).text();
      const script = /\/console\/assets\/[^"]+\.js/.exec(consolePage)?.[0];
      expect(script).toBeDefined();
      expect((await fetch(new URL(script ?? '', url))).status).toBe(200);
    }
    const [open, guarded] = started as [GatewayProcess, GatewayProcess];
    const post = (query: string) =>
      fetch(open.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
    await post('query ReplicationGroupsPage { replicationGroups(first: 0) { edges { cursor } } }');
    await post(
      'mutation TestMigration { testMigration(input: { replicationGroupId: "no-such-group", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }',
    );
    const scrape = await fetch(new URL('/metrics', open.graphqlUrl));
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    const line = (pattern: RegExp) => text.split('\n').find((candidate) => pattern.test(candidate));
    // A GraphQL error by its code, an AWS call that succeeded, one that answered a fault, the process.
    expect(
      line(/^graphql_errors_total\{operationName="ReplicationGroupsPage",code="BAD_USER_INPUT"\} 1$/),
    ).toBeDefined();
    expect(
      line(
        /^elasticache_aws_call_duration_seconds_count\{operation="DescribeReplicationGroups",aws_account="",region="us-east-1",outcome="ok"\} [1-9]/,
      ),
    ).toBeDefined();
    expect(
      line(
        /^elasticache_aws_call_duration_seconds_count\{operation="TestMigration",aws_account="",region="us-east-1",outcome="ReplicationGroupNotFoundFault"\} 1$/,
      ),
    ).toBeDefined();
    expect(
      line(/^graphql_envelop_request_duration_count\{operationName="TestMigration",operationType="mutation"\} 1$/),
    ).toBeDefined();
    expect(line(/^elasticache_reads_total\{answered_by="aws"\} [1-9]/)).toBeDefined();
    expect(line(/^elasticache_subscriptions_open 0$/)).toBeDefined();
    expect(line(/^process_resident_memory_bytes \d+/)).toBeDefined();
    // With METRICS_TOKEN, a scrape needs it.
    expect((await fetch(new URL('/metrics', guarded.graphqlUrl))).status).toBe(401);
    const authorized = await fetch(new URL('/metrics', guarded.graphqlUrl), {
      headers: { authorization: 'Bearer scrape-secret' },
    });
    expect(authorized.status).toBe(200);

    for (const gateway of started) expect(await gateway.stop()).toBe(0);
  }, 60_000);
});
