import type { Socket } from 'node:net';

/**
 * The first exchange with a migration source, on a plain socket: PING and its first reply line.
 *
 * Redis refuses some clients before any command: in protected mode it writes `-DENIED …` on
 * accept and closes. Client libraries treat that as a closed connection and drop the text
 * (ioredis does), so this exchange reads it itself; everything after goes through ioredis.
 */
export type Greeting =
  | { kind: 'ready' }
  | { kind: 'denied' }
  | { kind: 'auth-required' }
  | { kind: 'refused'; reason: string }
  | { kind: 'error-reply'; message: string };

/** `open` makes the connection (to an address already checked against the allowlist). */
export function greetSource(open: () => Socket, timeoutMs: number): Promise<Greeting> {
  return new Promise((resolve) => {
    let buffered = '';
    let settled = false;
    const socket = open();
    const finish = (greeting: Greeting) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(greeting);
    };
    const timer = setTimeout(() => finish({ kind: 'refused', reason: `no answer within ${timeoutMs} ms` }), timeoutMs);
    socket.setNoDelay(true);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const end = buffered.indexOf('\r\n');
      if (end < 0) return;
      const line = buffered.slice(0, end);
      if (line.startsWith('-DENIED')) finish({ kind: 'denied' });
      else if (/^-(NOAUTH|WRONGPASS)/.test(line)) finish({ kind: 'auth-required' });
      else if (line.startsWith('-')) finish({ kind: 'error-reply', message: line.slice(1) });
      else finish({ kind: 'ready' });
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      finish({
        kind: 'refused',
        reason:
          error.code === 'ECONNREFUSED'
            ? 'connection refused'
            : error.code === 'ETIMEDOUT'
              ? 'connection timed out'
              : error.message,
      });
    });
    socket.once('close', () => finish({ kind: 'refused', reason: 'connection closed without an answer' }));
  });
}
