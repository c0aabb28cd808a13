import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { chromium, type Browser, type Page } from 'playwright-core';
import { startTestGateway, type TestGateway } from './gateway.js';

/**
 * Debian's Chromium, never a downloaded browser; flags that keep it off the (closed) network.
 * The host resolver rule cuts it off from every host but loopback: Playwright's request
 * interception would do that too, but it also turns off the HTTP cache this test measures.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1',
    ],
  });
}

export interface ServedGateway {
  origin: string;
  test: TestGateway;
  /** Bytes the server wrote to the browser's sockets (headers and bodies, as on the wire). */
  bytesSent(): number;
  resetBytes(): void;
  close(): Promise<void>;
}

/** The gateway (GraphiQL on) over a real loopback port, counting the bytes it sends. */
export async function serveGatewayWithGraphiQL(options: { subscriptionPollIntervalMs?: number } = {}): Promise<ServedGateway> {
  const test = await startTestGateway({ graphiql: true, ...options });
  const sockets = new Set<Socket>();
  let baseline = 0;
  let closedBytes = 0;
  const server: Server = createServer(test.gateway);
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => {
      closedBytes += socket.bytesWritten;
      sockets.delete(socket);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const total = () => closedBytes + [...sockets].reduce((sum, socket) => sum + socket.bytesWritten, 0);
  return {
    origin: `http://127.0.0.1:${port}`,
    test,
    bytesSent: () => total() - baseline,
    resetBytes: () => {
      baseline = total();
    },
    async close() {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await test.close();
    },
  };
}

/** Loads (or reloads) GraphiQL and waits until its editors are up and it has fetched the schema. */
export async function openGraphiQL(page: Page, origin: string, how: 'goto' | 'reload' = 'goto'): Promise<void> {
  const introspection = page.waitForResponse((response) => response.url() === `${origin}/graphql` && response.request().method() === 'POST', {
    timeout: 60_000,
  });
  if (how === 'goto') await page.goto(`${origin}/graphql`, { waitUntil: 'load' });
  else await page.reload({ waitUntil: 'load' });
  await page.locator('.graphiql-execute-button').first().waitFor({ timeout: 60_000 });
  await introspection;
}

/** Resolves once `read()` has not changed for `quietMs`: the browser has stopped fetching. */
export async function whenSteady(read: () => number, quietMs = 750, timeoutMs = 30_000): Promise<number> {
  const deadline = Date.now() + timeoutMs;
  let last = read();
  let since = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const now = read();
    if (now !== last) {
      last = now;
      since = Date.now();
    } else if (Date.now() - since >= quietMs) {
      return now;
    }
  }
  return last;
}

/** Runs the active tab's operation, waits until the result pane shows `expected`, returns its text (spaces folded: Monaco renders non-breaking ones). */
export async function runAndReadResult(page: Page, expected: string): Promise<string> {
  const result = page.locator('.result-window');
  // Right after a tab switch GraphiQL may still hold the previous tab's operation name and
  // answers "Cannot infer operation" without sending anything: run again once it has caught up.
  for (let attempt = 1; ; attempt++) {
    await page.locator('.graphiql-execute-button').first().click();
    const outcome = await Promise.race([
      result.getByText(expected).first().waitFor({ timeout: 60_000 }).then(() => 'done' as const),
      result.getByText('Cannot infer operation').first().waitFor({ timeout: 60_000 }).then(() => 'stale' as const),
    ]);
    if (outcome === 'done' || attempt === 5) break;
    await page.waitForTimeout(200);
  }
  await result.getByText(expected).first().waitFor({ timeout: 1_000 });
  return (await result.innerText()).replace(/\s+/g, ' ');
}
