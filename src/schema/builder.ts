import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import { DateTimeResolver } from 'graphql-scalars';
import type { GatewayContext } from '../context.js';

/**
 * The one SchemaBuilder of the gateway. It defines no types: each domain module under
 * src/schema registers its own, and src/schema/index.ts assembles them.
 *
 * Plugin order is deliberate: errors wrap resolvers before anything else sees their result,
 * directives and federation come last so they see every type the others created.
 */
export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
  };
}>({
  plugins: [ErrorsPlugin, RelayPlugin, SimpleObjectsPlugin, DirectivesPlugin, FederationPlugin],
  errors: {
    defaultTypes: [],
  },
  relay: {
    // Other subgraphs define their own PageInfo: the shape is the standard one, so share it.
    pageInfoTypeOptions: { shareable: true },
    // The gateway has no global object ids; a `node` root field would clash with other subgraphs.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  directives: {
    // GraphQL Code Generator cannot read directives printed in the default (ordered) form.
    useGraphQLToolsUnorderedDirectives: true,
  },
});

builder.addScalarType('DateTime', DateTimeResolver, {});
