import { costLimitRule } from '@escape.tech/graphql-armor-cost-limit';
import { maxAliasesRule } from '@escape.tech/graphql-armor-max-aliases';
import { maxDepthRule } from '@escape.tech/graphql-armor-max-depth';
import { maxDirectivesRule } from '@escape.tech/graphql-armor-max-directives';
import {
  getOperationAST,
  getVariableValues,
  GraphQLError,
  Kind,
  parse,
  TypeInfo,
  validate,
  visit,
  visitWithTypeInfo,
  type ArgumentNode,
  type DocumentNode,
  type FieldNode,
  type GraphQLSchema,
  type ParseOptions,
  type Source,
  type ValidationContext,
  type ValidationRule,
} from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { LRUCache } from 'lru-cache';
import { DEFAULT_PAGE_SIZE } from './resolvers/arguments.js';
import { SETTINGS } from './settings.js';

export interface DocumentLimits {
  /** Lexical tokens a document may hold; parsing stops at the first one over. */
  maxTokens: number;
  /** Depth of field selections, fragments flattened, introspection included. */
  maxDepth: number;
  /** Aliases in an operation, fragments included: each alias can repeat a whole field, AWS calls and all. */
  maxAliases: number;
  /** Directives in an operation (@include, @skip, ...). */
  maxDirectives: number;
  /**
   * graphql-armor's cost: 1 per scalar, 2 per object, each level deeper weighing 1.5x, a list
   * field times its `first`. Introspection is not counted (depth bounds it).
   */
  maxCost: number;
}

/**
 * Every operation in examples/operations and GraphiQL's introspection query fit these with room
 * to spare (at most 255 tokens, depth 15, no alias, no directive; cost at most 23,200: the
 * dashboard at `first: 100`), as test/security/limits.test.ts checks; the hostile requests the
 * security issue measured do not (15 aliases of a 100-group page with clusters and events cost 102,000).
 */
export const DEFAULT_DOCUMENT_LIMITS: DocumentLimits = {
  maxTokens: SETTINGS.GRAPHQL_MAX_TOKENS.default,
  maxDepth: SETTINGS.GRAPHQL_MAX_DEPTH.default,
  maxAliases: SETTINGS.GRAPHQL_MAX_ALIASES.default,
  maxDirectives: SETTINGS.GRAPHQL_MAX_DIRECTIVES.default,
  maxCost: SETTINGS.GRAPHQL_MAX_COST.default,
};

/**
 * Refuses documents that would cost the gateway far more than any real operation: too many
 * tokens (stopped while parsing, before an AST is built); then, while validating, selections
 * nested too deep, too many aliases or directives; then, once the variables are known and still
 * before any resolver or AWS call, too high a cost. The rules are graphql-armor's; each refusal
 * carries its own `extensions.code`.
 */
export function useDocumentLimits(limits: DocumentLimits): Plugin {
  const rules = limitRules(limits);
  const costOf = memoizedCost();
  const stopIfTooCostly = ({
    args,
    setResultAndStopExecution,
  }: {
    args: OperationArgs;
    setResultAndStopExecution: (result: { errors: readonly GraphQLError[] }) => void;
  }) => {
    const cost = costOf(args);
    // Variables that do not coerce fail execution itself, before any resolver: nothing to cost.
    if (cost === null || cost <= limits.maxCost) return;
    setResultAndStopExecution({
      errors: [
        new GraphQLError(`Query cost limit of ${limits.maxCost} exceeded, found ${Math.ceil(cost)}.`, {
          extensions: { code: 'QUERY_TOO_COSTLY' },
        }),
      ],
    });
  };
  return {
    onParse({ setParseFn }) {
      setParseFn((source, options) => parseWithinLimits(source, options, limits));
    },
    onValidate({ addValidationRule }) {
      for (const rule of rules) addValidationRule(rule);
    },
    // The cost depends on the variables (`first: $first`), which validation does not see (and its
    // results are cached per document): it is checked when the operation is about to run.
    onExecute: stopIfTooCostly,
    onSubscribe: stopIfTooCostly,
  };
}

/** What execution is about to run: all the cost depends on. */
export interface OperationArgs {
  schema: GraphQLSchema;
  document: DocumentNode;
  variableValues?: Record<string, unknown> | null;
  operationName?: string | null;
}

/** The validation rules of the limits that do not depend on variables: depth, aliases, directives. */
export function limitRules(limits: DocumentLimits): ValidationRule[] {
  const shared = { exposeLimits: true, propagateOnRejection: false } as const;
  return [
    maxDepthRule({
      ...shared,
      n: limits.maxDepth,
      // GraphiQL's introspection is deep too; counting it bounds how far `ofType` nesting can go.
      ignoreIntrospection: false,
      flattenFragments: true,
      onReject: [refuseWith('QUERY_TOO_DEEP')],
    }),
    maxAliasesRule({ ...shared, n: limits.maxAliases, onReject: [refuseWith('TOO_MANY_ALIASES')] }),
    maxDirectivesRule({ ...shared, n: limits.maxDirectives, onReject: [refuseWith('TOO_MANY_DIRECTIVES')] }),
  ];
}

