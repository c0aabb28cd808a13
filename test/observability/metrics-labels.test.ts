import { readdir, readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunningApp } from '../../src/app.js';
import { startQuietApp } from '../support/app.js';
import { EXAMPLE_OPERATION_NAMES } from '../../src/observability/operation-labels.js';

const DISTINCT_NAMES = 2_000;
const CONCURRENCY = 16;

/**
 * Operation names are the caller's text: as metric labels, every new one was a time series kept
 * for the life of the process (2,000 long names made a scrape of hundreds of MB that froze the
 * gateway). Through the whole app over HTTP, the way a caller with any token can do it.
 */
describe('/metrics under operation names the gateway never saw', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startQuietApp();
  }, 30_000);
  afterAll(() => app.close());

  const scrape = async () => (await fetch(new URL('/metrics', app.graphqlUrl))).text();

  it('keeps the scrape small: unknown names count as `other`, known ones keep their name', async () => {
    const before = Buffer.byteLength(await scrape());
    const longName = 'x'.repeat(400);
    let next = 0;
    const send = async () => {
      while (next < DISTINCT_NAMES) {
        const index = next++;
        const response = await fetch(`${app.graphqlUrl}?probe=${index}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: `query Op${index}_${longName} { __typename }` }),
        });
        expect(response.status).toBe(200);
        await response.text();
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, send));
    const known = await fetch(app.graphqlUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'query ReplicationGroupsDashboard { __typename }' }),
    });
    await known.text();

    // /health answers while a scrape is being made.
    const [metrics, health] = await Promise.all([scrape(), fetch(new URL('/health', app.graphqlUrl))]);
    expect(health.status).toBe(200);
    const after = Buffer.byteLength(metrics);
    console.log(`/metrics: ${before} bytes before, ${after} bytes after ${DISTINCT_NAMES} distinct operation names`);
    expect(metrics).not.toContain('Op1_');
    expect(metrics).not.toContain('probe=');
    expect(metrics).toMatch(/graphql_envelop_request\{operationName="other",operationType="query"\} 2000/);
    expect(metrics).toContain('operationName="ReplicationGroupsDashboard"');
    // The same series as a handful of requests make: growth is the new counters' own lines.
    expect(after).toBeLessThan(before + 64 * 1024);
  }, 60_000);
});

describe('the operation names kept as labels', () => {
  it('are the names of the operations in examples/operations', async () => {
    const folder = new URL('../../examples/operations/', import.meta.url);
    const names: string[] = [];
    for (const file of await readdir(folder)) {
      const text = await readFile(new URL(file, folder), 'utf8');
      for (const match of text.matchAll(/^(?:query|mutation|subscription)\s+(\w+)/gm)) names.push(match[1] ?? '');
    }
    expect([...EXAMPLE_OPERATION_NAMES].sort()).toEqual(names.sort());
  });
});
