import { writeFileSync } from 'node:fs';
import { printExecutableSchema } from '../src/schema/print.js';

// `npm run schema:print`: regenerates the committed SDL; test/schema-drift.test.ts fails until it is run.
writeFileSync(new URL('../schema.graphql', import.meta.url), printExecutableSchema());
process.stdout.write('wrote schema.graphql\n');
