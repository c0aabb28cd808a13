import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import type { TestIdentityProvider } from '../support/identity-provider.js';
import { openGraphiQL, setHeaders } from './graphiql-page.js';
import { LOCAL_GRAPHIQL_CONFIG, startAppWithTokens } from './local-app.js';
import type { OfflineChromium } from './offline-chromium.js';

/**
 * GraphiQL in front of a gateway that wants tokens: it opens with the Authorization header to
 * fill in and a line saying where the token goes; typed in, the schema loads and the docs
 * explorer fills in.
 */
describe('GraphiQL with authentication on', () => {
  let idp: TestIdentityProvider;
  let app: RunningApp;
  let chromium: OfflineChromium;
  let close: () => Promise<void> = () => Promise.resolve();

  beforeAll(async () => {
    ({ idp, app, chromium, close } = await startAppWithTokens(LOCAL_GRAPHIQL_CONFIG));
  }, 90_000);
  afterAll(() => close(), 30_000);

  it('opens with the header template and the hint; a typed token fills the docs explorer', async () => {
    const page = await chromium.openPage();
    await openGraphiQL(page, app.graphqlUrl);
    await page.getByText('This gateway needs a bearer token').first().waitFor();
    // Every tab holds the header to fill in (GraphiQL keeps its tabs in localStorage).
    const tabs = await page.evaluate(() => localStorage.getItem('graphiql:tabState'));
    const headers = (JSON.parse(tabs ?? '{}') as { tabs?: { headers: string | null }[] }).tabs?.map(
      (tab) => tab.headers,
    );
    expect(headers?.length).toBeGreaterThan(0);
    for (const header of headers ?? []) expect(JSON.parse(header ?? '{}')).toEqual({ Authorization: 'Bearer ' });

    const token = await idp.token({ scope: 'elasticache:read elasticache:migrate' });
    await setHeaders(page, JSON.stringify({ Authorization: `Bearer ${token}` }));
    const introspected = page.waitForResponse(
      (response) =>
        response.url() === app.graphqlUrl && response.request().method() === 'POST' && response.status() === 200,
    );
    await page.getByRole('button', { name: 'Re-fetch GraphQL schema' }).click();
    await introspected;
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    await page
      .locator('.graphiql-doc-explorer')
      .getByText('Query', { exact: true })
      .first()
      .waitFor({ timeout: 30_000 });
    expect(chromium.elsewhere).toEqual([]);
  }, 180_000);
});
