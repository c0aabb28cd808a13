import type { CacheCluster, ReplicationGroup } from '@aws-sdk/client-elasticache';
import { isIP } from 'node:net';
import { Redis } from 'ioredis';
import { boundedRedis, connectorOver } from './connector.js';
import { isPrivateOrLoopback, type NetworkAllowlist } from './network-allowlist.js';
import {
  MIGRATION_REQUIREMENTS,
  severityOf,
  type MigrationCheck,
  type MigrationCheckOptions,
  type MigrationRequirement,
  type SourceNetwork,
} from './requirements.js';

import { greetSource } from './source-greeting.js';
import { REAL_NETWORK } from './connector.js';
import { parseInfo } from './redis-info.js';
import { nodeTypeMaxmemory } from '../rules/node-types.js';
import { compareVersions, rdbFormatOf, type Engine } from '../rules/rdb-formats.js';
import { parseClusterMasters, type ClusterMaster } from './cluster-nodes.js';

export { compareVersions } from '../rules/rdb-formats.js';

export * from './requirements.js';

/**
 * The prerequisites of ElastiCache online migration (AWS developer guide, "Prepare your source and
 * target"), checked for real: target-side ones from the replication group as ElastiCache
 * describes it, source-side ones over a connection to the self-hosted Valkey/Redis OSS that sends
 * only INFO, CONFIG GET, COMMAND INFO and CLUSTER NODES (never SYNC/PSYNC, never a write). Every
 * check is reported, passed or not, with a stable code and a message naming the value found and
 * the value needed. One module for both: the gateway's migrationPreflight and the local
 * endpoint's TestMigration/StartMigration.
 */

export interface MigrationSource {
  address: string;
  port: number;
}

export interface MigrationTarget {
  replicationGroupId: string;
  /** The group's status: ElastiCache refuses TestMigration and StartMigration unless `available`. */
  status: string;
  engine: string;
  engineVersion: string;
  cacheNodeType: string;
  clusterEnabled: boolean;
  numNodeGroups: number;
  transitEncryptionEnabled: boolean;
  multiAZEnabled: boolean;
  inGlobalDatastore: boolean;
  dataTieringEnabled: boolean;
  databases: number;
  /** What one node may hold: its node type's maxmemory less reserved memory; null for an unknown type. */
  nodeMemoryBytes: number | null;
}

export interface MigrationProblem {
  requirement: MigrationRequirement;
  message: string;
}

export interface MigrationCheckResult {
  /** No ERROR requirement failed (a failed WARNING does not keep a migration from working). */
  ok: boolean;
  /** Every requirement, in MIGRATION_REQUIREMENTS order. */
  checks: MigrationCheck[];
  /** The ERROR requirements that were checked and failed (not those left unchecked because the source was not reached). */
  problems: MigrationProblem[];
  /** The WARNING requirements that were checked and failed. */
  warnings: MigrationProblem[];
  /** The address the source resolved to and was connected at; null when it was not. */
  sourceIp: string | null;
}

// ElastiCache (Valkey and Redis OSS) targets have 16 logical databases.
export const TARGET_DATABASES = 16;
const MIN_TARGET_REDIS_VERSION = '5.0.6';
const MIN_SOURCE_VERSION = '2.8.21';
const VERSION = /^\d{1,4}(\.\d{1,4}){0,3}$/;
/** Commands replication needs under their own names (AWS guide: "must not be renamed"). */
const REPLICATION_COMMANDS = ['sync', 'psync', 'info', 'config', 'command', 'cluster'] as const;

/** ElastiCache's default `reserved-memory-percent`: memory kept for snapshots and failover. */
export const DEFAULT_RESERVED_MEMORY_PERCENT = 25;

/**
 * What the checks need of a target, from the group and its clusters as ElastiCache describes
 * them. `memoryScale` shrinks node memory (the local endpoint's nodes are its node types' memory
 * scaled down, `--memory-scale`).
 */
