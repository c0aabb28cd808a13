import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListeningGateway } from '../../src/app.js';
import { SETTINGS } from '../../src/settings.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { rawExchange } from '../support/raw-http.js';

const MAX_BODY_BYTES = SETTINGS.GRAPHQL_MAX_BODY_BYTES.default;

/** A JSON request body of exactly `size` bytes asking `{ __typename }`. */
function bodyOf(size: number): string {
  const base = JSON.stringify({ query: '{ __typename }' });
  return `${base.slice(0, -1)}${' '.repeat(size - base.length)}}`;
}

/**
 * Writes `head` (request line and headers, without the blank line) then `body` as given, and
 * collects what comes back until the server closes the connection. Each answer is split out.
 */
async function exchange(
  served: ListeningGateway,
  head: string,
  body: string,
): Promise<{ status: string; body: string }[]> {
  const { host } = new URL(served.graphqlUrl);
  return answers(await rawExchange(served.graphqlUrl, [`${head}\r\nHost: ${host}\r\n\r\n`, body]));
}

/** The answers in `text`, each its status line and body (read by its Content-Length). */
function answers(text: string): { status: string; body: string }[] {
  const found: { status: string; body: string }[] = [];
  let rest = text;
  while (rest.startsWith('HTTP/1.1')) {
    const end = rest.indexOf('\r\n\r\n');
    const head = rest.slice(0, end);
    const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
    found.push({ status: head.split('\r\n')[0] ?? '', body: rest.slice(end + 4, end + 4 + length) });
    rest = rest.slice(end + 4 + length);
  }
  return found;
}

/**
 * GRAPHQL_MAX_BODY_BYTES over a real connection: a body is judged by the length it declares
 * (Node's HTTP parser ends it there), or read up to the limit when it declares none (chunked).
 */
describe('request bodies and GRAPHQL_MAX_BODY_BYTES, over the wire', () => {
  let t: TestGateway;
  let served: ListeningGateway;
  beforeAll(async () => {
    t = await startTestGateway();
    served = await t.listen();
  });
  afterAll(() => t.close());

  const post = 'POST /graphql HTTP/1.1\r\nContent-Type: application/json\r\nConnection: close';

  it('refuses a body that declares more than the limit at once, before a byte of it is sent', async () => {
    const [answer, ...more] = await exchange(served, `${post}\r\nContent-Length: ${MAX_BODY_BYTES + 1}`, '');
    expect(answer?.status).toBe('HTTP/1.1 413 Payload Too Large');
    expect(JSON.parse(answer?.body ?? '')).toMatchObject({
      errors: [{ message: 'Request body too large', extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }],
    });
    expect(more).toEqual([]);
  });

  it('ends a body at the length it declares: what is sent past it is read as the next request, with its own limits', async () => {
    const declared = bodyOf(100);
    const next = JSON.stringify({ query: '{ second: __typename }' });
    const [first, second, ...more] = await exchange(
      served,
      `${post.replace('Connection: close', 'Connection: keep-alive')}\r\nContent-Length: ${declared.length}`,
      `${declared}POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${next.length}\r\nConnection: close\r\n\r\n${next}`,
    );
    expect([first?.status, JSON.parse(first?.body ?? '')]).toEqual([
      'HTTP/1.1 200 OK',
      { data: { __typename: 'Query' } },
    ]);
    expect([second?.status, JSON.parse(second?.body ?? '')]).toEqual([
      'HTTP/1.1 200 OK',
      { data: { second: 'Query' } },
    ]);
    expect(more).toEqual([]);
  });

  it('reads a chunked body up to the limit: at the limit it is answered, one byte past it is refused', async () => {
    const chunked = (body: string) => `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`;
    const head = `${post}\r\nTransfer-Encoding: chunked`;
    const [atLimit] = await exchange(served, head, chunked(bodyOf(MAX_BODY_BYTES)));
    expect(atLimit?.status).toBe('HTTP/1.1 200 OK');
    expect(JSON.parse(atLimit?.body ?? '')).toEqual({ data: { __typename: 'Query' } });
    const [past] = await exchange(served, head, chunked(bodyOf(MAX_BODY_BYTES + 1)));
    expect(past?.status).toBe('HTTP/1.1 413 Payload Too Large');
    expect(JSON.parse(past?.body ?? '')).toMatchObject({
      errors: [{ extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }],
    });
  });

  it('refuses a body that declares both a length and chunked encoding (Node does, before the gateway)', async () => {
    const body = bodyOf(100);
    const [answer] = await exchange(
      served,
      `${post}\r\nContent-Length: ${body.length}\r\nTransfer-Encoding: chunked`,
      `${body.length.toString(16)}\r\n${body}\r\n0\r\n\r\n`,
    );
    expect(answer?.status).toBe('HTTP/1.1 400 Bad Request');
  });

  it('leaves a request without a body alone (a GET)', async () => {
    const response = await t.gateway.fetch(
      `http://gateway.test/graphql?query=${encodeURIComponent('{ __typename }')}`,
      { headers: { accept: 'application/json' } },
    );
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });

  it('refuses a Content-Length that is not one number (in process: over the wire Node refuses it first)', async () => {
    for (const declared of ['-1', '10, 10', 'ten']) {
      const response = await t.gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'content-length': declared },
        body: bodyOf(100),
      });
      expect(response.status).toBe(400);
      expect(await response.json()).toMatchObject({
        errors: [{ message: 'Content-Length header is invalid.', extensions: { code: 'BAD_REQUEST' } }],
      });
    }
  });
});
