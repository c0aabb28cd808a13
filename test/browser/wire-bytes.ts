import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import type { Socket } from 'node:net';

export interface WireBytes {
  /** Bytes written to the sockets of connections accepted on the port since the last reset: headers and bodies, as sent. */
  sent(): number;
  reset(): void;
  stop(): void;
}

/**
 * Counts what the server on `port` sends, at the socket. The browser's own counters fall short
 * here: a page's CDP session does not see its dedicated workers' script loads (a third of the
 * Monaco payload), and counts `data:` URLs as if they were transferred.
 */
export function countBytesSentOn(port: number): WireBytes {
  const open = new Set<Socket>();
  let closedBytes = 0;
  let baseline = 0;
  const onSocket = (message: unknown) => {
    const { socket } = message as { socket: Socket };
    if (socket.localPort !== port) return;
    open.add(socket);
    socket.once('close', () => {
      closedBytes += socket.bytesWritten;
      open.delete(socket);
    });
  };
  subscribe('net.server.socket', onSocket);
  const total = () => closedBytes + [...open].reduce((sum, socket) => sum + socket.bytesWritten, 0);
  return {
    sent: () => total() - baseline,
    reset: () => {
      baseline = total();
    },
    stop: () => unsubscribe('net.server.socket', onSocket),
  };
}
