import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTokenVerifier, type TokenCheck, type TokenSettings } from '../../src/auth/token-verifier.js';
import { createLogger } from '../../src/logger.js';
import { eventually, waitUntil } from '../support/eventually.js';
import { AUDIENCE, ISSUER, TestIdentityProvider } from '../support/identity-provider.js';

/** A verifier of `keys`, with the checks it made and the lines it logged. */
function verifierOf(keys: TokenSettings['keys'], settings: Partial<TokenSettings> = {}) {
  const checks: TokenCheck[] = [];
  const lines: Record<string, unknown>[] = [];
  const log = createLogger('debug', (line) => lines.push(JSON.parse(line) as Record<string, unknown>));
  const verify = createTokenVerifier(
    { keys, issuer: ISSUER, audience: AUDIENCE, scopeClaim: null, jwksCooldownMs: 0, ...settings },
    log,
    { onAccepted: (check) => checks.push(check) },
  );
  return { verify, checks, lines };
}

describe('the token verifier against a JWKS URL', () => {
  let idp: TestIdentityProvider;
  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
  });
  afterAll(() => idp.close());

  it('reads the caller from the claims: subject, scopes, expiry to the millisecond', async () => {
    const { verify, checks } = verifierOf({ url: idp.jwksUrl });
    const token = await idp.token({ scope: 'elasticache:read', subject: 'user-9', expiresIn: 600 });
    const exp = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString()) as { exp: number };
    expect(await verify(token)).toEqual({
      subject: 'user-9',
      scopes: new Set(['elasticache:read']),
      expiresAt: exp.exp * 1000,
    });
    expect((await verify(await idp.token({ subject: null }))).subject).toBeNull();
    expect(checks).toEqual(['verified', 'verified']);
  });

  it('refuses a token without an expiry, saying so', async () => {
    const { verify } = verifierOf({ url: idp.jwksUrl });
    await expect(verify(await idp.token({ expiresIn: null }))).rejects.toThrow(
      'the bearer token has no expiry ("exp" claim); tokens must expire.',
    );
    await expect(verify(await idp.token({ audience: 'someone-else' }))).rejects.toThrow(
      'the bearer token\'s "aud" claim is not accepted.',
    );
  });

  it('keeps a token verified, without fetching the keys again while they are fresh', async () => {
    const { verify, checks } = verifierOf({ url: idp.jwksUrl });
    const token = await idp.token();
    const fetchesBefore = idp.jwksFetches;
    for (let round = 0; round < 5; round += 1) await verify(token);
    expect(checks).toEqual(['verified', 'kept', 'kept', 'kept', 'kept']);
    expect(idp.jwksFetches - fetchesBefore).toBe(1);
  });

  it('fetches stale keys again behind a kept token: the same keys keep it kept, withdrawn ones refuse it', async () => {
    const { verify, checks } = verifierOf({ url: idp.jwksUrl }, { jwksMaxAgeMs: 100 });
    const token = await idp.token();
    await verify(token);
    const fetchesBefore = idp.jwksFetches;
    // Stale: the kept token is still accepted, and the keys are fetched in the background.
    await waitUntil(async () => {
      await verify(token);
      return idp.jwksFetches > fetchesBefore;
    }, 'a background fetch of stale keys');
    // The same keys came back: nothing was dropped.
    await verify(token);
    expect(checks.at(-1)).toBe('kept');
    expect(checks.filter((check) => check === 'verified')).toHaveLength(1);

    // Now the issuer withdraws the key: the next background fetch drops the kept token.
    await idp.rotate(`key-${Date.now()}`);
    const refusal = await eventually(
      async () =>
        verify(token).then(
          () => null,
          (error: Error) => error.message,
        ),
      (message) => message !== null,
      'the withdrawn key refused',
    );
    expect(refusal).toContain("no signing key of the issuer matches the bearer token's key id.");
  });

  it('asks the URL again for a key id it does not know, once the cooldown has passed', async () => {
    const next = await idp.unpublishedKey(`key-${Date.now()}`);
    const rotated = await idp.token({ key: next });
    const { verify } = verifierOf({ url: idp.jwksUrl }, { jwksCooldownMs: 300 });
    await verify(await idp.token());
    idp.publishOnly(next);
    const fetchesBefore = idp.jwksFetches;
    // Within the cooldown the new key id is unknown and the keys are not fetched.
    await expect(verify(rotated)).rejects.toThrow("no signing key of the issuer matches the bearer token's key id.");
    expect(idp.jwksFetches).toBe(fetchesBefore);
    await waitUntil(async () => {
      try {
        await verify(rotated);
        return true;
      } catch {
        return false;
      }
    }, 'the new key accepted after the cooldown');
    expect(idp.jwksFetches).toBe(fetchesBefore + 1);
  });
});

