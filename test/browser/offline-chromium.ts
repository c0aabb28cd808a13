import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';

export interface OfflineChromium {
  context: BrowserContext;
  /** A new tab that can reach `origin` alone; call before navigating. */
  openPage(): Promise<Page>;
  /** URLs of requests to anywhere but `origin`: aborted by the page's interception, or seen from a worker. */
  elsewhere: string[];
  close(): Promise<void>;
}

const CHROMIUM_FLAGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Backstop for dedicated workers, whose requests the page's interception does not see: no host
  // but loopback resolves, so a worker cannot reach out either (and shows up in `elsewhere`).
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
];

/**
 * Debian's Chromium (never a downloaded browser) with a fresh profile, cut off from everything
 * but `origin`. Requests are intercepted over CDP, not with Playwright's `route()`, because
 * `route()` turns off the HTTP cache and the reload measured by the tests would then be a
 * first load again.
 */
export async function launchOfflineChromium(
  origin: string,
  viewport = { width: 1400, height: 900 },
): Promise<OfflineChromium> {
  const userDataDir = await mkdtemp(join(tmpdir(), 'graphiql-chromium-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: '/usr/bin/chromium',
    args: CHROMIUM_FLAGS,
    viewport,
    timeout: 60_000,
  });
  const elsewhere: string[] = [];
  const isElsewhere = (url: string) =>
    !url.startsWith('data:') && !url.startsWith('blob:') && new URL(url).origin !== origin;
  context.on('request', (request) => {
    if (isElsewhere(request.url()) && !elsewhere.includes(request.url())) elsewhere.push(request.url());
  });

  return {
    context,
    elsewhere,
    async openPage() {
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      // The sends fail only when the page has closed meanwhile, taking its paused requests with it.
      cdp.on('Fetch.requestPaused', ({ requestId, request }) => {
        if (!isElsewhere(request.url)) {
          void cdp.send('Fetch.continueRequest', { requestId }).catch(() => undefined);
          return;
        }
        if (!elsewhere.includes(request.url)) elsewhere.push(request.url);
        void cdp.send('Fetch.failRequest', { requestId, errorReason: 'BlockedByClient' }).catch(() => undefined);
      });
      await cdp.send('Fetch.enable', { patterns: [{ urlPattern: '*', requestStage: 'Request' }] });
      return page;
    },
    async close() {
      await context.close();
      await rm(userDataDir, { recursive: true, force: true });
    },
  };
}
