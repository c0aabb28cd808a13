import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';

const root = new URL('../../', import.meta.url).pathname;

export interface GatewayProcess {
  child: ChildProcessWithoutNullStreams;
  /** From the "listening" line. */
  graphqlUrl: string;
  /** Every JSON line the process logged so far, parsed. */
  lines: Record<string, unknown>[];
  /** Every other line it wrote on stderr (there should be none). */
  otherLines: string[];
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** SIGKILL unless it already exited. */
  kill(): Promise<void>;
}

export interface GatewayProcessOptions {
  /** The compiled entry (e.g. `.test-dist/123/index.js`); src/index.ts through tsx, as `npm run dev` runs it, when omitted. */
  compiledEntry?: string;
  env?: Record<string, string>;
}

/**
 * The gateway as `npm start` runs it: a process of its own on a free loopback port (LOG_LEVEL
 * info, the built-in local endpoint unless `env` says otherwise), ready once it logs where it listens.
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
  const exited = once(child, 'exit').then(([code]) => code as number | null);
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
      if (!line.startsWith('{')) {
        other.push(line);
        return;
      }
      const entry = JSON.parse(line) as Record<string, unknown>;
      lines.push(entry);
      if (typeof entry.url === 'string' && String(entry.message).startsWith('GraphQL gateway listening')) {
        clearTimeout(timer);
        resolve(entry.url);
      }
    });
  });
  return {
    child,
    graphqlUrl,
    lines,
    otherLines: other,
    exited,
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}
