import { createServer, type Server, type Socket } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  MigrationPreflightDocument,
  ReplicationGroupWithEventsDocument,
  TestMigrationDocument,
} from '../../examples/generated/graphql.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

const SECRET = 'SECRET-BANNER db_password=hunter2';

/**
 * A migration source is any address the caller names. What a service on that port says (a
 * banner, an error line, 100 KB of anything) must never come back through the preflight or the
 * local endpoint's TestMigration events: only a fixed reason per kind of failure.
 */
describe('what a peer says is never echoed', () => {
  let t: TestGateway;
  let server: Server;
  let port: number;
  const sockets = new Set<Socket>();
  let greet: (socket: Socket) => void = () => undefined;

  beforeAll(async () => {
    server = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => undefined);
      socket.resume();
      greet(socket);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as { port: number }).port;
    t = await startTestGateway({ preflight: { timeoutMs: 1_000 }, local: { migration: { checkTimeoutMs: 1_000 } } });
  });
  afterAll(async () => {
    await t.close();
    for (const socket of sockets) socket.destroy();
    await new Promise((resolve) => server.close(resolve));
  });

  const preflightMessages = async () => {
    const result = await t.execute(MigrationPreflightDocument, {
      input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '127.0.0.1', port }] },
    });
    const payload = result.data?.migrationPreflight;
    if (payload?.__typename !== 'MigrationPreflight') throw new Error(`unexpected ${JSON.stringify(result)}`);
    return payload.checks.map((check) => check.message);
  };

  const testMigrationEvents = async () => {
    const result = await t.execute(TestMigrationDocument, {
      input: { replicationGroupId: 'orders-cache', customerNodeEndpointList: [{ address: '127.0.0.1', port }] },
    });
    expect(result.data?.testMigration?.__typename).toBe('TestMigrationSuccess');
    await t.endpoint.settled();
    const read = await t.execute(ReplicationGroupWithEventsDocument, { replicationGroupId: 'orders-cache' });
    return (read.data?.replicationGroup?.events ?? []).map((event) => event.message ?? '');
  };

  it.each([
    ['a one-line banner', (socket: Socket) => socket.end(`${SECRET}\r\n`), 'not a Redis server'],
    [
      '102 KB with no line end',
      (socket: Socket) => socket.end(`${SECRET} ${'x'.repeat(102_000)}`),
      'not a Redis server',
    ],
    ['an error reply', (socket: Socket) => socket.end(`-ERR ${SECRET}\r\n`), 'it answered PING with an error'],
    ['a plus reply that is not PONG', (socket: Socket) => socket.end(`+${SECRET}\r\n`), 'not a Redis server'],
  ])('%s: a fixed reason in the preflight and in the TestMigration event', async (_name, answer, reason) => {
    greet = answer;
    const messages = await preflightMessages();
    const unreachable = messages.find((message) => message.startsWith(`source 127.0.0.1:${port}`));
    expect(unreachable).toContain(reason);
    for (const message of messages) {
      expect(message).not.toContain('SECRET');
      expect(message.length).toBeLessThan(200);
    }
    const events = await testMigrationEvents();
    expect(events.some((message) => message.startsWith('Test migration failed') && message.includes(reason))).toBe(
      true,
    );
    for (const message of events) {
      expect(message).not.toContain('SECRET');
      expect(message).not.toContain('xxxx');
    }
  });
});
