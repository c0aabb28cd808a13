import type { Browser } from 'playwright-core';
import { TestMigrationDocument } from '../../examples/generated/graphql.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openGraphiQL, runAndReadResult, serveGatewayWithGraphiQL, whenSteady, type ServedGateway } from '../support/browser.js';

const MB = 1024 * 1024;

describe('GraphiQL in a real browser, with every other host cut off', () => {
  let served: ServedGateway;
  let browser: Browser;

  beforeAll(async () => {
    served = await serveGatewayWithGraphiQL({ subscriptionPollIntervalMs: 100 });
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await served?.close();
  });

  it('loads from the gateway alone, runs the prefilled testMigration, and reloads from cache', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    // Every request the page or its workers make; the browser cannot resolve any other host.
    const elsewhere: string[] = [];
    context.on('request', (request) => {
      const url = request.url();
      if (!url.startsWith(`${served.origin}/`) && !url.startsWith('blob:') && !url.startsWith('data:')) elsewhere.push(url);
    });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));

    served.resetBytes();
    await openGraphiQL(page, served.origin);
    const firstLoad = await whenSteady(() => served.bytesSent());

    const result = await runAndReadResult(page, '"TestMigrationSuccess"');
    expect(result).toContain('"replicationGroupId": "orders-cache"');

    served.resetBytes();
    await openGraphiQL(page, served.origin, 'reload');
    const secondLoad = await whenSteady(() => served.bytesSent());

    process.stdout.write(`GraphiQL bytes on the wire: first load ${firstLoad} (${(firstLoad / MB).toFixed(2)} MB), reload ${secondLoad} (${((100 * secondLoad) / firstLoad).toFixed(1)}% of the first)\n`);
    expect(elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
    expect(firstLoad).toBeLessThan(3 * MB);
    expect(secondLoad).toBeLessThan(firstLoad * 0.1);
    await context.close();
  }, 120_000);

  it('runs the subscription tab over Server-Sent Events and shows pushed updates', async () => {
    const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
    const page = await context.newPage();
    await openGraphiQL(page, served.origin);
    await page.locator('button.graphiql-tab-button[title="WatchGroup"]').click();
    const first = await runAndReadResult(page, '"replicationGroupChanged"');
    expect(first).toContain('"status": "available"');

    // A migration test started elsewhere shows up in the open subscription.
    const tested = await served.test.execute(TestMigrationDocument, {
      input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '127.0.0.1', port: 6379 }] },
    });
    expect(tested.data?.testMigration.__typename).toBe('TestMigrationSuccess');
    await page.locator('.result-window').getByText('TEST_SUCCEEDED').first().waitFor({ timeout: 30_000 });
    await context.close();
  }, 120_000);
});
