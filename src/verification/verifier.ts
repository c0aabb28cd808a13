import calculateSlot from 'cluster-key-slot';
import type { Redis } from 'ioredis';
import { allowedAddresses, boundedRedis, HostRefused, REAL_NETWORK } from '../preflight/connector.js';
import { ownsSlot, parseClusterMasters, parseSlotRanges } from '../preflight/cluster-nodes.js';
import { parseInfo } from '../preflight/redis-info.js';
import type { MigrationCheckOptions } from '../preflight/requirements.js';
import type { Endpoint } from '../progress/sync-progress.js';
import type { TargetPrimary } from '../progress/target-primaries.js';
import { comparedByLength, differenceOf, type DifferenceKind } from './compare.js';
import { sampleKeys } from './key-sampler.js';
import { readSnapshots, type KeySnapshot } from './key-snapshot.js';
import { VerificationCutShort, VerificationSideUnreachable } from './errors.js';
import { CommandRate, ReadOnlyChannel } from './read-only-channel.js';

export interface VerificationOptions extends MigrationCheckOptions {
  sampleSize: number;
  ttlToleranceMs: number;
  maxSourceCommandsPerSecond: number;
  /** VERIFICATION_TIMEOUT_MS: the whole verification; what was compared by then is answered. */
  deadlineMs: number;
  /** The migration streams: a key still different when read again is in flight, not a mismatch. */
  migrating: boolean;
  signal?: AbortSignal;
}

export type VerificationVerdict = 'MATCH' | 'MISMATCH' | 'INCONCLUSIVE';

export interface KeyDifference {
  database: number;
  /** The key's name as UTF-8, cut to KEY_NAME_CHARACTERS. */
  key: string;
  kind: DifferenceKind;
}

export interface VerificationResult {
  verdict: VerificationVerdict;
  /** Why the verdict is INCONCLUSIVE (or what MISMATCH found), in words; null for MATCH. */
  reason: string | null;
  keysSampled: number;
  databases: { database: number; sourceKeys: number; targetKeys: number }[];
  missingOnTarget: number;
  typeMismatches: number;
  valueMismatches: number;
  ttlMismatches: number;
  inFlight: number;
  comparedByLength: number;
  differences: KeyDifference[];
  sourceCommands: number;
  durationMs: number;
}

export const MAX_LISTED_DIFFERENCES = 20;
export const KEY_NAME_CHARACTERS = 200;
/** Keys compared per round trip on each side. */
const BATCH_KEYS = 200;
/** Before a differing key is read again: time for a write in flight to reach the target. */
const REREAD_AFTER_MS = 50;

interface SourceNode {
  endpoint: Endpoint;
  channel: ReadOnlyChannel;
  keyspace: Map<number, number>;
}

interface TargetNode {
  primary: TargetPrimary;
  slots: [number, number][] | null;
  channel: ReadOnlyChannel;
  database: number;
}

/**
 * Compares a sample of the source's keys with the target's copies: the sample spread over every
 * database of every source shard (cluster mode: each master, its keys read on the target shard
 * owning their slot), each key's type, value (exactly up to 1 MiB or 10,000 elements, else by
 * length) and TTL (within the tolerance). A key that differs is read again once; still different
 * while the migration streams, it is in flight. Read-only commands only (VERIFICATION_COMMANDS),
 * at most `maxSourceCommandsPerSecond` against the source, every connection through the
 * preflight's network seam and allowlist; bounded by `deadlineMs`, answering what it compared.
 */
