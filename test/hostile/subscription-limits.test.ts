import { print } from 'graphql';
import { createClient as createWsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ReplicationGroupChangedDocument } from '../../examples/generated/graphql.js';
import type { ListeningGateway } from '../../src/app.js';
import { SCOPES } from '../../src/auth/scopes.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { bearer } from '../support/http.js';
import { TestIdentityProvider } from '../support/identity-provider.js';
import { subscribe } from '../support/sse.js';

const PER_CALLER = 3;
const PER_CONNECTION = 2;
const CHANGED = print(ReplicationGroupChangedDocument);
const ORDERS = { replicationGroupId: 'orders-cache' };

/**
 * Subscriptions hold memory and polls: one caller may hold SUBSCRIPTIONS_PER_CALLER of them, one
 * connection SUBSCRIPTIONS_PER_CONNECTION, and a stream reservation needs the read scope. A
 * refusal is a typed error for that caller or connection alone.
 */
describe('subscription limits', () => {
  let idp: TestIdentityProvider;
  let t: TestGateway;
  let served: ListeningGateway;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    t = await startTestGateway({
      auth: idp.authConfig(),
      subscriptionPollIntervalMs: 60_000,
      subscriptionLimits: { perCaller: PER_CALLER, perConnection: PER_CONNECTION },
    });
    served = await t.listen();
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('per caller: one more is refused TOO_MANY_SUBSCRIPTIONS, another caller is unaffected, and a closed one frees its place', async () => {
    const greedy = bearer(await idp.token({ scope: SCOPES.read, subject: 'greedy' }));
    const held = await Promise.all(
      Array.from({ length: PER_CALLER }, () => subscribe(t.gateway, ReplicationGroupChangedDocument, ORDERS, greedy)),
    );
    try {
      for (const subscription of held) expect((await subscription.next()).errors).toBeUndefined();
      const extra = await subscribe(t.gateway, ReplicationGroupChangedDocument, ORDERS, greedy);
      const refused = await extra.next();
      expect(refused.errors?.[0]?.extensions?.code).toBe('TOO_MANY_SUBSCRIPTIONS');
      extra.close();

      const other = bearer(await idp.token({ scope: SCOPES.read, subject: 'someone-else' }));
      const theirs = await subscribe(t.gateway, ReplicationGroupChangedDocument, ORDERS, other);
      expect((await theirs.next()).data?.replicationGroupChanged.replicationGroupId).toBe('orders-cache');
      theirs.close();

      held.pop()?.close();
      for (let waited = 0; t.gateway.watchers.openSubscriptions > PER_CALLER - 1 && waited < 2_000; waited += 10)
        await new Promise((resolve) => setTimeout(resolve, 10));
      const again = await subscribe(t.gateway, ReplicationGroupChangedDocument, ORDERS, greedy);
      expect((await again.next()).errors).toBeUndefined();
      again.close();
    } finally {
      for (const subscription of held) subscription.close();
    }
  });

  it('per WebSocket: one more operation is an error message, the connection and its others go on', async () => {
    const token = await idp.token({ scope: SCOPES.read, subject: 'socket-user' });
    const client = createWsClient({
      url: served.graphqlUrl.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    try {
      const iterators = Array.from({ length: PER_CONNECTION }, () =>
        client.iterate({ query: CHANGED, variables: ORDERS }),
      );
      for (const iterator of iterators) expect((await iterator.next()).value?.errors).toBeUndefined();
      const extra = client.iterate({ query: CHANGED, variables: ORDERS });
      const refusal = await extra.next().catch((error: unknown) => error);
      expect(JSON.stringify(refusal)).toContain('TOO_MANY_SUBSCRIPTIONS');
      // The others still stand: ending one frees a place on the same connection.
      await iterators[0]?.return?.();
      for (let waited = 0; t.gateway.watchers.openSubscriptions > PER_CONNECTION - 1 && waited < 2_000; waited += 10)
        await new Promise((resolve) => setTimeout(resolve, 10));
      const replacement = client.iterate({ query: CHANGED, variables: ORDERS });
      expect((await replacement.next()).value?.errors).toBeUndefined();
      await replacement.return?.();
      await iterators[1]?.return?.();
    } finally {
      await client.dispose();
    }
  });

  it('a single-connection stream reservation needs the read scope', async () => {
    const reserve = async (scope: string) =>
      fetch(served.graphqlUrl, { method: 'PUT', headers: bearer(await idp.token({ scope, subject: 'streams' })) });
    const without = await reserve('openid');
    expect(without.status).toBe(403);
    expect(await without.json()).toMatchObject({ errors: [{ extensions: { code: 'FORBIDDEN' } }] });
    expect((await reserve(SCOPES.read)).status).toBe(201);
  });
});
