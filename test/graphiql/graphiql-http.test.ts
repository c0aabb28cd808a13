import { parse, validate } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { EXAMPLE_TABS } from '../../src/graphiql/examples.js';
import { createLogger } from '../../src/logger.js';
import { ElastiCacheClients } from '../../src/resolvers/clients.js';
import { schema } from '../../src/schema/index.js';
import { createGateway, type Gateway } from '../../src/server.js';

const BASE = 'http://gateway.test';

function gatewayWith(graphiql: boolean): { gateway: Gateway; clients: ElastiCacheClients } {
  // No ElastiCache call is made by these tests: the endpoint is never contacted.
  const clients = new ElastiCacheClients(['us-east-1'], { endpoint: 'http://127.0.0.1:9', maxAttempts: 1, connectionTimeoutMs: 100, requestTimeoutMs: 100 });
  return { gateway: createGateway({ clients, log: createLogger('silent'), graphiql }), clients };
}

describe('GraphiQL served by the gateway', () => {
  let gateway: Gateway;
  let clients: ElastiCacheClients;
  let page: string;
  let assetPaths: string[];

  beforeAll(async () => {
    ({ gateway, clients } = gatewayWith(true));
    const response = await gateway.fetch(`${BASE}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    page = await response.text();
    assetPaths = [...page.matchAll(/(?:src|href)="(\/graphiql\/assets\/[^"]+)"/g)].map((match) => match[1] ?? '');
    const workers = JSON.parse(/<script type="application\/json" id="graphiql-workers">(.*?)<\/script>/.exec(page)?.[1] ?? '{}') as Record<string, string>;
    assetPaths.push(...Object.values(workers));
  }, 30_000);
  afterAll(async () => {
    await gateway.dispose();
    clients.destroy();
  });

  it('serves a small page that loads nothing from elsewhere', () => {
    expect(page.length).toBeLessThan(10_000);
    expect(page).not.toMatch(/https?:\/\//);
    expect(assetPaths).toHaveLength(7);
  });

  it('serves every asset compressed, with an immutable cache lifetime and an ETag', async () => {
    for (const path of assetPaths) {
      const brotli = await gateway.fetch(`${BASE}${path}`, { headers: { 'accept-encoding': 'gzip, deflate, br' } });
      expect(brotli.status, path).toBe(200);
      expect(brotli.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(brotli.headers.get('content-encoding')).toBe('br');
      const compressed = Buffer.from(await brotli.arrayBuffer());
      const plain = await gateway.fetch(`${BASE}${path}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
      const identity = Buffer.from(await plain.arrayBuffer());
      expect(brotliDecompressSync(compressed).equals(identity)).toBe(true);
      const gzip = await gateway.fetch(`${BASE}${path}`, { headers: { 'accept-encoding': 'gzip' } });
      expect(gunzipSync(Buffer.from(await gzip.arrayBuffer())).equals(identity)).toBe(true);
    }
  });

  it('answers a revalidation with 304 and unknown assets with 404', async () => {
    const path = assetPaths[0] ?? '';
    const first = await gateway.fetch(`${BASE}${path}`);
    const etag = first.headers.get('etag') ?? '';
    expect(etag).toMatch(/^"[0-9a-f]{12}"$/);
    expect(path).toContain(etag.slice(1, -1));
    const again = await gateway.fetch(`${BASE}${path}`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect((await gateway.fetch(`${BASE}/graphiql/assets/graphiql.000000000000.js`)).status).toBe(404);
  });

  it('opens with example operations that are valid against the schema', () => {
    expect(EXAMPLE_TABS[0]?.query).toContain('testMigration');
    for (const tab of EXAMPLE_TABS) expect(validate(schema, parse(tab.query))).toEqual([]);
    expect(page).toContain('mutation TestMigration');
  });
});

describe('GraphiQL turned off', () => {
  it('is not served, and neither are its assets', async () => {
    const { gateway, clients } = gatewayWith(false);
    try {
      const response = await gateway.fetch(`${BASE}/graphql`, { headers: { accept: 'text/html' } });
      expect(await response.text()).not.toContain('<div id="root">');
      expect((await gateway.fetch(`${BASE}/graphiql/assets/boot.000000000000.js`)).status).toBe(404);
    } finally {
      await gateway.dispose();
      clients.destroy();
    }
  });
});
