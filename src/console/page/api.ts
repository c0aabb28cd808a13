import type { TypedDocumentNode } from '@graphql-typed-document-node/core';
import { createClient, NetworkError, type Client } from 'graphql-sse';
import { scopesOf } from '../../auth/scope-claims.js';
import manifest from '../../../examples/generated/persisted-documents.json' with { type: 'json' };

/** What the gateway tells the page about itself (the JSON in the shell page). */
export interface ConsoleConfig {
  graphqlPath: string;
  /** `open`: no token needed; `tokens`: a bearer token is pasted and sent. */
  auth: 'open' | 'tokens';
  /** The token claim holding scopes (AUTH_SCOPE_CLAIM), or null for `scope`/`scp`. */
  scopeClaim: string | null;
  /** SUBSCRIPTION_POLL_INTERVAL_MS: how often the groups list is read again. */
  pollIntervalMs: number;
  regions: string[];
}

/** Why an operation did not give its data, as a sentence for a person; `code` for the page's own logic. */
export interface Problem {
  sentence: string;
  code: string;
}

export type Outcome<T> = { data: T; problem?: undefined } | { problem: Problem; data?: undefined };

const TOKEN_KEY = 'elasticache-console-token';

/** The bearer token: in this tab's sessionStorage only (gone when the tab closes), never elsewhere. */
export const tokenStore = {
  get: (): string | null => sessionStorage.getItem(TOKEN_KEY),
  set: (token: string): void => sessionStorage.setItem(TOKEN_KEY, token.trim()),
  clear: (): void => sessionStorage.removeItem(TOKEN_KEY),
};

/** What a token says of itself (its payload, unverified: the gateway verifies; the page only explains). */
export function tokenClaims(
  token: string | null,
  scopeClaim: string | null,
): { scopes: Set<string>; expiresAt: Date | null } | null {
  const payload = token?.split('.')[1];
  if (!payload) return null;
  try {
    const claims = JSON.parse(atob(payload.replace(/-/g, '+').replace(/_/g, '/'))) as Record<string, unknown>;
    const exp = typeof claims['exp'] === 'number' ? new Date(claims['exp'] * 1_000) : null;
    return { scopes: scopesOf(claims, scopeClaim), expiresAt: exp };
  } catch {
    return null;
  }
}

/** The document's text as the gateway's trusted-documents manifest holds it (codegen writes both). */
function textOf(document: TypedDocumentNode<unknown, never>): string {
  const hash = (document as unknown as { __meta__?: { hash?: string } }).__meta__?.hash ?? '';
  const text = (manifest as Record<string, string>)[hash];
  if (!text) throw new Error(`the console's document ${hash} is not in the manifest (run npm run codegen)`);
  return text;
}

/**
 * The page's GraphQL client: graphql-sse (the gateway's own subscription transport, one small
 * library for queries, mutations and subscriptions alike, no cache to keep consistent: every view
 * is live). Every request carries the pasted token; every failure becomes a Problem in words.
 */
export class Api {
  readonly #client: Client;

