/**
 * How far a migration's data has come, shard by shard, from what the two engines say in
 * `INFO replication`: the source lists the target primary as a replica (`slaveN:ip=,port=,
 * state=,offset=,lag=`) beside its own `master_repl_offset`; the target primary, while it
 * replicates, reports its link, its first sync's bytes and the offset it applied. The same
 * phases RedisShake and Redis Enterprise show: snapshot, transfer, load, then streaming.
 */
export const SYNC_PHASES = [
  'CONNECTING',
  'SNAPSHOT',
  'TRANSFERRING',
  'LOADING',
  'STREAMING',
  'LINK_DOWN',
  'UNKNOWN',
] as const;
export type SyncPhase = (typeof SYNC_PHASES)[number];

export interface Endpoint {
  address: string;
  port: number;
}

export interface ShardObservation {
  nodeGroupId: string;
  /** The source instance this shard replicates from. */
  source: Endpoint;
  /** The source's `INFO replication`, or null when it could not be read. */
  sourceInfo: Map<string, string> | null;
  /** The target primary as the source sees replicas: its address (resolved) and port. */
  target: { ips: readonly string[]; port: number } | null;
  /** The target primary's `INFO replication`, or null when the gateway cannot read it. */
  targetInfo: Map<string, string> | null;
}

export interface ShardSyncProgress {
  nodeGroupId: string;
  source: Endpoint;
  phase: SyncPhase;
  snapshotBytesTotal: number | null;
  snapshotBytesTransferred: number | null;
  sourceOffset: number | null;
  replicatedOffset: number | null;
  bytesBehind: number | null;
  lagSeconds: number | null;
  inSync: boolean;
  inSyncSince: Date | null;
  /** Why this shard is not in sync, in words; null when it is. */
  blocker: string | null;
}

interface ReplicaLine {
  state: string;
  offset: number | null;
  lag: number | null;
}

/** The shard's progress from one observation (`inSyncSince` is the caller's memory across observations). */
export function shardProgress(
  observation: ShardObservation,
  maxBytesBehind: number,
): Omit<ShardSyncProgress, 'inSyncSince'> {
  const { sourceInfo, targetInfo } = observation;
  const replica = sourceInfo && observation.target ? replicaLine(sourceInfo, observation.target) : undefined;
  const sourceOffset = numberOf(sourceInfo?.get('master_repl_offset'));
  const replicatedOffset = numberOf(targetInfo?.get('slave_repl_offset')) ?? replica?.offset ?? null;
  const total = numberOf(targetInfo?.get('master_sync_total_bytes'));
  const read = numberOf(targetInfo?.get('master_sync_read_bytes'));
  const phase = phaseOf(targetInfo, replica, total, read);
  const bytesBehind =
    sourceOffset !== null && replicatedOffset !== null && phase === 'STREAMING'
      ? // Read one after the other: a target that applied a write the source made meanwhile is not ahead.
        Math.max(0, sourceOffset - replicatedOffset)
      : null;
  const inSync = phase === 'STREAMING' && bytesBehind !== null && bytesBehind <= maxBytesBehind;
  return {
    nodeGroupId: observation.nodeGroupId,
    source: observation.source,
    phase,
    snapshotBytesTotal: phase === 'TRANSFERRING' || phase === 'LOADING' ? positive(total) : null,
    snapshotBytesTransferred: phase === 'TRANSFERRING' || phase === 'LOADING' ? positive(read, true) : null,
    sourceOffset,
    replicatedOffset,
    bytesBehind,
    lagSeconds: replica?.lag ?? numberOf(targetInfo?.get('master_last_io_seconds_ago')),
    inSync,
    blocker: inSync ? null : blockerOf(observation, phase, bytesBehind, maxBytesBehind, replica),
  };
}

function phaseOf(
  targetInfo: Map<string, string> | null,
  replica: ReplicaLine | null | undefined,
  total: number | null,
  read: number | null,
): SyncPhase {
  if (targetInfo) {
    if (targetInfo.get('master_link_status') === 'up') return 'STREAMING';
    if (targetInfo.get('master_sync_in_progress') === '1') {
      if (total !== null && total > 0 && read !== null && read >= total) return 'LOADING';
      if (read !== null && read > 0) return 'TRANSFERRING';
    }
  }
  // The source tells where the first sync stands while the target has nothing to show.
  if (replica?.state === 'wait_bgsave') return 'SNAPSHOT';
  if (replica?.state === 'send_bulk') return 'TRANSFERRING';
  if (targetInfo) {
    if (targetInfo.get('master_sync_in_progress') === '1') return 'SNAPSHOT';
    // -1 (or absent): the link has never been up since replication began.
    const downSince = numberOf(targetInfo.get('master_link_down_since_seconds'));
    return downSince !== null && downSince >= 0 && targetInfo.has('master_host') ? 'LINK_DOWN' : 'CONNECTING';
  }
  if (replica?.state === 'online') return 'STREAMING';
  return 'UNKNOWN';
}

function blockerOf(
  observation: ShardObservation,
  phase: SyncPhase,
  bytesBehind: number | null,
  maxBytesBehind: number,
  replica: ReplicaLine | null | undefined,
): string {
  const shard = `shard ${observation.nodeGroupId}`;
  switch (phase) {
    case 'STREAMING':
      return bytesBehind === null
        ? `${shard}: its offsets could not be read from both sides`
        : `${shard}: ${bytesBehind} bytes behind the source (at most ${maxBytesBehind} allowed)`;
    case 'UNKNOWN':
      if (observation.sourceInfo === null)
        return `${shard}: the source ${describe(observation.source)} could not be read`;
      if (replica === null) return `${shard}: the source lists no replica at the target primary's address`;
      return `${shard}: the target primary could not be told apart among the source's replicas`;
    case 'LINK_DOWN':
      return `${shard}: the replication link to the source is down`;
    case 'CONNECTING':
      return `${shard}: the target is connecting to the source`;
    default:
      return `${shard}: the first sync is under way (${phase.toLowerCase()})`;
  }
}

/**
 * The source's line for the target primary: `slaveN:ip=<ip>,port=<port>,state=...`. Null when the
 * source lists none there; undefined would mean more than one (not told apart).
 */
function replicaLine(
  sourceInfo: Map<string, string>,
  target: { ips: readonly string[]; port: number },
): ReplicaLine | null | undefined {
  const lines = [...sourceInfo.entries()]
    .filter(([field]) => /^slave\d+$/.test(field))
    .map(([, value]) => Object.fromEntries(value.split(',').map((pair) => pair.split('=') as [string, string])))
    .filter((fields) => Number(fields['port']) === target.port && target.ips.includes(fields['ip'] ?? ''));
  if (lines.length === 0) return null;
  if (lines.length > 1) return undefined;
  const [fields] = lines as [Record<string, string>];
  return { state: fields['state'] ?? '', offset: numberOf(fields['offset']), lag: numberOf(fields['lag']) };
}

function numberOf(value: string | undefined): number | null {
  if (value === undefined || value === '') return null;
  const number = Number(value);
  return Number.isFinite(number) ? number : null;
}

/** Redis says -1 (or 0) for a size it does not know (diskless sync). */
function positive(value: number | null, zeroAllowed = false): number | null {
  if (value === null) return null;
  return value > 0 || (zeroAllowed && value === 0) ? value : null;
}

function describe(endpoint: Endpoint): string {
  return `${endpoint.address}:${endpoint.port}`;
}
