import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, exportSPKI, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { AuthConfig } from '../../src/config.js';
import type { TokenSettings } from '../../src/auth/token-verifier.js';

export const ISSUER = 'https://idp.test/';
export const AUDIENCE = 'elasticache-graphql';

interface SigningKey {
  kid: string;
  privateKey: CryptoKey;
  publicJwk: JWK;
  /** The public key as PEM text: what an attacker would use as an HS256 secret. */
  publicPem: string;
}

export interface TokenOptions {
  scope?: string;
  claims?: JWTPayload;
  issuer?: string;
  audience?: string;
  /** Seconds from now (negative: already expired; null: no `exp` at all). Default one hour. */
  expiresIn?: number | null;
  notBefore?: number;
  /** The `sub` claim (default user-42; null: none). */
  subject?: string | null;
  /** Sign with this key instead of the current one. */
  key?: SigningKey;
}

/**
 * A token issuer for tests: RS256 keys generated here, the JWKS served on a loopback port (calls
 * counted), tokens signed for real. `rotate()` publishes a new key and retires the old one.
 */
export class TestIdentityProvider {
  private keys: SigningKey[] = [];
  jwksFetches = 0;

  private constructor(
    private readonly server: Server,
    readonly jwksUrl: string,
  ) {}

  static async start(): Promise<TestIdentityProvider> {
    const server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const provider = new TestIdentityProvider(server, `http://127.0.0.1:${port}/.well-known/jwks.json`);
    provider.keys.push(await newKey('key-1'));
    server.on('request', (_request, response: ServerResponse) => {
      provider.jwksFetches += 1;
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(provider.jwks()));
    });
    return provider;
  }

  get currentKey(): SigningKey {
    return this.keys[this.keys.length - 1] as SigningKey;
  }

  jwks(): { keys: JWK[] } {
    return { keys: this.keys.map((key) => ({ ...key.publicJwk, kid: key.kid, alg: 'RS256', use: 'sig' })) };
  }

  /** A key that signs but is published nowhere. */
  unpublishedKey(kid: string): Promise<SigningKey> {
    return newKey(kid);
  }

  /** Publishes a new signing key and stops publishing the old ones. */
  async rotate(kid: string): Promise<void> {
    this.publishOnly(await newKey(kid));
  }

  /** Publishes `key` (from `unpublishedKey`, made beforehand: making one takes a while) and no other. */
  publishOnly(key: SigningKey): void {
    this.keys = [key];
  }

  async token(options: TokenOptions = {}): Promise<string> {
    const key = options.key ?? this.currentKey;
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({ ...(options.scope !== undefined ? { scope: options.scope } : {}), ...options.claims })
      .setProtectedHeader({ alg: 'RS256', kid: key.kid, typ: 'JWT' })
      .setIssuer(options.issuer ?? ISSUER)
      .setAudience(options.audience ?? AUDIENCE)
      .setIssuedAt(now);
    if (options.subject !== null) jwt.setSubject(options.subject ?? 'user-42');
    if (options.expiresIn !== null) jwt.setExpirationTime(now + (options.expiresIn ?? 3_600));
    if (options.notBefore !== undefined) jwt.setNotBefore(now + options.notBefore);
    return jwt.sign(key.privateKey);
  }

  /** The gateway's auth settings for this issuer (no JWKS cooldown: a rotation is seen at once). */
  authConfig(
    keys: { url: string } | { file: string } = { url: this.jwksUrl },
    settings: Pick<TokenSettings, 'jwksMaxAgeMs'> = {},
  ): AuthConfig {
    return {
      mode: 'tokens',
      tokens: { keys, issuer: ISSUER, audience: AUDIENCE, scopeClaim: null, jwksCooldownMs: 0, ...settings },
    };
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

async function newKey(kid: string): Promise<SigningKey> {
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  return { kid, privateKey, publicJwk: await exportJWK(publicKey), publicPem: await exportSPKI(publicKey) };
}

/** A JWT with the given header and payload, "signed" with HMAC-SHA256 under `secret` (or unsigned). */
export async function handMadeToken(
  header: Record<string, unknown>,
  payload: Record<string, unknown>,
  secret: string | null,
): Promise<string> {
  const encode = (part: object) => Buffer.from(JSON.stringify(part)).toString('base64url');
  const input = `${encode(header)}.${encode(payload)}`;
  if (secret === null) return `${input}.`;
  const { createHmac } = await import('node:crypto');
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
