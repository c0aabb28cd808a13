import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ListeningGateway } from '../../src/app.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { TestIdentityProvider } from '../support/identity-provider.js';
import { rawExchange } from '../support/raw-http.js';

/** One raw request with its target exactly as given; the whole answer. */
function rawPost(url: string, target: string): Promise<string> {
  const body = '{"query":"{__typename}"}';
  return rawExchange(url, [
    `POST ${target} HTTP/1.1\r\nHost: ${new URL(url).host}\r\nContent-Type: application/json\r\n` +
      `Content-Length: ${body.length}\r\nConnection: close\r\n\r\n${body}`,
  ]);
}

/**
 * Request targets other than a path (absolute-form, `*`, `//x`) used to reach the HTTP layer
 * under yoga, which threw building a URL from them: 500 with a stack trace naming install paths,
 * unauthenticated, in auth mode too. They are 400 now, with nothing about the server in them.
 */
describe('request targets that are not a path', () => {
  let idp: TestIdentityProvider;
  let t: TestGateway;
  let served: ListeningGateway;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    t = await startTestGateway({ auth: idp.authConfig() });
    served = await t.listen();
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it.each(['http://x/graphql', 'http://127.0.0.1/graphql', '*', '//graphql'])(
    '%s: 400, no stack, no path',
    async (target) => {
      const answer = await rawPost(served.graphqlUrl, target);
      expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
      const body = answer.slice(answer.indexOf('\r\n\r\n') + 4);
      expect(JSON.parse(body)).toEqual({
        errors: [
          { message: 'The request target must be a path, such as /graphql.', extensions: { code: 'BAD_REQUEST' } },
        ],
      });
      expect(answer).not.toMatch(/node_modules|\/work\/|at [A-Za-z]+ \(/);
    },
  );

  it("a target Node's HTTP parser refuses itself (no leading slash) is a bare 400", async () => {
    const answer = await rawPost(served.graphqlUrl, 'graphql');
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(answer).not.toMatch(/node_modules|\/work\/|at [A-Za-z]+ \(/);
  });

  it('still serves a path, and still asks for a token', async () => {
    expect((await rawPost(served.graphqlUrl, '/graphql')).split('\r\n')[0]).toBe('HTTP/1.1 401 Unauthorized');
  });
});
