import { readFile } from 'node:fs/promises';
import {
  createLocalJWKSet,
  createRemoteJWKSet,
  errors,
  jwtVerify,
  type JSONWebKeySet,
  type JWTPayload,
  type JWTVerifyGetKey,
} from 'jose';
import { AuthenticationUnavailableError, UnauthenticatedError } from '../errors.js';
import type { Logger } from '../logger.js';
import type { Caller } from './caller.js';
import { scopesOf } from './scope-claims.js';
import { VerifiedTokens } from './verified-tokens.js';

/** Where the issuer's public keys come from, and what a token must say to be accepted. */
export interface TokenSettings {
  /** A JWKS URL (fetched, cached, fetched again for a key id it does not know) or a JWKS file. */
  keys: { url: string } | { file: string };
  /** The `iss` every token must carry. */
  issuer: string;
  /** The `aud` every token must carry (one of, when the token lists several). */
  audience: string;
  /** The claim holding the scopes; null reads `scope` (space-separated), then `scp` (array). */
  scopeClaim: string | null;
  /** Least time between two fetches of the JWKS URL (default 30 s): a rotated key is seen after it. */
  jwksCooldownMs?: number;
  /** How long a fetched JWKS is trusted before it is fetched again (default 10 minutes, jose's): a withdrawn key stops working after it. */
  jwksMaxAgeMs?: number;
}

/**
 * Only asymmetric signatures: with a symmetric algorithm anyone holding the (public) JWKS could
 * sign tokens, and `none` signs nothing. jose refuses every algorithm not listed here.
 */
const ACCEPTED_ALGORITHMS = [
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

/** Clock skew allowed between the issuer and the gateway for `exp`, `nbf` and `iat`. */
const CLOCK_TOLERANCE_SECONDS = 30;

export type TokenVerifier = (token: string) => Promise<Caller>;

/** How a token was accepted: its signature checked now, or kept from an earlier check. */
export type TokenCheck = 'verified' | 'kept';

export interface TokenVerifierOptions {
  /** Told how each accepted token was accepted (for metrics). */
  onAccepted?: (check: TokenCheck) => void;
  /** Verified tokens kept at once (default MAX_VERIFIED_TOKENS). */
  maxKept?: number;
}

/**
 * Checks signature, algorithm, issuer, audience, expiry (required) and not-before with jose, then
 * reads the scopes. A token that passed is kept until its expiry (VerifiedTokens), and checked
 * again only when the issuer's keys change: a key the issuer withdrew stops working at once.
 */
export function createTokenVerifier(
  settings: TokenSettings,
  log: Logger,
  options: TokenVerifierOptions = {},
): TokenVerifier {
  const verified = new VerifiedTokens(options.maxKept);
  const keys = keySource(settings, () => verified.clear());
  const accepted = options.onAccepted ?? (() => undefined);
  return async (token) => {
    keys.refreshWhenStale();
    const kept = verified.get(token);
    if (kept) {
      accepted('kept');
      return kept;
    }
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys.getKey, {
        issuer: settings.issuer,
        audience: settings.audience,
        algorithms: ACCEPTED_ALGORITHMS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        // A token without an expiry would be good forever, and so would its subscriptions.
        requiredClaims: ['exp'],
      }));
    } catch (error) {
      throw refusal(error, log);
    }
    const caller: Caller = {
      subject: typeof payload.sub === 'string' ? payload.sub : null,
      scopes: scopesOf(payload, settings.scopeClaim),
      expiresAt: typeof payload.exp === 'number' ? payload.exp * 1000 : null,
    };
    // Read after the check: a check that fetched new keys has cleared what the old ones vouched for.
    verified.keep(token, caller);
    accepted('verified');
    return caller;
  };
}

/** The issuer's keys as jose reads them, telling `onChange` when the key set it holds changes. */
interface KeySource {
  getKey: JWTVerifyGetKey;
  /**
   * Kept tokens skip the key lookup that would refetch an old key set: when the set is older
   * than jose's cache age, fetch it again in the background.
   */
  refreshWhenStale(): void;
}

