import type { Socket } from 'node:net';

/**
 * The first exchange with a migration source, on a plain socket: PING and its first reply line.
 *
 * Redis refuses some clients before any command: in protected mode it writes `-DENIED …` on
 * accept and closes. Client libraries treat that as a closed connection and drop the text
 * (ioredis does), so this exchange reads it itself; everything after goes through ioredis.
 *
 * Whatever the peer says is never repeated: the caller of a preflight (and any reader of the
 * TestMigration events) could otherwise read another service's banner through the gateway. Each
 * outcome is one of a few fixed reasons.
 */
export type Greeting =
  | { kind: 'ready' }
  | { kind: 'denied' }
  | { kind: 'auth-required' }
  | { kind: 'unreachable'; reason: UnreachableReason }
  | { kind: 'error-reply'; reason: ErrorReplyReason };

export type UnreachableReason =
  | 'connection refused'
  | 'no answer in time'
  | 'closed the connection without an answer'
  | 'connection failed'
  | 'not a Redis server (its answer to PING is not Redis protocol)';

export type ErrorReplyReason =
  | 'it is loading its dataset'
  | 'it is busy running a script'
  | 'it has reached its maximum number of clients'
  | 'it answered PING with an error';

/** A PING answer is one short line; a peer that sends more before a line end is not Redis. */
const MAX_GREETING_BYTES = 512;

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
    const unreachable = (reason: UnreachableReason) => finish({ kind: 'unreachable', reason });
    const timer = setTimeout(() => unreachable('no answer in time'), timeoutMs);
    socket.setNoDelay(true);
    socket.once('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('latin1');
      const end = buffered.indexOf('\r\n');
      if (end < 0) {
        if (buffered.length > MAX_GREETING_BYTES)
          unreachable('not a Redis server (its answer to PING is not Redis protocol)');
        return;
      }
      finish(greetingOf(buffered.slice(0, Math.min(end, MAX_GREETING_BYTES))));
    });
    socket.once('error', (error: NodeJS.ErrnoException) =>
      unreachable(
        error.code === 'ECONNREFUSED'
          ? 'connection refused'
          : error.code === 'ETIMEDOUT'
            ? 'no answer in time'
            : 'connection failed',
      ),
    );
    socket.once('close', () => unreachable('closed the connection without an answer'));
  });
}

/** What the first line of the answer to PING says, in our words. */
function greetingOf(line: string): Greeting {
  if (line === '+PONG') return { kind: 'ready' };
  if (line.startsWith('-DENIED')) return { kind: 'denied' };
  if (/^-(NOAUTH|WRONGPASS)/.test(line)) return { kind: 'auth-required' };
  if (line.startsWith('-LOADING')) return { kind: 'error-reply', reason: 'it is loading its dataset' };
  if (line.startsWith('-BUSY')) return { kind: 'error-reply', reason: 'it is busy running a script' };
  if (/^-ERR max(imum)? number of clients/i.test(line))
    return { kind: 'error-reply', reason: 'it has reached its maximum number of clients' };
  if (line.startsWith('-')) return { kind: 'error-reply', reason: 'it answered PING with an error' };
  return { kind: 'unreachable', reason: 'not a Redis server (its answer to PING is not Redis protocol)' };
}
