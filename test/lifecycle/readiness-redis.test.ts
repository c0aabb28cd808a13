import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startApp, type RunningApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { startRedis, type ThrowawayRedis } from '../support/redis-server.js';
import { eventually } from '../support/eventually.js';

/** With REDIS_URL, /readiness follows Redis too: a redis-server of the test's own, stopped and started again. */
describe('readiness with REDIS_URL', () => {
  let redis: ThrowawayRedis;
  let app: RunningApp;

  beforeAll(async () => {
    redis = await startRedis();
    const config = loadConfig({
      PORT: '0',
      REDIS_URL: `redis://127.0.0.1:${redis.port}`,
      REDIS_KEY_PREFIX: `readiness-${randomUUID()}:`,
      GRAPHIQL: 'false',
      // A fresh verdict on every probe: the test sees Redis go and come back as soon as it does.
      READINESS_VERDICT_TTL_MS: '0',
    });
    app = await startApp(config, createLogger('silent'));
  }, 30_000);
  afterAll(async () => {
    await app.close();
    await redis.stop();
  });

  const readiness = async () => {
    const response = await fetch(new URL('/readiness', app.graphqlUrl));
    return { status: response.status, body: (await response.json()) as { dependencies: Record<string, string> } };
  };
  // Redis's going and coming back are seen once ioredis notices them: wait for the verdict `wanted`.
  const until = (wanted: number) =>
    eventually(readiness, (answer) => answer.status === wanted, `readiness ${wanted}`, { stepMs: 250 });

  it('answers 503 naming Redis while it is down, and 200 once it is back', async () => {
    expect(await readiness()).toEqual({
      status: 200,
      body: expect.objectContaining({ dependencies: { 'elasticache:us-east-1': 'ok', redis: 'ok' } }),
    });
    await redis.stop();
    const down = await until(503);
    expect(down.status).toBe(503);
    expect(down.body.dependencies).toEqual({ 'elasticache:us-east-1': 'ok', redis: 'unreachable' });
    redis = await startRedis([], redis.port);
    const back = await until(200);
    expect(back.status).toBe(200);
    expect(back.body.dependencies.redis).toBe('ok');
  }, 40_000);
});
