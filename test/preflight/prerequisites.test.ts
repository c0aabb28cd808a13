import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  checkMigrationPrerequisites,
  compareVersions,
  MIGRATION_REQUIREMENTS,
} from '../../src/preflight/prerequisites.js';
import { NetworkAllowlist } from '../../src/preflight/network-allowlist.js';
import {
  freePort,
  startRedis,
  startRedisCluster,
  type ThrowawayCluster,
  type ThrowawayRedis,
} from '../support/redis-server.js';
import { QUALIFYING_TARGET } from '../support/migration-target.js';

const TARGET = QUALIFYING_TARGET;
const OPTIONS = { timeoutMs: 2_000, allowlist: NetworkAllowlist.parse([...NetworkAllowlist.DEFAULT_CIDRS]) };

const requirements = (result: { problems: { requirement: string }[] }) =>
  result.problems.map((problem) => problem.requirement);

describe('checkMigrationPrerequisites against real Redis servers', () => {
  const servers: ThrowawayRedis[] = [];
  let withPassword: ThrowawayRedis;
  let withRenamedCommands: ThrowawayRedis;
  let withEightDatabases: ThrowawayRedis;
  let clustered: ThrowawayRedis;

  beforeAll(async () => {
    [withPassword, withRenamedCommands, withEightDatabases, clustered] = await Promise.all([
      startRedis(['--requirepass', 'S3cret-Passw0rd']),
      startRedis(['--rename-command', 'CONFIG', '', '--rename-command', 'PSYNC', 'psync-hidden']),
      startRedis(['--databases', '8']),
      startRedis(['--cluster-enabled', 'yes']),
    ]);
    servers.push(withPassword, withRenamedCommands, withEightDatabases, clustered);
  }, 30_000);
  afterAll(async () => {
    await Promise.all(servers.map((server) => server.stop()));
  });

  it('passes for the Redis on 127.0.0.1:6379 and a qualifying target', async () => {
    const result = await checkMigrationPrerequisites({ address: '127.0.0.1', port: 6379 }, TARGET, OPTIONS);
    expect(result.ok).toBe(true);
    expect(result.problems).toEqual([]);
    // Every requirement is listed, passed, with the value found and the value needed.
    expect(result.checks.map((check) => check.requirement)).toEqual([...MIGRATION_REQUIREMENTS]);
    expect(result.checks.every((check) => check.passed)).toBe(true);
    expect(result.checks.find((check) => check.requirement === 'DATABASES_MISMATCH')?.message).toBe(
      'source has 16 logical databases, target has 16 (they must be equal)',
    );
    expect(result.checks.find((check) => check.requirement === 'SOURCE_VERSION_TOO_OLD')?.message).toMatch(
      /^source runs version \d+\.\d+\.\d+ \(needs 2\.8\.21 or later\)$/,
    );
  });

  it('reports a closed port as unreachable, connection refused', async () => {
    const port = await freePort();
    const result = await checkMigrationPrerequisites({ address: '127.0.0.1', port }, TARGET, OPTIONS);
    expect(result.problems).toEqual([
      { requirement: 'SOURCE_UNREACHABLE', message: `source 127.0.0.1:${port} is unreachable (connection refused)` },
    ]);
  });

  it('reports AUTH, without ever showing the password', async () => {
    const result = await checkMigrationPrerequisites(
      { address: '127.0.0.1', port: withPassword.port },
      TARGET,
      OPTIONS,
    );
    expect(requirements(result)).toEqual(['SOURCE_AUTH_REQUIRED']);
    expect(JSON.stringify(result)).not.toContain('S3cret');
  });

  it('names each renamed replication command', async () => {
    const result = await checkMigrationPrerequisites(
      { address: '127.0.0.1', port: withRenamedCommands.port },
      TARGET,
      OPTIONS,
    );
    expect(requirements(result)).toEqual(['SOURCE_COMMAND_RENAMED']);
    expect(result.problems[0]?.message).toBe(
      'source has renamed or disabled CONFIG, PSYNC (replication needs them under their own names)',
    );
  });

  it('compares the number of logical databases', async () => {
    const result = await checkMigrationPrerequisites(
      { address: '127.0.0.1', port: withEightDatabases.port },
      TARGET,
      OPTIONS,
    );
    expect(result.problems).toEqual([
      {
        requirement: 'DATABASES_MISMATCH',
        message: 'source has 8 logical databases, target has 16 (they must be equal)',
      },
    ]);
  });

  it('compares cluster mode', async () => {
    const result = await checkMigrationPrerequisites({ address: '127.0.0.1', port: clustered.port }, TARGET, OPTIONS);
    expect(requirements(result)).toContain('CLUSTER_MODE_MISMATCH');
    const asCluster = await checkMigrationPrerequisites(
      { address: '127.0.0.1', port: clustered.port },
      { ...TARGET, clusterEnabled: true, numNodeGroups: 3 },
      OPTIONS,
    );
    // A fresh cluster node holds no slots: 0 shards against the target's 3.
    expect(asCluster.problems).toContainEqual({
      requirement: 'SHARD_COUNT_MISMATCH',
      message: 'source has 0 shards with slots, target has 3 (they must be equal)',
    });
  });

  it('reports every unmet target requirement at once', async () => {
    const result = await checkMigrationPrerequisites(
      { address: '127.0.0.1', port: 6379 },
      {
        ...TARGET,
        engineVersion: '5.0.5',
        transitEncryptionEnabled: true,
        multiAZEnabled: false,
        inGlobalDatastore: true,
        dataTieringEnabled: true,
      },
      OPTIONS,
    );
    expect(requirements(result)).toEqual([
      'TARGET_ENGINE_VERSION',
      'TARGET_TRANSIT_ENCRYPTION',
      'TARGET_MULTI_AZ',
      'TARGET_GLOBAL_DATASTORE',
      'TARGET_DATA_TIERING',
      // Redis OSS 5.0.5 reads snapshot format 9; the 7.0 source writes 10.
      'SOURCE_VERSION_NEWER_THAN_TARGET',
    ]);
    expect(
      requirements(
        await checkMigrationPrerequisites(
          { address: '127.0.0.1', port: 6379 },
          { ...TARGET, engine: 'valkey', engineVersion: '7.2' },
          OPTIONS,
        ),
      ),
    ).toEqual([]);
  });

  it('refuses addresses outside the allowlist without connecting', async () => {
    const result = await checkMigrationPrerequisites({ address: '127.0.0.1', port: 6379 }, TARGET, {
      ...OPTIONS,
      allowlist: NetworkAllowlist.parse(['10.0.0.0/8']),
    });
    expect(result.problems).toEqual([
      {
        requirement: 'SOURCE_ADDRESS_NOT_ALLOWED',
        message: 'source address 127.0.0.1 is outside the networks this endpoint may connect to',
      },
    ]);
  });

  it('resolves host names and checks what they resolve to', async () => {
    const byName = await checkMigrationPrerequisites({ address: 'localhost', port: 6379 }, TARGET, OPTIONS);
    expect(byName.ok).toBe(true);
    expect(byName.checks.find((check) => check.requirement === 'SOURCE_ADDRESS_NOT_ALLOWED')?.message).toMatch(
      /^source address localhost \((127\.0\.0\.1|::1)\) is inside the networks/,
    );
    const unresolvable = await checkMigrationPrerequisites(
      { address: 'no-such-host.invalid', port: 6379 },
      TARGET,
      OPTIONS,
    );
    expect(unresolvable.problems[0]?.message).toMatch(/^source host no-such-host\.invalid could not be resolved/);
  });
});