describe('the token verifier when the JWKS cannot be read', () => {
  let server: Server;
  let answer: { status: number; body: string };
  let url: string;
  let idp: TestIdentityProvider;
  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    server = createServer((_request, response) => {
      response.writeHead(answer.status, { 'content-type': 'application/json' });
      response.end(answer.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
  });
  afterAll(async () => {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    await idp.close();
  });

  it.each([
    ['an error status', { status: 500, body: '{}' }, 'JOSEError'],
    ['a body that is no key set', { status: 200, body: '{"keys": "none"}' }, 'JWKSInvalid'],
  ])('answers unavailable (not the caller’s fault) for %s, and logs why', async (_name, served, errorName) => {
    answer = served;
    const { verify, lines } = verifierOf({ url });
    await expect(verify(await idp.token())).rejects.toMatchObject({
      extensions: { code: 'AUTHENTICATION_UNAVAILABLE' },
    });
    expect(
      lines.find((line) => line['message'] === 'The signing keys of the token issuer could not be read'),
    ).toMatchObject({ error: errorName });
  });
});

describe('the token verifier against a JWKS file', () => {
  let idp: TestIdentityProvider;
  let folder: string;
  let file: string;
  beforeAll(async () => {
    idp = await TestIdentityProvider.start();
    folder = await mkdtemp(join(tmpdir(), 'jwks-'));
    file = join(folder, 'jwks.json');
  });
  afterEach(() => vi.useRealTimers());
  afterAll(async () => {
    await rm(folder, { recursive: true, force: true });
    await idp.close();
  });

  it('accepts every asymmetric algorithm it lists, and nothing else', async () => {
    const { generateKeyPair, exportJWK, SignJWT } = await import('jose');
    const algorithms = [
      'RS256',
      'RS384',
      'RS512',
      'PS256',
      'PS384',
      'PS512',
      'ES256',
      'ES384',
      'ES512',
      'EdDSA',
      'Ed25519',
    ];
    const keys = await Promise.all(
      algorithms.map(async (alg) => ({ alg, ...(await generateKeyPair(alg, { extractable: true })) })),
    );
    const jwks = {
      keys: await Promise.all(
        keys.map(async ({ alg, publicKey }) => ({ ...(await exportJWK(publicKey)), kid: alg, alg })),
      ),
    };
    await writeFile(file, JSON.stringify(jwks));
    const { verify } = verifierOf({ file });
    for (const { alg, privateKey } of keys) {
      const token = await new SignJWT({ scope: 'elasticache:read' })
        .setProtectedHeader({ alg, kid: alg })
        .setIssuer(ISSUER)
        .setAudience(AUDIENCE)
        .setSubject(alg)
        .setExpirationTime('1h')
        .sign(privateKey);
      expect((await verify(token)).subject).toBe(alg);
    }
  });

  it('reads the file again for an unknown key id, at most once a second', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    await writeFile(file, JSON.stringify(idp.jwks()));
    const { verify } = verifierOf({ file });
    await verify(await idp.token());
    // The issuer rotates: the file is rewritten.
    await idp.rotate(`key-${Date.now()}`);
    await writeFile(file, JSON.stringify(idp.jwks()));
    const rotated = await idp.token();
    // Within a second of the last read the file is not read again.
    vi.setSystemTime(Date.now() + 900);
    await expect(verify(rotated)).rejects.toThrow("no signing key of the issuer matches the bearer token's key id.");
    vi.setSystemTime(Date.now() + 200);
    expect((await verify(rotated)).subject).toBe('user-42');
  });

  it('does not read the file again for a token the keys refuse for another reason', async () => {
    await writeFile(file, JSON.stringify(idp.jwks()));
    const { verify } = verifierOf({ file });
    await verify(await idp.token());
    // The file now holds nothing usable: a re-read would fail differently.
    await writeFile(file, 'not a key set');
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(Date.now() + 5_000);
    const forged = (await idp.token()).replace(/\.[^.]+$/, '.AAAA');
    await expect(verify(forged)).rejects.toThrow("the bearer token's signature does not verify.");
  });
});
