/** A master of a Redis Cluster and the hash slots it owns, from `CLUSTER NODES`. */
export interface ClusterMaster {
  ip: string;
  port: number;
  /** Inclusive ranges. */
  slots: [number, number][];
}

/**
 * The masters that own slots, from `CLUSTER NODES`: one line per node,
 * `<id> <ip:port@cport> <flags> <master> <ping> <pong> <epoch> <link> <slot> ...`; slots are
 * `n` or `from-to`, and `[...]` entries are slots being migrated (not owned).
 */
export function parseClusterMasters(text: string): ClusterMaster[] {
  return text
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((fields) => fields[2]?.split(',').includes('master') && fields.length > 8)
    .map((fields) => {
      const [, ip = '', port = '0'] = /^\[?([^\]@]+?)\]?:(\d+)@/.exec(fields[1] ?? '') ?? [];
      const slots = fields.slice(8).flatMap((range): [number, number][] => {
        if (range.startsWith('[')) return [];
        const [from, to = from] = range.split('-').map(Number);
        return from === undefined ? [] : [[from, to ?? from]];
      });
      return { ip, port: Number(port), slots };
    });
}

/** Slot ranges as ElastiCache writes them (`0-5460`, `0-100,200-300`). */
export function parseSlotRanges(text: string): [number, number][] {
  return text
    .split(',')
    .map((range) => range.trim())
    .filter(Boolean)
    .map((range) => {
      const [from = 0, to = from] = range.split('-').map(Number);
      return [from, to];
    });
}

export function ownsSlot(ranges: readonly [number, number][], slot: number): boolean {
  return ranges.some(([from, to]) => slot >= from && slot <= to);
}
