import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { gunzipSync, gzipSync } from 'node:zlib';

/**
 * `npm run aws-shape-names [-- --botocore <botocore/data dir>]` writes test/schema/aws-shape-names.txt.gz:
 * every shape name of every AWS service model botocore ships (the newest API version of each
 * service), one line each, `ShapeName service service...`, sorted, under a `#` line naming the release. test/schema/type-names.test.ts
 * checks our GraphQL type names against it, so a name another AWS service also uses cannot enter
 * the schema unprefixed. Without --botocore it asks the machine's python3 where botocore is.
 */
const { values } = parseArgs({
  options: {
    botocore: { type: 'string' },
    out: { type: 'string', default: 'test/schema/aws-shape-names.txt.gz' },
  },
});

const dataDir =
  values.botocore ??
  join(
    execFileSync('python3', ['-c', 'import botocore, os; print(os.path.dirname(botocore.__file__))'], {
      encoding: 'utf8',
    }).trim(),
    'data',
  );

function readModel(file: string): { shapes: Record<string, unknown> } {
  const bytes = readFileSync(file);
  return JSON.parse((file.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('utf8')) as {
    shapes: Record<string, unknown>;
  };
}

const servicesByShape = new Map<string, string[]>();
let services = 0;
function subdirectories(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
}

for (const service of subdirectories(dataDir)) {
  const serviceDir = join(dataDir, service);
  const newest = subdirectories(serviceDir).at(-1);
  if (!newest) continue;
  const model = ['service-2.json', 'service-2.json.gz']
    .map((name) => join(serviceDir, newest, name))
    .find((file) => existsSync(file));
  if (!model) continue;
  services += 1;
  for (const shape of Object.keys(readModel(model).shapes)) {
    const list = servicesByShape.get(shape) ?? [];
    list.push(service);
    servicesByShape.set(shape, list);
  }
}

// botocore/__init__.py holds the release the models come from; the header records it.
const initFile = join(dataDir, '..', '__init__.py');
const release = existsSync(initFile) ? /__version__ = '([^']+)'/.exec(readFileSync(initFile, 'utf8'))?.[1] : undefined;
const header = `# shape names of ${services} AWS service models, botocore ${release ?? '(release unknown)'}`;
const lines = [...servicesByShape.entries()]
  .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
  .map(([shape, owners]) => `${shape} ${owners.join(' ')}`);
// mtime 0 in the gzip header: the same models give the same bytes.
writeFileSync(values.out, gzipSync(`${[header, ...lines].join('\n')}\n`, { level: 9 }));
process.stderr.write(`${lines.length} shape names from ${services} service models in ${dataDir} -> ${values.out}\n`);
