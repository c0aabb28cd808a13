import type { LocationKey } from '../aws/location-key.js';
import type { GatewayContext } from '../context.js';
import type { ResourceReader } from '../aws/resources.js';
import { listResources } from '../resolvers/resources.js';
import type { BuilderTypes } from './builder.js';
import { forwardPageArgs } from './forward-pages.js';
import { connectionOf, type ResourceItem, type ResourceRef } from './resource-type.js';

/*
 * Links between resource types: a list of items named by ids (a user group's users), one item (a
 * cluster's parameter group), or a listing narrowed to the parent (a group's snapshots). Each goes
 * through the target type's per-request loader or reader, so the links of many parents share a
 * bounded number of calls.
 */

type FieldBuilder<Parent> = PothosSchemaTypes.ObjectFieldBuilder<BuilderTypes, Parent>;

/** The item named by `keyOf(parent)`, read in the request's batch of its type; null when none is named or it is gone. */
export function loadedOne<Parent, R extends ResourceItem>(
  t: FieldBuilder<Parent>,
  ref: ResourceRef<R>,
  options: { description: string; keyOf: (parent: Parent, context: GatewayContext) => LocationKey | null },
) {
  return t.field({
    tracing: true,
    type: ref,
    nullable: true,
    description: `${options.description} Read in batches: many parents cost a bounded number of calls.`,
    // A key: the type's loader reads it. (Pothos cannot relate the key to the type through R.)
    resolve: (parent, _args, context) => options.keyOf(parent, context) as never,
  });
}

/** The items named by `keysOf(parent)`, in that order; one deleted meanwhile is left out, a failed read fails the field. */
export function loadedList<Parent, R extends ResourceItem>(
  t: FieldBuilder<Parent>,
  ref: ResourceRef<R>,
  options: { description: string; keysOf: (parent: Parent) => LocationKey[] },
) {
  return t.field({
    tracing: true,
    type: [ref],
    nullable: false,
    description: `${options.description} Read in batches: many parents cost a bounded number of calls.`,
    resolve: async (parent, _args, context) => {
      const items = await ref.getDataloader(context).loadMany(options.keysOf(parent));
      const failure = items.find((item): item is Error => item instanceof Error);
      if (failure) throw failure;
      return items.filter((item): item is R => item !== null && !(item instanceof Error));
    },
  });
}

/** A listing of `reader`'s kind narrowed to the parent (`filterOf`), in the parent's region, in Relay pages. */
export function resourceConnection<Parent extends ResourceItem, R extends ResourceItem>(
  t: FieldBuilder<Parent>,
  reader: ResourceReader<R>,
  ref: ResourceRef<R>,
  options: { description: string; filterOf: (parent: Parent) => Record<string, string> },
) {
  return t.field({
    tracing: true,
    type: connectionOf(ref),
    nullable: false,
    description: `${options.description} In pages of \`first\` (1 to 100, default 20), in ElastiCache order.`,
    args: forwardPageArgs(t.arg),
    resolve: (parent, args, context) =>
      listResources(context, reader, args, { filter: options.filterOf(parent), locations: [parent.location] }),
  });
}
