import { parseLocationKey, locationKey, type LocationKey } from './location-key.js';

/**
 * How to read resources of one kind: by id, or by listing the location. `readOne` resolves to
 * null for an id that does not exist; `readListed` lists the location's resources, and may stop
 * listing once it has seen every id of `wanted` (a page of 50 groups in a location of 500 needs
 * the first pages of the cluster listing, not all of it).
 */
export interface RegionalReads<T> {
  /** Ids of one location up to this many are read one call each; more cost one listing. */
  perIdLimit: number;
  readOne(location: string, id: string): Promise<T | null>;
  readListed(location: string, wanted: ReadonlySet<string>): Promise<T[]>;
  idOf(item: T): string | undefined;
}

/**
 * The batch function behind a per-request loader: "these ids in these locations", answered with a
 * bounded number of calls per location. A few ids are read one by one (less data); more are
 * served by one listing of the location. Results come in the order of `keys`: the resource, null
 * when it does not exist, or the Error that kept it from being read (a failed listing fails
 * every id of its location; a failed per-id read only its own).
 */
export async function readInLocations<T>(
  keys: readonly LocationKey[],
  reads: RegionalReads<T>,
): Promise<(T | null | Error)[]> {
  const idsByLocation = new Map<string, Set<string>>();
  for (const key of keys) {
    const { location, id } = parseLocationKey(key);
    idsByLocation.set(location, (idsByLocation.get(location) ?? new Set()).add(id));
  }
  const found = new Map<LocationKey, T | null | Error>();
  await Promise.all(
    [...idsByLocation].map(async ([location, ids]) => {
      if (ids.size <= reads.perIdLimit) {
        await Promise.all(
          [...ids].map(async (id) => {
            found.set(locationKey(location, id), await reads.readOne(location, id).catch(asError));
          }),
        );
        return;
      }
      try {
        const items = await reads.readListed(location, ids);
        for (const item of items) {
          const key = locationKey(location, reads.idOf(item) ?? '');
          if (ids.has(parseLocationKey(key).id)) found.set(key, item);
        }
      } catch (error) {
        for (const id of ids) found.set(locationKey(location, id), asError(error));
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
