import type { GraphiQLOptions } from 'graphql-yoga';
import type { AssetSet } from './assets.js';
import { scriptJson } from '../static-assets/asset.js';

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** The GraphiQL page: a few hundred bytes that point at the cached assets. */
export function renderGraphiQLPage(options: GraphiQLOptions, assets: AssetSet): string {
  return `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>${escapeHtml(options.title ?? 'GraphiQL')}</title>
    <link rel="icon" href="${assets.urls.favicon}" />
    <link rel="stylesheet" href="${assets.urls.css}" />
  </head>
  <body id="body" class="no-focus-outline">
    <noscript>GraphiQL needs JavaScript.</noscript>
    <div id="root"></div>
    <script type="application/json" id="graphiql-options">${scriptJson(options)}</script>
    <script type="application/json" id="graphiql-workers">${scriptJson(assets.urls.workers)}</script>
    <script src="${assets.urls.js}"></script>
    <script src="${assets.urls.boot}"></script>
  </body>
</html>
`;
}
