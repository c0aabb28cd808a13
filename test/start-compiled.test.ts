import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url).pathname;
// Built afresh inside the checkout (node_modules resolves from there), not the dist/ of `npm ci`,
// so this tests the source as it is now.
const outDir = `.test-dist/${process.pid}`;

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
}

function startCompiled(env: Record<string, string> = {}): Promise<Started> {
  const child = spawn(process.execPath, [`${outDir}/index.js`], {
    cwd: root,
    env: { ...process.env, PORT: '0', ELASTICACHE_ENDPOINT: '', LOG_LEVEL: 'info', NODE_NO_WARNINGS: '1', ...env },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the compiled gateway did not start')), 20_000);
    createInterface({ input: child.stderr }).on('line', (line) => {
      const url = /"url":"(http:\/\/[^"]+)"/.exec(line)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
  });
}

describe('the compiled gateway (npm run build, npm start), and its /metrics', () => {
  let started: Started[] = [];

  beforeAll(async () => {
    await promisify(execFile)(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir],
      {
        cwd: root,
      },
    );
  }, 60_000);
  afterAll(async () => {
    for (const { child } of started) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
    rmSync(`${root}${outDir}`, { recursive: true, force: true });
  });

  it('starts as two replicas at once from one checkout, each serving queries, GraphiQL and metrics, and drains on SIGTERM', async () => {
    started = await Promise.all([startCompiled(), startCompiled({ METRICS_TOKEN: 'scrape-secret' })]);
    for (const { url } of started) {
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
    }
    const [open, guarded] = started as [Started, Started];
    const post = (query: string) =>
      fetch(open.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
    await post('query BadPage { replicationGroups(first: 0) { edges { cursor } } }');
    await post(
      'mutation Missing { testMigration(input: { replicationGroupId: "no-such-group", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }',
    );
    const scrape = await fetch(new URL('/metrics', open.url));
    expect(scrape.status).toBe(200);
    const text = await scrape.text();
    const line = (pattern: RegExp) => text.split('\n').find((candidate) => pattern.test(candidate));
    // A GraphQL error by its code, an AWS call that succeeded, one that answered a fault, the process.
    expect(line(/^graphql_errors_total\{operationName="BadPage",code="BAD_USER_INPUT"\} 1$/)).toBeDefined();
    expect(
      line(
        /^elasticache_aws_call_duration_seconds_count\{operation="DescribeReplicationGroups",region="us-east-1",outcome="ok"\} [1-9]/,
      ),
    ).toBeDefined();
    expect(
      line(
        /^elasticache_aws_call_duration_seconds_count\{operation="TestMigration",region="us-east-1",outcome="ReplicationGroupNotFoundFault"\} 1$/,
      ),
    ).toBeDefined();
    expect(
      line(/^graphql_envelop_request_duration_count\{operationName="Missing",operationType="mutation"\} 1$/),
    ).toBeDefined();
    expect(line(/^elasticache_reads_total\{answered_by="aws"\} [1-9]/)).toBeDefined();
    expect(line(/^elasticache_subscriptions_open 0$/)).toBeDefined();
    expect(line(/^process_resident_memory_bytes \d+/)).toBeDefined();
    // With METRICS_TOKEN, a scrape needs it.
    expect((await fetch(new URL('/metrics', guarded.url))).status).toBe(401);
    const authorized = await fetch(new URL('/metrics', guarded.url), {
      headers: { authorization: 'Bearer scrape-secret' },
    });
    expect(authorized.status).toBe(200);

    for (const { child } of started) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
    }
  }, 60_000);
});
