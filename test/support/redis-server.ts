import { spawn, type ChildProcess } from 'node:child_process';
import { Redis } from 'ioredis';
import { once } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ThrowawayRedis {
  port: number;
  stop(): Promise<void>;
}

/** A free TCP port on 127.0.0.1 (bound, then released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/**
 * A real redis-server on a free loopback port, with extra configuration arguments (e.g.
 * `--requirepass x`, `--rename-command CONFIG ""`), in its own temporary directory; on `port`
 * when given (a server started again where a stopped one was); bound to `host` (loopback only).
 */
export async function startRedis(args: string[] = [], port?: number, host = '127.0.0.1'): Promise<ThrowawayRedis> {
  port ??= await freePort();
  const dir = mkdtempSync(join(tmpdir(), 'redis-test-'));
  const child: ChildProcess = spawn(
    'redis-server',
    ['--port', String(port), '--bind', host, '--save', '', '--appendonly', 'no', '--dir', dir, ...args],
    { stdio: 'ignore' },
  );
  await waitForPort(port, child, host);
  return {
    port,
    async stop() {
      // A killed child has a signalCode and no exitCode; either means it is gone.
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function waitForPort(port: number, child: ChildProcess, host: string): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, host, () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  child.kill('SIGKILL');
  throw new Error(`redis-server did not listen on ${port}`);
}

export interface ThrowawayCluster {
  /** The masters, in slot order (the first owns slot 0). */
  masters: { host: string; port: number }[];
  /** The slot range each master owns, `from-to`. */
  slots: string[];
  stop(): Promise<void>;
}

const CLUSTER_SLOTS = 16_384;

/**
 * A real Redis Cluster of `size` masters (no replicas), the slots split evenly in order. AWS
 * requires every instance of a source cluster to listen on the same port, so by default the
 * masters share one port on distinct addresses of the loopback network (127.0.0.1, .2, .3: this
 * machine's `lo`, never a packet off it); `distinctPorts` puts them all on 127.0.0.1, each on its
 * own port (a source AWS refuses). The cluster state is `ok` on every node before it is returned.
 */
export async function startRedisCluster(
  size: number,
  args: string[] = [],
  { distinctPorts = false }: { distinctPorts?: boolean } = {},
): Promise<ThrowawayCluster> {
  const hosts = Array.from({ length: size }, (_, index) => (distinctPorts ? '127.0.0.1' : `127.0.0.${index + 1}`));
  const ports: number[] = [];
  if (distinctPorts) {
    while (ports.length < size) {
      const port = await freePortOnAll(['127.0.0.1']);
      if (!ports.includes(port)) ports.push(port);
    }
  } else {
    ports.push(...Array<number>(size).fill(await freePortOnAll(hosts)));
  }
  const nodes = hosts.map((host, index) => ({ host, port: ports[index] ?? 0 }));
  const servers = await Promise.all(
    nodes.map(({ host, port }) =>
      // The kernel sends from 127.0.0.1 whatever the bind address: each node announces its own.
      startRedis(
        ['--cluster-enabled', 'yes', '--cluster-node-timeout', '5000', '--cluster-announce-ip', host, ...args],
        port,
        host,
      ),
    ),
  );
  const clients = nodes.map(({ host, port }) => new Redis({ host, port, lazyConnect: true }));
  const stopAll = async () => {
    for (const client of clients) client.disconnect();
    await Promise.all(servers.map((server) => server.stop()));
  };
  try {
    const slots = hosts.map((_, index) => {
      const from = Math.floor((index * CLUSTER_SLOTS) / size);
      const to = Math.floor(((index + 1) * CLUSTER_SLOTS) / size) - 1;
      return `${from}-${to}`;
    });
    await Promise.all(
      clients.map((client, index) => client.call('CLUSTER', 'ADDSLOTSRANGE', ...(slots[index] ?? '').split('-'))),
    );
    for (const { host, port } of nodes.slice(1)) await clients[0]?.call('CLUSTER', 'MEET', host, String(port));
    const deadline = Date.now() + 15_000;
    for (;;) {
      const states = await Promise.all(clients.map((client) => client.call('CLUSTER', 'INFO')));
      const ready = states.every(
        (state) => String(state).includes('cluster_state:ok') && String(state).includes(`cluster_known_nodes:${size}`),
      );
      if (ready) break;
      if (Date.now() > deadline) throw new Error('the Redis Cluster did not reach state ok');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    for (const client of clients) client.disconnect();
    return { masters: nodes, slots, stop: stopAll };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

/** A port free on every one of `hosts` (and its cluster bus port, 10000 above). */
async function freePortOnAll(hosts: string[]): Promise<number> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const port = await freePort();
    if (port + 10_000 > 65_535) continue;
    const free = await Promise.all(hosts.flatMap((host) => [bindable(host, port), bindable(host, port + 10_000)]));
    if (free.every(Boolean)) return port;
  }
  throw new Error(`no port free on ${hosts.join(', ')}`);
}

function bindable(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}
