import type { IncomingMessage, ServerResponse } from 'node:http';
import { validateFaultRule, type Faults } from './fault-injector.js';

export const ADMIN_PATH = '/_local/faults';

const LOOPBACK = new Set(['127.0.0.1', '::1', '::ffff:127.0.0.1']);

/**
 * The fault-injection admin API (GET lists rules, POST adds one, DELETE removes one or all), for
 * loopback clients of an endpoint started with `admin: true`; anyone else gets a 404.
 */
export function answerAdmin(
  request: IncomingMessage,
  response: ServerResponse,
  body: string,
  options: { enabled: boolean; faults: Faults },
): void {
  const json = (status: number, value: unknown) => {
    response.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
  };
  if (!options.enabled || !LOOPBACK.has(request.socket.remoteAddress ?? '')) {
    json(404, { error: 'not found' });
    return;
  }
  const { faults } = options;
  try {
    if (request.method === 'GET') return json(200, faults.list());
    if (request.method === 'DELETE') {
      const id = new URLSearchParams((request.url ?? '').split('?')[1] ?? '').get('id');
      if (id) faults.remove(id);
      else faults.clear();
      return json(200, faults.list());
    }
    if (request.method === 'POST') return json(201, { id: faults.inject(validateFaultRule(JSON.parse(body))) });
    json(405, { error: 'use GET, POST or DELETE' });
  } catch (error) {
    json(400, { error: error instanceof Error ? error.message : String(error) });
  }
}
