import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

/**
 * Bodies a browser can only send cross-site after a CORS preflight, and yoga reads: JSON, and
 * the older GraphQL-over-HTTP request type. (`application/graphql-response+json` names a response.)
 */
const PREFLIGHTED_TYPES = ['application/json', 'application/graphql+json'];

/**
 * Refuses POST bodies a cross-site page could send without a CORS preflight (HTML forms send
 * form-urlencoded, multipart or text/plain): otherwise any page an engineer visits could start a
 * migration with the gateway's AWS credentials. GraphQL clients send JSON, which browsers only
 * send cross-site after a preflight that CORS_ORIGINS governs.
 */
export function useJsonOnlyPosts(): Plugin {
  return {
    async onRequest({ request, setRequest, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const raw = request.headers.get('content-type') ?? '';
      const type = raw.split(';')[0]?.trim().toLowerCase() ?? '';
      if (PREFLIGHTED_TYPES.includes(type)) {
        // Media types are case-insensitive, yoga's parser matches them as written: give it the
        // lower-case form rather than a 415 for `APPLICATION/JSON`.
        if (raw !== raw.toLowerCase()) {
          const headers = new fetchAPI.Headers(request.headers);
          headers.set('content-type', raw.toLowerCase());
          setRequest(
            new fetchAPI.Request(request.url, {
              method: 'POST',
              headers,
              body: await request.text(),
              signal: request.signal,
            }),
          );
        }
        return;
      }
      endResponse(
        refusal(fetchAPI, 415, 'UNSUPPORTED_MEDIA_TYPE', 'POST bodies must be JSON (Content-Type: application/json).'),
      );
    },
  };
}

/** A single non-negative integer: anything else (a list, a sign, text) is refused, not skipped. */
const CONTENT_LENGTH = /^\d+$/;

/**
 * GRAPHQL_MAX_BODY_BYTES: no request body past it is read (413 REQUEST_ENTITY_TOO_LARGE). A body
 * with a Content-Length is judged by it at once: Node's HTTP parser ends the body after that many
 * bytes (what follows is read as the next request, and a request naming both Content-Length and
 * chunked encoding is refused by Node), so it cannot grow past what it declared. A body without
 * one (chunked) is read here up to the limit and no further. This stands in for yoga's own
 * limit (`maxRequestBodySize`, off), which pipes every body through a counting web stream: that
 * wrapping cost about 40% of the CPU of a small request.
 */
export function useBodyLimit(maxBytes: number): Plugin {
  return {
    onRequestParse({ request, requestParser, setRequestParser, fetchAPI }) {
      const declared = request.headers.get('content-length');
      if (declared !== null) {
        if (!CONTENT_LENGTH.test(declared)) throw bodyRefusal(400, 'BAD_REQUEST', 'Content-Length header is invalid.');
        if (Number(declared) > maxBytes) throw bodyTooLarge();
        return;
      }
      if (!requestParser || !request.body) return;
      const parse = requestParser;
      setRequestParser(async (unbounded) => parse(await withBoundedBody(unbounded, maxBytes, fetchAPI)));
    },
  };
}

/** `request` with its body read whole, refused as soon as it passes `maxBytes` (the rest is never read). */
async function withBoundedBody(
  request: Request,
  maxBytes: number,
  fetchAPI: { Request: typeof Request },
): Promise<Request> {
  const reader = (request.body as ReadableStream<Uint8Array>).getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      void reader.cancel();
      throw bodyTooLarge();
    }
    chunks.push(value);
  }
  return new fetchAPI.Request(request.url, {
    method: request.method,
    headers: request.headers,
    body: Buffer.concat(chunks),
    signal: request.signal,
  });
}

function bodyTooLarge(): GraphQLError {
  return bodyRefusal(413, 'REQUEST_ENTITY_TOO_LARGE', 'Request body too large');
}

/** A refusal of the request's body, answered with `status` before any GraphQL is read. */
function bodyRefusal(status: number, code: string, message: string): GraphQLError {
  return new GraphQLError(message, { extensions: { http: { status }, code } });
}

/**
 * GET requests carry `variables` and `extensions` as JSON in the query string; yoga's parser
 * would throw the bare SyntaxError of one that is not (an "unexpected error"): it is the
 * caller's mistake, answered 400 BAD_REQUEST naming the parameter.
 */
