import { writeFileSync } from 'node:fs';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { GatewayMetrics } from '../../src/metrics.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { eventually } from '../support/eventually.js';
import { bearer, post } from '../support/http.js';
import { AUDIENCE, handMadeToken, ISSUER, TestIdentityProvider } from '../support/identity-provider.js';

const READ = 'elasticache:read';
const QUERY = '{ replicationGroup(replicationGroupId: "orders-cache") { replicationGroupId status } }';

describe('caller identity: bearer tokens checked against a JWKS served on loopback', () => {
  let idp: TestIdentityProvider;
  let t: TestGateway;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    t = await startTestGateway({ auth: idp.authConfig(), graphiql: true });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });
  beforeEach(() => t.endpoint.resetCalls());

  it('answers a valid token with data', async () => {
    const answer = await post(t, QUERY, bearer(await idp.token({ scope: READ })));
    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({
      data: { replicationGroup: { replicationGroupId: 'orders-cache', status: 'available' } },
    });
  });

  it('reads the Authorization header as RFC 6750 writes it: scheme in any case, spaces around the token', async () => {
    const token = await idp.token({ scope: READ });
    for (const header of [`Bearer ${token}`, `bearer ${token}`, `BEARER   ${token}`, `Bearer ${token}  `])
      expect((await post(t, QUERY, { authorization: header })).status).toBe(200);
    for (const header of [
      `XBearer ${token}`,
      `Bearer${token}`,
      `Bearer ${token} extra`,
      `Bearer ${token}x y`,
      'Bearer  ',
    ])
      expect((await post(t, QUERY, { authorization: header })).status).toBe(401);
  });

  const refusals: [string, () => Promise<Record<string, string>>, RegExp][] = [
    ['no token', async () => ({}), /send the header "Authorization: Bearer <token>"/],
    ['another scheme', async () => ({ authorization: 'Basic dXNlcjpwYXNz' }), /must read "Bearer <token>"/],
    ['an expired token', async () => bearer(await idp.token({ scope: READ, expiresIn: -120 })), /has expired/],
    ['a token without exp', async () => bearer(await idp.token({ scope: READ, expiresIn: null })), /has no expiry/],
    ['a token not valid yet', async () => bearer(await idp.token({ scope: READ, notBefore: 600 })), /"nbf" claim/],
    [
      'a wrong issuer',
      async () => bearer(await idp.token({ scope: READ, issuer: 'https://evil.test/' })),
      /"iss" claim/,
    ],
    ['a wrong audience', async () => bearer(await idp.token({ scope: READ, audience: 'another-api' })), /"aud" claim/],
    [
      'alg: none',
      async () =>
        bearer(
          await handMadeToken(
            { alg: 'none', typ: 'JWT' },
            { iss: ISSUER, aud: AUDIENCE, sub: 'x', scope: READ, exp: Math.floor(Date.now() / 1000) + 600 },
            null,
          ),
        ),
      /algorithm is not accepted|malformed/,
    ],
    [
      'HS256 signed with the public key as the secret',
      async () =>
        bearer(
          await handMadeToken(
            { alg: 'HS256', typ: 'JWT', kid: idp.currentKey.kid },
            { iss: ISSUER, aud: AUDIENCE, sub: 'x', scope: READ, exp: Math.floor(Date.now() / 1000) + 600 },
            idp.currentKey.publicPem,
          ),
        ),
      /algorithm is not accepted/,
    ],
    [
      'an unknown kid',
      async () => bearer(await idp.token({ scope: READ, key: await idp.unpublishedKey('stranger') })),
      /no signing key of the issuer matches/,
    ],
    [
      'a forged signature',
      async () => {
        const [header, payload] = (await idp.token({ scope: READ })).split('.');
        const other = (await idp.token({ scope: READ, key: await idp.unpublishedKey(idp.currentKey.kid) })).split('.');
        return bearer(`${header}.${payload}.${other[2]}`);
      },
      /signature does not verify/,
    ],
    ['garbage', async () => bearer('not.a.jwt'), /malformed/],
  ];

  it.each(refusals)('refuses %s: 401 UNAUTHENTICATED, no AWS call', async (name, headers, reason) => {
    const answer = await post(t, QUERY, await headers());
    expect(answer.status).toBe(401);
    // RFC 6750 3.1: no error code when no credentials were sent at all.
    const headerSent = Object.keys(await headers()).length > 0;
    expect(answer.headers.get('www-authenticate')).toBe(
      !headerSent
        ? 'Bearer'
        : name === 'another scheme'
          ? 'Bearer error="invalid_request"'
          : 'Bearer error="invalid_token"',
    );
    expect(answer.body.data).toBeUndefined();
    expect(answer.body.errors).toHaveLength(1);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(answer.body.errors?.[0]?.message).toMatch(reason);
    expect(t.endpoint.calls).toEqual([]);
  });

  it('refuses before parsing: a broken document without a token is a 401, not a syntax error', async () => {
    const answer = await post(t, '{ this is not graphql');
    expect(answer.status).toBe(401);
  });

  it('needs a token for introspection too, while the GraphiQL page itself loads (its headers editor carries the token)', async () => {
    expect((await post(t, getIntrospectionQuery())).status).toBe(401);
    const introspection = await post(t, getIntrospectionQuery(), bearer(await idp.token({ scope: READ })));
    expect(introspection.status).toBe(200);
    const page = await t.gateway.fetch('http://gateway.test/graphql', { headers: { accept: 'text/html' } });
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/text\/html/);
    const health = await t.gateway.fetch('http://gateway.test/health');
    expect(health.status).toBe(200);
  });

  it('follows a key rotation: the new key is fetched when a token names it, the retired one is refused', async () => {
    const oldToken = await idp.token({ scope: READ });
    expect((await post(t, QUERY, bearer(oldToken))).status).toBe(200);
    const fetches = idp.jwksFetches;
    await idp.rotate('key-2');
    const newToken = await idp.token({ scope: READ });
    expect((await post(t, QUERY, bearer(newToken))).status).toBe(200);
    expect(idp.jwksFetches).toBeGreaterThan(fetches);
    const stale = await post(t, QUERY, bearer(oldToken));
    expect(stale.status).toBe(401);
    expect(stale.body.errors?.[0]?.message).toMatch(/no signing key of the issuer matches/);
  });

  it('never writes a token or an Authorization header to the log', async () => {
    const token = await idp.token({ scope: READ, expiresIn: -60 });
    await post(t, QUERY, bearer(token));
    await post(
      t,
      'mutation { testMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }',
      bearer(await idp.token({ scope: READ })),
    );
    const logged = JSON.stringify(t.logs);
    expect(logged).not.toContain(token.split('.')[2]);
    expect(logged).not.toMatch(/Bearer|eyJ/);
  });
});

