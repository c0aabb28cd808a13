import { print, type ExecutionResult } from 'graphql';
import { createClient as createSseClient } from 'graphql-sse';
import { createClient as createWsClient, type Client as WsClient } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { ReplicationGroupChangedDocument, StartMigrationDocument } from '../../examples/generated/graphql.js';
import type { ListeningGateway } from '../../src/app.js';
import { SCOPES } from '../../src/auth/scopes.js';
import { ORDERS_ARN } from '../support/demo.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { bearer } from '../support/http.js';
import { TestIdentityProvider } from '../support/identity-provider.js';

const CHANGED = print(ReplicationGroupChangedDocument);
const CHANGED_VARIABLES = { replicationGroupId: 'orders-cache' };
const APOLLO_SUBSCRIPTION_ACCEPT = 'multipart/mixed;boundary="graphql";subscriptionSpec=1.0,application/json';
/** 16 aliases: one over the limit of 15. */
const TOO_MANY_ALIASES = `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: replicationGroup(replicationGroupId: "orders-cache") { status }`).join(' ')} }`;

type Changed = ExecutionResult<{ replicationGroupChanged: { id: string; status: string } }>;

/** The first result of an async iterator, or a rejection after `ms`. */
async function firstOf<T>(iterator: AsyncIterator<T>, ms = 10_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error('no result in time')), ms);
  });
  try {
    const next = await Promise.race([iterator.next(), timeout]);
    if (next.done) throw new Error('the stream ended without a result');
    return next.value;
  } finally {
    clearTimeout(timer);
  }
}

describe('subscription transports on /graphql, each behind the same authentication and limits', () => {
  let idp: TestIdentityProvider;
  let t: TestGateway;
  let served: ListeningGateway;
  let wsUrl: string;
  let token: string;
  let readOnlyToken: string;
  const clients: WsClient[] = [];

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    t = await startTestGateway({ auth: idp.authConfig(), subscriptionPollIntervalMs: 1_000 });
    served = await t.listen();
    wsUrl = served.graphqlUrl.replace(/^http/, 'ws');
    token = await idp.token({ scope: `${SCOPES.read} ${SCOPES.migrate}`, subject: 'frontend-1' });
    readOnlyToken = await idp.token({ scope: SCOPES.read, subject: 'viewer-1' });
  });
  afterAll(async () => {
    await Promise.all(clients.map((client) => client.dispose()));
    await t.close();
    await idp.close();
  });

  function wsClient(connectionParams?: Record<string, unknown>): WsClient {
    const client = createWsClient({ url: wsUrl, webSocketImpl: WebSocket, connectionParams, retryAttempts: 0 });
    clients.push(client);
    return client;
  }

  describe('GraphQL over WebSocket (graphql-ws)', () => {
    it('streams a subscription with the token from connection_init, and stops polling when it ends', async () => {
      const client = wsClient({ authorization: `Bearer ${token}` });
      const results = client.iterate<Changed['data']>({ query: CHANGED, variables: CHANGED_VARIABLES });
      const first = await firstOf(results);
      expect(first).toEqual({
        data: {
          replicationGroupChanged: expect.objectContaining({ id: ORDERS_ARN, status: 'available' }) as unknown,
        },
      });
      await results.return?.();
      // The gateway ends its side: with no subscriber left the group's watch ends (observable)...
      for (const deadline = Date.now() + 5_000; t.gateway.watchers.activeWatches > 0 && Date.now() < deadline;)
        await new Promise((resolve) => setTimeout(resolve, 20));
      expect(t.gateway.watchers.activeWatches).toBe(0);
      // ...and no timer of it polls again.
      t.endpoint.resetCalls();
      await new Promise((resolve) => setTimeout(resolve, 1_500));
      expect(t.endpoint.calls.filter((call) => call.action === 'DescribeReplicationGroups')).toEqual([]);
    });

    it("takes the token from the upgrade request's Authorization header (routers forward it there)", async () => {
      const upgradeToken = token;
      class WithAuthorization extends WebSocket {
        constructor(url: string, protocols?: string | string[]) {
          super(url, protocols, { headers: bearer(upgradeToken) });
        }
      }
      const client = createWsClient({ url: wsUrl, webSocketImpl: WithAuthorization, retryAttempts: 0 });
      clients.push(client);
      const result = await firstOf(
        client.iterate({ query: '{ replicationGroup(replicationGroupId: "orders-cache") { id } }' }),
      );
      expect(result).toEqual({ data: { replicationGroup: { id: ORDERS_ARN } } });
    });

    it('runs queries too', async () => {
      const client = wsClient({ authorization: `Bearer ${token}` });
      const result = await firstOf(
        client.iterate({ query: '{ replicationGroup(replicationGroupId: "orders-cache") { id status } }' }),
      );
      expect(result).toEqual({ data: { replicationGroup: { id: ORDERS_ARN, status: 'available' } } });
    });

    it('closes a connection without a valid token with 4403 before any operation', async () => {
      for (const params of [undefined, { authorization: 'Bearer not-a-jwt' }]) {
        const client = wsClient(params);
        const closed = await new Promise<unknown>((resolve) => {
          client.subscribe(
            { query: '{ __typename }' },
            { next: () => undefined, error: resolve, complete: () => undefined },
          );
        });
        expect((closed as { code?: number }).code).toBe(4403);
      }
    });

    it('applies scopes and operation limits to each operation', async () => {
      const client = wsClient({ authorization: `Bearer ${readOnlyToken}` });
      t.endpoint.resetCalls();
      const forbidden = await firstOf(
        client.iterate({
          query: print(StartMigrationDocument),
          variables: {
            input: {
              replicationGroupId: 'orders-cache',
              customerNodeEndpointList: [{ address: '127.0.0.1', port: 6379 }],
            },
          },
        }),
      );
      expect(forbidden.errors?.[0]?.extensions?.['code']).toBe('FORBIDDEN');
      const refused = await new Promise<unknown>((resolve) => {
        client.subscribe(
          { query: TOO_MANY_ALIASES },
          { next: () => undefined, error: resolve, complete: () => undefined },
        );
      });
      expect(refused).toEqual([
        expect.objectContaining({ extensions: expect.objectContaining({ code: 'TOO_MANY_ALIASES' }) }),
      ]);
      expect(t.endpoint.calls).toEqual([]);
    });
  });

  it('refuses operations from a WebSocket a page of another origin opened (cross-site WebSocket hijacking)', async () => {
    class FromOtherSite extends WebSocket {
      constructor(url: string, protocols?: string | string[]) {
        super(url, protocols, { headers: { origin: 'https://attacker.example' } });
      }
    }
    const client = createWsClient({
      url: wsUrl,
      webSocketImpl: FromOtherSite,
      connectionParams: { authorization: `Bearer ${token}` },
      retryAttempts: 0,
    });
    clients.push(client);
    t.endpoint.resetCalls();
    const refused = await new Promise<unknown>((resolve) => {
      client.subscribe(
        { query: CHANGED, variables: CHANGED_VARIABLES },
        { next: resolve, error: resolve, complete: () => undefined },
      );
    });
    expect(refused).toEqual([expect.objectContaining({ extensions: { code: 'FORBIDDEN_ORIGIN' } })]);
    expect(t.endpoint.calls).toEqual([]);
  });

  describe('Server-Sent Events (graphql-sse)', () => {
    for (const singleConnection of [false, true]) {
      it(`streams a subscription in ${singleConnection ? 'single-connection' : 'distinct-connections'} mode`, async () => {
        const client = createSseClient({
          url: served.graphqlUrl,
          singleConnection,
          retryAttempts: 0,
          headers: () => bearer(token),
        });
        try {
          const results = client.iterate<Changed['data']>({ query: CHANGED, variables: CHANGED_VARIABLES });
          const first = await firstOf(results);
          expect(first.data?.replicationGroupChanged).toEqual(
            expect.objectContaining({ id: ORDERS_ARN, status: 'available' }),
          );
          await results.return?.();
        } finally {
          client.dispose();
        }
      });
    }

    it('authenticates stream reservations, and a stream token serves only the caller that reserved it', async () => {
      const unauthenticated = await fetch(served.graphqlUrl, { method: 'PUT' });
      expect(unauthenticated.status).toBe(401);

      const reserved = await fetch(served.graphqlUrl, { method: 'PUT', headers: bearer(token) });
      expect(reserved.status).toBe(201);
      const streamToken = await reserved.text();
      expect(streamToken).toMatch(/^[0-9a-f-]{36}$/);

      // Another caller, valid token and all, cannot inject an operation into that stream.
      const injected = await fetch(served.graphqlUrl, {
        method: 'POST',
        headers: {
          ...bearer(readOnlyToken),
          'content-type': 'application/json',
          'x-graphql-event-stream-token': streamToken,
        },
        body: JSON.stringify({ query: '{ __typename }', extensions: { operationId: '1' } }),
      });
      expect(injected.status).toBe(404);
      // Nor open it to read it.
      const opened = await fetch(served.graphqlUrl, {
        headers: { ...bearer(readOnlyToken), accept: 'text/event-stream', 'x-graphql-event-stream-token': streamToken },
      });
      expect(opened.status).toBe(404);
      await opened.body?.cancel();
    });
  });

  describe("Apollo's multipart HTTP subscriptions", () => {
    it('answers multipart/mixed with {payload} parts, behind the bearer token', async () => {
      const body = JSON.stringify({ query: CHANGED, variables: CHANGED_VARIABLES });
      const refused = await fetch(served.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: APOLLO_SUBSCRIPTION_ACCEPT },
        body,
      });
      expect(refused.status).toBe(401);

      const abort = new AbortController();
      const response = await fetch(served.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: APOLLO_SUBSCRIPTION_ACCEPT, ...bearer(token) },
        body,
        signal: abort.signal,
      });
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe('multipart/mixed;boundary="graphql";subscriptionSpec="1.0"');
      const reader = (response.body as ReadableStream<Uint8Array>).getReader();
      let text = '';
      while (!text.includes('"payload"')) {
        const chunk = await reader.read();
        if (chunk.done) break;
        text += new TextDecoder().decode(chunk.value);
      }
      abort.abort();
      const part = /\r\n--graphql\r\ncontent-type: application\/json; charset=utf-8\r\n\r\n(\{.*\})\r\n--graphql/.exec(
        text,
      );
      expect(JSON.parse(part?.[1] ?? 'null')).toEqual({
        payload: { data: { replicationGroupChanged: expect.objectContaining({ id: ORDERS_ARN }) as unknown } },
      });
    });
  });
});
