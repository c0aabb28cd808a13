import type { GraphiQLOptions, Plugin } from 'graphql-yoga';
import { buildAssets, ASSET_PREFIX, type AssetSet } from './assets.js';
import { EXAMPLE_TABS } from './examples.js';
import { assetResponse } from '../static-assets/asset.js';
import { renderGraphiQLPage } from './page.js';

export interface OfflineGraphiQL {
  /** For createYoga's `graphiql` option. */
  options: GraphiQLOptions;
  /** For createYoga's `renderGraphiQL` option. */
  render: (options: GraphiQLOptions) => Promise<string>;
  /** Serves the assets under /graphiql/assets/. */
  plugin: Plugin;
}

/**
 * GraphiQL served entirely by the gateway, for networks without CDN access: a small page plus
 * content-hashed assets that browsers cache for good, sent brotli- or gzip-compressed.
 */
/** GraphiQL's headers when the gateway wants tokens: the caller pastes theirs after `Bearer `. */
export const AUTH_HEADERS_TEMPLATE = '{\n  "Authorization": "Bearer "\n}';
export const AUTH_HINT =
  '# This gateway needs a bearer token: paste yours after "Bearer " in the Headers editor below, then re-fetch the schema (the ↻ button, or Shift+Ctrl+R).\n';

/**
 * `tokensRequired`: every tab opens with the Authorization header to fill in and a one-line hint
 * saying where the token goes (without it, GraphiQL opens on "Error fetching schema").
 */
export function offlineGraphiQL({ tokensRequired = false }: { tokensRequired?: boolean } = {}): OfflineGraphiQL {
  let assets: Promise<AssetSet> | undefined;
  // Built on first use, so a gateway with GraphiQL unused pays nothing.
  const getAssets = () => (assets ??= buildAssets());

  return {
    options: {
      title: 'ElastiCache GraphQL',
      defaultTabs: EXAMPLE_TABS.map((tab) => ({
        query: tokensRequired ? `${AUTH_HINT}${tab.query}` : tab.query,
        variables: tab.variables ?? null,
        headers: tokensRequired ? AUTH_HEADERS_TEMPLATE : null,
      })),
      // Headers open, not variables: that is where the gateway's auth header will go.
      defaultEditorToolsVisibility: 'headers',
      isHeadersEditorEnabled: true,
      subscriptionsProtocol: 'SSE',
    },
    render: async (options) => renderGraphiQLPage(options, await getAssets()),
    plugin: {
      async onRequest({ request, url, endResponse, fetchAPI }) {
        if (!url.pathname.startsWith(ASSET_PREFIX)) return;
        const asset = (await getAssets()).byPath.get(url.pathname);
        if (!asset) {
          endResponse(new fetchAPI.Response('Not found', { status: 404, headers: { 'content-type': 'text/plain' } }));
        } else if (request.method !== 'GET' && request.method !== 'HEAD') {
          endResponse(
            new fetchAPI.Response('Method not allowed', {
              status: 405,
              headers: { 'content-type': 'text/plain', allow: 'GET, HEAD' },
            }),
          );
        } else {
          endResponse(assetResponse(asset, request, fetchAPI.Response));
        }
      },
    },
  };
}