  constructor(config: ConsoleConfig) {
    this.#client = createClient({
      url: config.graphqlPath,
      headers: (): Record<string, string> => {
        const token = tokenStore.get();
        return token ? { authorization: `Bearer ${token}` } : {};
      },
      // Reconnection is the page's (watch below): it says so on screen.
      retryAttempts: 0,
    });
  }

  /** A query or mutation: its data, or why not. */
  async run<R, V>(document: TypedDocumentNode<R, V>, variables: V): Promise<Outcome<R>> {
    try {
      for await (const result of this.#client.iterate<R>({
        query: textOf(document as TypedDocumentNode<unknown, never>),
        variables: variables as Record<string, unknown>,
      })) {
        if (result.errors?.length) return { problem: problemOf(result.errors) };
        if (result.data) return { data: result.data };
      }
      return { problem: { sentence: 'The gateway sent no answer.', code: 'NO_ANSWER' } };
    } catch (error) {
      return { problem: await failureOf(error) };
    }
  }

  /**
   * A subscription, kept alive: each push goes to `next`; a lost stream is opened again after a
   * growing pause (1 s to 10 s), `status` saying so; an error the gateway answers (no access, no
   * such group) ends it with `problem`. A stream the gateway ends (`complete`) is opened again
   * when `complete` answers true: a gateway that drains for a restart ends every stream cleanly,
   * while the view still wants it. Returns the function that stops it.
   */
  watch<R, V>(
    document: TypedDocumentNode<R, V>,
    variables: V,
    handlers: {
      next: (data: R) => void;
      problem: (problem: Problem) => void;
      status?: (text: string | null) => void;
      complete?: () => boolean | void;
    },
  ): () => void {
    let stopped = false;
    let iterator: AsyncIterableIterator<{
      data?: R | null;
      errors?: readonly { message: string; extensions?: Record<string, unknown> }[];
    }> | null = null;
    const loop = async () => {
      for (let attempt = 0; !stopped; attempt++) {
        try {
          iterator = this.#client.iterate<R>({
            query: textOf(document as TypedDocumentNode<unknown, never>),
            variables: variables as Record<string, unknown>,
          });
          for await (const result of iterator) {
            attempt = 0;
            handlers.status?.(null);
            if (result.errors?.length) {
              handlers.problem(problemOf(result.errors));
              return;
            }
            if (result.data) handlers.next(result.data);
          }
          if (stopped || handlers.complete?.() !== true) return;
          const pause = Math.min(10_000, 1_000 * 2 ** attempt);
          handlers.status?.(`The live stream ended; reconnecting in ${Math.round(pause / 1_000)} s…`);
          await new Promise((resolve) => setTimeout(resolve, pause));
        } catch (error) {
          if (stopped) return;
          const problem = await failureOf(error);
          // Refused (401/403/4xx): opening it again would be refused again.
          if (problem.code !== 'NETWORK') {
            handlers.problem(problem);
            return;
          }
          const pause = Math.min(10_000, 1_000 * 2 ** attempt);
          handlers.status?.(`The live stream was lost; reconnecting in ${Math.round(pause / 1_000)} s…`);
          await new Promise((resolve) => setTimeout(resolve, pause));
        }
      }
    };
    void loop();
    return () => {
      stopped = true;
      void iterator?.return?.();
    };
  }
}

const CODE_SENTENCES: Record<string, string> = {
  UNAUTHENTICATED: 'The gateway needs a token: paste one above.',
  FORBIDDEN: 'Your token does not allow this.',
  TOO_MANY_SUBSCRIPTIONS: 'Too many live views are open for you: close another tab of the console.',
};

function problemOf(errors: readonly { message: string; extensions?: Record<string, unknown> }[]): Problem {
  const [first] = errors;
  const code = typeof first?.extensions?.['code'] === 'string' ? first.extensions['code'] : 'ERROR';
  return {
    code,
    sentence: first?.message ? `${first.message}` : (CODE_SENTENCES[code] ?? 'The gateway refused the request.'),
  };
}

async function failureOf(error: unknown): Promise<Problem> {
  if (error instanceof NetworkError && error.response) {
    const status = error.response.status;
    let message: string | null = null;
    let code: string | null = null;
    try {
      // JSON, or (the stream was asked for) an event stream whose `data:` line is the JSON.
      const text = await error.response.text();
      const json = /^data: (.+)$/m.exec(text)?.[1] ?? text;
      const body = JSON.parse(json) as { errors?: { message?: string; extensions?: { code?: string } }[] };
      message = body.errors?.[0]?.message ?? null;
      code = body.errors?.[0]?.extensions?.code ?? null;
    } catch {
      // Neither: the status says enough.
    }
    if (status === 401)
      return {
        code: 'UNAUTHENTICATED',
        sentence: `The gateway refused your token${message ? ` (${message})` : ''}: paste a valid one above.`,
      };
    return { code: code ?? `HTTP_${status}`, sentence: message ?? `The gateway answered ${status}.` };
  }
  return { code: 'NETWORK', sentence: 'The gateway cannot be reached.' };
}