export function migrationTarget(
  group: ReplicationGroup,
  clusters: readonly CacheCluster[],
  memoryScale = 1,
): MigrationTarget {
  const [cluster] = clusters;
  const cacheNodeType = group.CacheNodeType ?? cluster?.CacheNodeType ?? '';
  const maxmemory = nodeTypeMaxmemory(cacheNodeType);
  return {
    replicationGroupId: group.ReplicationGroupId ?? '',
    status: group.Status ?? 'unknown',
    engine: group.Engine ?? cluster?.Engine ?? 'redis',
    engineVersion: cluster?.EngineVersion ?? '0',
    cacheNodeType,
    clusterEnabled: group.ClusterEnabled ?? false,
    numNodeGroups: group.NodeGroups?.length ?? 1,
    transitEncryptionEnabled: group.TransitEncryptionEnabled ?? false,
    multiAZEnabled: group.MultiAZ === 'enabled',
    inGlobalDatastore: Boolean(group.GlobalReplicationGroupInfo?.GlobalReplicationGroupId),
    dataTieringEnabled: group.DataTiering === 'enabled',
    databases: TARGET_DATABASES,
    nodeMemoryBytes:
      maxmemory === undefined
        ? null
        : Math.floor(maxmemory * memoryScale * (1 - DEFAULT_RESERVED_MEMORY_PERCENT / 100)),
  };
}

type Outcome = { passed: boolean; message: string };
type Findings = Partial<Record<MigrationRequirement, Outcome>>;

export async function checkMigrationPrerequisites(
  source: MigrationSource,
  target: MigrationTarget,
  options: MigrationCheckOptions,
): Promise<MigrationCheckResult> {
  const deadline = Date.now() + options.timeoutMs;
  const findings: Findings = { ...targetFindings(target) };
  const network = options.network ?? REAL_NETWORK;
  const resolved = await resolveAllowedAddress(source.address, options.allowlist, network, deadline, options.timeoutMs);
  Object.assign(findings, resolved.findings);
  if (resolved.ip !== null) {
    Object.assign(
      findings,
      await probeSource(resolved.ip, source.port, target, { network, allowlist: options.allowlist, deadline }),
    );
  }
  const checks = MIGRATION_REQUIREMENTS.map((requirement): MigrationCheck => {
    const outcome = findings[requirement];
    const severity = severityOf(requirement);
    return outcome
      ? { requirement, severity, ...outcome }
      : { requirement, severity, passed: false, message: notChecked(requirement, findings) };
  });
  const failed = (severity: 'ERROR' | 'WARNING') =>
    MIGRATION_REQUIREMENTS.flatMap((requirement) => {
      const outcome = findings[requirement];
      return outcome && !outcome.passed && severityOf(requirement) === severity
        ? [{ requirement, message: outcome.message }]
        : [];
    });
  return {
    ok: checks.every((check) => check.passed || check.severity === 'WARNING'),
    checks,
    problems: failed('ERROR'),
    warnings: failed('WARNING'),
    sourceIp: resolved.ip,
  };
}

/** Why a source requirement has no finding: the step before it did not get that far. */
function notChecked(requirement: MigrationRequirement, findings: Findings): string {
  if (findings.SOURCE_ADDRESS_NOT_ALLOWED && !findings.SOURCE_ADDRESS_NOT_ALLOWED.passed)
    return 'not checked: the source address may not be connected to';
  if (findings.SOURCE_UNREACHABLE && !findings.SOURCE_UNREACHABLE.passed)
    return 'not checked: the source was not reached';
  if (findings.SOURCE_AUTH_REQUIRED && !findings.SOURCE_AUTH_REQUIRED.passed)
    return 'not checked: the source requires AUTH';
  if (findings.SOURCE_PROTECTED_MODE && !findings.SOURCE_PROTECTED_MODE.passed)
    return 'not checked: the source refused the connection in protected mode';
  if (requirement === 'SHARD_COUNT_MISMATCH' || requirement === 'SOURCE_PORTS_DIFFER') {
    return findings.CLUSTER_MODE_MISMATCH && !findings.CLUSTER_MODE_MISMATCH.passed
      ? 'not checked: source and target differ in cluster mode'
      : 'not checked: the source did not describe its cluster';
  }
  return 'not checked: the source did not answer the command that tells (renamed or refused)';
}

