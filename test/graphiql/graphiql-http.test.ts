import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { createLogger } from '../../src/logger.js';
import { ElastiCacheClients } from '../../src/aws/clients.js';
import { createGateway, type Gateway } from '../../src/server.js';

const BASE = 'http://gateway.test';
// What Chromium sends when it opens a page.
const BROWSER_NAVIGATION = {
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8',
  'accept-encoding': 'gzip, deflate, br, zstd',
};
const IMMUTABLE = 'public, max-age=31536000, immutable';

function gatewayWith(graphiql: boolean): { gateway: Gateway; close(): Promise<void> } {
  // No ElastiCache call is made by these tests: the endpoint is never contacted.
  const clients = new ElastiCacheClients(['us-east-1'], {
    endpoint: 'http://127.0.0.1:9',
    maxAttempts: 1,
    connectionTimeoutMs: 100,
    requestTimeoutMs: 100,
  });
  const gateway = createGateway({ clients, log: createLogger('silent'), graphiql });
  return {
    gateway,
    async close() {
      await gateway.dispose();
      clients.destroy();
    },
  };
}

function assetPathsOf(page: string): string[] {
  const linked = [...page.matchAll(/(?:src|href)="(\/graphiql\/assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
  const workers = JSON.parse(
    /<script type="application\/json" id="graphiql-workers">(.*?)<\/script>/.exec(page)?.[1] ?? '{}',
  ) as Record<string, string>;
  return [...linked, ...Object.values(workers)];
}

describe('GraphiQL served by the gateway', () => {
  let served: ReturnType<typeof gatewayWith>;
  let page: Response;
  let html: string;
  let assetPaths: string[];
  const asset = (path: string, headers: Record<string, string> = {}, method = 'GET') =>
    served.gateway.fetch(`${BASE}${path}`, { method, headers });

  beforeAll(async () => {
    served = gatewayWith(true);
    page = await served.gateway.fetch(`${BASE}/graphql`, { headers: BROWSER_NAVIGATION });
    html = await page.text();
    assetPaths = assetPathsOf(html);
  }, 60_000);
  afterAll(async () => {
    await served.close();
  });

  it('answers a browser with a small HTML page that loads nothing from elsewhere', () => {
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toMatch(/^text\/html/);
    expect(html.length).toBeLessThan(10_000);
    expect(html).not.toMatch(/https?:\/\//);
    expect(assetPaths).toHaveLength(7);
    for (const path of assetPaths) expect(path).toMatch(/^\/graphiql\/assets\/[a-z.]+\.[0-9a-f]{12}\.(js|css|ico)$/);
  });

  it('opens with the example tabs and the headers editor', () => {
    const options = JSON.parse(
      /<script type="application\/json" id="graphiql-options">(.*?)<\/script>/s.exec(html)?.[1] ?? '{}',
    ) as Record<string, unknown>;
    expect(options).toMatchObject({
      isHeadersEditorEnabled: true,
      defaultEditorToolsVisibility: 'headers',
      subscriptionsProtocol: 'SSE',
    });
    expect(options.defaultTabs).toEqual(
      expect.arrayContaining([expect.objectContaining({ query: expect.stringContaining('mutation TestMigration') })]),
    );
  });

  it('serves every asset brotli- or gzip-compressed as asked, or plain, with the same content', async () => {
    for (const path of assetPaths) {
      const plain = await asset(path, { 'accept-encoding': 'identity' });
      expect(plain.status, path).toBe(200);
      expect(plain.headers.get('content-encoding')).toBeNull();
      const identity = Buffer.from(await plain.arrayBuffer());
      expect(plain.headers.get('content-length')).toBe(String(identity.length));

      const brotli = await asset(path, { 'accept-encoding': BROWSER_NAVIGATION['accept-encoding'] });
      expect(brotli.headers.get('content-encoding')).toBe('br');
      expect(brotli.headers.get('vary')).toBe('accept-encoding');
      expect(brotliDecompressSync(Buffer.from(await brotli.arrayBuffer())).equals(identity), path).toBe(true);

      const gzip = await asset(path, { 'accept-encoding': 'gzip, br;q=0' });
      expect(gzip.headers.get('content-encoding')).toBe('gzip');
      expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).equals(identity), path).toBe(true);
    }
  });

  it('weighs under 2.5 MB on the wire in all, leaving room in the 3 MB first-load budget', async () => {
    const sizes = await Promise.all(
      assetPaths.map(async (path) =>
        Number((await asset(path, { 'accept-encoding': 'br' })).headers.get('content-length')),
      ),
    );
    const total = sizes.reduce((sum, size) => sum + size, 0);
    expect(Math.min(...sizes)).toBeGreaterThan(0);
    expect(total).toBeLessThan(2.5 * 1024 * 1024);
  });

  it('lets browsers cache every asset for good, under its content hash', async () => {
    for (const path of assetPaths) {
      const response = await asset(path, { 'accept-encoding': 'br' });
      expect(response.headers.get('cache-control'), path).toBe(IMMUTABLE);
      const hash = /\.([0-9a-f]{12})\.[a-z]+$/.exec(path)?.[1];
      expect(response.headers.get('etag')).toBe(`"${hash}-br"`);
    }
  });

  it('answers a revalidation of the same representation with 304 and no body', async () => {
    const path = assetPaths[0] ?? '';
    for (const encoding of ['br', 'gzip', 'identity']) {
      const first = await asset(path, { 'accept-encoding': encoding });
      const etag = first.headers.get('etag') ?? '';
      const again = await asset(path, { 'accept-encoding': encoding, 'if-none-match': etag });
      expect(again.status, encoding).toBe(304);
      expect(again.headers.get('cache-control')).toBe(IMMUTABLE);
      expect(again.headers.get('etag')).toBe(etag);
      expect(await again.text()).toBe('');
    }
    const gzipTag = (await asset(path, { 'accept-encoding': 'gzip' })).headers.get('etag') ?? '';
    const otherRepresentation = await asset(path, { 'accept-encoding': 'br', 'if-none-match': gzipTag });
    expect(otherRepresentation.status).toBe(200);
    expect(otherRepresentation.headers.get('content-encoding')).toBe('br');
  });

  it('answers HEAD with the headers alone', async () => {
    const path = assetPaths[0] ?? '';
    const get = await asset(path, { 'accept-encoding': 'br' });
    const head = await asset(path, { 'accept-encoding': 'br' }, 'HEAD');
    expect(head.status).toBe(200);
    expect(head.headers.get('content-length')).toBe(get.headers.get('content-length'));
    expect(await head.text()).toBe('');
  });

  it('refuses unknown assets and other methods', async () => {
    expect((await asset('/graphiql/assets/graphiql.000000000000.js')).status).toBe(404);
    const deleted = await asset(assetPaths[0] ?? '', {}, 'DELETE');
    expect(deleted.status).toBe(405);
    expect(deleted.headers.get('allow')).toBe('GET, HEAD');
  });
});

describe('GraphiQL turned off', () => {
  let served: ReturnType<typeof gatewayWith>;
  let enabledAssetPaths: string[];

  beforeAll(async () => {
    const enabled = gatewayWith(true);
    try {
      enabledAssetPaths = assetPathsOf(
        await (await enabled.gateway.fetch(`${BASE}/graphql`, { headers: BROWSER_NAVIGATION })).text(),
      );
    } finally {
      await enabled.close();
    }
    served = gatewayWith(false);
  }, 60_000);
  afterAll(async () => {
    await served.close();
  });

  it('gives a browser no HTML page at /graphql', async () => {
    const response = await served.gateway.fetch(`${BASE}/graphql`, { headers: BROWSER_NAVIGATION });
    expect(response.headers.get('content-type')).not.toMatch(/html/);
    const body = await response.text();
    expect(body).not.toMatch(/<html|graphiql/i);
  });

  it('serves none of the assets', async () => {
    expect(enabledAssetPaths).toHaveLength(7);
    for (const path of enabledAssetPaths) expect((await served.gateway.fetch(`${BASE}${path}`)).status, path).toBe(404);
  });

  it('still answers GraphQL over GET', async () => {
    const response = await served.gateway.fetch(`${BASE}/graphql?query=${encodeURIComponent('{ __typename }')}`, {
      headers: { accept: 'application/json' },
    });
    expect(await response.json()).toEqual({ data: { __typename: 'Query' } });
  });
});
