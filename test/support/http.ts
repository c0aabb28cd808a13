import type { TestGateway } from './gateway.js';

export interface Answer {
  status: number;
  headers: Headers;
  body: { data?: unknown; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}

/** POSTs a document as written (no typed document needed; none at all for a persisted one), with these headers. */
export async function post(
  t: TestGateway,
  query: string | undefined,
  headers: Record<string, string> = {},
  extra: Record<string, unknown> = {},
): Promise<Answer> {
  const response = await t.gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json', ...headers },
    body: JSON.stringify({ query, ...extra }),
  });
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer['body'] };
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });
