import { connect } from 'node:net';

/**
 * Writes `parts` as they are, in order, on one connection to the host and port of `url` (a
 * request target, headers or body no HTTP client would send), and gives back all the server sent
 * until it closed the connection. A write cut short by the server closing is not an error: what
 * it answered is. No close within `timeoutMs` is.
 */
export function rawExchange(url: string, parts: readonly string[], timeoutMs = 10_000): Promise<string> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const socket = connect(Number(port), hostname, () => {
      for (const part of parts) socket.write(part);
    });
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    socket.on('error', () => undefined);
    socket.on('close', () => resolve(Buffer.concat(chunks).toString()));
    socket.setTimeout(timeoutMs, () => {
      socket.destroy();
      reject(new Error(`no end of the answer from ${url}`));
    });
  });
}