function targetFindings(target: MigrationTarget): Findings {
  const redisTooOld = target.engine === 'redis' && compareVersions(target.engineVersion, MIN_TARGET_REDIS_VERSION) < 0;
  const engine = target.engine === 'valkey' ? 'Valkey' : 'Redis OSS';
  const r6gd = /^cache\.r6gd\./.test(target.cacheNodeType);
  return {
    TARGET_STATUS: {
      passed: target.status === 'available',
      message: `target is ${target.status} (it must be available)`,
    },
    TARGET_ENGINE_VERSION: {
      passed: !redisTooOld,
      message: `target engine is ${engine} ${target.engineVersion} (needs Valkey, or Redis OSS ${MIN_TARGET_REDIS_VERSION} or later)`,
    },
    TARGET_TRANSIT_ENCRYPTION: target.transitEncryptionEnabled
      ? { passed: false, message: 'target has in-transit encryption enabled (it must be off)' }
      : { passed: true, message: 'target has in-transit encryption off (it must be off)' },
    TARGET_MULTI_AZ: target.multiAZEnabled
      ? { passed: true, message: 'target has Multi-AZ enabled (it must be enabled)' }
      : { passed: false, message: 'target has Multi-AZ disabled (it must be enabled)' },
    TARGET_GLOBAL_DATASTORE: target.inGlobalDatastore
      ? { passed: false, message: 'target is part of a global datastore (it must not be)' }
      : { passed: true, message: 'target is not part of a global datastore (it must not be)' },
    TARGET_DATA_TIERING: target.dataTieringEnabled
      ? { passed: false, message: 'target has data tiering enabled (it must be off)' }
      : { passed: true, message: 'target has data tiering off (it must be off)' },
    TARGET_NODE_TYPE: {
      passed: !r6gd,
      message: `target nodes are ${target.cacheNodeType || 'of an unknown type'} (online migration does not support r6gd nodes)`,
    },
  };
}

type ResolvedAddress = { ip: string | null; findings: Findings };

/**
 * Resolves a host name once and connects to the address it resolved to: checking the name and
 * then connecting by name again would let a second DNS answer slip past the allowlist.
 */
async function resolveAllowedAddress(
  address: string,
  allowlist: NetworkAllowlist,
  network: SourceNetwork,
  deadline: number,
  boundMs: number,
): Promise<ResolvedAddress> {
  let addresses: string[];
  if (isIP(address)) {
    addresses = [address];
  } else {
    try {
      // The lookup is the first step: its time out is said as the check's bound (not the ms left of it).
      addresses = await withTimeout(network.lookup(address), remaining(deadline), 'DNS lookup', boundMs);
    } catch (error) {
      return {
        ip: null,
        findings: {
          SOURCE_UNREACHABLE: {
            passed: false,
            message: `source host ${address} could not be resolved (${describe(error)})`,
          },
        },
      };
    }
  }
  const refused = addresses.filter((ip) => !allowlist.allows(ip));
  const [first] = addresses;
  if (refused.length > 0 || first === undefined) {
    return {
      ip: null,
      findings: {
        SOURCE_ADDRESS_NOT_ALLOWED: {
          passed: false,
          message: `source address ${refused.join(', ') || address} is outside the networks this endpoint may connect to`,
        },
      },
    };
  }
  const shown = first === address ? address : `${address} (${first})`;
  return {
    ip: first,
    findings: {
      SOURCE_ADDRESS_NOT_ALLOWED: {
        passed: true,
        message: `source address ${shown} is inside the networks this endpoint may connect to`,
      },
      SOURCE_PRIVATE_ADDRESS: isPrivateOrLoopback(first)
        ? { passed: true, message: `source address ${first} is private (ElastiCache reaches sources by private IP)` }
        : {
            passed: false,
            message: `source address ${first} is public (ElastiCache reaches sources by private IP, in the VPC or a peered one)`,
          },
    },
  };
}

/** How the source's probe reaches the network, and until when. */
interface Reach {
  network: SourceNetwork;
  allowlist: NetworkAllowlist;
  deadline: number;
}

