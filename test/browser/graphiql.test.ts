import { parse, print } from 'graphql';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { TEST_MIGRATION_EXAMPLE } from '../../src/graphiql/examples.js';
import { openGraphiQL, runAndReadResult, setHeaders, whenSteady } from './graphiql-page.js';
import { startLocalApp } from './local-app.js';
import { launchOfflineChromium, type OfflineChromium } from './offline-chromium.js';
import { countBytesSentOn, type WireBytes } from './wire-bytes.js';

const MB = 1024 * 1024;

describe('GraphiQL in Debian Chromium, cut off from everything but the gateway', () => {
  let app: RunningApp;
  let wire: WireBytes;
  let chromium: OfflineChromium;

  beforeEach(async () => {
    app = await startLocalApp();
    const url = new URL(app.graphqlUrl);
    wire = countBytesSentOn(Number(url.port));
    chromium = await launchOfflineChromium(url.origin);
  }, 90_000);
  afterEach(async () => {
    await chromium?.close();
    wire?.stop();
    await app?.close();
  }, 30_000);

  it('loads from the gateway alone, runs the prefilled testMigration, and reloads from cache', async () => {
    const page = await chromium.openPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    wire.reset();
    await openGraphiQL(page, app.graphqlUrl);
    const firstLoad = await whenSteady(() => wire.sent());

    // The headers editor is shown and its headers go out with the operation.
    await setHeaders(page, '{"x-graphiql-check": "from the headers editor"}');
    const sentOperation = page.waitForRequest(
      (request) => request.method() === 'POST' && (request.postData() ?? '').includes('TestMigration'),
    );
    const result = await runAndReadResult(page, '"TestMigrationSuccess"');
    expect(result).toContain('"replicationGroupId": "orders-cache"');
    expect((await sentOperation).headers()['x-graphiql-check']).toBe('from the headers editor');

    await whenSteady(() => wire.sent());
    wire.reset();
    await openGraphiQL(page, app.graphqlUrl, 'reload');
    const secondLoad = await whenSteady(() => wire.sent());

    process.stdout.write(
      `GraphiQL bytes on the wire: first load ${firstLoad} (${(firstLoad / MB).toFixed(2)} MB), reload ${secondLoad} (${((100 * secondLoad) / firstLoad).toFixed(1)}% of the first)\n`,
    );
    expect(chromium.elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(firstLoad).toBeGreaterThan(500_000);
    expect(firstLoad).toBeLessThan(3 * MB);
    expect(secondLoad).toBeLessThan(firstLoad * 0.1);
  }, 180_000);

  it('runs the subscription tab over Server-Sent Events and shows pushed updates', async () => {
    const page = await chromium.openPage();
    await openGraphiQL(page, app.graphqlUrl);
    await page.locator('button.graphiql-tab-button[title="WatchGroup"]').click();
    const first = await runAndReadResult(page, '"replicationGroupChanged"');
    expect(first).toContain('"status": "available"');
    expect(first).not.toContain('TEST_SUCCEEDED');

    // A migration test started elsewhere shows up in the open subscription.
    const tested = await app.gateway.fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: print(parse(TEST_MIGRATION_EXAMPLE)) }),
    });
    expect(await tested.json()).toMatchObject({ data: { testMigration: { __typename: 'TestMigrationSuccess' } } });
    await page.locator('.result-window').getByText('TEST_SUCCEEDED').first().waitFor({ timeout: 60_000 });
    expect(chromium.elsewhere).toEqual([]);
  }, 180_000);
});
