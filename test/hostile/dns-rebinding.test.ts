import { request as httpRequest } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import type { RunningApp } from '../../src/app.js';
import { startQuietApp } from '../support/app.js';
import { ConfigError, loadConfig } from '../../src/config.js';

const REBOUND = 'rebind.attacker.example:4600';

/** One request with the Host (and Origin) a DNS-rebinding page's browser would send. */
function send(url: string, host: string, path = '/graphql'): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  const body = JSON.stringify({ query: '{ replicationGroups(first: 1) { edges { node { replicationGroupId } } } }' });
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      {
        host: hostname,
        port,
        method: 'POST',
        path,
        headers: { host, origin: `http://${host}`, 'content-type': 'application/json' },
      },
      (response) => {
        let text = '';
        response.on('data', (chunk: Buffer) => (text += chunk.toString()));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, body: text }));
      },
    );
    request.on('error', reject);
    request.end(body);
  });
}

/**
 * A page on attacker.example rebinds its name to 127.0.0.1: the browser then calls the gateway
 * "same-origin" (Origin and Host both name the attacker). Only the Host tells, and only the names
 * the gateway is served under (ALLOWED_HOSTS; on loopback: the listen address, localhost,
 * 127.0.0.1, [::1]) are answered.
 */
describe('DNS rebinding: Host headers outside ALLOWED_HOSTS', () => {
  let app: RunningApp;

  beforeAll(async () => {
    app = await startQuietApp();
  }, 30_000);
  afterAll(() => app.close());

  it('refuses them over HTTP with 421 before anything runs, and serves the loopback names', async () => {
    app.localEndpoint?.resetCalls();
    const refused = await send(app.graphqlUrl, REBOUND);
    expect(refused.status).toBe(421);
    expect(JSON.parse(refused.body)).toEqual({
      errors: [
        {
          message: 'This gateway is not served under that host name (see ALLOWED_HOSTS).',
          extensions: { code: 'MISDIRECTED_REQUEST' },
        },
      ],
    });
    expect(app.localEndpoint?.calls).toEqual([]);
    const port = new URL(app.graphqlUrl).port;
    for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, 'localhost']) {
      const served = await send(app.graphqlUrl, host);
      expect({ host, status: served.status }).toEqual({ host, status: 200 });
    }
    // Probes come by address, whatever the name.
    expect((await send(app.graphqlUrl, '10.1.2.3:4000', '/health')).status).toBe(200);
  });

  it('refuses the WebSocket upgrade too', async () => {
    const url = app.graphqlUrl.replace(/^http/, 'ws');
    const status = await new Promise<number>((resolve, reject) => {
      const socket = new WebSocket(url, 'graphql-transport-ws', {
        headers: { host: REBOUND, origin: `http://${REBOUND}` },
      });
      socket.on('unexpected-response', (_request, response) => {
        resolve(response.statusCode ?? 0);
        socket.terminate();
      });
      socket.on('open', () => {
        socket.close();
        reject(new Error('the upgrade was accepted'));
      });
      socket.on('error', () => undefined);
    });
    expect(status).toBe(421);
    const accepted = await new Promise<boolean>((resolve) => {
      const socket = new WebSocket(url, 'graphql-transport-ws');
      socket.on('open', () => {
        socket.close();
        resolve(true);
      });
      socket.on('unexpected-response', () => resolve(false));
      socket.on('error', () => resolve(false));
    });
    expect(accepted).toBe(true);
  });
});

describe('ALLOWED_HOSTS', () => {
  it('defaults to the loopback names on loopback, is required elsewhere, and takes a list or *', () => {
    expect(loadConfig({}).allowedHosts).toEqual(['127.0.0.1', 'localhost', '[::1]']);
    expect(loadConfig({ HOST: '::1' }).allowedHosts).toEqual(['[::1]', 'localhost', '127.0.0.1']);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(ConfigError);
    expect(() => loadConfig({ HOST: '0.0.0.0' })).toThrow(/ALLOWED_HOSTS is required/);
    expect(loadConfig({ HOST: '0.0.0.0', ALLOWED_HOSTS: 'caches.internal, Gateway.Example.com' }).allowedHosts).toEqual(
      ['caches.internal', 'gateway.example.com'],
    );
    expect(loadConfig({ HOST: '0.0.0.0', ALLOWED_HOSTS: '*' }).allowedHosts).toBeNull();
    expect(() => loadConfig({ ALLOWED_HOSTS: 'gateway.example.com:4000' })).toThrow(/ALLOWED_HOSTS must be host names/);
  });
});