export async function verifyMigration(
  source: Endpoint,
  targets: readonly TargetPrimary[],
  options: VerificationOptions,
): Promise<VerificationResult> {
  const started = Date.now();
  const deadline = started + options.deadlineMs;
  const stop = () => {
    if (options.signal?.aborted) throw new VerificationCutShort('the request was cancelled');
    if (Date.now() > deadline) throw new VerificationCutShort(`cut short after ${options.deadlineMs} ms`);
  };
  const opened: Redis[] = [];
  const rate = new CommandRate(options.maxSourceCommandsPerSecond);
  const connect = async (endpoint: Endpoint, side: 'source' | 'target') => {
    const redis = await openConnection(endpoint, side, options);
    opened.push(redis);
    return new ReadOnlyChannel(side, redis, side === 'source' ? rate : null, stop);
  };
  const tally = new Tally(options);
  let sources: SourceNode[] = [];
  try {
    sources = await sourceNodes(source, connect);
    const targetNodes = await Promise.all(targets.map((primary) => targetNode(primary, connect)));
    const targetKeyspaces = await Promise.all(targetNodes.map((node) => keyspaceOf(node.channel, 'target')));
    tally.databases = databasesOf(sources, targetKeyspaces);
    try {
      for (const part of allocate(sources, options.sampleSize)) {
        await compareDatabase(part.node, part.database, part.wanted, targetNodes, tally);
      }
    } catch (error) {
      if (!(error instanceof VerificationCutShort)) throw error;
      tally.cutShort = error.message;
    }
  } finally {
    for (const redis of opened) redis.disconnect();
  }
  return tally.result(
    sources.reduce((sum, node) => sum + node.channel.sent, 0),
    Date.now() - started,
  );
}

/** The source's shards: the instance itself, or (cluster mode) every master owning slots. */
async function sourceNodes(
  source: Endpoint,
  connect: (endpoint: Endpoint, side: 'source') => Promise<ReadOnlyChannel>,
): Promise<SourceNode[]> {
  const seed = await connect(source, 'source');
  const cluster = parseInfo(String(await read(seed, 'source', 'INFO', 'cluster')));
  const endpoints =
    cluster.get('cluster_enabled') === '1'
      ? parseClusterMasters(String(await read(seed, 'source', 'CLUSTER', 'NODES'))).map(({ ip, port }) => ({
          address: ip,
          port,
        }))
      : [source];
  const nodes: SourceNode[] = [];
  for (const endpoint of endpoints) {
    const same = endpoint.address === source.address && endpoint.port === source.port;
    const channel = same || endpoints.length === 1 ? seed : await connect(endpoint, 'source');
    nodes.push({ endpoint, channel, keyspace: await keyspaceOf(channel, 'source') });
  }
  return nodes;
}

async function targetNode(
  primary: TargetPrimary,
  connect: (endpoint: Endpoint, side: 'target') => Promise<ReadOnlyChannel>,
): Promise<TargetNode> {
  if (!primary.endpoint)
    throw new VerificationSideUnreachable('target', `shard ${primary.nodeGroupId} of the target names no endpoint`);
  return {
    primary,
    slots: primary.slots ? parseSlotRanges(primary.slots) : null,
    channel: await connect(primary.endpoint, 'target'),
    database: 0,
  };
}

/** `INFO keyspace`: `db0:keys=12,expires=3,avg_ttl=0` per database holding keys. */
async function keyspaceOf(channel: ReadOnlyChannel, side: 'source' | 'target'): Promise<Map<number, number>> {
  const keyspace = new Map<number, number>();
  for (const [field, value] of parseInfo(String(await read(channel, side, 'INFO', 'keyspace')))) {
    const database = /^db(\d+)$/.exec(field)?.[1];
    const keys = /(?:^|,)keys=(\d+)/.exec(value)?.[1];
    if (database !== undefined && keys !== undefined) keyspace.set(Number(database), Number(keys));
  }
  return keyspace;
}

function databasesOf(sources: readonly SourceNode[], targets: readonly Map<number, number>[]) {
  const sum = (maps: readonly Map<number, number>[], database: number) =>
    maps.reduce((total, map) => total + (map.get(database) ?? 0), 0);
  const sourceMaps = sources.map((node) => node.keyspace);
  const databases = new Set([...sourceMaps, ...targets].flatMap((map) => [...map.keys()]));
  return [...databases]
    .sort((a, b) => a - b)
    .map((database) => ({ database, sourceKeys: sum(sourceMaps, database), targetKeys: sum(targets, database) }));
}

