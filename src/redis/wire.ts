/**
 * JSON for what crosses Redis (SDK answers, records): Dates survive as `{ "$date": "<ISO>" }`,
 * since the SDK's answers carry Date members (event dates, create times) that plain JSON would
 * turn into strings.
 */
export function encode(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key: string, converted: unknown) {
    const original = this[key];
    return original instanceof Date ? { $date: original.toISOString() } : converted;
  });
}

export function decode(text: string): unknown {
  return JSON.parse(text, (_key, value: unknown) => {
    if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
      const date = (value as { $date?: unknown }).$date;
      if (typeof date === 'string' && Object.keys(value).length === 1) return new Date(date);
    }
    return value;
  });
}
