import { Hash } from '@smithy/core/serde';
import { HttpRequest } from '@smithy/core/transport';
import { SignatureV4 } from '@smithy/signature-v4';
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { QueryError } from './query-errors.js';

export interface LocalCredentials {
  accessKeyId: string;
  secretAccessKey: string;
}

/** What the README and the local endpoint's README tell the AWS CLI and boto3 to use. */
export const DOCUMENTED_CREDENTIALS: LocalCredentials = { accessKeyId: 'test', secretAccessKey: 'test' };

/** The services a signature may be scoped to: ElastiCache, and STS on the same port (sts.ts). */
export type SignedService = 'elasticache' | 'sts';
const SERVICES: readonly string[] = ['elasticache', 'sts'] satisfies SignedService[];
/** AWS refuses a signature whose date is further than this from its clock. */
const MAX_CLOCK_SKEW_MS = 15 * 60_000;

// `AWS4-HMAC-SHA256 Credential=<key id>/<yyyymmdd>/<region>/<service>/aws4_request, SignedHeaders=a;b, Signature=<hex>`
const AUTHORIZATION =
  /^AWS4-HMAC-SHA256 Credential=([^/,\s]+)\/(\d{8})\/([^/,\s]+)\/([^/,\s]+)\/aws4_request,\s*SignedHeaders=([a-z0-9;-]+),\s*Signature=([0-9a-f]{64})$/;
const AMZ_DATE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/;

const errors = {
  missing: () => new QueryError('MissingAuthenticationToken', 403, 'Request is missing Authentication Token'),
  incomplete: (what: string) =>
    new QueryError('IncompleteSignature', 400, `The request signature is incomplete: ${what}.`),
  unknownKey: () =>
    new QueryError('InvalidClientTokenId', 403, 'The security token included in the request is invalid.'),
  mismatch: () =>
    new QueryError(
      'SignatureDoesNotMatch',
      403,
      'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method.',
    ),
  expired: () =>
    new QueryError(
      'SignatureDoesNotMatch',
      403,
      'Signature expired: the request date is more than 15 minutes from now.',
    ),
  expiredToken: () => new QueryError('ExpiredToken', 403, 'The security token included in the request is expired'),
};

/** Who a verified request was signed by, and what for. */
export interface VerifiedSignature<Identity> {
  region: string;
  service: SignedService;
  identity: Identity;
}

/**
 * Checks a request's AWS Signature Version 4 against the credentials its access key id stands
 * for (`identityOf`: the endpoint's own, or temporary ones it issued), as ElastiCache does: the
 * signature is computed again over the request as received (the headers it names, its path,
 * query and body) with the AWS SDK's own signer, and compared; temporary credentials must come
 * with their signed session token, before they expire. The AWS SDKs and CLI sign every request;
 * anything else (a page's form post, a curl) is refused before it can act. Answers the region and
 * service the signature is scoped to, and the identity.
 */
export async function verifySignature<
  Identity extends LocalCredentials & { sessionToken?: string; expiresAt?: number },
>(
  request: IncomingMessage,
  body: string,
  identityOf: (accessKeyId: string) => Identity | undefined,
  now = Date.now(),
): Promise<VerifiedSignature<Identity>> {
  const authorization = request.headers.authorization;
  if (!authorization) throw errors.missing();
  const parts = AUTHORIZATION.exec(authorization);
  if (!parts)
    throw errors.incomplete('the Authorization header is not AWS4-HMAC-SHA256 Credential, SignedHeaders, Signature');
  const [, keyId, day, region = '', service, signedHeaderList = '', signature = ''] = parts;
  if (!SERVICES.includes(service ?? ''))
    throw errors.incomplete(
      `the credential is scoped to ${String(service).slice(0, 40)}, not ${SERVICES.join(' or ')}`,
    );
  const credentials = identityOf(keyId ?? '');
  if (!credentials) throw errors.unknownKey();
  const signedHeaders = signedHeaderList.split(';');
  if (!signedHeaders.includes('host')) throw errors.incomplete('the host header is not signed');
  const amzDate = single(request.headers['x-amz-date']);
  const date = amzDate === undefined ? null : parseAmzDate(amzDate);
  if (!date || !signedHeaders.includes('x-amz-date')) throw errors.incomplete('no signed X-Amz-Date header');
  if (amzDate?.slice(0, 8) !== day) throw errors.mismatch();
  if (Math.abs(now - date.getTime()) > MAX_CLOCK_SKEW_MS) throw errors.expired();

  // The signer takes a signed x-amz-content-sha256 as the body's hash without hashing the body:
  // it must be the hash of the body that came, or any body would pass under a signed header.
  const contentSha256 = single(request.headers['x-amz-content-sha256']);
  if (contentSha256 !== undefined && contentSha256 !== createHash('sha256').update(body, 'utf8').digest('hex'))
    throw errors.mismatch();

  if (credentials.sessionToken !== undefined) {
    const token = single(request.headers['x-amz-security-token']) ?? '';
    if (!signedHeaders.includes('x-amz-security-token') || !sameText(token, credentials.sessionToken))
      throw errors.unknownKey();
    if (now >= (credentials.expiresAt ?? 0)) throw errors.expiredToken();
  }

  const headers: Record<string, string> = {};
  for (const name of signedHeaders) {
    const value = request.headers[name];
    if (value === undefined) throw errors.mismatch();
    headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  const url = new URL(request.url ?? '/', 'http://local');
  const query: Record<string, string | string[]> = {};
  for (const key of new Set(url.searchParams.keys())) {
    const values = url.searchParams.getAll(key);
    query[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  const signer = new SignatureV4({
    service: service ?? '',
    region,
    credentials: { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey },
    sha256: Hash.bind(null, 'sha256'),
    // The client's request as it came: no checksum header added that it did not send.
    applyChecksum: false,
  });
  const expected = await signer.sign(
    new HttpRequest({
      method: request.method ?? 'POST',
      protocol: 'http:',
      hostname: 'local',
      path: url.pathname,
      query,
      headers,
      body,
    }),
    { signingDate: date, signingRegion: region, signingService: service, signableHeaders: new Set(signedHeaders) },
  );
  const computed = /Signature=([0-9a-f]{64})$/.exec(String(expected.headers.authorization))?.[1] ?? '';
  if (!sameText(computed, signature)) throw errors.mismatch();
  return { region, service: service as SignedService, identity: credentials };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

function single(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function parseAmzDate(value: string): Date | null {
  const match = AMZ_DATE.exec(value);
  if (!match) return null;
  const [, year, month, day, hour, minute, second] = match.map(Number) as number[];
  const date = new Date(Date.UTC(year ?? 0, (month ?? 1) - 1, day, hour, minute, second));
  return Number.isNaN(date.getTime()) ? null : date;
}
