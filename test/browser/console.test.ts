import { CreateReplicationGroupCommand, ElastiCacheClient } from '@aws-sdk/client-elasticache';
import { execFileSync } from 'node:child_process';
import { Redis } from 'ioredis';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { TestIdentityProvider } from '../support/identity-provider.js';
import { freePort, startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import {
  accessibilityViolations,
  press,
  screenshot,
  SCREENSHOTS,
  stepState,
  tabTo,
  typeInto,
  untilStep,
} from './console-page.js';
import { startAppWithTokens } from './local-app.js';
import { launchOfflineChromium, type OfflineChromium } from './offline-chromium.js';

const KEYS = 20_000;
const SECRET = 'console-Secret-1';

const CONSOLE_CONFIG = {
  PORT: '0',
  LOG_LEVEL: 'silent',
  GRAPHIQL: 'false',
  // The smallest intervals the configuration accepts: the page updates within a second.
  SUBSCRIPTION_POLL_INTERVAL_MS: '1000',
  MIGRATION_PROGRESS_INTERVAL_MS: '200',
  CUTOVER_STABLE_MS: '1000',
  PREFLIGHT_TIMEOUT_MS: '1000',
};

/** The pid of the redis-server serving `port` (it names itself `redis-server 127.0.0.1:<port>`). */
function pidOn(port: number): number {
  const line = execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .find((candidate) => candidate.includes('redis-server') && candidate.includes(`:${port}`));
  return Number(line?.trim().split(/\s+/)[0]);
}

async function primaryPort(app: RunningApp, id: string): Promise<number> {
  const response = await fetch(app.graphqlUrl, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: `{ replicationGroup(replicationGroupId: "${id}") { nodeGroups { primaryEndpoint { port } } } }`,
    }),
  });
  const body = (await response.json()) as {
    data: { replicationGroup: { nodeGroups: { primaryEndpoint: { port: number } }[] } };
  };
  return body.data.replicationGroup.nodeGroups[0]?.primaryEndpoint.port ?? 0;
}

/**
 * The migration console in Debian's Chromium, cut off from everything but the gateway, driven by
 * keyboard alone through the whole runbook against the local endpoint and a real source
 * redis-server: a failing preflight fixed, ElastiCache's test, the start, the sync to in sync, a
 * MATCH, the cutover held back while the target lags and done after; axe-core on every step.
 */
