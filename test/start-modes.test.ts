import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url).pathname;
let scratch = '';

beforeAll(async () => {
  scratch = await mkdtemp(join(tmpdir(), 'start-modes-'));
});
afterAll(async () => {
  await rm(scratch, { recursive: true, force: true });
});

/**
 * Starts `npm start`'s entry point with `env`, waits until it listens, stops it, and returns the
 * modules it loaded: paths relative to the checkout, and package names from node_modules. It
 * makes no AWS call: nothing is asked of it.
 */
async function modulesLoadedAtStart(name: string, env: Record<string, string>): Promise<string[]> {
  const record = join(scratch, `${name}.txt`);
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', '--import', './test/support/module-recorder.mjs', 'src/index.ts'],
    {
      cwd: root,
      env: {
        ...process.env,
        PORT: '0',
        LOG_LEVEL: 'info',
        NODE_NO_WARNINGS: '1',
        AWS_EC2_METADATA_DISABLED: 'true',
        RECORD_MODULES_FILE: record,
        ...env,
      },
    },
  );
  const lines: string[] = [];
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`gateway did not start: ${lines.join('\n')}`)), 20_000);
    createInterface({ input: child.stderr }).on('line', (line) => {
      lines.push(line);
      if (line.includes('GraphQL gateway listening')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code) => reject(new Error(`gateway exited (${code}): ${lines.join('\n')}`)));
  });
  child.kill('SIGTERM');
  await once(child, 'exit');
  const urls = (await readFile(record, 'utf8')).split('\n').filter(Boolean);
  const prefix = `file://${root}`;
  const packageName = (path: string) =>
    path
      .split('/node_modules/')
      .at(-1)
      ?.split('/')
      .slice(0, path.includes('/node_modules/@') ? 2 : 1)
      .join('/') ?? path;
  return [
    ...new Set(
      urls
        .filter((url) => url.startsWith(prefix))
        .map((url) => url.slice(prefix.length))
        .map((path) => (path.includes('node_modules/') ? packageName(`/${path}`) : path)),
    ),
  ];
}

describe('the local endpoint is a separate part', () => {
  it('is not loaded when the gateway talks to AWS (ELASTICACHE_ENDPOINT=aws)', async () => {
    const loaded = await modulesLoadedAtStart('aws', {
      ELASTICACHE_ENDPOINT: 'aws',
      AWS_REGION: 'us-east-1',
      AUTH_DISABLED: 'true',
    });
    expect(loaded).toContain('src/server.ts');
    expect(loaded.filter((path) => path.startsWith('src/local/'))).toEqual([]);
    // Nor what only the emulator needs.
    expect(loaded).toContain('@aws-sdk/client-elasticache');
    expect(loaded).not.toContain('ioredis');
    expect(loaded).not.toContain('fast-xml-parser');
  }, 30_000);

  it('is loaded when asked for (ELASTICACHE_ENDPOINT=local), so the check above can fail', async () => {
    const loaded = await modulesLoadedAtStart('local', { ELASTICACHE_ENDPOINT: 'local' });
    expect(loaded).toContain('src/local/server.ts');
    expect(loaded).toContain('ioredis');
  }, 30_000);
});
