import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Redis } from 'ioredis';
import type { NetworkAllowlist } from './network-allowlist.js';
import { greetSource } from './source-greeting.js';

/**
 * The prerequisites of ElastiCache online migration (AWS developer guide, "Prepare your source and
 * target"), checked for real: target-side ones from the replication group, source-side ones over a
 * connection to the self-hosted Valkey/Redis OSS. Every unmet requirement is reported, each with a
 * stable code and a short message naming the value found and the value needed.
 */

export interface MigrationSource {
  address: string;
  port: number;
}

export interface MigrationTarget {
  replicationGroupId: string;
  engine: string;
  engineVersion: string;
  clusterEnabled: boolean;
  numNodeGroups: number;
  transitEncryptionEnabled: boolean;
  multiAZEnabled: boolean;
  inGlobalDatastore: boolean;
  dataTieringEnabled: boolean;
  databases: number;
}

export interface MigrationProblem {
  requirement: string;
  message: string;
}

export interface MigrationCheckResult {
  ok: boolean;
  problems: MigrationProblem[];
}

export interface MigrationCheckOptions {
  timeoutMs: number;
  allowlist: NetworkAllowlist;
}

const MIN_TARGET_REDIS_VERSION = '5.0.6';
const MIN_SOURCE_VERSION = '2.8.21';
/** Commands replication needs under their own names (AWS guide: "must not be renamed"). */
const REPLICATION_COMMANDS = ['sync', 'psync', 'info', 'config', 'command', 'cluster'] as const;

export async function checkMigrationPrerequisites(
  source: MigrationSource,
  target: MigrationTarget,
  options: MigrationCheckOptions,
): Promise<MigrationCheckResult> {
  const problems = targetProblems(target);
  const resolved = await resolveAllowedAddress(source.address, options);
  if ('problem' in resolved) {
    problems.push(resolved.problem);
  } else {
    problems.push(...(await probeSource(resolved.ip, source.port, target, options.timeoutMs)));
  }
  return { ok: problems.length === 0, problems };
}

function targetProblems(target: MigrationTarget): MigrationProblem[] {
  const problems: MigrationProblem[] = [];
  if (target.engine === 'redis' && compareVersions(target.engineVersion, MIN_TARGET_REDIS_VERSION) < 0) {
    problems.push({
      requirement: 'TARGET_ENGINE_VERSION',
      message: `target engine is Redis OSS ${target.engineVersion} (needs ${MIN_TARGET_REDIS_VERSION} or later, or Valkey)`,
    });
  }
  if (target.transitEncryptionEnabled) {
    problems.push({
      requirement: 'TARGET_TRANSIT_ENCRYPTION',
      message: 'target has in-transit encryption enabled (it must be off)',
    });
  }
  if (!target.multiAZEnabled) {
    problems.push({ requirement: 'TARGET_MULTI_AZ', message: 'target has Multi-AZ disabled (it must be enabled)' });
  }
  if (target.inGlobalDatastore) {
    problems.push({
      requirement: 'TARGET_GLOBAL_DATASTORE',
      message: 'target is part of a global datastore (it must not be)',
    });
  }
  if (target.dataTieringEnabled) {
    problems.push({ requirement: 'TARGET_DATA_TIERING', message: 'target has data tiering enabled (it must be off)' });
  }
  return problems;
}

type ResolvedAddress = { ip: string } | { problem: MigrationProblem };

/**
 * Resolves a host name once and connects to the address it resolved to: checking the name and
 * then connecting by name again would let a second DNS answer slip past the allowlist.
 */
async function resolveAllowedAddress(address: string, options: MigrationCheckOptions): Promise<ResolvedAddress> {
  let addresses: string[];
  if (isIP(address)) {
    addresses = [address];
  } else {
    try {
      addresses = (await withTimeout(lookup(address, { all: true }), options.timeoutMs, 'DNS lookup')).map(
        (entry) => entry.address,
      );
    } catch (error) {
      return {
        problem: {
          requirement: 'SOURCE_UNREACHABLE',
          message: `source host ${address} could not be resolved (${describe(error)})`,
        },
      };
    }
  }
  const refused = addresses.filter((ip) => !options.allowlist.allows(ip));
  const [first] = addresses;
  if (refused.length > 0 || first === undefined) {
    return {
      problem: {
        requirement: 'SOURCE_ADDRESS_NOT_ALLOWED',
        message: `source address ${refused.join(', ') || address} is outside the networks this endpoint may connect to`,
      },
    };
  }
  return { ip: first };
}

