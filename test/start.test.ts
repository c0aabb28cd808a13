import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url).pathname;

/** `npm start` as a user runs it: the real process, its log lines, a signal to stop it. */
describe('npm start (src/index.ts)', () => {
  let child: ChildProcessWithoutNullStreams;
  const lines: Record<string, unknown>[] = [];
  let graphqlUrl = '';

  beforeAll(async () => {
    child = spawn(process.execPath, ['--import', 'tsx', 'src/index.ts'], {
      cwd: root,
      env: { ...process.env, PORT: '0', ELASTICACHE_ENDPOINT: '', LOG_LEVEL: 'info', NODE_NO_WARNINGS: '1' },
    });
    const reader = createInterface({ input: child.stderr });
    graphqlUrl = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`gateway did not start: ${JSON.stringify(lines)}`)), 20_000);
      reader.on('line', (line) => {
        if (!line.startsWith('{')) return;
        const entry = JSON.parse(line) as Record<string, unknown>;
        lines.push(entry);
        if (typeof entry.url === 'string') {
          clearTimeout(timer);
          resolve(entry.url);
        }
      });
    });
  }, 30_000);

  afterAll(async () => {
    if (child.exitCode === null) {
      child.kill('SIGKILL');
      await once(child, 'exit');
    }
  });

  it('first says that anyone may call it, then which endpoint and regions are in use', () => {
    expect(lines[0]).toMatchObject({ level: 'warn', auth: 'open', because: 'local' });
    expect(lines[0]?.message).toMatch(/^Authentication off: anyone who reaches the port may read and migrate/);
    expect(lines[1]?.message).toMatch(
      /^ElastiCache endpoint: local \(built-in, http:\/\/127\.0\.0\.1:\d+, demo data\); regions: us-east-1/,
    );
  });

  it('answers /health and a query against the seeded local endpoint', async () => {
    const health = await fetch(new URL('/health', graphqlUrl));
    expect(health.status).toBe(200);
    const response = await fetch(graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        query: '{ replicationGroup(replicationGroupId: "orders-cache") { replicationGroupId status engine } }',
      }),
    });
    expect(await response.json()).toEqual({
      data: { replicationGroup: { replicationGroupId: 'orders-cache', status: 'available', engine: 'redis' } },
    });
  });

  it('stops cleanly on SIGTERM', async () => {
    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  });
});