describe('the migration console', () => {
  let app: RunningApp;
  let chromium: OfflineChromium;
  let source: ThrowawayRedis;
  let admin: Redis;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    source = await startRedis(['--requirepass', SECRET, '--repl-diskless-sync-delay', '0']);
    admin = new Redis({ host: '127.0.0.1', port: source.port, password: SECRET });
    const pipeline = admin.pipeline();
    for (let index = 0; index < KEYS; index++) pipeline.set(`session:${index}`, `user-${index}`.padEnd(64, '.'));
    await pipeline.exec();
    app = await startApp(loadConfig(CONSOLE_CONFIG), createLogger('silent'));
    const origin = new URL(app.graphqlUrl).origin;
    chromium = await launchOfflineChromium(origin);
    page = await chromium.openPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  }, 90_000);
  afterAll(async () => {
    await chromium?.close();
    admin?.disconnect();
    await app?.close();
    await source?.stop();
  }, 30_000);

  const expectAccessible = async (where: string) => {
    expect(await accessibilityViolations(page), where).toEqual([]);
  };

  it('lists the groups, then runs the whole runbook by keyboard, from a failing preflight to a verified cutover', async () => {
    const origin = new URL(app.graphqlUrl).origin;
    let requests = 0;
    let encodedBytes = 0;
    page.on('requestfinished', (request) => {
      requests += 1;
      void request.sizes().then((sizes) => (encodedBytes += sizes.responseBodySize + sizes.responseHeadersSize));
    });
    const started = performance.now();
    await page.goto(`${origin}/console`);
    await page.getByRole('link', { name: 'orders-cache' }).waitFor();
    const toList = performance.now() - started;
    await page.waitForTimeout(200);
    process.stdout.write(
      `console first load: ${requests} requests, ${encodedBytes} bytes on the wire (${(encodedBytes / 1024).toFixed(1)} KiB, as served), groups listed after ${Math.round(toList)} ms\n`,
    );
    expect(encodedBytes).toBeLessThan(400 * 1024);
    await screenshot(page, '0-groups');
    await expectAccessible('the groups list');

    // Into the group's runbook, by keyboard.
    await tabTo(page, 'orders-cache');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: /^Migrate into orders-cache/ }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/console/us-east-1/orders-cache');

    // 1. Source: AUTH on the source fails the preflight, said as a sentence in the checks table.
    await typeInto(page, 'Source address', '127.0.0.1');
    await typeInto(page, 'Source port', String(source.port));
    await press(page, 'Check the source');
    await untilStep(page, 'Source', 'failed');
    await expect(page.getByRole('row', { name: /SOURCE_AUTH_REQUIRED FAILED/ }).textContent()).resolves.toContain(
      'requires AUTH',
    );
    await screenshot(page, '1-source-failed');
    await expectAccessible('a failed preflight');
    // The person fixes the source, and checks again.
    await admin.config('SET', 'requirepass', '');
    await press(page, 'Check the source');
    await untilStep(page, 'Source', 'passed');
    await screenshot(page, '1-source-passed');

    // 2. ElastiCache's test, its outcome from the group's events, live.
    await press(page, 'Run the test');
    await untilStep(page, "ElastiCache's test", 'passed');
    await screenshot(page, '2-test-passed');
    await expectAccessible("ElastiCache's test");

    // 3. Start, confirmed by typing the group's id.
    await typeInto(page, 'Type orders-cache to confirm', 'orders-cache');
    await press(page, 'Start the migration');
    await untilStep(page, 'Start', 'passed');

    // 4. Sync: each shard until in sync.
    await untilStep(page, 'Sync', 'passed');
    await expect(page.getByRole('table', { name: /^Shards, read at/ }).textContent()).resolves.toMatch(/streaming/);
    await screenshot(page, '4-in-sync');
    await expectAccessible('the sync');

    // 5. Verify: a sample compared on both sides.
    await press(page, 'Verify the data');
    await untilStep(page, 'Verify', 'passed');
    await expect(page.getByText(/^Verdict: MATCH/).count()).resolves.toBe(1);
    await screenshot(page, '5-verified');
    await expectAccessible('the verification');

    // 6. Cut over: held back while the target lags (its process stopped, the source writing on).
    const target = await primaryPort(app, 'orders-cache');
    const pid = pidOn(target);
    process.kill(pid, 'SIGSTOP');
    try {
      for (let index = 0; index < 200; index++) await admin.set(`late:${index}`, 'x'.repeat(100));
      await page.getByRole('list', { name: 'Why the cutover waits' }).waitFor({ timeout: 20_000 });
      expect(await page.getByRole('button', { name: 'Cut over', exact: true }).isDisabled()).toBe(true);
      await screenshot(page, '6-cutover-held');
      await expectAccessible('the held cutover');
    } finally {
      process.kill(pid, 'SIGCONT');
    }
    await press(page, 'Cut over');
    await untilStep(page, 'Cut over', 'passed');
    await untilStep(page, 'Done', 'passed');
    await page.getByText(`Point your applications at 127.0.0.1:${target}.`).waitFor();
    await screenshot(page, '7-done');
    await expectAccessible('the finished runbook');

    const cutOver = new Redis({ host: '127.0.0.1', port: target });
    try {
      expect(await cutOver.dbsize()).toBe(KEYS + 200);
      expect(/role:master/.test(await cutOver.info('replication'))).toBe(true);
    } finally {
      cutOver.disconnect();
    }
    expect(chromium.elsewhere).toEqual([]);
    expect(pageErrors).toEqual([]);
    process.stdout.write(`console screenshots in ${SCREENSHOTS}/\n`);
  }, 180_000);

  it('reads the groups list with no more AWS calls per interval than the dashboard query, 50 groups visible', async () => {
    const endpoint = app.localEndpoint;
    if (!endpoint) throw new Error('the app runs the local endpoint');
    const sdk = new ElastiCacheClient({
      endpoint: endpoint.url,
      region: 'us-east-1',
      credentials: endpoint.credentials,
    });
    try {
      for (let index = 0; index < 46; index++)
        await sdk.send(
          new CreateReplicationGroupCommand({
            ReplicationGroupId: `fleet-${String(index).padStart(2, '0')}`,
            ReplicationGroupDescription: 'console',
            NumCacheClusters: 2,
          }),
        );
      await endpoint.settled();
    } finally {
      sdk.destroy();
    }
    const origin = new URL(app.graphqlUrl).origin;
    await page.goto(`${origin}/console`);
    await page.getByRole('link', { name: 'fleet-45' }).waitFor();
    const rows = await page.getByRole('table', { name: 'Replication groups' }).getByRole('row').count();
    endpoint.resetCalls();
    await page.waitForTimeout(5_000);
    const perInterval = endpoint.calls.length / 5;
    await page.goto('about:blank');

    // The dashboard query, once, from an empty read cache: any mutation call retires the region's
    // cached reads (and responses), even one ElastiCache refuses, as here.
    const ask = (query: string) =>
      fetch(app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query }),
      });
    const retired = await ask(
      'mutation { testMigration(input: { replicationGroupId: "no-such-group", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }',
    );
    expect(await retired.json()).toMatchObject({
      data: { testMigration: { __typename: 'ReplicationGroupNotFoundFault' } },
    });
    expect(endpoint.calls.some((call) => call.action === 'TestMigration')).toBe(true);
    endpoint.resetCalls();
    const dashboard = await ask(
      '{ replicationGroups(first: 50) { edges { node { replicationGroupId status nodeGroups { nodeGroupMembers { cacheCluster { cacheClusterStatus } } } events(durationMinutes: 60) { message } } } } }',
    );
    expect(dashboard.status).toBe(200);
    const dashboardCalls = endpoint.calls.length;
    process.stdout.write(
      `console groups list, ${rows - 1} groups: ${perInterval.toFixed(1)} AWS calls per poll interval (the dashboard query alone: ${dashboardCalls})\n`,
    );
    expect(rows - 1).toBeGreaterThanOrEqual(50);
    expect(perInterval).toBeLessThanOrEqual(dashboardCalls);
  }, 90_000);
});

