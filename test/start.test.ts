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
