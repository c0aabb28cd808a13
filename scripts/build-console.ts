import { mkdir, writeFile } from 'node:fs/promises';
import { bundleConsole } from '../src/console/bundle.js';

/** `npm run build`'s second half: the console page bundled into dist/console, where the gateway serves it from. */
const bundle = await bundleConsole();
await mkdir('dist/console', { recursive: true });
await writeFile('dist/console/app.js', bundle.js);
await writeFile('dist/console/app.css', bundle.css);
process.stdout.write(`console bundle: app.js ${bundle.js.length} bytes, app.css ${bundle.css.length} bytes\n`);
