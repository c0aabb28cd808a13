import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import type { GraphQLParams, Plugin } from 'graphql-yoga';
import type { TrustedDocumentsConfig } from '../config.js';
import type { GatewayContext } from '../context.js';
import type { Caller } from './caller.js';

/**
 * TRUSTED_DOCUMENTS: the gateway runs only the documents of a persisted-documents manifest (the
 * one GraphQL Code Generator's client preset writes: `npm run codegen` writes ours), named by
 * hash, as codegen's persisted documents (`documentId`) and Apollo Client's persisted-query link
 * (`extensions.persistedQuery.sha256Hash`) send them. Other documents run only for callers holding
 * the ad-hoc scope (engineers in GraphiQL).
 */
export function useTrustedDocuments(
  config: TrustedDocumentsConfig,
  callerOf: (request: Request) => Caller,
): Plugin<GatewayContext> {
  return usePersistedOperations<GatewayContext>({
    getPersistedOperation: (hash) => config.documents.get(hash) ?? null,
    extractPersistedOperationId: documentIdOf,
    allowArbitraryOperations: (request) => callerOf(request).scopes.has(config.adhocScope),
    customErrors: {
      notFound: {
        message: 'No trusted document has this id.',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
      persistedQueryOnly: {
        message: `Only trusted documents run here: send the id of a document of the manifest (ad-hoc documents need the scope ${config.adhocScope}).`,
        extensions: { code: 'PERSISTED_QUERY_ONLY', http: { status: 403 } },
      },
      keyNotFound: {
        message: 'The request names no document: send `documentId` or a persisted-query hash.',
        extensions: { code: 'PERSISTED_QUERY_NOT_FOUND', http: { status: 400 } },
      },
    },
  });
}

/** `documentId` (GraphQL over HTTP; `sha256:` prefix allowed), else Apollo's persisted-query hash. */
function documentIdOf(params: GraphQLParams & { documentId?: unknown }): string | null {
  if (typeof params.documentId === 'string') return params.documentId.replace(/^sha256:/, '');
  const hash = (params.extensions?.persistedQuery as { sha256Hash?: unknown } | undefined)?.sha256Hash;
  return typeof hash === 'string' ? hash : null;
}
