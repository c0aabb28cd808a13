import { hash, randomUUID } from 'node:crypto';
import { getOperationAST, isObjectType, OperationTypeNode, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { useResponseCache } from '@graphql-yoga/plugin-response-cache';
import { scopeSetOf, type Caller } from '../auth/caller.js';
import type { ResponseStore } from './store.js';

export interface ResponseCacheOptions {
  /** RESPONSE_CACHE_TTL_MS: how long a response is served again. */
  ttlMs: number;
  store: ResponseStore;
  /** The read cache's generations of every served region (ElastiCacheClients.cacheGeneration). */
  generation: () => Promise<string>;
  /** Retires every kept response and read (ElastiCacheClients.invalidateAll). */
  invalidateAll: () => Promise<void>;
  /** The caller of a request (the identity plugin's, or the open caller). */
  callerOf: (request: Request) => Caller;
  /** Told of each response served from the cache and each response kept (the metrics). */
  onEvent?: (event: 'hit' | 'kept') => void;
}

/**
 * Fields whose answers are never kept: they read a source or a target engine, not AWS, and say
 * what is true now (the preflight, a verification, live sync progress).
 */
const READS_ENGINES = ['Query.migrationPreflight', 'Query.migrationVerification', 'MigrationState.progress'];

/**
 * Whole responses of queries kept for RESPONSE_CACHE_TTL_MS (yoga's response cache, in memory or
 * in Redis), so that a dashboard a hundred people open costs one execution, not a hundred.
 *
 * - **Who shares an answer**: callers with the same scopes, for the same document, operation name
 *   and variables. The key names the scope set, never the token or the subject: two people with
 *   the same scopes are allowed exactly the same fields, so they get the same answer.
 * - **Invalidation**: the key also names the read cache's generation of every served region,
 *   which a mutation of any of them moves on (on every replica, where Redis is shared): after a
 *   mutation answers, no response computed before it is served again. A response computed across
 *   a mutation is kept under the generation it began with, which no later request asks for.
 * - **Never kept**: responses with errors (typed faults too), mutations, subscriptions, and the
 *   fields that read an engine (READS_ENGINES). Introspection is not kept either.
 *
 * It answers in onParams, before parsing and validation: a hit costs a hash and a lookup. The
 * caller was authenticated before (onRequestParse), and TRUSTED_DOCUMENTS has already swapped a
 * document id for its text, so the plugin must come after both.
 */
export function useGatewayResponseCache(schema: GraphQLSchema, options: ResponseCacheOptions): Plugin {
  const { store, onEvent } = options;
  // What each execution is (its context as the key). Mutations pass the cache by: given one,
  // the plugin would otherwise keep its result (it skips a mutation's fields when it reads TTLs).
  const operations = new WeakMap<object, OperationTypeNode | undefined>();
  const responseCache = useResponseCache({
    // Conditional requests pass the cache by too: yoga's cache would answer 304 for the key the
    // client names before the caller is authenticated, and without the current generations (a
    // key kept before a mutation would still be "not modified").
    enabled: (request, context) =>
      !request.headers.has('if-none-match') && operations.get(context as object) !== OperationTypeNode.MUTATION,
    ttl: options.ttlMs,
    session: (request: Request) => scopeSetOf(options.callerOf(request)),
    buildResponseCacheKey: async ({ documentString, operationName, variableValues, sessionId }) => {
      // No document text (a request yoga will refuse): a key nothing else has.
      if (!documentString) return `none:${randomUUID()}`;
      // Variables in the order sent: the same values in another order only miss.
      const request = hash(
        'sha256',
        [documentString, operationName ?? '', JSON.stringify(variableValues ?? {}), sessionId ?? ''].join('\0'),
        'base64url',
      );
      return `${request}:${await options.generation()}`;
    },
    cache: {
      async get(key) {
        const kept = await store.get(key);
        if (kept) onEvent?.('hit');
        return kept;
      },
      async set(key, response, _entities, ttlMs) {
        if (await store.set(key, response, ttlMs)) onEvent?.('kept');
      },
      // Mutations move the generations themselves (ElastiCacheClients.send) and never reach the
      // plugin; were one to, retiring everything is the safe answer to its entities.
      invalidate: () => options.invalidateAll(),
    },
    // No entity ids are added to documents: responses are retired by generation, not by entity.
    idFields: [],
    ttlPerSchemaCoordinate: neverKept(schema),
    shouldCacheResult: ({ result }) => !result.errors?.length,
    includeExtensionMetadata: false,
  });
  return {
    // Before the response cache's own onExecute (which it adds right after this plugin).
    onExecute({ args }) {
      operations.set(args.contextValue, getOperationAST(args.document, args.operationName)?.operation);
    },
    onPluginInit({ addPlugin }) {
      addPlugin(responseCache);
    },
  };
}

/** TTL 0 for what must never be kept: the engine reads, and every typed fault (errors as data are errors too). */
function neverKept(schema: GraphQLSchema): Record<string, number> {
  const coordinates = [...READS_ENGINES];
  const faultInterface = schema.getType('ElastiCacheError');
  for (const type of Object.values(schema.getTypeMap()))
    if (isObjectType(type) && type.getInterfaces().some((each) => each === faultInterface)) coordinates.push(type.name);
  return Object.fromEntries(coordinates.map((coordinate) => [coordinate, 0]));
}
