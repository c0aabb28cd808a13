import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startGatewayProcess, type GatewayProcess } from './support/gateway-process.js';

/** `npm start` as a user runs it: the real process, its log lines, a signal to stop it. */
describe('npm start (src/index.ts)', () => {
  let gateway: GatewayProcess;
  let lines: Record<string, unknown>[];
  let graphqlUrl = '';

  beforeAll(async () => {
    // With Node's warnings on, as `npm start` runs: they too must come as JSON lines.
    gateway = await startGatewayProcess({ env: { NODE_NO_WARNINGS: '' } });
    ({ lines, graphqlUrl } = gateway);
  }, 40_000);

  afterAll(() => gateway.kill());

  it('first says that anyone may call it, then which endpoint and regions are in use', () => {
    expect(lines[0]).toMatchObject({ level: 'warn', auth: 'open', because: 'local' });
    expect(lines[0]?.message).toMatch(/^Authentication off: anyone who reaches the port may read and migrate/);
    expect(lines[1]?.message).toMatch(
      /^ElastiCache endpoint: local \(built-in, http:\/\/127\.0\.0\.1:\d+, demo data\); regions: us-east-1/,
    );
  });

  it('answers /health and a query against the seeded local endpoint', async () => {
    const health = await fetch(new URL('/health', graphqlUrl));
    expect(health.status).toBe(200);
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ replicationGroup(replicationGroupId: "orders-cache") { replicationGroupId status engine } }',
      }),
    });
    expect(await response.json()).toEqual({
      data: { replicationGroup: { replicationGroupId: 'orders-cache', status: 'available', engine: 'redis' } },
    });
  });

  it('stops cleanly on SIGTERM, having written nothing but JSON lines', async () => {
    expect(await gateway.stop()).toBe(0);
    expect(gateway.otherLines).toEqual([]);
  });
});

/** The README's try-out of several accounts: `AWS_ACCOUNTS=... npm start`, the built-in endpoint serving them. */
describe('npm start with AWS_ACCOUNTS', () => {
  let gateway: GatewayProcess;

  // The README's own command and query, as a reader copies them.
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const accounts = /AWS_ACCOUNTS='([^']+)' npm start/.exec(readme)?.[1] ?? '';
  const query = /```graphql\n(\{ replicationGroups\(accounts: [^\n]+)\n```/.exec(readme)?.[1] ?? '';

  beforeAll(async () => {
    gateway = await startGatewayProcess({ env: { AWS_ACCOUNTS: accounts } });
  }, 40_000);

  afterAll(() => gateway.kill());

  it('says which accounts it serves, and lists both, each with the demo data', async () => {
    expect(gateway.lines[1]?.message).toMatch(/; accounts: 111111111111, 222222222222$/);
    const response = await fetch(gateway.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query }),
    });
    const body = (await response.json()) as { data: { replicationGroups: { edges: { node: { arn: string } }[] } } };
    const arns = body.data.replicationGroups.edges.map((edge) => edge.node.arn);
    for (const id of ['111111111111', '222222222222'])
      expect(arns).toContain(`arn:aws:elasticache:us-east-1:${id}:replicationgroup:orders-cache`);
    expect(await gateway.stop()).toBe(0);
  });
});
