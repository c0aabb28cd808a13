import { parseArn } from '../aws/arn.js';
import type { LocationKey } from '../aws/location-key.js';
import type { GatewayContext } from '../context.js';
import { InvalidArgumentError } from '../errors.js';
import { itemByArn } from '../resolvers/resources.js';
import { kindOfArnType, type AnyResourceKind } from '../rules/resource-kinds.js';
import { accessTo } from './authorization.js';
import { builder } from './builder.js';
import { required } from './required.js';

/*
 * Relay's global object identification: every type with an ARN implements Node with `id` = the
 * ARN, and `node(id:)`/`nodes(ids:)` refetch any of them. An id resolves through its type's
 * per-request loader, so ids of one type and region are read in one batch (one listing or a call
 * per id, whichever the batcher picks); an id that is malformed, of another service or type,
 * of a region this gateway does not serve, or of another account answers null, the malformed
 * ones with no AWS call.
 */

interface WithArn {
  ARN?: string | undefined;
}

type LoadByKey = (context: GatewayContext, key: LocationKey) => Promise<WithArn | null>;

/** Each kind's loader, by type name, registered by its type (src/schema/resource-type.ts). */
const LOADERS = new Map<string, LoadByKey>();

export function registerNodeType(kind: AnyResourceKind, load: LoadByKey): void {
  LOADERS.set(kind.typeName, load);
}

export const NodeInterface = builder.interfaceRef<WithArn>('Node').implement({
  description:
    "Relay's global object identification: an object with a globally unique id, refetchable with `node(id:)`. Every ElastiCache resource type here implements it; its id is the ARN.",
  fields: (t) => ({
    id: t.id({
      nullable: false,
      description: 'A globally unique id: the ARN.',
      resolve: (item) => required(item.ARN, 'Node', 'ARN'),
    }),
  }),
  resolveType: (item) => {
    const arnType = parseArn(item.ARN)?.resource.split(':')[0] ?? '';
    return kindOfArnType(arnType)?.typeName ?? null;
  },
});

/** The most ids one `nodes` request may name: a page, as for listings. */
export const MAX_NODE_IDS = 100;

function nodeById(context: GatewayContext, id: string): Promise<WithArn | null> {
  return itemByArn(context, id, (kind, key) => {
    const load = LOADERS.get(kind.typeName);
    return load ? load(context, key) : Promise.resolve(null);
  });
}

builder.queryField('node', (t) =>
  t.field({
    ...accessTo('Query', 'node'),
    type: NodeInterface,
    nullable: true,
    description:
      'Any object by its id (an ARN of any resource type here), or null when the id names nothing this gateway can read (malformed, another service, a region not served, another account, or gone).',
    args: { id: t.arg.id({ required: true, description: 'The id: an ARN.' }) },
    resolve: (_root, args, context) => nodeById(context, String(args.id)),
  }),
);

builder.queryField('nodes', (t) =>
  t.field({
    ...accessTo('Query', 'nodes'),
    type: [NodeInterface],
    nullable: { list: false, items: true },
    description: `Objects by id, in the order asked, each null when its id names nothing readable (as \`node\`). Up to ${MAX_NODE_IDS} ids; ids of one type and region are read in one batch.`,
    args: { ids: t.arg.idList({ required: true, description: `The ids (ARNs), at most ${MAX_NODE_IDS}.` }) },
    resolve: (_root, args, context) => {
      if (args.ids.length > MAX_NODE_IDS) {
        throw new InvalidArgumentError('ids', `ids may hold at most ${MAX_NODE_IDS} ids; it holds ${args.ids.length}.`);
      }
      return Promise.all(args.ids.map((id) => nodeById(context, String(id))));
    },
  }),
);