export function useReadableQueryParameters(): Plugin {
  return {
    onRequestParse({ request, url, endResponse, fetchAPI }) {
      if (request.method !== 'GET') return;
      for (const name of ['variables', 'extensions']) {
        const value = url.searchParams.get(name);
        if (!value) continue;
        let parsed: unknown;
        try {
          parsed = JSON.parse(value);
        } catch {
          parsed = undefined;
        }
        if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
          endResponse(refusal(fetchAPI, 400, 'BAD_REQUEST', `The ${name} query parameter must be a JSON object.`));
          return;
        }
      }
    },
  };
}

/**
 * Refuses requests a browser sends from a page of another origin, unless CORS_ORIGINS lists it.
 * CORS alone only stops the page from reading the answer: the request still runs, and a
 * cross-origin EventSource (a GET subscription, no preflight) would start AWS polling. Requests
 * without an Origin header (servers, routers, curl) are not browsers' and pass.
 */
export function useSameOriginUnlessListed(listedOrigins: readonly string[]): Plugin {
  const listed = new Set(listedOrigins);
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      const origin = request.headers.get('origin');
      if (origin === null || origin === url.origin || listed.has(origin)) return;
      endResponse(
        refusal(fetchAPI, 403, 'FORBIDDEN_ORIGIN', 'Requests from this origin are not allowed (see CORS_ORIGINS).'),
      );
    },
  };
}

/** A refusal before any GraphQL processing, shaped as a GraphQL request error. */
export function refusal(
  fetchAPI: { Response: typeof Response },
  status: number,
  code: string,
  message: string,
): Response {
  return new fetchAPI.Response(JSON.stringify({ errors: [{ message, extensions: { code } }] }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/**
 * Whether a Host header names one of `allowed` (compared without the port; null allows any). A
 * page that rebinds its own DNS name to this machine reaches the gateway under that name: its
 * requests carry it in Host, and are refused here before anything runs.
 */
export function hostAllowed(hostHeader: string | null | undefined, allowed: readonly string[] | null): boolean {
  if (allowed === null) return true;
  if (!hostHeader) return false;
  let hostname: string;
  try {
    hostname = new URL(`http://${hostHeader}`).hostname;
  } catch {
    return false;
  }
  return allowed.includes(hostname.replace(/\.$/, ''));
}

/**
 * 421 Misdirected Request for a Host header outside ALLOWED_HOSTS, before anything else runs.
 * Probes and scrapes come by address (a kubelet, Prometheus): `anyHostPaths` answer whatever the Host.
 */
export function useAllowedHosts(allowed: readonly string[] | null, anyHostPaths: readonly string[]): Plugin {
  const exempt = new Set(anyHostPaths);
  return {
    onRequest({ request, url, endResponse, fetchAPI }) {
      if (exempt.has(url.pathname) || hostAllowed(request.headers.get('host') ?? url.host, allowed)) return;
      endResponse(
        refusal(
          fetchAPI,
          421,
          'MISDIRECTED_REQUEST',
          'This gateway is not served under that host name (see ALLOWED_HOSTS).',
        ),
      );
    },
  };
}

/**
 * Before anything else reads the request: its target must be a path (`/graphql?...`, the only
 * form clients send to an origin server). An absolute-form target (`POST http://x/graphql`), `*`
 * or `//x` is answered 400 here: the HTTP layer under yoga builds a URL from it and would throw,
 * answering 500 with a stack trace of install paths. Whatever still throws below is answered 500
 * with no detail.
 */
export function originFormTargets(listener: RequestListener, onError: (error: unknown) => void): RequestListener {
  return (request: IncomingMessage, response: ServerResponse) => {
    const target = request.url ?? '';
    if (!target.startsWith('/') || target.startsWith('//')) {
      request.resume();
      return answerJson(response, 400, 'BAD_REQUEST', 'The request target must be a path, such as /graphql.');
    }
    try {
      const pending = listener(request, response) as unknown;
      if (pending instanceof Promise)
        pending.catch((error: unknown) => {
          onError(error);
          answerJson(response, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
        });
    } catch (error) {
      onError(error);
      answerJson(response, 500, 'INTERNAL_SERVER_ERROR', 'Unexpected error.');
    }
  };
}

function answerJson(response: ServerResponse, status: number, code: string, message: string): void {
  if (response.headersSent || response.destroyed) {
    response.destroy();
    return;
  }
  const body = JSON.stringify({ errors: [{ message, extensions: { code } }] });
  response
    .writeHead(status, {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      connection: 'close',
    })
    .end(body);
}
