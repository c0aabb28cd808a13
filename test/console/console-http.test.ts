import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

/**
 * GET /console over HTTP: one small page with a strict Content-Security-Policy naming its hashed,
 * compressed script and styles; deep links answer the same page; CONSOLE_ENABLED=false answers 404.
 */
describe('the console over HTTP', () => {
  let t: TestGateway;
  let off: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
    off = await startTestGateway({ sharedEndpoint: t.endpoint, console: false });
  }, 60_000);
  afterAll(async () => {
    await off?.close();
    await t?.close();
  });

  const get = (gateway: TestGateway, path: string, init: RequestInit = {}) =>
    gateway.gateway.fetch(`http://127.0.0.1${path}`, init);

  it('answers the page, at /console and at a deep link, and its assets compressed and cached for good', async () => {
    for (const path of ['/console', '/console/us-east-1', '/console/us-east-1/orders-cache']) {
      const page = await get(t, path);
      expect(page.status, path).toBe(200);
      expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(page.headers.get('content-security-policy')).toContain("connect-src 'self'");
    }
    const html = await (await get(t, '/console')).text();
    const script = /src="(\/console\/assets\/console\.[0-9a-f]{12}\.js)"/.exec(html)?.[1] ?? '';
    const styles = /href="(\/console\/assets\/console\.[0-9a-f]{12}\.css)"/.exec(html)?.[1] ?? '';
    expect(html).toContain('"graphqlPath":"/graphql"');
    expect(html).toContain('"auth":"open"');
    const js = await get(t, script, { headers: { 'accept-encoding': 'br, gzip' } });
    expect(js.status).toBe(200);
    expect(js.headers.get('content-encoding')).toBe('br');
    expect(js.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await get(t, styles)).status).toBe(200);
    const again = await get(t, script, {
      headers: { 'accept-encoding': 'br', 'if-none-match': js.headers.get('etag') ?? '' },
    });
    expect(again.status).toBe(304);
    expect((await get(t, '/console/assets/console.000000000000.js')).status).toBe(404);
    expect((await get(t, '/console/a/b/c')).status).toBe(404);
    const post = { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' };
    expect((await get(t, '/console', post)).status).toBe(405);
  });

  it('answers 404 with CONSOLE_ENABLED=false', async () => {
    expect((await get(off, '/console')).status).toBe(404);
    expect((await get(off, '/console/us-east-1/orders-cache')).status).toBe(404);
  });
});
