import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { readdirSync, readFileSync } from 'node:fs';
import { createInterface } from 'node:readline';

const root = new URL('../../', import.meta.url).pathname;

export interface GatewayProcess {
  child: ChildProcessWithoutNullStreams;
  pid: number;
  /** From the "listening" line. */
  graphqlUrl: string;
  /** Every JSON line the process logged so far, parsed (none kept with `keepLines: false`). */
  lines: Record<string, unknown>[];
  /** Every other line it wrote on stderr (there should be none). */
  otherLines: string[];
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Its resident memory now (VmRSS), MiB. */
  rssMiB(): number;
  /** Its peak resident memory so far (VmHWM), MiB. */
  peakRssMiB(): number;
  /** Its open file descriptors now: sockets, pipes, files (the handles that leak). */
  openFds(): number;
  /** SIGTERM, then its exit code. */
  stop(): Promise<number | null>;
  /** SIGKILL unless it already exited. */
  kill(): Promise<void>;
}

export interface GatewayProcessOptions {
  /** The compiled entry (e.g. `dist/index.js`); src/index.ts through tsx, as `npm run dev` runs it, when omitted. */
  compiledEntry?: string;
  env?: Record<string, string>;
  /** Every line the process writes on stderr, as it comes. */
  onLine?: (line: string) => void;
  /** Keep the parsed lines in `lines` (default true; a long benchmark run turns it off). */
  keepLines?: boolean;
}

/**
 * The gateway as `npm start` runs it: a process of its own on a free loopback port (LOG_LEVEL
 * info, the built-in local endpoint unless `env` says otherwise), ready once it logs where it
 * listens. Tests and benchmarks (bench/) start it the same way.
 */
export async function startGatewayProcess(options: GatewayProcessOptions = {}): Promise<GatewayProcess> {
  const args = options.compiledEntry ? [options.compiledEntry] : ['--import', 'tsx', 'src/index.ts'];
  const child = spawn(process.execPath, args, {
    cwd: root,
    env: {
      ...process.env,
      NODE_NO_WARNINGS: '1',
      PORT: '0',
      HOST: '127.0.0.1',
      ELASTICACHE_ENDPOINT: '',
      LOG_LEVEL: 'info',
      ...options.env,
    },
  });
  // Nothing is written there, but a pipe nobody reads would stall the process once full.
  child.stdout.resume();
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  const keepLines = options.keepLines ?? true;
  const lines: Record<string, unknown>[] = [];
  // What it wrote besides JSON lines (a crash before the logger exists), for the failure message.
  const other: string[] = [];
  const graphqlUrl = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`the gateway did not start: ${JSON.stringify([...lines, ...other])}`)),
      30_000,
    );
    void exited.then((code) =>
      reject(new Error(`the gateway exited with ${code}: ${JSON.stringify([...lines, ...other])}`)),
    );
    createInterface({ input: child.stderr }).on('line', (line) => {
      options.onLine?.(line);
      if (!line.startsWith('{')) {
        other.push(line);
        return;
      }
      const entry = JSON.parse(line) as Record<string, unknown>;
      if (keepLines) lines.push(entry);
      if (typeof entry.url === 'string' && String(entry.message).startsWith('GraphQL gateway listening')) {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
  });
  const status = (field: string) =>
    Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0);
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    pid: child.pid ?? 0,
    graphqlUrl,
    lines,
    otherLines: other,
    exited,
    rssMiB: () => Math.round((status('VmRSS') / 1024) * 10) / 10,
    peakRssMiB: () => Math.round(status('VmHWM') / 1024),
    openFds: () => readdirSync(`/proc/${child.pid}/fd`).length,
    async stop() {
      if (running()) child.kill('SIGTERM');
      return exited;
    },
    async kill() {
      if (!running()) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