describe('checkMigrationPrerequisites against misbehaving peers', () => {
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();
  let greet: ((socket: Socket) => void) | null = null;

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      // Read (and ignore) what the client sends, so that its close reaches this side.
      socket.resume();
      greet?.(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
  });
  afterAll(async () => {
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  it('reports protected mode when the source answers DENIED, as Redis does to non-local clients', async () => {
    // Redis sends exactly this, on accept, to a client from another host when protected mode is on.
    greet = (socket) =>
      socket.end(
        '-DENIED Redis is running in protected mode because protected mode is enabled and no password is set for the default user.\r\n',
      );
    const result = await checkMigrationPrerequisites({ address: '127.0.0.1', port }, TARGET, OPTIONS);
    expect(requirements(result)).toEqual(['SOURCE_PROTECTED_MODE']);
  });

  it('gives up on a peer that accepts and never answers, within the bound, leaving no socket open', async () => {
    greet = null;
    const started = Date.now();
    const result = await checkMigrationPrerequisites({ address: '127.0.0.1', port }, TARGET, {
      ...OPTIONS,
      timeoutMs: 300,
    });
    expect(requirements(result)).toEqual(['SOURCE_UNREACHABLE']);
    expect(Date.now() - started).toBeLessThan(300 * 2 + 1_000);
    // The peer sees the close once the FIN arrives; poll briefly rather than guess a delay.
    for (let attempt = 0; attempt < 50 && sockets.size > 0; attempt++)
      await new Promise((resolve) => setTimeout(resolve, 20));
    expect(sockets.size).toBe(0);
  });
});

describe('compareVersions', () => {
  it.each([
    ['2.8.21', '2.8.21', 0],
    ['2.8.20', '2.8.21', -1],
    ['2.8.22', '2.8.21', 1],
    ['7.0.15', '5.0.6', 1],
    ['5.0', '5.0.6', -1],
    ['10.0.0', '9.9.9', 1],
  ])('%s vs %s is %i', (a, b, expected) => {
    expect(compareVersions(a, b)).toBe(expected);
  });
});

describe('checkMigrationPrerequisites against a real Redis Cluster', () => {
  let cluster: ThrowawayCluster;
  beforeAll(async () => {
    cluster = await startRedisCluster(3, [], { distinctPorts: true });
  }, 30_000);
  afterAll(async () => {
    await cluster.stop();
  });

  it('refuses a source whose masters listen on different ports (AWS needs one port for all)', async () => {
    const [first] = cluster.masters;
    const result = await checkMigrationPrerequisites(
      { address: '127.0.0.1', port: first?.port ?? 0 },
      { ...TARGET, clusterEnabled: true, numNodeGroups: 3 },
      OPTIONS,
    );
    const ports = cluster.masters.map((master) => master.port).sort((a, b) => a - b);
    expect(new Set(ports).size).toBe(3);
    expect(result.problems).toEqual([
      {
        requirement: 'SOURCE_PORTS_DIFFER',
        message: `source instances are on ports ${ports.join(', ')} (they must all be on the same port)`,
      },
    ]);
    expect(result.checks.find((check) => check.requirement === 'SHARD_COUNT_MISMATCH')?.passed).toBe(true);
  });
});
