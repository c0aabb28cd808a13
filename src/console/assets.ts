import { readFile } from 'node:fs/promises';
import { buildAsset, type Asset } from '../static-assets/asset.js';
import type { ConsoleBundle } from './bundle.js';

export const CONSOLE_ASSET_PREFIX = '/console/assets/';

export interface ConsoleAssets {
  js: Asset;
  css: Asset;
  byPath: ReadonlyMap<string, Asset>;
}

/**
 * The console's script and styles, hashed and compressed once: the files `npm run build` wrote
 * beside this module (dist/console), or, running from the sources, a bundle made now.
 */
export async function loadConsoleAssets(): Promise<ConsoleAssets> {
  const bundle = (await builtBundle()) ?? (await (await import('./bundle.js')).bundleConsole());
  const [js, css] = await Promise.all([
    buildAsset(CONSOLE_ASSET_PREFIX, {
      name: 'console',
      extension: 'js',
      contentType: 'text/javascript; charset=utf-8',
      body: Buffer.from(bundle.js),
    }),
    buildAsset(CONSOLE_ASSET_PREFIX, {
      name: 'console',
      extension: 'css',
      contentType: 'text/css; charset=utf-8',
      body: Buffer.from(bundle.css),
    }),
  ]);
  return { js, css, byPath: new Map([js, css].map((asset) => [asset.path, asset])) };
}

async function builtBundle(): Promise<ConsoleBundle | null> {
  try {
    const [js, css] = await Promise.all([
      readFile(new URL('./app.js', import.meta.url), 'utf8'),
      readFile(new URL('./app.css', import.meta.url), 'utf8'),
    ]);
    return { js, css };
  } catch {
    return null;
  }
}