async function probeSource(
  ip: string,
  port: number,
  target: MigrationTarget,
  timeoutMs: number,
): Promise<MigrationProblem[]> {
  const where = `${ip}:${port}`;
  const greeting = await greetSource(ip, port, timeoutMs);
  switch (greeting.kind) {
    case 'refused':
      return [{ requirement: 'SOURCE_UNREACHABLE', message: `source ${where} is unreachable (${greeting.reason})` }];
    case 'auth-required':
      return [
        {
          requirement: 'SOURCE_AUTH_REQUIRED',
          message: `source ${where} requires AUTH (the source must not have AUTH enabled)`,
        },
      ];
    case 'denied':
      // Protected mode refuses clients that are not on the source's host when the default user
      // has no password. This connection stands for ElastiCache's replica: what Redis refuses
      // here, it would refuse ElastiCache too. (Redis never applies it to 127.0.0.1 or ::1.)
      return [
        {
          requirement: 'SOURCE_PROTECTED_MODE',
          message: `source ${where} refused the connection in protected mode (set protected-mode no)`,
        },
      ];
    case 'error-reply':
      return [
        { requirement: 'SOURCE_UNREACHABLE', message: `source ${where} refused the connection (${greeting.message})` },
      ];
    case 'ready':
      break;
  }
  // No reconnects, retries or offline queue: one bounded attempt, every command bounded too.
  const redis = new Redis({
    host: ip,
    port,
    lazyConnect: true,
    connectTimeout: timeoutMs,
    commandTimeout: timeoutMs,
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
      inspectSource(redis, where, target, () => socketError),
      timeoutMs * 2,
      'source checks',
    );
  } catch (error) {
    return [
      { requirement: 'SOURCE_UNREACHABLE', message: `source ${where} did not answer in time (${describe(error)})` },
    ];
  } finally {
    redis.disconnect();
  }
}

async function inspectSource(
  redis: Redis,
  where: string,
  target: MigrationTarget,
  socketError: () => Error | undefined,
): Promise<MigrationProblem[]> {
  try {
    await redis.connect();
  } catch (connectError) {
    const error = socketError() ?? connectError;
    const code = (error as { code?: string }).code;
    const reason =
      code === 'ECONNREFUSED' ? 'connection refused' : code === 'ETIMEDOUT' ? 'connection timed out' : describe(error);
    return [{ requirement: 'SOURCE_UNREACHABLE', message: `source ${where} is unreachable (${reason})` }];
  }

  const problems: MigrationProblem[] = [];
  const renamed: string[] = [];
  const info = await reply(redis, 'INFO', 'server');

  if (info instanceof Error) {
    if (isUnknownCommand(info)) renamed.push('INFO');
  } else {
    const fields = parseInfo(String(info));
    const version = fields.get('redis_version');
    if (version && compareVersions(version, MIN_SOURCE_VERSION) < 0) {
      problems.push({
        requirement: 'SOURCE_VERSION_TOO_OLD',
        message: `source runs version ${version} (needs ${MIN_SOURCE_VERSION} or later)`,
      });
    }
  }

  const databases = await reply(redis, 'CONFIG', 'GET', 'databases');
  if (databases instanceof Error) {
    if (isUnknownCommand(databases)) renamed.push('CONFIG');
  } else {
    const count = Number(configValue(databases));
    if (count !== target.databases) {
      problems.push({
        requirement: 'DATABASES_MISMATCH',
        message: `source has ${count} logical databases, target has ${target.databases} (they must be equal)`,
      });
    }
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
  if (renamed.length > 0) {
    problems.push({
      requirement: 'SOURCE_COMMAND_RENAMED',
      message: `source has renamed or disabled ${renamed.join(', ')} (replication needs them under their own names)`,
    });
  }

  problems.push(...(await clusterProblems(redis, target)));
  return problems;
}

async function clusterProblems(redis: Redis, target: MigrationTarget): Promise<MigrationProblem[]> {
  const info = await reply(redis, 'INFO', 'cluster');
  if (info instanceof Error) return [];
  const sourceClustered = parseInfo(String(info)).get('cluster_enabled') === '1';
  if (sourceClustered !== target.clusterEnabled) {
    const mode = (enabled: boolean) => (enabled ? 'enabled' : 'disabled');
    return [
      {
        requirement: 'CLUSTER_MODE_MISMATCH',
        message: `source has cluster mode ${mode(sourceClustered)}, target has cluster mode ${mode(target.clusterEnabled)} (they must match)`,
      },
    ];
  }
  if (!sourceClustered) return [];
  const nodes = await reply(redis, 'CLUSTER', 'NODES');
  if (nodes instanceof Error) return [];
  const shards = String(nodes)
    .split('\n')
    .map((line) => line.trim().split(' '))
    .filter((fields) => fields[2]?.split(',').includes('master') && fields.length > 8).length;
  return shards === target.numNodeGroups
    ? []
    : [
        {
          requirement: 'SHARD_COUNT_MISMATCH',
          message: `source has ${shards} shards with slots, target has ${target.numNodeGroups} (they must be equal)`,
        },
      ];
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

function parseInfo(text: string): Map<string, string> {
  const fields = new Map<string, string>();
  for (const line of text.split(/\r?\n/)) {
    const separator = line.indexOf(':');
    if (separator > 0 && !line.startsWith('#')) fields.set(line.slice(0, separator), line.slice(separator + 1).trim());
  }
  return fields;
}

/** Numeric comparison of dotted versions: 2.8.21 < 5.0.6 < 7.0.15. */
export function compareVersions(a: string, b: string): number {
  const left = a.split('.').map((part) => Number.parseInt(part, 10) || 0);
  const right = b.split('.').map((part) => Number.parseInt(part, 10) || 0);
  for (let index = 0; index < Math.max(left.length, right.length); index++) {
    const difference = (left[index] ?? 0) - (right[index] ?? 0);
    if (difference !== 0) return Math.sign(difference);
  }
  return 0;
}

function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, deadline]).finally(() => clearTimeout(timer));
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