/** With tokens: a read-only token sees the migration steps disabled with the scope named; an expired one is told so. */
describe('the migration console with authentication on', () => {
  let idp: TestIdentityProvider;
  let app: RunningApp;
  let chromium: OfflineChromium;
  let close: () => Promise<void> = () => Promise.resolve();

  beforeAll(async () => {
    ({ idp, app, chromium, close } = await startAppWithTokens(loadConfig(CONSOLE_CONFIG)));
  }, 90_000);
  afterAll(() => close(), 30_000);

  it('disables the steps a read-only token may not take, naming the scope; an expired token is told so', async () => {
    const page = await chromium.openPage();
    const origin = new URL(app.graphqlUrl).origin;
    await page.goto(`${origin}/console/us-east-1/orders-cache`);
    await page.getByText('No token yet: paste one to act on the groups (kept in this tab only).').waitFor();

    await typeInto(page, 'Bearer token', await idp.token({ scope: 'elasticache:read' }));
    await page.keyboard.press('Enter');
    await page.getByText(/^Token with the scopes elasticache:read/).waitFor();
    await page.getByRole('heading', { name: /^Migrate into orders-cache/ }).waitFor();
    await page.getByText(/^Status: available/).waitFor();
    for (const name of ['Check the source', 'Run the test', 'Start the migration', 'Verify the data', 'Cut over'])
      expect(await page.getByRole('button', { name, exact: true }).isDisabled(), name).toBe(true);
    await expect(page.locator('#scope-needed').textContent()).resolves.toBe(
      'Disabled: these steps need the scope elasticache:migrate, which your token does not hold.',
    );
    expect(await stepState(page, 'Source')).toBe('to do');
    await screenshot(page, 'auth-read-only');
    expect(await accessibilityViolations(page)).toEqual([]);

    await typeInto(
      page,
      'Bearer token',
      await idp.token({ scope: 'elasticache:read elasticache:migrate', expiresIn: -60 }),
    );
    await page.keyboard.press('Enter');
    await page.getByText(/^Your token expired at .+: paste a new one\.$/).waitFor();
    // The gateway refuses it too, and the page says so beside the group.
    await page.getByText(/^The gateway refused your token \(.*expired.*\): paste a valid one above\.$/).waitFor();
    expect(chromium.elsewhere).toEqual([]);
  }, 90_000);
});

/** The gateway goes away and comes back (a restart): the page says so, and its live views resume by themselves. */
describe('the migration console across a gateway restart', () => {
  it('says the live stream is gone, then resumes it and shows the next change', async () => {
    const port = await freePort();
    const config = loadConfig({ ...CONSOLE_CONFIG, PORT: String(port) });
    let app = await startApp(config, createLogger('silent'));
    const origin = `http://127.0.0.1:${port}`;
    const chromium = await launchOfflineChromium(origin);
    try {
      const page = await chromium.openPage();
      await page.goto(`${origin}/console/us-east-1/orders-cache`);
      await page.getByText(/^Status: available$/).waitFor();
      const live = page.locator('#runbook .live');

      // A drain, as a rolling restart does it: every stream ends cleanly, then the process goes.
      await app.drain(5_000);
      await expect
        .poll(() => live.textContent(), { timeout: 20_000 })
        .toMatch(/^The live stream (was lost|ended); reconnecting in \d+ s…$/);

      app = await startApp(config, createLogger('silent'));
      await expect.poll(() => live.textContent(), { timeout: 30_000 }).toBe('');
      // The resumed stream carries what happens next.
      const tested = await fetch(app.graphqlUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query:
            'mutation { testMigration(input: { replicationGroupId: "orders-cache", customerNodeEndpointList: [{ address: "127.0.0.1", port: 6379 }] }) { __typename } }',
        }),
      });
      expect(await tested.json()).toEqual({ data: { testMigration: { __typename: 'TestMigrationSuccess' } } });
      await page.getByText(/^Status: available; migration: test (succeeded|failed)$/).waitFor({ timeout: 30_000 });
      expect(chromium.elsewhere).toEqual([]);
    } finally {
      await chromium.close();
      await app.close();
    }
  }, 120_000);
});
