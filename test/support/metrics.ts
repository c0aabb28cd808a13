import type { GatewayMetrics } from '../../src/metrics.js';

/** A counter of a gateway's registry, by the value of one of its labels (0 for values never counted). */
export async function countsBy<L extends string>(
  metrics: GatewayMetrics,
  name: string,
  label: string,
  values: readonly L[],
): Promise<Record<L, number>> {
  const counted = (await metrics.registry.getSingleMetric(name)?.get())?.values ?? [];
  const of = (value: L) => counted.find((each) => each.labels[label] === value)?.value ?? 0;
  return Object.fromEntries(values.map((value) => [value, of(value)])) as Record<L, number>;
}
