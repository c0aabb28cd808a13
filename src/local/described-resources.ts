import * as sdk from '@aws-sdk/client-elasticache';
import { NormalizedSchema } from '@smithy/core/schema';
import { ALL_RESOURCE_KINDS, type AnyResourceKind } from '../rules/resource-kinds.js';
import { faultName } from '../rules/sdk-names.js';
import type { Operation } from './operation-context.js';
import { paginate } from './paging.js';
import { QueryError } from './query-errors.js';
import { shapeToXml, type ShapeSchema } from './wire-xml.js';

/**
 * The read-only resources of the local endpoint: for every resource kind without a handler of its
 * own (src/local/operations.ts), a store of seeded items per region and its Describe operation as
 * AWS answers it, from the kind's definition (src/rules/resource-kinds.ts): one item by its id
 * parameter or the kind's not-found fault (its wire code and HTTP status from the SDK's model),
 * the kind's paging (Marker or NextToken, its page-size bounds), and string filters naming a member
 * of the item (DescribeSnapshots' ReplicationGroupId and CacheClusterId). A new read-only kind is
 * its definition and a seed entry.
 */

/** The items of each kind, in listing order (creation order), per region. */
export class DescribedResources {
  readonly #items = new Map<string, object[]>();
  /** Where each item stands in its kind's listing: items are only ever added, so it never moves. */
  readonly #positions = new WeakMap<object, number>();

  add(kind: AnyResourceKind, item: object): void {
    const items = this.#items.get(kind.typeName) ?? [];
    this.#positions.set(item, items.length);
    items.push(item);
    this.#items.set(kind.typeName, items);
  }

  /** The listing position a Marker names (the last item a page returned). */
  positionOf(item: object): number {
    return this.#positions.get(item) ?? 0;
  }

  of(kind: AnyResourceKind): readonly object[] {
    return this.#items.get(kind.typeName) ?? [];
  }
}

/** The Describe operation of `kind`, reading the request's region's store. */
export function describeOnly(kind: AnyResourceKind): Operation {
  const output = outputSchemaOf(kind);
  const [notFoundCode, notFoundStatus] = queryErrorOf(kind);
  const inputMembers = new Set([...NormalizedSchema.of(inputSchemaOf(kind)).structIterator()].map(([name]) => name));
  const filters = stringMembersOf(itemSchemaOf(kind)).filter(
    (member) => member !== kind.idMember && inputMembers.has(member),
  );
  return ({ params, region }) => {
    let items = region.described.of(kind);
    const id = params.string(kind.idParameter);
    if (id !== undefined) {
      items = items.filter((item) => sameId(member(item, kind.idMember), id));
      if (items.length === 0) throw new QueryError(notFoundCode, notFoundStatus, `${kind.typeName} ${id} not found.`);
    }
    for (const filter of filters) {
      const wanted = params.string(filter);
      if (wanted !== undefined) items = items.filter((item) => sameId(member(item, filter), wanted));
    }
    const page = paginate(params, kind.operation, items, (item) => [region.described.positionOf(item)], kind.paging);
    return shapeToXml(output, {
      [kind.listMember]: page.items,
      ...(page.marker ? { [kind.paging.token]: page.marker } : {}),
    });
  };
}

/** Every kind the local endpoint serves from its store: those without a handler of their own. */
export function describeOnlyOperations(handled: ReadonlySet<string>): Record<string, Operation> {
  return Object.fromEntries(
    ALL_RESOURCE_KINDS.filter((kind) => !handled.has(kind.operation)).map((kind) => [
      kind.operation,
      describeOnly(kind),
    ]),
  );
}

function member(item: object, name: string): unknown {
  return (item as Record<string, unknown>)[name];
}

function sameId(value: unknown, wanted: string): boolean {
  return typeof value === 'string' && value.toLowerCase() === wanted.toLowerCase();
}

/** The operation's schema from the SDK: `[9, namespace, name, traits, input, output]`. */
function operationSchema(kind: AnyResourceKind): unknown[] {
  const schema = (sdk as unknown as Record<string, unknown>)[`${kind.operation}$`];
  if (!Array.isArray(schema)) throw new Error(`the SDK has no schema for ${kind.operation}`);
  return schema;
}

function inputSchemaOf(kind: AnyResourceKind): ShapeSchema {
  return operationSchema(kind)[4] as ShapeSchema;
}

function outputSchemaOf(kind: AnyResourceKind): ShapeSchema {
  return operationSchema(kind)[5] as ShapeSchema;
}

function itemSchemaOf(kind: AnyResourceKind): NormalizedSchema {
  return NormalizedSchema.of(outputSchemaOf(kind)).getMemberSchema(kind.listMember).getValueSchema();
}

/** The top-level string members of an item: a request filters on those its input has too. */
function stringMembersOf(item: NormalizedSchema): string[] {
  return [...item.structIterator()].filter(([, schema]) => schema.isStringSchema()).map(([name]) => name);
}

/** The wire code and HTTP status of the kind's not-found fault, from the SDK's model. */
function queryErrorOf(kind: AnyResourceKind): [string, number] {
  const name = faultName(kind.notFound);
  const schema = (sdk as unknown as Record<string, unknown>)[`${name}$`];
  const traits = NormalizedSchema.of(schema as ShapeSchema).getMergedTraits() as { awsQueryError?: [string, number] };
  return traits.awsQueryError ?? [name, 404];
}
