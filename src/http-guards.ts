import type { Plugin } from 'graphql-yoga';

/** Bodies a browser can only send cross-site after a CORS preflight. */
const PREFLIGHTED_TYPES = ['application/json', 'application/graphql-response+json', 'application/graphql+json'];

/**
 * Refuses POST bodies a cross-site page could send without a CORS preflight (HTML forms send
 * form-urlencoded, multipart or text/plain): otherwise any page an engineer visits could start a
 * migration with the gateway's AWS credentials. GraphQL clients send JSON, which browsers only
 * send cross-site after a preflight that CORS_ORIGINS governs.
 */
export function useJsonOnlyPosts(): Plugin {
  return {
    onRequest({ request, endResponse, fetchAPI }) {
      if (request.method !== 'POST') return;
      const type = (request.headers.get('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
      if (PREFLIGHTED_TYPES.includes(type)) return;
      endResponse(
        new fetchAPI.Response(JSON.stringify({ errors: [{ message: 'POST bodies must be JSON (Content-Type: application/json).', extensions: { code: 'UNSUPPORTED_MEDIA_TYPE' } }] }), {
          status: 415,
          headers: { 'content-type': 'application/json' },
        }),
      );
    },
  };
}
