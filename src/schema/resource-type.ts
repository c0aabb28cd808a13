import { partialFailuresOf } from '../resolvers/partial-failures.js';
import { regionOf } from '../aws/location.js';
import { LISTED_LOCATIONS, locationListArgs, locationArgs } from './location-args.js';
import type { ObjectFieldsShape } from '@pothos/core';
import type { ImplementableLoadableObjectRef } from '@pothos/plugin-dataloader';
import { parseArn } from '../aws/arn.js';
import type { Regional } from '../aws/records.js';
import { locationKey, type LocationKey } from '../aws/location-key.js';
import type { ResourceReader } from '../aws/resources.js';
import { itemByArn, listResources, lookupKey, resourceIdArgument } from '../resolvers/resources.js';
import type { AnyResourceKind } from '../rules/resource-kinds.js';
import { accessTo, ENTITY_SCOPE, requiring, type ROOT_FIELD_SCOPES } from './authorization.js';
import { builder, type BuilderTypes } from './builder.js';
import { forwardConnection, forwardPageArgs } from './forward-pages.js';
import { mayReadEntities } from './entity-scope.js';
import { NodeInterface, registerNodeType } from './node.js';
import { required } from './required.js';

/** An item as read: the SDK shape with its region and account, and the ARN every kind has. */
export type ResourceItem = Regional & { ARN?: string | undefined };

export type ResourceRef<R extends ResourceItem> = ImplementableLoadableObjectRef<
  BuilderTypes,
  LocationKey | R,
  R,
  LocationKey,
  LocationKey
>;

/** Each type's connection object, shared by its listing and the links that page through it. */
const CONNECTIONS = new Map<object, unknown>();

/** The connection object of a type made by `resourceType`. */
export function connectionOf<R extends ResourceItem>(ref: ResourceRef<R>) {
  const connection = CONNECTIONS.get(ref);
  if (!connection) throw new Error(`${ref.name} was not made by resourceType`);
  return connection as ReturnType<typeof makeConnection<R>>;
}

function makeConnection<R extends ResourceItem>(ref: ResourceRef<R>, typeName: string) {
  return forwardConnection(ref, typeName, {
    connection: `A page of ${typeName} items.`,
    edge: `A ${typeName} and the cursor to resume after it.`,
  });
}

type QueryField = keyof (typeof ROOT_FIELD_SCOPES)['Query'];

/** An argument of a listing that narrows it on the AWS side: the Describe operation's input member it fills. */
export interface ListingFilter {
  member: string;
  description: string;
  /** Refuses a value that cannot name anything (BAD_USER_INPUT, no AWS call). */
  kind?: AnyResourceKind;
}

export interface ResourceTypeOptions<R extends ResourceItem> {
  reader: ResourceReader<R>;
  description: string;
  /** The field of the item's id (its `idMember`), e.g. serverlessCacheName. */
  idField: { name: string; description: string };
  /** The lookup by id: `serverlessCache(serverlessCacheName:, region:)`. */
  lookup: { field: QueryField; description: string };
  /** The listing: `serverlessCaches(first:, after:, region:, regions:, ...filters)`. */
  listing: { field: QueryField; description: string; filters?: Record<string, ListingFilter> };
  /** Every other member of the SDK shape, and the links. */
  fields: ObjectFieldsShape<BuilderTypes, R>;
}

/**
 * A resource type from its kind's reader, in one call: the loadable object type (a field may
 * resolve to a location key; the per-request loader reads keys in batches), with `id` (Relay's
 * Node), `arn` (the federation key), `region`, `accountId` and the id member; the lookup and the
 * listing root fields, scoped from the scope table (a field missing from it does not compile);
 * the federation entity, resolved by ARN through the loader.
 */
