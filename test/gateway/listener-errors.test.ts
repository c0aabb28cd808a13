import { createServer, request as httpRequest, type RequestListener, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { originFormTargets } from '../../src/http-guards.js';

interface Reply {
  status: number | null;
  body: string;
  /** The connection ended without a complete answer. */
  cut: boolean;
}

/** Serves `listener` behind originFormTargets on a free loopback port, sends one request with `target`. */
async function serve(listener: RequestListener, target = '/graphql') {
  const errors: unknown[] = [];
  const server: Server = createServer(originFormTargets(listener, (error) => errors.push(error)));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const reply = await new Promise<Reply>((resolve) => {
    const outgoing = httpRequest({ host: '127.0.0.1', port, path: target, method: 'GET' }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => (body += chunk));
      response.on('end', () => resolve({ status: response.statusCode ?? null, body, cut: !response.complete }));
      response.on('error', () => resolve({ status: response.statusCode ?? null, body, cut: true }));
    });
    outgoing.on('error', () => resolve({ status: null, body: '', cut: true }));
    outgoing.end();
  });
  servers.push(server);
  return { reply, errors };
}
const servers: Server[] = [];

describe('what the HTTP listener answers when the gateway underneath fails', () => {
  afterEach(async () => {
    for (const server of servers.splice(0)) {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });

  const internal = JSON.stringify({
    errors: [{ message: 'Unexpected error.', extensions: { code: 'INTERNAL_SERVER_ERROR' } }],
  });

  it('answers 500 with no detail when the listener throws, and hands the error on', async () => {
    const { reply, errors } = await serve(() => {
      throw new Error('at /work/secret/path.ts:12');
    });
    expect(reply).toEqual({ status: 500, body: internal, cut: false });
    expect(errors).toEqual([new Error('at /work/secret/path.ts:12')]);
  });

  it('answers 500 with no detail when the listener rejects', async () => {
    const { reply, errors } = await serve(() => Promise.reject(new Error('later')));
    expect(reply).toEqual({ status: 500, body: internal, cut: false });
    expect(errors).toEqual([new Error('later')]);
  });

  it('cuts the connection when the answer had already begun', async () => {
    const { reply, errors } = await serve(async (_request, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.write('{"data":');
      await new Promise((resolve) => setImmediate(resolve));
      throw new Error('mid-answer');
    });
    expect(reply.status).toBe(200);
    expect(reply.cut).toBe(true);
    expect(errors).toHaveLength(1);
  });

  it.each(['*', '//evil.example/graphql', 'http://evil.example/graphql'])(
    'answers 400 to a request target that is not a path (%s) without calling the listener',
    async (target) => {
      let called = false;
      const { reply } = await serve((_request, response) => {
        called = true;
        response.end();
      }, target);
      expect(reply.status).toBe(400);
      expect(JSON.parse(reply.body)).toEqual({
        errors: [
          { message: 'The request target must be a path, such as /graphql.', extensions: { code: 'BAD_REQUEST' } },
        ],
      });
      expect(called).toBe(false);
    },
  );
});
