import { parseRegionalKey, regionalKey, type RegionalKey } from './regional-key.js';

/**
 * How to read resources of one kind: by id, or by listing the region. `readOne` resolves to
 * null for an id that does not exist; `readListed` lists the region's resources, and may stop
 * listing once it has seen every id of `wanted` (a page of 50 groups in a region of 500 needs
 * the first pages of the cluster listing, not all of it).
 */
export interface RegionalReads<T> {
  /** Ids of one region up to this many are read one call each; more cost one listing. */
  perIdLimit: number;
  readOne(region: string, id: string): Promise<T | null>;
  readListed(region: string, wanted: ReadonlySet<string>): Promise<T[]>;
  idOf(item: T): string | undefined;
}

/**
 * The batch function behind a per-request loader: "these ids in these regions", answered with a
 * bounded number of calls per region. A few ids are read one by one (less data); more are
 * served by one listing of the region. Results come in the order of `keys`: the resource, null
 * when it does not exist, or the Error that kept it from being read (a failed listing fails
 * every id of its region; a failed per-id read only its own).
 */
export async function readInRegions<T>(
  keys: readonly RegionalKey[],
  reads: RegionalReads<T>,
): Promise<(T | null | Error)[]> {
  const idsByRegion = new Map<string, Set<string>>();
  for (const key of keys) {
    const { region, id } = parseRegionalKey(key);
    idsByRegion.set(region, (idsByRegion.get(region) ?? new Set()).add(id));
  }
  const found = new Map<RegionalKey, T | null | Error>();
  await Promise.all(
    [...idsByRegion].map(async ([region, ids]) => {
      if (ids.size <= reads.perIdLimit) {
        await Promise.all(
          [...ids].map(async (id) => {
            found.set(regionalKey(region, id), await reads.readOne(region, id).catch(asError));
          }),
        );
        return;
      }
      try {
        const items = await reads.readListed(region, ids);
        for (const item of items) {
          const key = regionalKey(region, reads.idOf(item) ?? '');
          if (ids.has(parseRegionalKey(key).id)) found.set(key, item);
        }
      } catch (error) {
        for (const id of ids) found.set(regionalKey(region, id), asError(error));
      }
    }),
  );
  return keys.map((key) => found.get(key) ?? null);
}

/** For `readListed`: true once `items` hold every id of `wanted`, so the listing may stop. */
export function holdsEvery<T>(items: readonly T[], wanted: ReadonlySet<string>, idOf: (item: T) => string | undefined) {
  if (items.length < wanted.size) return false;
  const seen = new Set(items.map(idOf));
  for (const id of wanted) if (!seen.has(id)) return false;
  return true;
}

/** What a loader may hold for a failed read: anything thrown, as an Error. */
export function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