export function resourceType<R extends ResourceItem>(options: ResourceTypeOptions<R>): ResourceRef<R> {
  const { reader } = options;
  const kind = reader.kind;
  const typeName = kind.typeName;
  const ref = builder.loadableObjectRef<R | null, LocationKey, LocationKey, R>(typeName, {
    load: (keys, context) => reader.read(context.clients, keys, { signal: context.signal }),
    toKey: (item) => locationKey(item.location, required(reader.idOf(item), typeName, kind.idMember)),
    cacheResolved: true,
  });
  registerNodeType(kind, (context, key) => ref.getDataloader(context).load(key));

  ref.implement({
    // An entity: reached through `_entities` too, so the type itself needs the read scope.
    ...requiring(ENTITY_SCOPE),
    // Every item has an ARN (ResourceItem); Pothos cannot see that through the type parameter.
    interfaces: [NodeInterface] as never,
    description: options.description,
    fields: (t) => ({
      id: t.id({
        nullable: false,
        description:
          'A globally unique id (the ARN): what `node(id:)` takes, and what client caches (Apollo Client, urql graphcache, Relay) key by. The supergraph key stays `arn`.',
        resolve: (item) => required(item.ARN, typeName, 'ARN'),
      }),
      [options.idField.name]: t.string({
        nullable: false,
        description: options.idField.description,
        resolve: (item) => required(reader.idOf(item), typeName, kind.idMember),
      }),
      arn: t.string({
        nullable: false,
        description: `The Amazon Resource Name (ARN) of the ${typeName}; its key in the supergraph.`,
        resolve: (item) => required(item.ARN, typeName, 'ARN'),
      }),
      region: t.string({
        nullable: false,
        description: 'The AWS Region it lives in, from its ARN; for a global resource, the region it was read in.',
        resolve: (item) => parseArn(item.ARN)?.region || regionOf(item.location),
      }),
      accountId: t.string({
        description: 'The AWS account that owns it, read from its ARN.',
        resolve: (item) => item.accountId,
      }),
      ...options.fields(t),
    }),
  });

  builder.queryField(options.lookup.field, (t) =>
    t.field({
      ...accessTo('Query', options.lookup.field),
      type: ref,
      nullable: true,
      description: options.lookup.description,
      args: {
        [options.idField.name]: t.arg.string({ required: true, description: options.idField.description }),
        ...locationArgs(t.arg, 'to look in'),
      },
      // A key: the loader reads it. (Pothos cannot relate the key to the type through R.)
      resolve: (_root, args, context) =>
        lookupKey(
          context,
          kind,
          args,
          options.idField.name,
          String((args as Record<string, unknown>)[options.idField.name]),
        ) as never,
    }),
  );

  const connection = makeConnection(ref, typeName);
  CONNECTIONS.set(ref, connection);

  const filters = options.listing.filters ?? {};
  builder.queryField(options.listing.field, (t) =>
    t.field({
      ...accessTo('Query', options.listing.field),
      type: connection,
      nullable: false,
      description: `${options.listing.description} In pages of \`first\` (1 to 100, default 20), in ElastiCache order, ${LISTED_LOCATIONS}. A cursor that is malformed or no longer valid gives a BAD_CURSOR error.`,
      args: {
        ...forwardPageArgs(t.arg),
        ...locationListArgs(t.arg),
        ...Object.fromEntries(
          Object.entries(filters).map(([name, filter]) => [name, t.arg.string({ description: filter.description })]),
        ),
      },
      resolve: (_root, args, context, info) =>
        listResources(context, reader, args, {
          filter: listingFilter(filters, args as Record<string, unknown>),
          onUnavailable: partialFailuresOf(context, info),
        }),
    }),
  );

  builder.asEntity(ref, {
    key: builder.selection<{ arn: string }>('arn'),
    resolveReference: async ({ arn }, context, info) => {
      await mayReadEntities(context, info);
      return itemByArn<R>(context, arn, (_kind, key) => ref.getDataloader(context).load(key), kind);
    },
  });
  return ref;
}

/** The AWS-side filter of a listing from its arguments; values checked by the filter's kind. */
export function listingFilter(
  filters: Record<string, ListingFilter>,
  args: Record<string, unknown>,
): Record<string, string> {
  const filter: Record<string, string> = {};
  for (const [name, { member, kind }] of Object.entries(filters)) {
    const value = args[name];
    if (typeof value !== 'string') continue;
    filter[member] = kind ? resourceIdArgument(kind, name, value) : value;
  }
  return filter;
}