async function probeSource(ip: string, port: number, target: MigrationTarget, reach: Reach): Promise<Findings> {
  const { network, deadline } = reach;
  const where = `${ip}:${port}`;
  const greeting = await greetSource(() => network.connect(ip, port), remaining(deadline));
  const unreachable = (message: string): Findings => ({ SOURCE_UNREACHABLE: { passed: false, message } });
  switch (greeting.kind) {
    case 'unreachable':
      return unreachable(`source ${where} is unreachable (${greeting.reason})`);
    case 'error-reply':
      return unreachable(`source ${where} refused the connection (${greeting.reason})`);
    case 'auth-required':
      return {
        SOURCE_UNREACHABLE: { passed: true, message: `source ${where} answered` },
        SOURCE_AUTH_REQUIRED: {
          passed: false,
          message: `source ${where} requires AUTH (the source must not have AUTH enabled)`,
        },
      };
    case 'denied':
      // Protected mode refuses clients that are not on the source's host when the default user
      // has no password. This connection stands for ElastiCache's replica: what Redis refuses
      // here, it would refuse ElastiCache too. (Redis never applies it to 127.0.0.1 or ::1.)
      return {
        SOURCE_UNREACHABLE: { passed: true, message: `source ${where} answered` },
        SOURCE_PROTECTED_MODE: {
          passed: false,
          message: `source ${where} refused the connection in protected mode (set protected-mode no)`,
        },
      };
    case 'ready':
      break;
  }
  const budget = remaining(deadline);
  // No reconnects, retries or offline queue: one bounded attempt, every command bounded too. The
  // connection is the network's, as the greeting's was: one seam for every connection made.
  const redis = new Redis({
    Connector: connectorOver(() => network.connect(ip, port)),
    lazyConnect: true,
    connectTimeout: budget,
    commandTimeout: budget,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    reconnectOnError: () => false,
    enableReadyCheck: false,
    enableOfflineQueue: false,
    autoResendUnfulfilledCommands: false,
  });
  // ioredis reports the socket's own error (ECONNREFUSED, ...) here and rejects connect() with a
  // generic "Connection is closed"; keep the first one for the message.
  let socketError: Error | undefined;
  redis.on('error', (error: Error) => {
    socketError ??= error;
  });
  try {
    return await withTimeout(
      inspectSource(redis, where, target, () => socketError, reach),
      budget,
      'source checks',
    );
  } catch {
    // The checks' own time bound, or the connection lost mid-way: nothing the peer said is repeated.
    return unreachable(`source ${where} did not answer the checks in time`);
  } finally {
    redis.disconnect();
  }
}

