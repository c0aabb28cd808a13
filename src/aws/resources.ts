import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-elasticache';
import {
  RESOURCE_KINDS,
  type AnyResourceKind,
  type ItemOf,
  type KeysOf,
  type ResourceKind,
} from '../rules/resource-kinds.js';
import { parseArn } from './arn.js';
import { holdsEvery, readInRegions } from './batch.js';
import type { ElastiCacheClients, SendOptions } from './clients.js';
import { nullWhenAbsent } from './faults.js';
import { readPages, type AwsPage } from './pages.js';
import { replicationGroupRecord, type Regional } from './records.js';
import type { RegionalKey } from './regional-key.js';

/**
 * The readers of one resource kind, all following from its definition (src/rules/resource-kinds.ts):
 * one item by id (null when ElastiCache says it does not exist), one AWS page, and the batch read
 * behind a per-request loader (a few ids one call each, more by one listing of the region).
 */
export interface ResourceReader<R extends Regional> {
  readonly kind: AnyResourceKind;
  describe(aws: ElastiCacheClients, region: string, id: string, options?: SendOptions): Promise<R | null>;
  /** One AWS page (`pageSize` items from `token` on), narrowed by `filter` (input members of the operation). */
  page(
    aws: ElastiCacheClients,
    region: string,
    token: string | null,
    options?: SendOptions,
    pageSize?: number,
    filter?: object,
  ): Promise<AwsPage<R>>;
  read(aws: ElastiCacheClients, keys: readonly RegionalKey[], options?: SendOptions): Promise<(R | null | Error)[]>;
  /** The id of an item or of its record (records keep the item's members). */
  idOf(record: object): string | undefined;
}

/** An item as the data layer hands it on: the item, the region it was read in and its account (from its ARN). */
export type ResourceRecord<Item> = Item & Regional;

export function resourceRecord<Item extends { ARN?: string | undefined }>(
  region: string,
  item: Item,
): ResourceRecord<Item> {
  return { ...item, region, accountId: parseArn(item.ARN)?.accountId ?? null };
}

type AnyOutput = Record<string, unknown>;

export function resourceReader<
  Input extends ServiceInputTypes,
  Output extends ServiceOutputTypes,
  L extends KeysOf<Output, unknown[]>,
  R extends Regional = ResourceRecord<ItemOf<Output, L>>,
>(
  kind: ResourceKind<Input, Output, L>,
  toRecord: (region: string, item: ItemOf<Output, L>) => R = resourceRecord as never,
): ResourceReader<R> {
  const { paging } = kind;
  const idOf = (item: object) => (item as Record<string, string | undefined>)[kind.idMember];
  const send = (aws: ElastiCacheClients, region: string, input: object, options: SendOptions) =>
    aws.send(region, new kind.Command({ ...kind.fixedInput, ...input } as Input), options) as Promise<AnyOutput>;
  const itemsOf = (region: string, output: AnyOutput) =>
    ((output[kind.listMember] ?? []) as ItemOf<Output, L>[]).map((item) => toRecord(region, item));

  const reader: ResourceReader<R> = {
    kind,
    idOf,
    async describe(aws, region, id, options = {}) {
      const output = await nullWhenAbsent(send(aws, region, { [kind.idParameter]: id }, options), kind.notFound);
      return output ? (itemsOf(region, output)[0] ?? null) : null;
    },
    async page(aws, region, token, options = {}, pageSize = paging.maxPageSize, filter = {}) {
      const output = await send(
        aws,
        region,
        { ...filter, [paging.sizeParameter]: pageSize, ...(token ? { [paging.token]: token } : {}) },
        options,
      );
      const next = output[paging.token];
      return { items: itemsOf(region, output), next: typeof next === 'string' ? next : null };
    },
    read(aws, keys, options = {}) {
      return readInRegions<R>(keys, {
        perIdLimit: kind.perIdLimit,
        readOne: (region, id) => reader.describe(aws, region, id, options),
        readListed: async (region, wanted) =>
          (
            await readPages((token) => reader.page(aws, region, token, options), {
              enough: (items) => holdsEvery(items, wanted, idOf),
            })
          ).items,
        idOf,
      });
    },
  };
  return reader;
}

/** Replication groups: records carry their region down to every node group and member. */
export const replicationGroups = resourceReader(RESOURCE_KINDS.replicationGroup, replicationGroupRecord);

export const cacheClusters = resourceReader(RESOURCE_KINDS.cacheCluster);
