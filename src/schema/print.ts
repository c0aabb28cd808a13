import { lexicographicSortSchema, printSchema } from 'graphql';
import { schema } from './index.js';
import { printPublishedSubgraph } from './published.js';

/** The committed schema.graphql: sorted so that reordering code never shows up as a change. */
export function printExecutableSchema(): string {
  return `${printSchema(lexicographicSortSchema(schema))}\n`;
}

/** The committed subgraph.graphql: the SDL a supergraph composes, with federation directives. */
export function printSubgraph(): string {
  return `${printPublishedSubgraph(schema)}\n`;
}
