import { buildAsset, type Asset } from '../static-assets/asset.js';
import { loadGraphiQLBundle } from './bundle.js';

export type { Asset } from '../static-assets/asset.js';

export const ASSET_PREFIX = '/graphiql/assets/';

export interface AssetSet {
  byPath: ReadonlyMap<string, Asset>;
  urls: {
    js: string;
    css: string;
    favicon: string;
    boot: string;
    workers: Record<'editorWorkerService' | 'json' | 'graphql', string>;
  };
}

/**
 * Monaco starts its editor workers from URLs; the page gives it the worker assets' URLs. Kept in
 * a file, not inline, so the page works under a strict Content-Security-Policy.
 */
const BOOT_SCRIPT = `(function () {
  var options = JSON.parse(document.getElementById('graphiql-options').textContent);
  var workers = JSON.parse(document.getElementById('graphiql-workers').textContent);
  self.MonacoEnvironment = { globalAPI: false, getWorkerUrl: function (_moduleId, label) { return workers[label]; } };
  YogaGraphiQL.renderYogaGraphiQL(document.getElementById('root'), options);
})();
`;

/**
 * Builds the GraphiQL assets once: hashed names, and gzip and brotli encodings made ahead of time
 * (in zlib's thread pool) so no request pays for compression.
 */
export async function buildAssets(): Promise<AssetSet> {
  const bundle = loadGraphiQLBundle();
  const favicon = decodeDataUrl(bundle.favicon);
  const sources = {
    js: {
      name: 'graphiql',
      extension: 'js',
      contentType: 'text/javascript; charset=utf-8',
      body: Buffer.from(bundle.js),
    },
    css: { name: 'graphiql', extension: 'css', contentType: 'text/css; charset=utf-8', body: Buffer.from(bundle.css) },
    favicon: { name: 'favicon', extension: 'ico', contentType: favicon.contentType, body: favicon.body },
    boot: {
      name: 'boot',
      extension: 'js',
      contentType: 'text/javascript; charset=utf-8',
      body: Buffer.from(BOOT_SCRIPT),
    },
    editorWorkerService: {
      name: 'editor.worker',
      extension: 'js',
      contentType: 'text/javascript; charset=utf-8',
      body: Buffer.from(bundle.editorWorkerService),
    },
    json: {
      name: 'json.worker',
      extension: 'js',
      contentType: 'text/javascript; charset=utf-8',
      body: Buffer.from(bundle.jsonWorker),
    },
    graphql: {
      name: 'graphql.worker',
      extension: 'js',
      contentType: 'text/javascript; charset=utf-8',
      body: Buffer.from(bundle.graphqlWorker),
    },
  };
  const entries = await Promise.all(
    Object.entries(sources).map(async ([key, source]) => [key, await buildAsset(ASSET_PREFIX, source)] as const),
  );
  const assets = Object.fromEntries(entries) as Record<keyof typeof sources, Asset>;
  return {
    byPath: new Map(entries.map(([, asset]) => [asset.path, asset])),
    urls: {
      js: assets.js.path,
      css: assets.css.path,
      favicon: assets.favicon.path,
      boot: assets.boot.path,
      workers: {
        editorWorkerService: assets.editorWorkerService.path,
        json: assets.json.path,
        graphql: assets.graphql.path,
      },
    },
  };
}

function decodeDataUrl(dataUrl: string): { contentType: string; body: Buffer } {
  const match = /^data:([^;,]+);base64,(.*)$/s.exec(dataUrl);
  if (!match?.[1] || match[2] === undefined) throw new Error('the GraphiQL favicon is not a base64 data URL');
  return { contentType: match[1], body: Buffer.from(match[2], 'base64') };
}
