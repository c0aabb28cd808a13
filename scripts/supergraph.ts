import { composeServices } from '@apollo/composition';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { parseArgs } from 'node:util';
import { parse } from 'graphql';
import { printSubgraph } from '../src/schema/print.js';

/**
 * `npm run supergraph -- <subgraph.graphql>... [--url <this service's URL>] [--out supergraph.graphql]`
 * composes this subgraph (printed from the code) with the others, offline, using Apollo's own
 * composition, and prints the errors and hints a router would report.
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
    'Usage: npm run supergraph -- <other-subgraph.graphql>... [--url <this service URL>] [--out <file>]\n',
  );
  process.exit(values.help ? 0 : 2);
}

const services = [
  { name: 'elasticache', url: values.url, typeDefs: parse(printSubgraph()) },
  ...positionals.map((file) => ({
    name: basename(file, extname(file)),
    url: `http://${basename(file, extname(file))}.invalid/graphql`,
    typeDefs: parse(readFileSync(file, 'utf8')),
  })),
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
