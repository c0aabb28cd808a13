import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'graphql';
import { printSubgraph } from '../src/schema/print.js';

/**
 * `npm run supergraph -- [<name>=]<subgraph.graphql>[@<url>]... [--url <this service's URL>] [--out supergraph.graphql]`
 * composes this subgraph (printed from the code) with the others, offline, using Apollo's own
 * composition, and prints the errors and hints a router would report. Each other subgraph is
 * named by `<name>=` (else its file name) and routed to `@<url>`, so that the output routes as it
 * is; a subgraph given without a URL gets `http://<name>.invalid/graphql`, which a router cannot
 * reach (composition still checks it).
 */
const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    url: { type: 'string', default: 'http://127.0.0.1:4000/graphql' },
    out: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});

if (values.help || positionals.length === 0) {
  process.stdout.write(
    'Usage: npm run supergraph -- [<name>=]<other-subgraph.graphql>[@<url>]... [--url <this service URL>] [--out <file>]\n',
  );
  process.exit(values.help ? 0 : 2);
}

const services = [
  { name: 'elasticache', url: values.url, typeDefs: parse(printSubgraph()) },
  ...positionals.map((argument) => {
    const { name, file, url } = subgraphArgument(argument);
    return { name, url, typeDefs: parse(readFileSync(file, 'utf8')) };
  }),
];
const result = composeServices(services);
for (const hint of result.hints ?? []) process.stderr.write(`hint ${hint.definition.code}: ${hint.message}\n`);
if (result.errors) {
  for (const error of result.errors) process.stderr.write(`error ${String(error.extensions.code)}: ${error.message}\n`);
  process.stderr.write(`composition failed with ${result.errors.length} error(s)\n`);
  process.exit(1);
}
if (values.out) {
  writeFileSync(values.out, result.supergraphSdl);
  process.stderr.write(`composed ${services.length} subgraphs into ${values.out}\n`);
} else {
  process.stdout.write(result.supergraphSdl);
}

/** `[<name>=]<file>[@<http(s) URL>]`. */
function subgraphArgument(argument: string): { name: string; file: string; url: string } {
  const named = /^([A-Za-z][\w-]*)=(.+)$/.exec(argument);
  const rest = named?.[2] ?? argument;
  const at = rest.search(/@https?:\/\//);
  const file = at >= 0 ? rest.slice(0, at) : rest;
  const name = named?.[1] ?? basename(file, extname(file));
  return { name, file, url: at >= 0 ? rest.slice(at + 1) : `http://${name}.invalid/graphql` };
}
