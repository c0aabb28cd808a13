import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { build } from 'esbuild';
import { bundleConsole } from '../src/console/bundle.js';

/**
 * `npm run build`'s second half, after tsc has compiled src/ into the folder given (default
 * dist/):
 * - the console page bundled into `<dist>/console`, where the compiled gateway serves it from;
 * - the gateway bundled into `<dist>/gateway`, what `npm start` runs. One file per module chunk
 *   instead of ~900 modules to resolve and read (graphql-tools alone is 257 files) starts the
 *   process in about half the time; the built-in local endpoint and the OpenTelemetry SDK stay
 *   chunks of their own, loaded only when used.
 */
const dist = process.argv[2] ?? 'dist';

const consoleBundle = await bundleConsole();
await mkdir(join(dist, 'console'), { recursive: true });
await writeFile(join(dist, 'console/app.js'), consoleBundle.js);
await writeFile(join(dist, 'console/app.css'), consoleBundle.css);

const gateway = join(dist, 'gateway');
const result = await build({
  entryPoints: [join(dist, 'index.js')],
  outdir: gateway,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  // No keepNames: it would define `name` on every function made, per request too (17% of the CPU of
  // `{ __typename }`); nothing reads class names (src/rules/sdk-names.ts reads the SDK's own).
  // tsc's source maps are followed: a stack trace read with --enable-source-maps names src/*.ts.
  sourcemap: 'linked',
  // Only a gateway run from the sources bundles the console page itself (src/console/bundle.ts).
  external: ['esbuild'],
  metafile: true,
  logLevel: 'warning',
  // CommonJS packages inside an ES module bundle still call require() for Node's own modules.
  banner: {
    js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
  },
});
// The console module reads its assets beside itself (import.meta.url), which is now a chunk here.
await Promise.all(['app.js', 'app.css'].map((file) => copyFile(join(dist, 'console', file), join(gateway, file))));

const outputs = Object.entries(result.metafile.outputs).filter(([file]) => file.endsWith('.js'));
const bytes = outputs.reduce((sum, [, output]) => sum + output.bytes, 0);
process.stdout.write(
  `console bundle: app.js ${consoleBundle.js.length} bytes, app.css ${consoleBundle.css.length} bytes\n` +
    `gateway bundle: ${outputs.length} chunks, ${(bytes / 1024 / 1024).toFixed(1)} MiB, ${gateway}/index.js\n`,
);