/**
 * graphql-armor's cost of an operation with these variables (introspection not counted). The
 * operation is assumed valid: yoga validates before it executes.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> = {},
): number {
  let cost = 0;
  const rule = costLimitRule({
    maxCost: Number.POSITIVE_INFINITY,
    ignoreIntrospection: true,
    propagateOnRejection: false,
    onAccept: [(_context, { n }) => (cost = Math.max(cost, n ?? 0))],
  });
  validate(schema, withPageSizes(schema, document, variables), [rule]);
  return cost;
}

/** Sets of page sizes remembered per document: a dashboard asks with a handful of them. */
export const COSTS_PER_DOCUMENT = 16;

interface DocumentCosts {
  /** The variables the document passes as `first`: the only ones its cost depends on. */
  pageSizeVariables: ReadonlySet<string>;
  /** Its cost by those variables' values (JSON). */
  byPageSizes: Map<string, number>;
}

/**
 * operationCost, remembered per parsed document (yoga's parse cache hands out the same object for
 * the same text) and the values of its page-size variables as execution will coerce them: about
 * 250 µs saved on every repeated operation, and a lookup whose only variable is an id is costed
 * once, whichever id it asks for. Null when the page-size variables do not coerce (execution
 * refuses the operation itself).
 */
export function memoizedCost(costOf: typeof operationCost = operationCost): (args: OperationArgs) => number | null {
  const costs = new WeakMap<DocumentNode, DocumentCosts>();
  return (args) => {
    let known = costs.get(args.document);
    if (!known) {
      known = { pageSizeVariables: pageSizeVariablesOf(args.document), byPageSizes: new Map() };
      costs.set(args.document, known);
    }
    const variables = pageSizesAsExecuted(args, known.pageSizeVariables);
    if (variables === null) return null;
    const key = JSON.stringify(variables);
    const cached = known.byPageSizes.get(key);
    if (cached !== undefined) return cached;
    const cost = costOf(args.schema, args.document, variables);
    if (known.byPageSizes.size >= COSTS_PER_DOCUMENT) known.byPageSizes.clear();
    known.byPageSizes.set(key, cost);
    return cost;
  };
}

/** Names of the variables written as a `first` argument anywhere in the document. */
function pageSizeVariablesOf(document: DocumentNode): ReadonlySet<string> {
  const names = new Set<string>();
  visit(document, {
    Argument(node) {
      if (node.name.value === 'first' && node.value.kind === Kind.VARIABLE) names.add(node.value.name.value);
    },
  });
  return names;
}

/**
 * The page-size variables as execution will see them: the ones sent, coerced, and each omitted
 * one's default (`$n: Int = 100` sent without `n` runs with 100, so it is costed at 100).
 */
function pageSizesAsExecuted(args: OperationArgs, names: ReadonlySet<string>): Record<string, unknown> | null {
  if (names.size === 0) return {};
  const operation = getOperationAST(args.document, args.operationName);
  if (!operation) return {};
  const definitions = (operation.variableDefinitions ?? []).filter((definition) =>
    names.has(definition.variable.name.value),
  );
  return getVariableValues(args.schema, definitions, args.variableValues ?? {}).coerced ?? null;
}

/**
 * The document with every connection's page size written out: graphql-armor multiplies a list's
 * cost by a literal `first` only, so `first: $n` and an omitted `first` (a page of 20) would
 * otherwise count as 1.
 */
export function withPageSizes(schema: GraphQLSchema, document: DocumentNode, variables: Record<string, unknown>) {
  const typeInfo = new TypeInfo(schema);
  const pageSize = (node: FieldNode): number => {
    const first = node.arguments?.find((argument) => argument.name.value === 'first')?.value;
    if (first?.kind === Kind.INT) return Number(first.value);
    const value = first?.kind === Kind.VARIABLE ? variables[first.name.value] : undefined;
    return typeof value === 'number' && Number.isInteger(value) ? value : DEFAULT_PAGE_SIZE;
  };
  return visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field(node) {
        if (!typeInfo.getFieldDef()?.args.some((argument) => argument.name === 'first')) return undefined;
        const first: ArgumentNode = {
          kind: Kind.ARGUMENT,
          name: { kind: Kind.NAME, value: 'first' },
          value: { kind: Kind.INT, value: String(pageSize(node)) },
        };
        const others = (node.arguments ?? []).filter((argument) => argument.name.value !== 'first');
        return { ...node, arguments: [first, ...others] };
      },
    }),
  );
}

/** graphql-armor reports a refusal as a syntax error; the client gets a plain message and a code. */
function refuseWith(code: string) {
  return (context: ValidationContext | null, error: GraphQLError) =>
    context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, ''), { extensions: { code } }));
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
    // enough to exhaust the stack is refused like any other unparsable one (yoga gives every
    // parse failure its GRAPHQL_PARSE_FAILED code and a 400).
    if (error instanceof RangeError) throw new GraphQLError('Syntax Error: Document nesting is too deep.');
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
