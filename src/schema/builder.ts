import SchemaBuilder from '@pothos/core';
import DirectivesPlugin from '@pothos/plugin-directives';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import ErrorsPlugin from '@pothos/plugin-errors';
import FederationPlugin from '@pothos/plugin-federation';
import RelayPlugin from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import SimpleObjectsPlugin from '@pothos/plugin-simple-objects';
import TracingPlugin, { isRootField } from '@pothos/plugin-tracing';
import { createOpenTelemetryWrapper } from '@pothos/tracing-opentelemetry';
import { DateTimeResolver, SafeIntResolver } from 'graphql-scalars';
import type { Scope } from '../auth/scopes.js';
import type { GatewayContext } from '../context.js';
import { tracer } from '../observability/tracing.js';
import { scopesHeldBy, type AuthScopes } from './authorization.js';
import { refusedField } from './refusals.js';

/**
 * The one SchemaBuilder of the gateway. It defines no types: each domain module under
 * src/schema registers its own, and src/schema/index.ts assembles them.
 *
 * Plugin order is deliberate: scope-auth first, so a field the caller may not use runs nothing
 * else (no resolver, no load, no AWS call); tracing next, so a resolver's span covers the loads
 * and AWS calls it leads to; errors wrap resolvers before anything else sees their result; the
 * dataloader plugin then turns keys returned for loadable types into loads; directives
 * and federation come last so they see every type the others created.
 */
const traceResolver = createOpenTelemetryWrapper(tracer, {
  includeArgs: false,
  includeSource: false,
  // "ReplicationGroup.events" reads better in a trace view than the plugin's "graphql.resolve".
  onSpan: (span, _options, _parent, _args, _context, info) =>
    span.updateName(`${info.parentType.name}.${info.fieldName}`),
});

export const builder = new SchemaBuilder<{
  Context: GatewayContext;
  AuthScopes: AuthScopes;
  FederationScopes: Scope;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    SafeInt: { Input: number; Output: number };
  };
}>({
  plugins: [
    ScopeAuthPlugin,
    TracingPlugin,
    ErrorsPlugin,
    DataloaderPlugin,
    RelayPlugin,
    SimpleObjectsPlugin,
    DirectivesPlugin,
    FederationPlugin,
  ],
  scopeAuth: {
    // Which scopes a field needs is src/schema/authorization.ts; which the caller holds, its token.
    authScopes: (context) => scopesHeldBy(context.caller),
    // A subscription is checked once, when it starts, not at every push.
    authorizeOnSubscribe: true,
    unauthorizedError: (_parent, context, info) => refusedField(context, info),
  },
  tracing: {
    // A span per resolver that calls AWS: every root field, and the object fields that load
    // (they say `tracing: true`). Arguments and documents stay out of spans: they may hold
    // customer endpoints.
    default: (config) => isRootField(config),
    wrap: (resolver, options) => traceResolver(resolver, options),
  },
  errors: {
    defaultTypes: [],
  },
  relay: {
    // Other subgraphs define their own PageInfo: the shape is the standard one, so share it.
    pageInfoTypeOptions: { shareable: true, description: 'Where a page of a connection stands in the whole listing.' },
    hasNextPageFieldOptions: { description: 'Whether more records follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether records precede this page (the listing is forward-only).' },
    startCursorFieldOptions: { description: 'The cursor of the first record of the page.' },
    endCursorFieldOptions: {
      description: 'The cursor of the last record of the page: pass it as `after` for the next page.',
    },
    edgesFieldOptions: { description: 'The records of the page, each with its cursor.' },
    pageInfoFieldOptions: { description: 'Where the page stands.' },
    cursorFieldOptions: { description: 'An opaque position: pass it as `after` to resume after this record.' },
    nodeFieldOptions: { description: 'The record.' },
    // The gateway has no global object ids; a `node` root field would clash with other subgraphs.
    nodeQueryOptions: false,
    nodesQueryOptions: false,
  },
  directives: {
    // GraphQL Code Generator cannot read directives printed in the default (ordered) form.
    useGraphQLToolsUnorderedDirectives: true,
  },
});

/** The builder's schema types, for helpers that spell out Pothos types (src/schema/resource-type.ts). */
export type BuilderTypes = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

/** A field's `t.arg`: what helpers that add the same arguments to many fields take. */
export type ArgBuilder = Parameters<Parameters<typeof builder.queryField>[1]>[0]['arg'];

builder.addScalarType('DateTime', DateTimeResolver, {});
// Replication offsets and byte counts pass 2^31 on a busy source: Int would overflow.
builder.addScalarType('SafeInt', SafeIntResolver, {});