function keySource(settings: TokenSettings, onChange: () => void): KeySource {
  const changes = keySetChanges(onChange);
  if ('url' in settings.keys) {
    const remote = createRemoteJWKSet(new URL(settings.keys.url), {
      cooldownDuration: settings.jwksCooldownMs ?? 30_000,
      cacheMaxAge: settings.jwksMaxAgeMs ?? 600_000,
      timeoutDuration: 5_000,
    });
    return {
      getKey: async (header, token) => {
        try {
          return await remote(header, token);
        } finally {
          changes.seen(remote.jwks());
        }
      },
      refreshWhenStale() {
        if (remote.fresh || remote.reloading || remote.jwks() === undefined) return;
        // A failed fetch is told by the next check that needs the keys.
        remote.reload().then(
          () => changes.seen(remote.jwks()),
          () => undefined,
        );
      },
    };
  }
  return { getKey: fileKeys(settings.keys.file, changes.seen), refreshWhenStale: () => undefined };
}

/** Tells `onChange` when a key set differs from the one seen before it (not on the first). */
function keySetChanges(onChange: () => void): { seen(jwks: JSONWebKeySet | undefined): void } {
  let last: JSONWebKeySet | undefined;
  let lastText: string | undefined;
  return {
    seen(jwks) {
      if (jwks === undefined || jwks === last) return;
      const text = JSON.stringify(jwks);
      if (lastText !== undefined && text !== lastText) onChange();
      last = jwks;
      lastText = text;
    },
  };
}

/**
 * A JWKS file, read at the first token and read again when a token names a key it does not hold
 * (at most once a second): rotating keys means rewriting the file, not restarting.
 */
function fileKeys(file: string, seen: (jwks: JSONWebKeySet) => void): JWTVerifyGetKey {
  let current: { keys: JWTVerifyGetKey; readAt: number } | null = null;
  const read = async () => {
    const jwks = JSON.parse(await readFile(file, 'utf8')) as JSONWebKeySet;
    seen(jwks);
    current = { keys: createLocalJWKSet(jwks), readAt: Date.now() };
    return current.keys;
  };
  return async (header, token) => {
    const keys = current?.keys ?? (await read());
    try {
      return await keys(header, token);
    } catch (error) {
      if (!(error instanceof errors.JWKSNoMatchingKey) || Date.now() - (current?.readAt ?? 0) < 1_000) throw error;
      return (await read())(header, token);
    }
  };
}

/** The reason a client is told; jose's own message is for the log (it names no token either). */
function refusal(error: unknown, log: Logger): Error {
  if (error instanceof errors.JWTExpired) return new UnauthenticatedError('the bearer token has expired.');
  if (error instanceof errors.JWTClaimValidationFailed && error.claim === 'exp' && error.reason === 'missing') {
    return new UnauthenticatedError('the bearer token has no expiry ("exp" claim); tokens must expire.');
  }
  if (error instanceof errors.JWTClaimValidationFailed) {
    return new UnauthenticatedError(`the bearer token's "${error.claim}" claim is not accepted.`);
  }
  if (error instanceof errors.JOSEAlgNotAllowed) {
    return new UnauthenticatedError("the bearer token's algorithm is not accepted (asymmetric signatures only).");
  }
  if (error instanceof errors.JWKSNoMatchingKey) {
    return new UnauthenticatedError("no signing key of the issuer matches the bearer token's key id.");
  }
  if (error instanceof errors.JWSSignatureVerificationFailed) {
    return new UnauthenticatedError("the bearer token's signature does not verify.");
  }
  if (keysUnreadable(error)) {
    log.error('The signing keys of the token issuer could not be read', {
      error: error instanceof Error ? error.name : 'unknown',
      reason: error instanceof Error ? error.message : String(error),
    });
    return new AuthenticationUnavailableError();
  }
  return new UnauthenticatedError('the bearer token is malformed.');
}

/**
 * The JWKS could not be fetched or read: a timeout, a refused connection, a non-200 answer (jose
 * throws its generic JOSEError for that), or a body that is no JWKS. Not the caller's fault.
 */
function keysUnreadable(error: unknown): boolean {
  if (!(error instanceof errors.JOSEError)) return true;
  return (
    error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid || error.constructor === errors.JOSEError
  );
}
