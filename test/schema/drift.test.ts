import { generate } from '@graphql-codegen/cli';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';
import type { GraphQLSchema } from 'graphql';
import { builder } from '../../src/schema/builder.js';
import { schema } from '../../src/schema/index.js';
import { printExecutableSchema, printSubgraph } from '../../src/schema/print.js';

const root = new URL('../../', import.meta.url);

describe('committed generated files match the code', () => {
  it('schema.graphql is the printed schema (run `npm run schema:print`)', () => {
    expect(readFileSync(new URL('schema.graphql', root), 'utf8')).toBe(printExecutableSchema());
  });

  it('subgraph.graphql is the printed subgraph SDL (run `npm run schema:print`)', () => {
    expect(readFileSync(new URL('subgraph.graphql', root), 'utf8')).toBe(printSubgraph());
  });

  it('the federation directives the schema links are the ones the federation plugin finds it uses', () => {
    // The plugin's default (no federationDirectives) builds the schema to find them.
    const linked = (built: GraphQLSchema) => (built.extensions as { directives?: unknown }).directives;
    expect(linked(schema)).toEqual(linked(builder.toSubGraphSchema({})));
    expect(JSON.stringify(linked(schema))).toContain('@requiresScopes');
  });

  it('examples/generated is what codegen makes from schema.graphql (run `npm run codegen`)', async () => {
    const outputs = (await generate({ ...config, cwd: root.pathname, silent: true }, false)) as {
      filename: string;
      content: string;
    }[];
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) {
      expect(readFileSync(new URL(output.filename, root), 'utf8'), output.filename).toBe(output.content);
    }
  }, 60_000);
});
