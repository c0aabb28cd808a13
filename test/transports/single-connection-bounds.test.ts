import { createSchema, createYoga, type YogaServerInstance } from 'graphql-yoga';
import { describe, expect, it } from 'vitest';
import { OPEN_CALLER } from '../../src/auth/caller.js';
import { useSingleConnectionSse } from '../../src/transports/sse-single-connection.js';
import { eventually } from '../support/eventually.js';

/** The plugin alone in a yoga of its own, with small bounds, so the bounds are reached quickly. */
type Yoga = YogaServerInstance<Record<string, unknown>, Record<string, unknown>>;

function gatewayWith(maxStreams: number, openWithinMs: number): Yoga {
  const yoga: Yoga = createYoga({
    schema: createSchema({ typeDefs: 'type Query { ok: Boolean }', resolvers: { Query: { ok: () => true } } }),
    logging: false,
    plugins: [
      useSingleConnectionSse({
        path: '/graphql',
        authenticate: () => Promise.resolve(OPEN_CALLER),
        fetch: async (request) => yoga.fetch(request),
        maxStreams,
        streamsPerCaller: maxStreams,
        openWithinMs,
        maxBodyBytes: 1_024,
        operationsPerStream: 100,
      }),
    ],
  });
  return yoga;
}

const reserve = async (yoga: Yoga) => yoga.fetch('http://gateway.test/graphql', { method: 'PUT' });
const openStream = async (yoga: Yoga, token: string) =>
  yoga.fetch('http://gateway.test/graphql', {
    headers: { accept: 'text/event-stream', 'x-graphql-event-stream-token': token },
  });

describe('graphql-sse single-connection streams are bounded', () => {
  it('refuses reservations over the bound with 503, and drops reservations never opened', async () => {
    const yoga = gatewayWith(2, 200);
    expect((await reserve(yoga)).status).toBe(201);
    expect((await reserve(yoga)).status).toBe(201);
    const refused = await reserve(yoga);
    expect(refused.status).toBe(503);
    expect(await refused.json()).toEqual({
      errors: [{ message: expect.any(String) as unknown, extensions: { code: 'TOO_MANY_STREAMS' } }],
    });
    // The two reservations were never opened: they lapse after 200 ms, and places free up.
    await eventually(
      async () => (await reserve(yoga)).status,
      (status) => status === 201,
      'a free place',
    );
  });

  it('frees a stream when its client goes away', async () => {
    const yoga = gatewayWith(1, 60_000);
    const token = await (await reserve(yoga)).text();
    const stream = await openStream(yoga, token);
    expect(stream.status).toBe(200);
    expect((await reserve(yoga)).status).toBe(503);
    await stream.body?.cancel();
    expect((await reserve(yoga)).status).toBe(201);
  });

  it('runs an operation posted to an open stream', async () => {
    const yoga = gatewayWith(1, 60_000);
    const token = await (await reserve(yoga)).text();
    const stream = await openStream(yoga, token);
    const posted = await yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-graphql-event-stream-token': token },
      body: JSON.stringify({ query: '{ ok }', extensions: { operationId: 'op-1' } }),
    });
    expect(posted.status).toBe(202);
    const reader = (stream.body as ReadableStream<Uint8Array>).getReader();
    let text = '';
    while (!text.includes('event: complete')) text += new TextDecoder().decode((await reader.read()).value);
    expect(text).toContain('"payload":{"data":{"ok":true}}');
    await reader.cancel();
  });

  it('reads no operation body past the bound (413)', async () => {
    const yoga = gatewayWith(1, 60_000);
    const token = await (await reserve(yoga)).text();
    const posted = await yoga.fetch('http://gateway.test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-graphql-event-stream-token': token },
      body: JSON.stringify({ query: `{ ok ${' '.repeat(2_000)}}`, extensions: { operationId: 'op-1' } }),
    });
    expect(posted.status).toBe(413);
    expect(await posted.json()).toEqual({
      errors: [{ message: expect.any(String) as unknown, extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }],
    });
  });
});
