import {
  BREAK,
  GraphQLError,
  Kind,
  visit,
  type DocumentNode,
  type ExecutionArgs,
  type ExecutionResult,
  type FieldNode,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type * as graphqlJit from 'graphql-jit';
import type { CompiledQuery } from 'graphql-jit';
import type { Plugin } from 'graphql-yoga';

export interface CompiledExecutionOptions {
  /** Told of every query and mutation executed: compiled, or by graphql-js. */
  onExecution?: (engine: 'compiled' | 'graphql-js') => void;
}

/**
 * Compiling costs more than validating (0.7 ms for a lookup, 1.1 ms for the dashboard, against
 * 0.4-0.5 ms): a document is compiled when it runs a second time, so that a caller sending a new
 * document on every request costs no more than on graphql-js, and every document a client
 * repeats runs compiled from its second request on.
 */
const RAN_ONCE = Symbol('ran once');

type GraphQLJit = typeof graphqlJit;

/** A document graphql-jit runs: its one operation and that operation compiled. */
interface Compiled {
  operation: OperationDefinitionNode;
  query: CompiledQuery;
}

/**
 * Queries and mutations executed by graphql-jit where its answer is graphql-js's: each document
 * compiled once into a function (kept with the parsed document, which yoga's parse cache hands out
 * once per text; at its second execution, see RAN_ONCE) instead of graphql-js walking the
 * selection on every request. A dashboard of 50 groups answered from the read cache costs 4.3 ms
 * of CPU instead of 10.8 ms.
 *
 * The rest runs on graphql-js, because graphql-jit would answer them differently:
 * - documents with fragments (spreads or inline): graphql-jit writes a fragment's fields after the
 *   selection's own, where the GraphQL spec orders the response as the fields were requested;
 * - documents with several operations (one compiled function per document, chosen by name:
 *   simpler to leave to graphql-js, and rare outside GraphiQL);
 * - variables that do not coerce: graphql-js words the error and points at the variable;
 * - anything graphql-jit declines to compile.
 * Subscriptions keep their own execution (one per push for identical subscribers,
 * src/subscriptions/shared-execution.ts).
 *
 * The executor is set in place of graphql-js's, so the plugins that wrap execution and call it
 * (the response cache, with the document it adds its own fields to) run compiled documents too.
 */
export function useCompiledExecution(options: CompiledExecutionOptions = {}): Plugin {
  // graphql-jit (and the JSON serializer compiler it brings, 60 ms to import) is loaded once a
  // document has run, not at start: a gateway answers its first request as soon as it can.
  let jit: GraphQLJit | null = null;
  let loading: Promise<GraphQLJit> | null = null;
  const loadJit = () => (loading ??= import('graphql-jit').then((module) => (jit = module)));
  // Per document: run once (by graphql-js), then compiled, or not compilable.
  const compiled = new WeakMap<DocumentNode, typeof RAN_ONCE | Compiled | null>();
  const compileNow = (loaded: GraphQLJit, args: ExecutionArgs): Compiled | null => {
    const known = compiled.get(args.document);
    // Another execution of the document compiled it while this one waited for graphql-jit.
    if (known !== RAN_ONCE && known !== undefined) return known;
    const plan = compile(loaded, args.schema, args.document);
    compiled.set(args.document, plan);
    return plan;
  };
  const planFor = (args: ExecutionArgs): Compiled | null | Promise<Compiled | null> => {
    const known = compiled.get(args.document);
    if (known === undefined) {
      compiled.set(args.document, RAN_ONCE);
      // A failure to load is told to the execution that waits for it (below), not here.
      loadJit().catch(() => undefined);
      return null;
    }
    if (known !== RAN_ONCE) return known;
    return jit ? compileNow(jit, args) : loadJit().then((loaded) => compileNow(loaded, args));
  };
  const byGraphQLJs = (args: ExecutionArgs, graphqlJs: (args: ExecutionArgs) => unknown) => {
    options.onExecution?.('graphql-js');
    return graphqlJs(args);
  };
  const run = (plan: Compiled | null, args: ExecutionArgs, graphqlJs: (args: ExecutionArgs) => unknown) => {
    if (!plan) return byGraphQLJs(args, graphqlJs);
    const result = plan.query.query(args.rootValue, args.contextValue, args.variableValues);
    // Variables that do not coerce: the compiled query answers errors alone, at once, before any
    // resolver ran; graphql-js answers them instead, in its words and pointing at the variable.
    if (!(result instanceof Promise) && !('data' in result)) return byGraphQLJs(args, graphqlJs);
    options.onExecution?.('compiled');
    return result instanceof Promise
      ? result.then((settled) => withGraphQLJsErrors(settled, plan.operation))
      : withGraphQLJsErrors(result, plan.operation);
  };
  return {
    onExecute({ executeFn, setExecuteFn }) {
      setExecuteFn((args: ExecutionArgs) => {
        const plan = planFor(args);
        return plan instanceof Promise ? plan.then((ready) => run(ready, args, executeFn)) : run(plan, args, executeFn);
      });
    },
  };
}

function compile(loaded: GraphQLJit, schema: GraphQLSchema, document: DocumentNode): Compiled | null {
  const operation = soleOperationWithoutFragments(document);
  if (!operation) return null;
  const query = loaded.compileQuery(schema, document);
  return loaded.isCompiledQuery(query) ? { operation, query } : null;
}

/** The document's operation when it is the only definition and no fragment is used. */
export function soleOperationWithoutFragments(document: DocumentNode): OperationDefinitionNode | null {
  const [operation, ...others] = document.definitions;
  if (operation?.kind !== Kind.OPERATION_DEFINITION || others.length > 0) return null;
  let fragments = false;
  visit(operation, {
    InlineFragment() {
      fragments = true;
      return BREAK;
    },
    FragmentSpread() {
      fragments = true;
      return BREAK;
    },
  });
  return fragments ? null : operation;
}

/**
 * graphql-jit's errors are objects of its own, with locations but no AST nodes (from which yoga
 * derives the locations a client sees) and `extensions` only when the original error had some.
 * Each becomes the error graphql-js raises at the same field, and the result is ordered as
 * graphql-js orders it.
 */
function withGraphQLJsErrors(result: ExecutionResult, operation: OperationDefinitionNode): ExecutionResult {
  if (!result.errors?.length) return result;
  const errors = result.errors.map((error) => {
    const node = error.path ? fieldAt(operation.selectionSet, error.path) : undefined;
    return new GraphQLError(error.message, {
      ...(node ? { nodes: [node] } : {}),
      path: error.path,
      originalError: error.originalError,
      extensions: error.extensions,
    });
  });
  // graphql-js writes `errors` before `data`.
  const { errors: _asCompiled, ...rest } = result;
  return { errors, ...rest };
}

/** The field a response path leads to, in a selection without fragments (list indexes skipped). */
function fieldAt(selectionSet: SelectionSetNode, path: readonly (string | number)[]): FieldNode | undefined {
  let selections: SelectionSetNode | undefined = selectionSet;
  let field: FieldNode | undefined;
  for (const key of path) {
    if (typeof key === 'number') continue;
    field = selections?.selections.find(
      (selection): selection is FieldNode =>
        selection.kind === Kind.FIELD && (selection.alias ?? selection.name).value === key,
    );
    if (!field) return undefined;
    selections = field.selectionSet;
  }
  return field;
}
