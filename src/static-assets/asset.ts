import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { etagMatches, preferredEncoding, type StoredEncoding } from './negotiation.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
const IMMUTABLE = 'public, max-age=31536000, immutable';

/** A file the gateway serves itself (GraphiQL's, the console's): hashed name, stored compressed. */
export interface Asset {
  /** e.g. `/graphiql/assets/graphiql.3f9a0c1d2e4b.js`: the content hash makes it safe to cache forever. */
  path: string;
  contentType: string;
  /** The content hash; each encoding is its own representation, with its own ETag. */
  hash: string;
  identity: Uint8Array<ArrayBuffer>;
  encoded: Record<StoredEncoding, Uint8Array<ArrayBuffer>>;
}

export interface AssetSource {
  name: string;
  extension: string;
  contentType: string;
  body: Buffer;
}

/**
 * An asset under `prefix`, named by its content hash, with its gzip and brotli encodings made
 * ahead of time (in zlib's thread pool) so that no request pays for compression.
 */
export async function buildAsset(prefix: string, source: AssetSource): Promise<Asset> {
  const hash = createHash('sha256').update(source.body).digest('hex').slice(0, 12);
  return {
    path: `${prefix}${source.name}.${hash}.${source.extension}`,
    contentType: source.contentType,
    hash,
    identity: bytes(source.body),
    encoded: {
      br: bytes(
        await brotli(source.body, {
          params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: source.body.length },
        }),
      ),
      gzip: bytes(await gzipAsync(source.body, { level: 9 })),
    },
  };
}

/** The asset in the best encoding the request accepts, cached for good, 304 when the browser has it. */
export function assetResponse(asset: Asset, request: Request, ResponseClass: typeof Response): Response {
  const encoding = preferredEncoding(request.headers.get('accept-encoding'));
  const etag = encoding ? `"${asset.hash}-${encoding}"` : `"${asset.hash}"`;
  const headers: Record<string, string> = {
    'content-type': asset.contentType,
    'cache-control': IMMUTABLE,
    etag,
    vary: 'accept-encoding',
  };
  if (etagMatches(request.headers.get('if-none-match'), etag)) return new ResponseClass(null, { status: 304, headers });
  const body = encoding ? asset.encoded[encoding] : asset.identity;
  if (encoding) headers['content-encoding'] = encoding;
  headers['content-length'] = String(body.length);
  return new ResponseClass(request.method === 'HEAD' ? null : body, { status: 200, headers });
}

/** JSON safe inside a <script> element of a page: `<` cannot close it. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c');
}

/** A standalone copy (a Buffer may share a pooled ArrayBuffer), made once per asset. */
function bytes(buffer: Buffer): Uint8Array<ArrayBuffer> {
  return Uint8Array.from(buffer);
}
