/**
 * Where an AWS call is made: one region of one account. Every key of the data layer (the
 * per-request loaders, the read cache and its Redis keys, reads in flight, pollers, cursors) is
 * built on it, so that two accounts never share an answer.
 *
 * Written `<accountId>:<region>`. A gateway without AWS_ACCOUNTS serves one account whose id it
 * does not know (the one its credentials belong to): its locations are bare region names, so its
 * keys are those a single-account gateway always had.
 */
export type Location = string;

export function locationOf(accountId: string | null, region: string): Location {
  return accountId === null ? region : `${accountId}:${region}`;
}

export function parseLocation(location: Location): { accountId: string | null; region: string } {
  const colon = location.indexOf(':');
  return colon < 0
    ? { accountId: null, region: location }
    : { accountId: location.slice(0, colon), region: location.slice(colon + 1) };
}

/** The region of a location (region names hold no `:`). */
export function regionOf(location: Location): string {
  return parseLocation(location).region;
}