async function inspectSource(
  redis: Redis,
  where: string,
  target: MigrationTarget,
  socketError: () => Error | undefined,
  reach: Reach,
): Promise<Findings> {
  try {
    await redis.connect();
  } catch (connectError) {
    const error = socketError() ?? connectError;
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ECONNREFUSED' ? 'connection refused' : code === 'ETIMEDOUT' ? 'no answer in time' : 'connection failed';
    return { SOURCE_UNREACHABLE: { passed: false, message: `source ${where} is unreachable (${reason})` } };
  }

  const findings: Findings = {
    SOURCE_UNREACHABLE: { passed: true, message: `source ${where} answered` },
    SOURCE_AUTH_REQUIRED: { passed: true, message: `source ${where} does not require AUTH (it must not)` },
    SOURCE_PROTECTED_MODE: { passed: true, message: `source ${where} accepted the connection (no protected mode)` },
  };
  const renamed: string[] = [];
  const info = await reply(redis, 'INFO', 'server');
  if (info instanceof Error) {
    if (isUnknownCommand(info)) renamed.push('INFO');
  } else {
    const server = parseInfo(String(info));
    const version = server.get('redis_version');
    Object.assign(findings, rdbFinding(server, target));
    if (version !== undefined) {
      // Shown only when it is a version number: the text is the peer's.
      findings.SOURCE_VERSION_TOO_OLD = VERSION.test(version)
        ? {
            passed: compareVersions(version, MIN_SOURCE_VERSION) >= 0,
            message: `source runs version ${version} (needs ${MIN_SOURCE_VERSION} or later)`,
          }
        : {
            passed: false,
            message: `source reports a version that is not a version number (needs ${MIN_SOURCE_VERSION} or later)`,
          };
    }
  }

  const databases = await reply(redis, 'CONFIG', 'GET', 'databases');
  if (databases instanceof Error) {
    if (isUnknownCommand(databases)) renamed.push('CONFIG');
  } else {
    const count = Number(configValue(databases));
    findings.DATABASES_MISMATCH = Number.isInteger(count)
      ? {
          passed: count === target.databases,
          message: `source has ${count} logical databases, target has ${target.databases} (they must be equal)`,
        }
      : {
          passed: false,
          message: `source did not tell its number of logical databases, target has ${target.databases} (they must be equal)`,
        };
  }

  const commandInfo = await reply(redis, 'COMMAND', 'INFO', ...REPLICATION_COMMANDS);
  if (commandInfo instanceof Error) {
    if (isUnknownCommand(commandInfo)) renamed.push('COMMAND');
  } else if (Array.isArray(commandInfo)) {
    REPLICATION_COMMANDS.forEach((command, index) => {
      const upper = command.toUpperCase();
      if (commandInfo[index] === null && !renamed.includes(upper)) renamed.push(upper);
    });
  }
  findings.SOURCE_COMMAND_RENAMED =
    renamed.length > 0
      ? {
          passed: false,
          message: `source has renamed or disabled ${renamed.join(', ')} (replication needs them under their own names)`,
        }
      : {
          passed: true,
          message: `source has ${REPLICATION_COMMANDS.map((command) => command.toUpperCase()).join(', ')} under their own names (replication needs them)`,
        };

  const cluster = await clusterFindings(redis, where, target);
  Object.assign(findings, cluster.findings);
  // The source's used_memory, read once: what the target must hold, and what a snapshot sends.
  const used = usedMemory(await reply(redis, 'INFO', 'memory'));
  Object.assign(findings, await memoryFinding(used, target, cluster.masters, reach));
  Object.assign(findings, await evictionFinding(redis));
  Object.assign(findings, await outputBufferFinding(redis, used));
  return findings;
}

/**
 * The target must read the source's snapshot format (rules/rdb-formats.ts): a Redis OSS 7.4
 * source into a Valkey 8.2 target fails after the transfer with "invalid RDB received".
 */
function rdbFinding(server: Map<string, string>, target: MigrationTarget): Findings {
  const valkey = server.get('server_name') === 'valkey' || server.has('valkey_version');
  const version = (valkey ? server.get('valkey_version') : undefined) ?? server.get('redis_version');
  if (version === undefined || !VERSION.test(version)) return {};
  const sourceEngine: Engine = valkey ? 'valkey' : 'redis';
  const targetEngine: Engine = target.engine === 'valkey' ? 'valkey' : 'redis';
  const written = rdbFormatOf(sourceEngine, version);
  const read = rdbFormatOf(targetEngine, target.engineVersion);
  const name = (engine: Engine) => (engine === 'valkey' ? 'Valkey' : 'Redis OSS');
  return {
    SOURCE_VERSION_NEWER_THAN_TARGET: {
      passed: written <= read,
      message:
        written <= read
          ? `source ${name(sourceEngine)} ${version} writes snapshot format ${written}; target ${name(targetEngine)} ${target.engineVersion} reads up to ${read}`
          : `source ${name(sourceEngine)} ${version} writes snapshot format ${written}, newer than target ${name(targetEngine)} ${target.engineVersion} reads (up to ${read}): the target cannot load its snapshot`,
    },
  };
}

/**
 * The source's data must fit the target's nodes: each source shard's `used_memory` against one
 * node's memory (its node type's maxmemory less reserved-memory-percent). Cluster mode reads every
 * master, each connection to an address the allowlist allows (the addresses come from the source).
 */