/** The sample split over every (shard, database) of the source in proportion to its keys. */
function allocate(sources: readonly SourceNode[], sampleSize: number) {
  const parts = sources.flatMap((node) =>
    [...node.keyspace.entries()].map(([database, keys]) => ({ node, database, keys })),
  );
  const total = parts.reduce((sum, part) => sum + part.keys, 0);
  return parts
    .map((part) => ({
      ...part,
      wanted: Math.min(part.keys, Math.max(1, Math.round((sampleSize * part.keys) / total))),
    }))
    .filter((part) => part.wanted > 0);
}

async function compareDatabase(
  node: SourceNode,
  database: number,
  wanted: number,
  targets: readonly TargetNode[],
  tally: Tally,
): Promise<void> {
  await read(node.channel, 'source', 'SELECT', database);
  const keys = await sampleKeys(node.channel, node.keyspace.get(database) ?? 0, wanted);
  for (let from = 0; from < keys.length; from += BATCH_KEYS) {
    const batch = keys.slice(from, from + BATCH_KEYS);
    const compared = await compareKeys(node, database, batch, targets, tally.ttlToleranceMs);
    const differing = compared.filter((entry) => entry.kind !== null || entry.changed);
    let again: typeof compared = [];
    if (differing.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, REREAD_AFTER_MS));
      again = await compareKeys(
        node,
        database,
        differing.map((entry) => entry.key),
        targets,
        tally.ttlToleranceMs,
      );
    }
    const final = new Map(again.map((entry) => [entry.key, entry]));
    for (const entry of compared) tally.count(database, final.get(entry.key) ?? entry);
  }
}

interface Compared {
  key: Buffer;
  source: KeySnapshot;
  kind: DifferenceKind | null;
  changed: boolean;
}

/** Reads `keys` on the source and on the target shards owning them, and compares each. */
async function compareKeys(
  node: SourceNode,
  database: number,
  keys: readonly Buffer[],
  targets: readonly TargetNode[],
  ttlToleranceMs: number,
): Promise<Compared[]> {
  const sourceSnapshots = await readSnapshots(node.channel, keys);
  const targetSnapshots = new Array<KeySnapshot | undefined>(keys.length);
  const byTarget = new Map<TargetNode, number[]>();
  keys.forEach((key, index) => {
    const target = ownerOf(targets, key);
    byTarget.set(target, [...(byTarget.get(target) ?? []), index]);
  });
  for (const [target, indexes] of byTarget) {
    if (target.database !== database) {
      await read(target.channel, 'target', 'SELECT', database);
      target.database = database;
    }
    const snapshots = await readSnapshots(
      target.channel,
      indexes.map((index) => keys[index] as Buffer),
    );
    indexes.forEach((index, at) => (targetSnapshots[index] = snapshots[at]));
  }
  return keys.map((key, index) => {
    const source = sourceSnapshots[index] as KeySnapshot;
    const target = targetSnapshots[index] as KeySnapshot;
    return {
      key,
      source,
      kind: differenceOf(source, target, ttlToleranceMs),
      changed: source.changed || target.changed,
    };
  });
}

/** The target shard holding `key`: the only one, or the one owning its hash slot. */
function ownerOf(targets: readonly TargetNode[], key: Buffer): TargetNode {
  if (targets.length === 1) return targets[0] as TargetNode;
  const slot = calculateSlot(key);
  const owner = targets.find((target) => target.slots && ownsSlot(target.slots, slot));
  if (!owner)
    throw new VerificationSideUnreachable('target', `no shard of the target holds hash slot ${slot} (see its slots)`);
  return owner;
}

/** One command on a side; an error reply makes the side unreachable (its text is not echoed). */
async function read(channel: ReadOnlyChannel, side: 'source' | 'target', ...command: [string, ...(string | number)[]]) {
  try {
    return await channel.one(...command);
  } catch (error) {
    if (error instanceof VerificationCutShort || error instanceof VerificationSideUnreachable) throw error;
    throw new VerificationSideUnreachable(side, `the ${side} refused ${command[0]}`);
  }
}

