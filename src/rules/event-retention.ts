/** ElastiCache keeps events for 14 days: windows reach back no further, on both sides. */
export const EVENT_RETENTION_MINUTES = 14 * 24 * 60;
export const EVENT_RETENTION_MS = EVENT_RETENTION_MINUTES * 60_000;

/** Events in the order users read them (and ElastiCache lists them): oldest first. Sorts in place. */
export function sortOldestFirst<T extends { Date?: Date | undefined }>(events: T[]): T[] {
  return events.sort((a, b) => (a.Date?.getTime() ?? 0) - (b.Date?.getTime() ?? 0));
}
