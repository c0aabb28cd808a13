import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';

/** The console page's code and styles, bundled. */
export interface ConsoleBundle {
  js: string;
  css: string;
}

/**
 * Bundles the page (src/console/page: TypeScript and CSS) with esbuild: one minified ES module,
 * its GraphQL documents and client included. `npm run build` runs it into dist/console
 * (scripts/build.ts); a gateway running from the sources (tsx, the tests) runs it once,
 * on the first request for the console. esbuild is a development dependency: `npm start` serves
 * the built files and never loads it.
 */
export async function bundleConsole(): Promise<ConsoleBundle> {
  const { build, transform } = await import('esbuild');
  const page = fileURLToPath(new URL('./page/', import.meta.url));
  const result = await build({
    entryPoints: [`${page}main.ts`],
    bundle: true,
    minify: true,
    format: 'esm',
    target: 'es2022',
    platform: 'browser',
    write: false,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const js = result.outputFiles[0]?.text;
  if (!js) throw new Error('esbuild produced no console bundle');
  const css = await transform(await readFile(`${page}console.css`, 'utf8'), { loader: 'css', minify: true });
  return { js, css: css.code };
}