describe('a token is verified once, then kept until it expires', () => {
  let idp: TestIdentityProvider;
  let t: TestGateway;
  const metrics = new GatewayMetrics();

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    t = await startTestGateway({ auth: idp.authConfig(), metrics: { metrics, token: null } });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  const accepted = async () => {
    const text = await metrics.registry.metrics();
    const count = (check: string) =>
      Number(new RegExp(`^elasticache_tokens_accepted_total\\{check="${check}"\\} (\\d+)$`, 'm').exec(text)?.[1] ?? 0);
    return { verified: count('verified'), kept: count('kept') };
  };

  it('checks the signature of a token once, however many requests carry it', async () => {
    const token = bearer(await idp.token({ scope: READ }));
    for (let request = 0; request < 5; request++) expect((await post(t, QUERY, token)).status).toBe(200);
    expect(await accepted()).toEqual({ verified: 1, kept: 4 });
    // Another token is another check.
    expect((await post(t, QUERY, bearer(await idp.token({ scope: READ, subject: 'user-7' })))).status).toBe(200);
    expect(await accepted()).toEqual({ verified: 2, kept: 4 });
  });

  it('refuses a kept token once its key is withdrawn: new keys clear what the old ones vouched for', async () => {
    const oldToken = bearer(await idp.token({ scope: READ }));
    expect((await post(t, QUERY, oldToken)).status).toBe(200);
    expect((await post(t, QUERY, oldToken)).status).toBe(200);
    await idp.rotate('key-rotated');
    expect((await post(t, QUERY, bearer(await idp.token({ scope: READ })))).status).toBe(200);
    const stale = await post(t, QUERY, oldToken);
    expect(stale.status).toBe(401);
    expect(stale.body.errors?.[0]?.message).toMatch(/no signing key of the issuer matches/);
  });

  it('refuses a kept token once a key set older than its age no longer holds its key', async () => {
    const ageing = await TestIdentityProvider.start();
    const gateway = await startTestGateway({
      auth: ageing.authConfig(undefined, { jwksMaxAgeMs: 200 }),
      sharedEndpoint: t.endpoint,
    });
    try {
      const token = bearer(await ageing.token({ scope: READ }));
      expect((await post(gateway, QUERY, token)).status).toBe(200);
      // The issuer withdraws the key; nobody sends a token of the new one.
      await ageing.rotate('key-withdrawn');
      const fetches = ageing.jwksFetches;
      await eventually(
        async () => (await post(gateway, QUERY, token)).status,
        (status) => status === 401,
        'the withdrawn key to be seen',
      );
      expect(ageing.jwksFetches).toBeGreaterThan(fetches);
    } finally {
      await gateway.close();
      await ageing.close();
    }
  });
});

