// Loaded with `node --import`: records the URL of every module the process resolves, one per
// line, in the file named by RECORD_MODULES_FILE. Resolve hooks run off the main thread, so the
// file is written synchronously from there.
import { register } from 'node:module';
import process from 'node:process';

const file = process.env.RECORD_MODULES_FILE;
if (file) {
  register(
    `data:text/javascript,${encodeURIComponent(`
      import { appendFileSync } from 'node:fs';
      export async function resolve(specifier, context, nextResolve) {
        const resolved = await nextResolve(specifier, context);
        appendFileSync(${JSON.stringify(file)}, resolved.url + '\\n');
        return resolved;
      }
    `)}`,
  );
}
