/**
 * A member ElastiCache always sends, read for a non-null field. Its absence is an upstream
 * anomaly: the field fails (logged, masked as INTERNAL_SERVER_ERROR) rather than publish an
 * empty id or federation key that would name nothing, or the wrong thing.
 */
export function required<T>(value: T | undefined, shape: string, member: string): T {
  if (value === undefined) throw new Error(`ElastiCache returned a ${shape} without ${member}`);
  return value;
}