describe('when the token issuer cannot be reached', () => {
  let t: TestGateway;

  beforeAll(async () => {
    const idp = await TestIdentityProvider.start();
    const auth = idp.authConfig();
    await idp.close(); // the port is closed: every fetch is refused
    t = await startTestGateway({ auth });
  });
  afterAll(async () => {
    await t.close();
  });

  it('answers 503 AUTHENTICATION_UNAVAILABLE, not 401, and calls nothing', async () => {
    const idp = await TestIdentityProvider.start();
    const answer = await post(t, QUERY, bearer(await idp.token({ scope: READ })));
    await idp.close();
    expect(answer.status).toBe(503);
    expect(answer.body.errors?.[0]?.extensions?.code).toBe('AUTHENTICATION_UNAVAILABLE');
    expect(t.endpoint.calls).toEqual([]);
    expect(t.logs.some((line) => line.message === 'The signing keys of the token issuer could not be read')).toBe(true);
  });
});

describe('keys from a JWKS file (AUTH_JWKS_FILE)', () => {
  let idp: TestIdentityProvider;
  let t: TestGateway;
  let file: string;

  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    file = join(mkdtempSync(join(tmpdir(), 'jwks-')), 'jwks.json');
    writeFileSync(file, JSON.stringify(idp.jwks()));
    t = await startTestGateway({ auth: idp.authConfig({ file }) });
  });
  afterAll(async () => {
    await t.close();
    await idp.close();
  });

  it('accepts tokens of its keys, and of a key written to the file later', async () => {
    expect((await post(t, QUERY, bearer(await idp.token({ scope: READ })))).status).toBe(200);
    expect((await post(t, QUERY, {})).status).toBe(401);
    await idp.rotate('key-file-2');
    writeFileSync(file, JSON.stringify(idp.jwks()));
    // The file is read again at most once a second: the new key's token is accepted within a few.
    const token = await idp.token({ scope: READ });
    let status = 0;
    for (const deadline = Date.now() + 5_000; status !== 200 && Date.now() < deadline;) {
      status = (await post(t, QUERY, bearer(token))).status;
      if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(status).toBe(200);
    expect(idp.jwksFetches).toBe(0);
  });

  it('refuses a kept token of a key the file no longer holds, once the file was read again', async () => {
    const oldToken = bearer(await idp.token({ scope: READ }));
    expect((await post(t, QUERY, oldToken)).status).toBe(200);
    await idp.rotate('key-file-3');
    writeFileSync(file, JSON.stringify(idp.jwks()));
    const newToken = bearer(await idp.token({ scope: READ }));
    await eventually(
      async () => (await post(t, QUERY, newToken)).status,
      (status) => status === 200,
      'the new key',
    );
    expect((await post(t, QUERY, oldToken)).status).toBe(401);
  });
});