async function openConnection(
  endpoint: Endpoint,
  side: 'source' | 'target',
  options: VerificationOptions,
): Promise<Redis> {
  const where = `${endpoint.address}:${endpoint.port}`;
  let ip: string;
  try {
    [ip = endpoint.address] = await allowedAddresses(endpoint.address, options);
  } catch (error) {
    throw new VerificationSideUnreachable(side, error instanceof HostRefused ? error.message : `${where} refused`);
  }
  const network = options.network ?? REAL_NETWORK;
  const redis = await boundedRedis(() => network.connect(ip, endpoint.port), options.timeoutMs);
  try {
    await redis.connect();
  } catch {
    redis.disconnect();
    throw new VerificationSideUnreachable(side, `the ${side} at ${where} did not accept a connection`);
  }
  return redis;
}

/** What the comparison found so far, and the verdict it makes. */
class Tally {
  databases: VerificationResult['databases'] = [];
  cutShort: string | null = null;
  readonly ttlToleranceMs: number;
  #sampled = 0;
  #byLength = 0;
  #inFlight = 0;
  readonly #kinds: Record<DifferenceKind, number> = { MISSING: 0, TYPE: 0, VALUE: 0, TTL: 0 };
  readonly #differences: KeyDifference[] = [];

  constructor(private readonly options: VerificationOptions) {
    this.ttlToleranceMs = options.ttlToleranceMs;
  }

  count(database: number, entry: Compared): void {
    // Gone from the source meanwhile (expired, deleted): nothing to compare.
    if (entry.source.type === 'none') return;
    this.#sampled += 1;
    if (comparedByLength(entry.source)) this.#byLength += 1;
    if (entry.kind === null && !entry.changed) return;
    if (this.options.migrating || entry.kind === null) {
      this.#inFlight += 1;
      return;
    }
    this.#kinds[entry.kind] += 1;
    if (this.#differences.length < MAX_LISTED_DIFFERENCES)
      this.#differences.push({
        database,
        key: entry.key.toString('utf8').slice(0, KEY_NAME_CHARACTERS),
        kind: entry.kind,
      });
  }

  result(sourceCommands: number, durationMs: number): VerificationResult {
    const mismatches = Object.values(this.#kinds).reduce((sum, count) => sum + count, 0);
    // More than 1% of the sample still changing: the comparison says too little.
    const tooManyInFlight = this.#inFlight > Math.max(1, Math.floor(this.#sampled / 100));
    const sourceKeys = this.databases.reduce((sum, database) => sum + database.sourceKeys, 0);
    let verdict: VerificationVerdict = 'MATCH';
    let reason: string | null = null;
    if (mismatches > 0) {
      verdict = 'MISMATCH';
      reason = `${mismatches} of ${this.#sampled} sampled keys differ on the target`;
    } else if (this.cutShort) {
      verdict = 'INCONCLUSIVE';
      reason = `${this.cutShort} (VERIFICATION_TIMEOUT_MS): ${this.#sampled} keys compared, none different`;
    } else if (tooManyInFlight) {
      verdict = 'INCONCLUSIVE';
      reason = `${this.#inFlight} of ${this.#sampled} sampled keys were still changing while the migration streams; verify again when writes pause or after the cutover`;
    } else if (this.#sampled === 0 && sourceKeys > 0) {
      verdict = 'INCONCLUSIVE';
      reason = 'no sampled key could be compared (they expired or changed while being read)';
    }
    return {
      verdict,
      reason,
      keysSampled: this.#sampled,
      databases: this.databases,
      missingOnTarget: this.#kinds.MISSING,
      typeMismatches: this.#kinds.TYPE,
      valueMismatches: this.#kinds.VALUE,
      ttlMismatches: this.#kinds.TTL,
      inFlight: this.#inFlight,
      comparedByLength: this.#byLength,
      differences: this.#differences,
      sourceCommands,
      durationMs,
    };
  }
}
