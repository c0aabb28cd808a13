import { printSubgraphSchema } from '@apollo/subgraph';
import { GraphQLObjectType, GraphQLSchema, lexicographicSortSchema } from 'graphql';

/**
 * Root fields the gateway serves to its own clients but does not publish to a supergraph:
 * Relay's `node` and `nodes`. In a supergraph, one subgraph answers `Query.node` for the
 * company (two subgraphs defining it do not compose, as a non-shareable field), and other
 * subgraphs reach our types by their federation key, `arn`, through `_entities`.
 */
export const GATEWAY_ONLY_ROOT_FIELDS: readonly string[] = ['node', 'nodes'];

/** The schema a supergraph composes: the executable one without the gateway-only root fields. */
export function publishedSchema(schema: GraphQLSchema): GraphQLSchema {
  const query = schema.getQueryType();
  if (!query) return schema;
  const config = query.toConfig();
  const published = new GraphQLObjectType({
    ...config,
    // The subgraph printer reads the type's AST (where the directives are): it loses the fields too.
    astNode: config.astNode && {
      ...config.astNode,
      fields: config.astNode.fields?.filter((field) => !GATEWAY_ONLY_ROOT_FIELDS.includes(field.name.value)),
    },
    fields: Object.fromEntries(
      Object.entries(config.fields).filter(([name]) => !GATEWAY_ONLY_ROOT_FIELDS.includes(name)),
    ),
  });
  const schemaConfig = schema.toConfig();
  return new GraphQLSchema({
    ...schemaConfig,
    query: published,
    types: [...schemaConfig.types.filter((type) => type.name !== query.name), published],
  });
}

/**
 * The executable schema with `_service { sdl }` answering the published SDL (the federation
 * plugin prints the whole schema), so a router and `npm run supergraph` see the same subgraph.
 */
export function servingPublishedSdl(schema: GraphQLSchema): GraphQLSchema {
  const service = schema.getQueryType()?.getFields()._service;
  if (!service) throw new Error('the schema is not a federation subgraph (no _service field)');
  // Printed when a router first asks (tens of milliseconds), not at every start.
  let sdl: string | undefined;
  service.resolve = () => ({ sdl: (sdl ??= printPublishedSubgraph(schema)) });
  return schema;
}

/** The committed subgraph.graphql: the SDL a supergraph composes, with federation directives, sorted. */
export function printPublishedSubgraph(schema: GraphQLSchema): string {
  return printSubgraphSchema(lexicographicSortSchema(publishedSchema(schema)));
}
