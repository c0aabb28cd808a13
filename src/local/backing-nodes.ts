import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import { nodeTypeMaxmemory } from '../rules/node-types.js';
import { QueryError } from './query-errors.js';
import { parseInfo } from '../preflight/redis-info.js';

export interface BackingNodeOptions {
  /** The redis-server program (default: `redis-server` on PATH). */
  redisServer?: string;
  /** Processes running at once, over every group (default 16). */
  maxNodes?: number;
  /** A backing node's maxmemory: its node type's memory times this (default 1/64), at least 64 MiB. */
  memoryScale?: number;
  /**
   * More redis-server arguments for every node, after the endpoint's own (e.g.
   * `['--enable-debug-command', 'local']`, so that a benchmark can compare DEBUG DIGESTs).
   */
  serverArguments?: readonly string[];
}

export const DEFAULT_MAX_BACKING_NODES = 16;
export const DEFAULT_MEMORY_SCALE = 1 / 64;
const MIN_MEMORY_BYTES = 64 * 1024 * 1024;
const START_TIMEOUT_MS = 10_000;

/** One real redis-server standing for a shard's primary node, on a loopback port. */
export interface BackingNode {
  readonly address: '127.0.0.1';
  readonly port: number;
  readonly maxmemory: number;
  /** One command (REPLICAOF, INFO): the endpoint's own connection to the node. */
  call(command: string, ...args: (string | number)[]): Promise<unknown>;
  /** `INFO <section>` as fields. */
  info(section: string): Promise<Map<string, string>>;
  stop(): Promise<void>;
}

/**
 * The redis-server processes behind migrating groups: a migration moves real data into them,
 * and clients read them at the addresses Describe* names. At most `maxNodes` run at once (one
 * more is refused with NodeQuotaForCustomerExceeded, before anything starts); each is bounded in
 * memory like the node type it stands for, scaled down; every one ends with its group, with
 * `close()`, and (killed) when this process exits, so none outlives the endpoint.
 */
export class BackingNodes {
  readonly #program: string;
  readonly #maxNodes: number;
  readonly #memoryScale: number;
  readonly #serverArguments: readonly string[];
  readonly #running = new Set<RunningNode>();
  #reserved = 0;
  readonly #killAll = () => {
    for (const node of this.#running) node.child.kill('SIGKILL');
  };

  constructor(options: BackingNodeOptions = {}) {
    this.#program = options.redisServer ?? 'redis-server';
    this.#maxNodes = options.maxNodes ?? DEFAULT_MAX_BACKING_NODES;
    this.#memoryScale = options.memoryScale ?? DEFAULT_MEMORY_SCALE;
    this.#serverArguments = options.serverArguments ?? [];
    process.on('exit', this.#killAll);
  }

  /** A node's memory against its node type's (`--memory-scale`). */
  get memoryScale(): number {
    return this.#memoryScale;
  }

  get count(): number {
    return this.#running.size;
  }

  /** Takes `count` places now (synchronously), or refuses: the fault a request can answer with. */
  reserve(count: number): () => void {
    if (this.#running.size + this.#reserved + count > this.#maxNodes) {
      throw new QueryError(
        'NodeQuotaForCustomerExceeded',
        400,
        `The local endpoint runs at most ${this.#maxNodes} backing nodes at once (--max-backing-nodes); ${this.#running.size + this.#reserved} are in use.`,
      );
    }
    this.#reserved += count;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#reserved -= count;
    };
  }

  /** Starts one node for `cacheNodeType` (its place reserved beforehand). */
  async start(cacheNodeType: string): Promise<BackingNode> {
    const maxmemory = Math.max(
      MIN_MEMORY_BYTES,
      Math.floor((nodeTypeMaxmemory(cacheNodeType) ?? 0) * this.#memoryScale),
    );
    let lastError: unknown;
    // A free port can be taken between finding it and redis-server binding it: try another.
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        const node = await startNode(
          { program: this.#program, port: await freePort(), maxmemory, extra: this.#serverArguments },
          () => this.#running.delete(node),
        );
        this.#running.add(node);
        return node;
      } catch (error) {
        lastError = error;
      }
    }
    throw lastError instanceof Error ? lastError : new Error(String(lastError));
  }

  async close(): Promise<void> {
    process.off('exit', this.#killAll);
    await Promise.all([...this.#running].map((node) => node.stop()));
  }
}

interface RunningNode extends BackingNode {
  readonly child: ChildProcess;
}

interface NodeSpec {
  program: string;
  port: number;
  maxmemory: number;
  extra: readonly string[];
}

async function startNode({ program, port, maxmemory, extra }: NodeSpec, onStop: () => void): Promise<RunningNode> {
  const dir = mkdtempSync(join(tmpdir(), 'elasticache-local-node-'));
  const child = spawn(
    program,
    [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
      '--dir',
      dir,
      '--maxmemory',
      String(maxmemory),
      '--loglevel',
      'warning',
      ...extra,
    ],
    { stdio: 'ignore' },
  );
  let spawnError: Error | null = null;
  const exited = new Promise<void>((resolve) => {
    child.once('exit', () => resolve());
    // Not started at all (no such program): there is no exit to wait for.
    child.once('error', (error) => {
      spawnError = error;
      resolve();
    });
  });
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  try {
    await waitForPort(port, child, () => spawnError);
  } catch (error) {
    child.kill('SIGKILL');
    await exited;
    cleanUp();
    throw error;
  }
  const redis = new Redis({
    host: '127.0.0.1',
    port,
    lazyConnect: true,
    // A stopped or hung node answers nothing: the endpoint's own calls give up rather than hang.
    commandTimeout: 2_000,
    maxRetriesPerRequest: 1,
    retryStrategy: () => null,
    enableOfflineQueue: false,
  });
  redis.on('error', () => undefined);
  await redis.connect();
  let stopping: Promise<void> | null = null;
  const node: RunningNode = {
    address: '127.0.0.1',
    port,
    maxmemory,
    child,
    call: (command, ...args) => redis.call(command, ...args.map(String)),
    async info(section) {
      return parseInfo(String(await redis.call('INFO', section)));
    },
    stop() {
      stopping ??= (async () => {
        onStop();
        redis.disconnect();
        if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
        await exited;
        cleanUp();
      })();
      return stopping;
    },
  };
  return node;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port')),
      );
    });
  });
}

async function waitForPort(port: number, child: ChildProcess, spawnError: () => Error | null): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  while (Date.now() < deadline) {
    const failed = spawnError();
    if (failed) throw new Error(`redis-server could not be started: ${failed.message}`);
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`redis-server exited (${child.exitCode})`);
    const open = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`redis-server did not listen on ${port} within ${START_TIMEOUT_MS} ms`);
}
