import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { parse } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { StartMigrationDocument } from '../../examples/generated/graphql.js';
import { SCOPES } from '../../src/auth/scopes.js';
import { GatewayMetrics } from '../../src/metrics.js';
import { LOCAL_REDIS } from '../support/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { bearer } from '../support/http.js';
import { countsBy } from '../support/metrics.js';
import { TestIdentityProvider } from '../support/identity-provider.js';
import { subscribe, type SseSubscription } from '../support/sse.js';

interface Changed {
  replicationGroupChanged: { status: string; replicationGroupId?: string };
}
type Vars = { id: string };
const STATUS = parse(
  'subscription ($id: String!) { replicationGroupChanged(replicationGroupId: $id) { status } }',
) as TypedDocumentNode<Changed, Vars>;
const STATUS_AND_ID = parse(
  'subscription ($id: String!) { replicationGroupChanged(replicationGroupId: $id) { status replicationGroupId } }',
) as TypedDocumentNode<Changed, Vars>;

const pushes = (metrics: GatewayMetrics) =>
  countsBy(metrics, 'elasticache_subscription_pushes_total', 'execution', ['own', 'shared']);

describe('one execution per push for identical subscriptions', () => {
  let t: TestGateway;
  const metrics = new GatewayMetrics();
  beforeAll(async () => {
    // Polls a minute apart, so that only the first poll and the mutation's push happen here.
    t = await startTestGateway({
      subscriptionPollIntervalMs: 60_000,
      local: { migration: { transitionMs: 60_000 } },
      metrics: { metrics, token: null },
    });
  });
  afterAll(() => t.close());

  it('executes each selection once per push, whatever the number of subscribers that sent it', async () => {
    const id = 'orders-cache';
    const subscriptions: SseSubscription<Changed>[] = [];
    try {
      for (let index = 0; index < 10; index += 1) subscriptions.push(await subscribe(t.gateway, STATUS, { id }));
      const other = await subscribe(t.gateway, STATUS_AND_ID, { id });
      subscriptions.push(other);
      const first = await Promise.all(subscriptions.map((subscription) => subscription.next()));
      expect(first.slice(0, 10)).toEqual(
        Array(10).fill({ data: { replicationGroupChanged: { status: 'available' } } }),
      );
      expect(first[10]).toEqual({
        data: { replicationGroupChanged: { status: 'available', replicationGroupId: 'orders-cache' } },
      });
      // One poll, two selections: two executions, nine pushes served by the first one's result.
      expect(await pushes(metrics)).toEqual({ own: 2, shared: 9 });

      const started = await t.execute(StartMigrationDocument, {
        input: { replicationGroupId: id, customerNodeEndpointList: LOCAL_REDIS },
      });
      expect(started.data?.startMigration?.__typename).toBe('StartMigrationSuccess');
      const modifying = await Promise.all(
        subscriptions.map((subscription) =>
          subscription.until((result) => result.data?.replicationGroupChanged.status === 'modifying'),
        ),
      );
      const pushesEach = modifying[0]?.length ?? 0;
      expect(modifying.every((seen) => seen.length === pushesEach)).toBe(true);
      expect(await pushes(metrics)).toEqual({ own: 2 * (1 + pushesEach), shared: 9 * (1 + pushesEach) });
    } finally {
      for (const subscription of subscriptions) subscription.close();
    }
  }, 30_000);
});

describe('shared pushes and variables', () => {
  let t: TestGateway;
  const metrics = new GatewayMetrics();
  beforeAll(async () => {
    t = await startTestGateway({ subscriptionPollIntervalMs: 60_000, metrics: { metrics, token: null } });
  });
  afterAll(() => t.close());

  it('executes the same document with other variables for itself', async () => {
    const WITH_ID = parse(
      'subscription ($id: String!, $withId: Boolean!) { replicationGroupChanged(replicationGroupId: $id) { status replicationGroupId @include(if: $withId) } }',
    ) as TypedDocumentNode<Changed, Vars & { withId: boolean }>;
    const subscriptions = [
      await subscribe(t.gateway, WITH_ID, { id: 'sessions-valkey', withId: true }),
      await subscribe(t.gateway, WITH_ID, { id: 'sessions-valkey', withId: false }),
      await subscribe(t.gateway, WITH_ID, { id: 'sessions-valkey', withId: false }),
    ];
    try {
      const first = await Promise.all(subscriptions.map((subscription) => subscription.next()));
      expect(first).toEqual([
        { data: { replicationGroupChanged: { status: 'available', replicationGroupId: 'sessions-valkey' } } },
        { data: { replicationGroupChanged: { status: 'available' } } },
        { data: { replicationGroupChanged: { status: 'available' } } },
      ]);
      expect(await pushes(metrics)).toEqual({ own: 2, shared: 1 });
    } finally {
      for (const subscription of subscriptions) subscription.close();
    }
  });
});

describe('shared pushes and scopes', () => {
  let idp: TestIdentityProvider;
  let t: TestGateway;
  const metrics = new GatewayMetrics();
  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    t = await startTestGateway({
      auth: idp.authConfig(),
      subscriptionPollIntervalMs: 60_000,
      metrics: { metrics, token: null },
    });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('never hands a push executed for one scope set to another: each set is executed for itself', async () => {
    const as = async (scope: string, subject: string) =>
      subscribe(t.gateway, STATUS, { id: 'sessions-valkey' }, bearer(await idp.token({ scope, subject })));
    const subscriptions = [
      await as(SCOPES.read, 'reader-1'),
      await as(SCOPES.read, 'reader-2'),
      await as(`${SCOPES.read} ${SCOPES.migrate}`, 'operator'),
    ];
    try {
      const first = await Promise.all(subscriptions.map((subscription) => subscription.next()));
      for (const result of first)
        expect(result).toEqual({ data: { replicationGroupChanged: { status: 'available' } } });
      // Two scope sets: two executions; the second reader shares the first reader's.
      expect(await pushes(metrics)).toEqual({ own: 2, shared: 1 });
    } finally {
      for (const subscription of subscriptions) subscription.close();
    }
  });
});
