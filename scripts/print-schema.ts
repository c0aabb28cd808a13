import { writeFileSync } from 'node:fs';
import { printExecutableSchema, printSubgraph } from '../src/schema/print.js';

// `npm run schema:print`: regenerates the committed SDL; test/schema/drift.test.ts fails until it is run.
writeFileSync(new URL('../schema.graphql', import.meta.url), printExecutableSchema());
writeFileSync(new URL('../subgraph.graphql', import.meta.url), printSubgraph());
process.stdout.write('wrote schema.graphql and subgraph.graphql\n');
