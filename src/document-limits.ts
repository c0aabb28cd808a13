import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { GraphQLError, parse, type DocumentNode, type ParseOptions, type Source } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';

export interface DocumentLimits {
  /** Lexical tokens a document may hold; parsing stops at the first one over. */
  maxTokens: number;
  /** Depth of field selections, fragments flattened, introspection included. */
  maxDepth: number;
}

export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = { maxTokens: 2_000, maxDepth: 20 };

/**
 * Refuses documents that would cost the gateway far more than any real operation: too many
 * tokens (stopped while parsing, before an AST is built) and selections nested too deep. Every
 * operation in examples/operations and GraphiQL's introspection query fit the defaults with room
 * to spare (255 tokens and depth 15 at most).
 */
export function useDocumentLimits(limits: DocumentLimits): Plugin {
  const depthRule = maxDepthRule({
    n: limits.maxDepth,
    // GraphiQL's introspection is deep too; counting it bounds how far `ofType` nesting can go.
    ignoreIntrospection: false,
    flattenFragments: true,
    exposeLimits: true,
    propagateOnRejection: false,
    onReject: [
      (context, error) =>
        context?.reportError(
          new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code: 'QUERY_TOO_DEEP' } }),
        ),
    ],
  });
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => parseWithinLimits(source, options, limits));
    },
    onValidate({ addValidationRule }) {
      addValidationRule(depthRule);
    },
  };
}

function parseWithinLimits(
  source: string | Source,
  options: ParseOptions | undefined,
  limits: DocumentLimits,
): DocumentNode {
  try {
    return parse(source, { ...options, maxLexicalTokens: limits.maxTokens });
  } catch (error) {
    // The parser recurses once per nesting level (lists, objects, selections): a document deep
    // enough to exhaust the stack is refused like any other unparsable one.
    if (error instanceof RangeError)
      throw new GraphQLError('Syntax Error: Document nesting is too deep.', {
        extensions: { code: 'GRAPHQL_PARSE_FAILED' },
      });
    throw error;
  }
}

/** Source text longer than this is parsed every time rather than cached (ours are under 3 KiB). */
export const MAX_CACHED_DOCUMENT_CHARS = 16 * 1024;

// A parsed document with locations costs about 50 bytes of heap per character of source
// (measured: 1 MiB for a 2,000-token, 22 KB document), so the budget is counted in those units.
const HEAP_BYTES_PER_SOURCE_CHAR = 50;
const PARSE_CACHE_BUDGET_BYTES = 64 * 1024 * 1024;

/**
 * yoga's parse and parse-error caches, bounded by size: its defaults keep 1,024 entries keyed by
 * the full source text whatever their size, which lets large distinct documents exhaust memory.
 */
export function boundedParserCaches(): {
  documentCache: LRUCache<string, DocumentNode>;
  errorCache: LRUCache<string, Error>;
} {
  const sized = <T extends object>() =>
    new LRUCache<string, T>({
      maxSize: PARSE_CACHE_BUDGET_BYTES,
      maxEntrySize: MAX_CACHED_DOCUMENT_CHARS * HEAP_BYTES_PER_SOURCE_CHAR,
      sizeCalculation: (_value, source) => Math.max(1, source.length * HEAP_BYTES_PER_SOURCE_CHAR),
      ttl: 3_600_000,
    });
  return { documentCache: sized<DocumentNode>(), errorCache: sized<Error>() };
}