async function memoryFinding(
  own: number | null,
  target: MigrationTarget,
  masters: ClusterMaster[] | null,
  reach: Reach,
): Promise<Findings> {
  if (target.nodeMemoryBytes === null)
    return {
      TARGET_MEMORY: {
        passed: true,
        message: `not compared: the memory of ${target.cacheNodeType || 'the target node type'} is not in the node-type table`,
      },
    };
  const used: { where: string; bytes: number }[] = [];
  if (own === null) return {};
  if (!masters || masters.length <= 1) used.push({ where: 'source', bytes: own });
  else {
    for (const master of masters) {
      if (!reach.allowlist.allows(master.ip))
        return {
          TARGET_MEMORY: {
            passed: false,
            message: `source master ${master.ip}:${master.port} is outside the networks this endpoint may connect to: its memory was not read`,
          },
        };
      const bytes = await masterUsedMemory(master, reach);
      if (bytes === null) return {};
      used.push({ where: `source shard ${master.ip}:${master.port}`, bytes });
    }
  }
  const largest = used.reduce((most, shard) => (shard.bytes > most.bytes ? shard : most));
  const fits = largest.bytes <= target.nodeMemoryBytes;
  const capacity = `${mib(target.nodeMemoryBytes)} (${target.cacheNodeType} less ${DEFAULT_RESERVED_MEMORY_PERCENT}% reserved memory)`;
  return {
    TARGET_MEMORY: {
      passed: fits,
      message: fits
        ? `${largest.where} uses ${mib(largest.bytes)}; a target node holds ${capacity}`
        : `${largest.where} uses ${mib(largest.bytes)}, more than a target node holds: ${capacity}`,
    },
  };
}

async function masterUsedMemory(master: ClusterMaster, reach: Reach): Promise<number | null> {
  const other = await boundedRedis(() => reach.network.connect(master.ip, master.port), remaining(reach.deadline));
  try {
    await other.connect();
    return usedMemory(await reply(other, 'INFO', 'memory'));
  } catch {
    return null;
  } finally {
    other.disconnect();
  }
}

function usedMemory(info: unknown): number | null {
  if (info instanceof Error) return null;
  const bytes = Number(parseInfo(String(info)).get('used_memory'));
  return Number.isFinite(bytes) ? bytes : null;
}

/** An evicting policy drops keys on the source while it migrates, and so on the target. */
async function evictionFinding(redis: Redis): Promise<Findings> {
  const policy = configValue(await reply(redis, 'CONFIG', 'GET', 'maxmemory-policy'));
  const maxmemory = Number(configValue(await reply(redis, 'CONFIG', 'GET', 'maxmemory')));
  if (policy === undefined || !Number.isFinite(maxmemory)) return {};
  const shown = /^[a-z-]{1,32}$/.test(policy) ? policy : 'an unknown policy';
  if (policy === 'noeviction' || maxmemory === 0)
    return {
      SOURCE_MAXMEMORY_POLICY: {
        passed: true,
        message:
          maxmemory === 0
            ? `source has no maxmemory: nothing is evicted (policy ${shown})`
            : 'source has maxmemory-policy noeviction: nothing is evicted',
      },
    };
  return {
    SOURCE_MAXMEMORY_POLICY: {
      passed: false,
      message: `source evicts keys at its maxmemory of ${mib(maxmemory)} (maxmemory-policy ${shown}): keys evicted during the migration are missing on the target`,
    },
  };
}

/** Bytes a second the source streams to replicas that ElastiCache's first sync is assumed to take in (fork, transfer, load). */
export const ASSUMED_SNAPSHOT_BYTES_PER_SECOND = 50 * 1024 * 1024;

/**
 * While the first snapshot is made and loaded, the source buffers every write for the replica;
 * beyond `client-output-buffer-limit replica <hard> <soft> <seconds>` it drops the replica, which
 * starts over: the sync loops. The writes a second are what clients send it now
 * (`instantaneous_input_kbps`, the server's own average of the last moments: an upper bound, reads
 * included); the snapshot's time is its `used_memory` at ASSUMED_SNAPSHOT_BYTES_PER_SECOND.
 */
