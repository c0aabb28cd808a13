import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { errorXml } from './wire-xml.js';

const MAX_BODY_BYTES = 1024 * 1024;
const LINGER_MS = 1_000;

/** What the transport hands on: a request whose body was read whole (at most 1 MiB) as text. */
export type RequestHandler = (request: IncomingMessage, response: ServerResponse, body: string) => void;

/**
 * The HTTP side of the local endpoint: reads bodies within a bound (413 at once when the
 * announced or received size passes it), and answers 400 rather than crash when a handler throws.
 */
export function createTransport(handle: RequestHandler, log: (line: string) => void): Server {
  return createServer((request, response) => {
    const tooLarge = () => {
      const requestId = randomUUID();
      // Answer at once and close: the rest of the body is not worth reading. Closing a socket
      // with unread input resets it, which can lose the answer, so input is discarded (never
      // kept) for a moment after the answer is out: a lingering close, as web servers do.
      response.setHeader('connection', 'close');
      sendXml(
        response,
        413,
        requestId,
        errorXml(
          { type: 'Sender', code: 'RequestEntityTooLarge', message: 'The request body is too large.' },
          requestId,
        ),
      );
      response.once('finish', () => {
        request.socket.end();
        setTimeout(() => request.destroy(), LINGER_MS).unref();
      });
    };
    if (Number(request.headers['content-length'] ?? 0) > MAX_BODY_BYTES) return tooLarge();
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_BODY_BYTES) chunks.push(chunk);
      else if (!response.headersSent) tooLarge();
    });
    request.on('end', () => {
      if (size > MAX_BODY_BYTES) return;
      try {
        handle(request, response, Buffer.concat(chunks).toString('utf8'));
      } catch (error) {
        log(`request failed: ${error instanceof Error ? error.message : String(error)}`);
        const requestId = randomUUID();
        sendXml(
          response,
          400,
          requestId,
          errorXml({ type: 'Sender', code: 'MalformedRequest', message: 'The request could not be read.' }, requestId),
        );
      }
    });
  });
}

export function sendXml(response: ServerResponse, status: number, requestId: string, xml: string): void {
  if (response.destroyed) return;
  response.writeHead(status, { 'content-type': 'text/xml', 'x-amzn-RequestId': requestId }).end(xml);
}
