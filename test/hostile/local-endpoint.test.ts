import { DescribeReplicationGroupsCommand, ElastiCacheServiceException } from '@aws-sdk/client-elasticache';
import { request as httpRequest } from 'node:http';
import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startLocalEndpoint, type LocalEndpoint } from '../../src/local/index.js';
import { sdkClient, signedHeaders } from '../support/sdk.js';

/** One raw HTTP request, with the request target exactly as given. */
function rawRequest(
  endpoint: LocalEndpoint,
  method: string,
  path: string,
  body = '',
  headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded' },
): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(endpoint.url);
  return new Promise((resolve, reject) => {
    const req = httpRequest({ host: hostname, port, method, path, headers }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** Sends headers announcing `announced` bytes, then `send` bytes, and returns the first response line. */
function statusLineAfterPartialBody(endpoint: LocalEndpoint, headers: string, send: number): Promise<string> {
  const { hostname, port } = new URL(endpoint.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () =>
      socket.write(`POST / HTTP/1.1\r\nHost: local\r\n${headers}\r\n${'a'.repeat(send)}`),
    );
    socket.once('data', (chunk: Buffer) => {
      resolve(chunk.toString().split('\r\n')[0] ?? '');
      socket.destroy();
    });
    socket.on('error', reject);
  });
}

describe('the local endpoint under hostile requests', () => {
  let endpoint: LocalEndpoint;

  beforeAll(async () => {
    endpoint = await startLocalEndpoint({ seed: 'demo', maxRegions: 4 });
  });
  afterAll(async () => {
    await endpoint.close();
  });

  async function stillServes(): Promise<void> {
    const client = sdkClient(endpoint);
    const output = await client.send(new DescribeReplicationGroupsCommand({ ReplicationGroupId: 'orders-cache' }));
    expect(output.ReplicationGroups?.[0]?.ReplicationGroupId).toBe('orders-cache');
    client.destroy();
  }

  it.each(['//', '//x/y?Action=DescribeEvents', 'http://other.example/', '/%', '/?%zz=1'])(
    'answers POST %s without going down',
    async (path) => {
      const response = await rawRequest(endpoint, 'POST', path, 'Action=DescribeEvents&Version=2015-02-02');
      expect(response.status).toBeGreaterThanOrEqual(200);
      expect(response.status).toBeLessThan(500);
      expect(response.body).toMatch(/^<\w+Response|^<ErrorResponse/);
      await stillServes();
    },
  );

  it('answers a 10,000-member list', async () => {
    const members = Array.from(
      { length: 10_000 },
      (_, i) =>
        `CustomerNodeEndpointList.member.${i + 1}.Address=10.0.0.1&CustomerNodeEndpointList.member.${i + 1}.Port=6379`,
    );
    const body = `Action=TestMigration&Version=2015-02-02&ReplicationGroupId=orders-cache&${members.join('&')}`;
    const response = await rawRequest(endpoint, 'POST', '/', body, await signedHeaders(endpoint, body));
    expect(response.status).toBe(400);
    expect(response.body).toContain('<Code>InvalidParameterValue</Code>');
    await stillServes();
  });

  it('refuses a body announced over the limit without waiting for it', async () => {
    expect(await statusLineAfterPartialBody(endpoint, 'Content-Length: 2000000\r\n', 16)).toBe(
      'HTTP/1.1 413 Payload Too Large',
    );
    await stillServes();
  });

  it('refuses a chunked body as soon as it passes the limit', async () => {
    const { hostname, port } = new URL(endpoint.url);
    const status = await new Promise<string>((resolve, reject) => {
      const socket = connect(Number(port), hostname);
      let sent = 0;
      let answered = false;
      let received = '';
      socket.on('data', (chunk: Buffer) => {
        answered = true;
        received += chunk.toString();
      });
      // The endpoint answers and drops the connection while we are still writing: a reset on
      // our side is expected once it has answered.
      socket.on('error', () => undefined);
      socket.on('close', () =>
        received
          ? resolve(`${received.split('\r\n')[0] ?? ''} after ${sent} bytes`)
          : reject(new Error(`closed without an answer after ${sent} bytes`)),
      );
      socket.write('POST / HTTP/1.1\r\nHost: local\r\nTransfer-Encoding: chunked\r\n\r\n');
      const chunk = 'a'.repeat(64 * 1024);
      const pump = () => {
        // At most 8 MiB: far past the 1 MiB limit, and never endless.
        if (answered || sent >= 8 * 1024 * 1024) return;
        sent += chunk.length;
        socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`, (error) =>
          error ? undefined : setImmediate(pump),
        );
      };
      pump();
    });
    expect(status).toMatch(/^HTTP\/1.1 413 Payload Too Large after \d+ bytes$/);
    expect(Number(/after (\d+)/.exec(status)?.[1])).toBeLessThan(8 * 1024 * 1024);
    await stillServes();
  });

  it('keeps state for a bounded number of regions and refuses names that are not regions', async () => {
    const outcomes: string[] = [];
    for (const region of ['us-east-1', 'eu-west-1', 'eu-west-2', 'ap-south-1', 'ap-south-2', 'mars']) {
      const client = sdkClient(endpoint, { region });
      try {
        await client.send(new DescribeReplicationGroupsCommand({}));
        outcomes.push('served');
      } catch (error) {
        outcomes.push(
          error instanceof ElastiCacheServiceException
            ? `${error.name} ${error.$metadata.httpStatusCode}`
            : String(error),
        );
      } finally {
        client.destroy();
      }
    }
    expect(outcomes).toEqual([
      'served',
      'served',
      'served',
      'served',
      'SignatureDoesNotMatch 403',
      'SignatureDoesNotMatch 403',
    ]);
  });
});