async function outputBufferFinding(redis: Redis, used: number | null): Promise<Findings> {
  const limits = configValue(await reply(redis, 'CONFIG', 'GET', 'client-output-buffer-limit'));
  const stats = await reply(redis, 'INFO', 'stats');
  const inputKbps =
    stats instanceof Error ? Number.NaN : Number(parseInfo(String(stats)).get('instantaneous_input_kbps'));
  const replica = limits === undefined ? null : /(?:^|\s)(?:slave|replica) (\d+) (\d+) (\d+)/.exec(limits);
  if (!replica || used === null || !Number.isFinite(inputKbps)) return {};
  const [hard, soft, softSeconds] = replica.slice(1).map(Number) as [number, number, number];
  const perSecond = inputKbps * 1024;
  const seconds = used / ASSUMED_SNAPSHOT_BYTES_PER_SECOND;
  const buffered = perSecond * seconds;
  const overHard = hard > 0 && buffered > hard;
  const overSoft = soft > 0 && buffered > soft && seconds > softSeconds;
  const limit = `hard ${mib(hard)}, soft ${mib(soft)} for ${softSeconds} s (0 = none)`;
  const found = `source takes in ${mib(perSecond)}/s; its snapshot of ${mib(used)} takes about ${seconds.toFixed(1)} s, buffering about ${mib(buffered)} for the replica`;
  return {
    SOURCE_REPLICA_OUTPUT_BUFFER: {
      passed: !overHard && !overSoft,
      message:
        overHard || overSoft
          ? `${found}, over its client-output-buffer-limit for replicas (${limit}): the first sync may start over and over`
          : `${found}, within its client-output-buffer-limit for replicas (${limit})`,
    },
  };
}

function mib(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / (1024 * 1024)).toFixed(1)} MiB` : `${Math.round(bytes / 1024)} KiB`;
}

async function clusterFindings(
  redis: Redis,
  where: string,
  target: MigrationTarget,
): Promise<{ findings: Findings; masters: ClusterMaster[] | null }> {
  const info = await reply(redis, 'INFO', 'cluster');
  if (info instanceof Error) return { findings: {}, masters: null };
  const sourceClustered = parseInfo(String(info)).get('cluster_enabled') === '1';
  const mode = (enabled: boolean) => (enabled ? 'enabled' : 'disabled');
  const findings: Findings = {
    CLUSTER_MODE_MISMATCH: {
      passed: sourceClustered === target.clusterEnabled,
      message: `source has cluster mode ${mode(sourceClustered)}, target has cluster mode ${mode(target.clusterEnabled)} (they must match)`,
    },
  };
  // Shards and ports compare only between sources and targets of the same mode.
  if (sourceClustered !== target.clusterEnabled) return { findings, masters: null };
  if (!sourceClustered) {
    findings.SHARD_COUNT_MISMATCH = {
      passed: target.numNodeGroups === 1,
      message: `source has 1 shard (cluster mode disabled), target has ${target.numNodeGroups} (they must be equal)`,
    };
    findings.SOURCE_PORTS_DIFFER = {
      passed: true,
      message: `source is one instance, on port ${where.split(':').pop()}`,
    };
    return { findings, masters: null };
  }
  const nodes = await reply(redis, 'CLUSTER', 'NODES');
  if (nodes instanceof Error) return { findings, masters: null };
  const masters = parseClusterMasters(String(nodes));
  findings.SHARD_COUNT_MISMATCH = {
    passed: masters.length === target.numNodeGroups,
    message: `source has ${masters.length} shards with slots, target has ${target.numNodeGroups} (they must be equal)`,
  };
  // Every instance of the source must listen on the same port.
  const ports = [...new Set(masters.map((master) => master.port))].sort((a, b) => a - b);
  findings.SOURCE_PORTS_DIFFER = {
    passed: ports.length <= 1,
    message:
      ports.length <= 1
        ? `source instances are all on port ${ports[0] ?? where.split(':').pop()} (they must share one)`
        : `source instances are on ports ${ports.join(', ')} (they must all be on the same port)`,
  };
  return { findings, masters };
}

/** A command's reply, or its error reply as an Error value (an error reply is data here). */
async function reply(redis: Redis, command: string, ...args: string[]): Promise<unknown> {
  try {
    return await redis.call(command, ...args);
  } catch (error) {
    if (error instanceof Error && error.name === 'ReplyError') return error;
    throw error;
  }
}

function isUnknownCommand(error: Error): boolean {
  return /^ERR unknown command/i.test(error.message);
}

function configValue(configReply: unknown): string | undefined {
  return Array.isArray(configReply) ? String(configReply[1]) : undefined;
}

/** What is left of the budget, never less than 1 ms (a timer of 0 would still be a timer). */
function remaining(deadline: number): number {
  return Math.max(1, deadline - Date.now());
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string, shownMs = ms): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${shownMs} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
