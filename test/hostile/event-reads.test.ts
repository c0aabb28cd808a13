import { DescribeEventsCommand, TestMigrationCommand, type Event } from '@aws-sdk/client-elasticache';
import { createServer } from 'node:net';
import { parse } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { MAX_GROUP_EVENT_CALLS, MAX_REGION_EVENT_PAGES } from '../../src/aws/events.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { sdkClient } from '../support/sdk.js';

const TESTS = 1_000;

async function closedLoopbackPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('event reads of a busy group', () => {
  let t: TestGateway;
  let all: Event[];

  beforeAll(async () => {
    t = await startTestGateway({ local: { migration: { transitionMs: 1 } } });
    // The soak: migration tests against a closed port, 2 events each, over 2,000 in all.
    const client = sdkClient(t.endpoint);
    const port = await closedLoopbackPort();
    let sent = 0;
    await Promise.all(
      Array.from({ length: 20 }, async () => {
        while (sent++ < TESTS) {
          await client.send(
            new TestMigrationCommand({
              ReplicationGroupId: 'orders-cache',
              CustomerNodeEndpointList: [{ Address: '127.0.0.1', Port: port }],
            }),
          );
        }
      }),
    );
    await t.endpoint.settled();
    all = [];
    let marker: string | undefined;
    do {
      const page = await client.send(
        new DescribeEventsCommand({
          SourceType: 'replication-group',
          SourceIdentifier: 'orders-cache',
          Duration: 24 * 60,
          MaxRecords: 100,
          Marker: marker,
        }),
      );
      all.push(...(page.Events ?? []));
      marker = page.Marker;
    } while (marker);
    client.destroy();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => {
    t.endpoint.resetCalls();
  });

  const describeEventsCalls = () => t.endpoint.calls.filter((call) => call.action === 'DescribeEvents').length;

  it('costs a bounded number of calls per field and keeps the newest events', async () => {
    expect(all.length).toBeGreaterThanOrEqual(2 * TESTS);
    const newest = all.reduce((latest, event) =>
      (event.Date?.getTime() ?? 0) > (latest.Date?.getTime() ?? 0) ? event : latest,
    );

    const result = await t.execute(
      parse(
        '{ replicationGroup(replicationGroupId: "orders-cache") { events(durationMinutes: 60) { message date } migration { phase updatedAt } } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    const group = (
      result.data as {
        replicationGroup: {
          events: { message: string; date: string }[];
          migration: { phase: string; updatedAt: string };
        };
      }
    ).replicationGroup;
    // Two fields (two windows), each at most MAX_GROUP_EVENT_CALLS; reading all would take 21 each.
    expect(describeEventsCalls()).toBeLessThanOrEqual(2 * MAX_GROUP_EVENT_CALLS);
    expect(group.events.length).toBeGreaterThan(0);
    expect(group.events.length).toBeLessThanOrEqual(100);
    expect(group.events.at(-1)?.date).toBe(newest.Date?.toISOString());
    expect(group.migration).toEqual({ phase: 'TEST_FAILED', updatedAt: newest.Date?.toISOString() });
  });

  it('reads a busy region group by group, each bounded, when one listing would take too many pages', async () => {
    const result = await t.execute(
      parse(
        '{ replicationGroups(first: 3) { edges { node { replicationGroupId events(durationMinutes: 60) { message } } } } }',
      ),
    );
    expect(result.errors).toBeUndefined();
    const edges = (
      result.data as { replicationGroups: { edges: { node: { replicationGroupId: string; events: unknown[] } }[] } }
    ).replicationGroups.edges;
    expect(edges.length).toBe(3);
    expect(edges.find((edge) => edge.node.replicationGroupId === 'orders-cache')?.node.events.length).toBeGreaterThan(
      0,
    );
    expect(describeEventsCalls()).toBeLessThanOrEqual(MAX_REGION_EVENT_PAGES + edges.length * MAX_GROUP_EVENT_CALLS);
  });
});
