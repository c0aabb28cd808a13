import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-elasticache';
import {
  RESOURCE_KINDS,
  type AnyResourceKind,
  type ItemOf,
  type KeysOf,
  type ResourceKind,
} from '../rules/resource-kinds.js';
import { parseArn } from './arn.js';
import { parseLocation } from './location.js';
import { holdsEvery, readInLocations } from './batch.js';
import type { ElastiCacheClients, SendOptions } from './clients.js';
import { nullWhenAbsent } from './faults.js';
import { readPages, type AwsPage } from './pages.js';
import { replicationGroupRecord, type Regional } from './records.js';
import type { LocationKey } from './location-key.js';

/**
 * The readers of one resource kind, all following from its definition (src/rules/resource-kinds.ts):
 * one item by id (null when ElastiCache says it does not exist), one AWS page, and the batch read
 * behind a per-request loader (a few ids one call each, more by one listing of the location).
 */
export interface ResourceReader<R extends Regional> {
  readonly kind: AnyResourceKind;
  describe(aws: ElastiCacheClients, location: string, id: string, options?: SendOptions): Promise<R | null>;
  /** One AWS page (`pageSize` items from `token` on), narrowed by `filter` (input members of the operation). */
  page(
    aws: ElastiCacheClients,
    location: string,
    token: string | null,
    options?: SendOptions,
    pageSize?: number,
    filter?: object,
  ): Promise<AwsPage<R>>;
  read(aws: ElastiCacheClients, keys: readonly LocationKey[], options?: SendOptions): Promise<(R | null | Error)[]>;
  /** The id of an item or of its record (records keep the item's members). */
  idOf(record: object): string | undefined;
}

/** An item as the data layer hands it on: the item, the location it was read in and its account (from its ARN). */
export type ResourceRecord<Item> = Item & Regional;

export function resourceRecord<Item extends { ARN?: string | undefined }>(
  location: string,
  item: Item,
): ResourceRecord<Item> {
  return { ...item, location, accountId: parseArn(item.ARN)?.accountId ?? parseLocation(location).accountId };
}

type AnyOutput = Record<string, unknown>;

export function resourceReader<
  Input extends ServiceInputTypes,
  Output extends ServiceOutputTypes,
  L extends KeysOf<Output, unknown[]>,
  R extends Regional = ResourceRecord<ItemOf<Output, L>>,
>(
  kind: ResourceKind<Input, Output, L>,
  toRecord: (location: string, item: ItemOf<Output, L>) => R = resourceRecord as never,
): ResourceReader<R> {
  const { paging } = kind;
  const idOf = (item: object) => (item as Record<string, string | undefined>)[kind.idMember];
  const send = (aws: ElastiCacheClients, location: string, input: object, options: SendOptions) =>
    aws.send(location, new kind.Command({ ...kind.fixedInput, ...input } as Input), options) as Promise<AnyOutput>;
  const itemsOf = (location: string, output: AnyOutput) =>
    ((output[kind.listMember] ?? []) as ItemOf<Output, L>[]).map((item) => toRecord(location, item));

  const reader: ResourceReader<R> = {
    kind,
    idOf,
    async describe(aws, location, id, options = {}) {
      const output = await nullWhenAbsent(send(aws, location, { [kind.idParameter]: id }, options), kind.notFound);
      return output ? (itemsOf(location, output)[0] ?? null) : null;
    },
    async page(aws, location, token, options = {}, pageSize = paging.maxPageSize, filter = {}) {
      const output = await send(
        aws,
        location,
        { ...filter, [paging.sizeParameter]: pageSize, ...(token ? { [paging.token]: token } : {}) },
        options,
      );
      const next = output[paging.token];
      return { items: itemsOf(location, output), next: typeof next === 'string' ? next : null };
    },
    read(aws, keys, options = {}) {
      return readInLocations<R>(keys, {
        perIdLimit: kind.perIdLimit,
        readOne: (location, id) => reader.describe(aws, location, id, options),
        readListed: async (location, wanted) =>
          (
            await readPages((token) => reader.page(aws, location, token, options), {
              enough: (items) => holdsEvery(items, wanted, idOf),
            })
          ).items,
        idOf,
      });
    },
  };
  return reader;
}

/** Replication groups: records carry their location down to every node group and member. */
export const replicationGroups = resourceReader(RESOURCE_KINDS.replicationGroup, replicationGroupRecord);

export const cacheClusters = resourceReader(RESOURCE_KINDS.cacheCluster);
