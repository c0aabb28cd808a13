import type { Plugin } from 'graphql-yoga';
import { assetResponse, scriptJson } from '../static-assets/asset.js';
import { CONSOLE_ASSET_PREFIX, loadConsoleAssets, type ConsoleAssets } from './assets.js';

export const CONSOLE_PATH = '/console';

/** What the page is told about the gateway (never a secret: the page is served to anyone). */
export interface ConsolePageConfig {
  graphqlPath: string;
  auth: 'open' | 'tokens';
  scopeClaim: string | null;
  pollIntervalMs: number;
  regions: readonly string[];
}

/** Only the gateway's own origin, and no inline code: the page is a script and a stylesheet. */
const CONTENT_SECURITY_POLICY =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/**
 * The migration console: `GET /console` (the region's groups) and `/console/<region>/<group>` (a
 * group's runbook) answer one small HTML page; `/console/assets/` its hashed, compressed script
 * and styles. Everything comes from the gateway itself, as GraphiQL does: no CDN, and the page's
 * requests go to this origin alone. The page is public (it holds nothing); its GraphQL requests
 * carry the caller's token like any other.
 */
export function useConsole(config: ConsolePageConfig): Plugin {
  let assets: Promise<ConsoleAssets> | undefined;
  // Built on first use, so a gateway whose console is never opened pays nothing.
  const getAssets = () => (assets ??= loadConsoleAssets());
  return {
    async onRequest({ request, url, endResponse, fetchAPI }) {
      const path = url.pathname;
      if (path !== CONSOLE_PATH && !path.startsWith(`${CONSOLE_PATH}/`)) return;
      const text = (status: number, body: string, headers: Record<string, string> = {}) =>
        new fetchAPI.Response(body, { status, headers: { 'content-type': 'text/plain; charset=utf-8', ...headers } });
      if (request.method !== 'GET' && request.method !== 'HEAD') {
        endResponse(text(405, 'Method not allowed', { allow: 'GET, HEAD' }));
        return;
      }
      if (path.startsWith(CONSOLE_ASSET_PREFIX)) {
        const asset = (await getAssets()).byPath.get(path);
        endResponse(asset ? assetResponse(asset, request, fetchAPI.Response) : text(404, 'Not found'));
        return;
      }
      // /console, /console/<region>, /console/<region>/<group>: the page routes itself.
      if (path.split('/').filter(Boolean).length > 3) {
        endResponse(text(404, 'Not found'));
        return;
      }
      const page = renderConsolePage(await getAssets(), config);
      endResponse(
        new fetchAPI.Response(request.method === 'HEAD' ? null : page, {
          status: 200,
          headers: {
            'content-type': 'text/html; charset=utf-8',
            'cache-control': 'no-cache',
            'content-security-policy': CONTENT_SECURITY_POLICY,
            'x-content-type-options': 'nosniff',
            'referrer-policy': 'no-referrer',
          },
        }),
      );
    },
  };
}

function renderConsolePage(assets: ConsoleAssets, config: ConsolePageConfig): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>Migration console · ElastiCache GraphQL</title>
    <link rel="stylesheet" href="${assets.css.path}" />
    <script type="application/json" id="console-config">${scriptJson(config)}</script>
    <script type="module" src="${assets.js.path}"></script>
  </head>
  <body>
    <main><p>Loading the migration console… (it needs JavaScript)</p></main>
  </body>
</html>
`;
}
