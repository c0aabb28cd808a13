import { execFile, spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { once } from 'node:events';
import { rmSync } from 'node:fs';
import { createInterface } from 'node:readline';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = new URL('../', import.meta.url).pathname;
// Built afresh inside the checkout (node_modules resolves from there), not the dist/ of `npm ci`,
// so this tests the source as it is now.
const outDir = `.test-dist/${process.pid}`;

interface Started {
  child: ChildProcessWithoutNullStreams;
  url: string;
}

function startCompiled(): Promise<Started> {
  const child = spawn(process.execPath, [`${outDir}/index.js`], {
    cwd: root,
    env: { ...process.env, PORT: '0', ELASTICACHE_ENDPOINT: '', LOG_LEVEL: 'info', NODE_NO_WARNINGS: '1' },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('the compiled gateway did not start')), 20_000);
    createInterface({ input: child.stderr }).on('line', (line) => {
      const url = /"url":"(http:\/\/[^"]+)"/.exec(line)?.[1];
      if (url) {
        clearTimeout(timer);
        resolve({ child, url });
      }
    });
  });
}

describe('the compiled gateway (npm run build, npm start)', () => {
  let started: Started[] = [];

  beforeAll(async () => {
    await promisify(execFile)(
      process.execPath,
      ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json', '--outDir', outDir],
      {
        cwd: root,
      },
    );
  }, 60_000);
  afterAll(async () => {
    for (const { child } of started) {
      if (child.exitCode === null && child.signalCode === null) {
        child.kill('SIGKILL');
        await once(child, 'exit');
      }
    }
    rmSync(`${root}${outDir}`, { recursive: true, force: true });
  });

  it('starts as two replicas at once from one checkout, each serving queries and GraphiQL, and drains on SIGTERM', async () => {
    started = await Promise.all([startCompiled(), startCompiled()]);
    for (const { url } of started) {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ replicationGroup(replicationGroupId: "orders-cache") { status } }' }),
      });
      expect(await response.json()).toEqual({ data: { replicationGroup: { status: 'available' } } });
      // GraphiQL's bundle is found from the compiled modules too.
      const page = await (await fetch(url, { headers: { accept: 'text/html' } })).text();
      const bundle = /\/graphiql\/assets\/[^"]+\.js/.exec(page)?.[0];
      expect(bundle).toBeDefined();
      expect((await fetch(new URL(bundle ?? '', url))).status).toBe(200);
    }
    for (const { child } of started) {
      const exited = once(child, 'exit');
      child.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
    }
  }, 60_000);
});
