import { parse, validate, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  boundedParserCaches,
  DEFAULT_DOCUMENT_LIMITS,
  limitRules,
  MAX_CACHED_DOCUMENT_CHARS,
  operationCost,
  useDocumentLimits,
} from '../../src/document-limits.js';
import { DEFAULT_PAGE_SIZE } from '../../src/resolvers/arguments.js';
import { schema } from '../../src/schema/index.js';

const PAGE = (first: string) =>
  `query ($n: Int) { replicationGroups${first} { edges { node { replicationGroupId } } } }`;

describe('the cost of an operation, pages counted by their size', () => {
  const at = (first: string, variables: Record<string, unknown> = {}) =>
    operationCost(schema, parse(PAGE(first)), variables);

  it('counts a written `first`, a variable one, and an omitted one at the default page size', () => {
    const ten = at('(first: 10)');
    expect(ten).toBeGreaterThan(at('(first: 1)'));
    expect(at('(first: $n)', { n: 10 })).toBe(ten);
    expect(at('', {})).toBe(at(`(first: ${DEFAULT_PAGE_SIZE})`));
    expect(at('(first: $n)', {})).toBe(at(`(first: ${DEFAULT_PAGE_SIZE})`));
    // What is no whole number costs as the default page (execution refuses it anyway).
    expect(at('(first: $n)', { n: 2.5 })).toBe(at(`(first: ${DEFAULT_PAGE_SIZE})`));
    expect(at('(first: $n)', { n: '10' })).toBe(at(`(first: ${DEFAULT_PAGE_SIZE})`));
  });

  it('keeps the other arguments and leaves fields without `first` as they are', () => {
    expect(at('(first: 10, region: "us-east-1")')).toBe(at('(first: 10)'));
    const group = operationCost(schema, parse('{ replicationGroup(replicationGroupId: "a") { replicationGroupId } }'));
    expect(group).toBeGreaterThan(0);
  });
});

describe('the limits checked when an operation is about to run', () => {
  type Execute = (payload: unknown) => void;
  const run = (
    maxCost: number,
    query: string,
    variableValues: Record<string, unknown> = {},
    operationName?: string,
  ) => {
    const plugin = useDocumentLimits({ ...DEFAULT_DOCUMENT_LIMITS, maxCost });
    let stopped: { errors: readonly GraphQLError[] } | undefined;
    (plugin.onExecute as unknown as Execute)({
      args: { schema, document: parse(query), variableValues, operationName },
      setResultAndStopExecution: (result: { errors: readonly GraphQLError[] }) => (stopped = result),
    });
    return stopped;
  };

  it('runs an operation costing exactly the limit and refuses one over it, saying by how much', () => {
    const cost = operationCost(schema, parse(PAGE('(first: 10)')));
    expect(run(cost, PAGE('(first: 10)'))).toBeUndefined();
    const refused = run(cost - 1, PAGE('(first: 10)'));
    expect(refused?.errors[0]?.message).toBe(`Query cost limit of ${cost - 1} exceeded, found ${Math.ceil(cost)}.`);
    expect(refused?.errors[0]?.extensions['code']).toBe('QUERY_TOO_COSTLY');
  });

  it('costs the variables as execution coerces them, and leaves the rest to execution', () => {
    const cost = operationCost(schema, parse(PAGE('(first: 10)')));
    expect(run(cost - 1, PAGE('(first: $n)'), { n: 10 })).toBeDefined();
    // Variables that do not coerce, or an operation name the document lacks: execution reports them.
    expect(run(1, PAGE('(first: $n)'), { n: 'many' })).toBeUndefined();
    expect(run(1_000_000, PAGE('(first: 10)'), {}, 'Nope')).toBeUndefined();
  });
});

describe('the limits checked while validating', () => {
  const errorsOf = (query: string, limits: Partial<typeof DEFAULT_DOCUMENT_LIMITS>) =>
    validate(schema, parse(query), limitRules({ ...DEFAULT_DOCUMENT_LIMITS, ...limits })).map((error) => ({
      message: error.message,
      code: error.extensions['code'],
    }));

  it('refuses each excess once, with its own code and no "Syntax Error" prefix', () => {
    const deep = `{ __schema { types { ${'ofType { '.repeat(6)}name${' }'.repeat(6)} } } }`;
    expect(errorsOf(deep, { maxDepth: 5 })).toEqual([
      { message: expect.stringMatching(/^Query depth limit of 5 exceeded/), code: 'QUERY_TOO_DEEP' },
    ]);
    expect(errorsOf(deep, { maxDepth: 20 })).toEqual([]);
    const field = 'replicationGroups { pageInfo { hasNextPage } }';
    const aliases = `{ a: ${field} b: ${field} c: ${field} }`;
    expect(errorsOf(aliases, { maxAliases: 2 })).toEqual([
      { message: expect.stringMatching(/^Aliases limit of 2 exceeded/), code: 'TOO_MANY_ALIASES' },
    ]);
    const directives = `{ ${field.replace('hasNextPage', 'hasNextPage @skip(if: false) @include(if: true) @skip(if: false)')} }`;
    expect(errorsOf(directives, { maxDirectives: 2 })).toEqual([
      { message: expect.stringMatching(/^Directives limit of 2 exceeded/), code: 'TOO_MANY_DIRECTIVES' },
    ]);
  });
});

describe('the bounded parse caches', () => {
  it('keep documents up to the cached size and none larger', () => {
    const { documentCache, errorCache } = boundedParserCaches();
    const small = '{ __typename }';
    documentCache.set(small, parse(small));
    expect(documentCache.get(small)).toBeDefined();
    const large = `{ __typename ${' '.repeat(MAX_CACHED_DOCUMENT_CHARS)} }`;
    documentCache.set(large, parse(large));
    expect(documentCache.get(large)).toBeUndefined();
    errorCache.set('{', new Error('x'));
    expect(errorCache.get('{')).toBeDefined();
  });
});
