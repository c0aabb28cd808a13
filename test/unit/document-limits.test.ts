import { parse, print, validate, type DocumentNode, type GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  boundedParserCaches,
  COSTS_PER_DOCUMENT,
  DEFAULT_DOCUMENT_LIMITS,
  limitRules,
  MAX_CACHED_DOCUMENT_CHARS,
  memoizedCost,
  operationCost,
  useDocumentLimits,
  withPageSizes,
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
    expect(at('(region: "us-east-1", first: 10)')).toBe(at('(first: 10)'));
    const group = operationCost(schema, parse('{ replicationGroup(replicationGroupId: "a") { replicationGroupId } }'));
    expect(group).toBeGreaterThan(0);
  });
});

describe('the document the cost rule reads', () => {
  const written = (query: string, variables: Record<string, unknown> = {}) =>
    print(withPageSizes(schema, parse(query), variables));

  it('writes one literal `first` on every paged field, keeping its other arguments, and nothing elsewhere', () => {
    const query = `query ($n: Int) {
      replicationGroups(region: "us-east-1", first: $n) { edges { node { replicationGroupId } } }
      snapshots { pageInfo { hasNextPage } }
      replicationGroup(replicationGroupId: "a") { replicationGroupId }
    }`;
    expect(written(query, { n: 7 })).toBe(
      print(
        parse(`query ($n: Int) {
          replicationGroups(first: 7, region: "us-east-1") { edges { node { replicationGroupId } } }
          snapshots(first: ${DEFAULT_PAGE_SIZE}) { pageInfo { hasNextPage } }
          replicationGroup(replicationGroupId: "a") { replicationGroupId }
        }`),
      ),
    );
  });
});

describe('the cost remembered per document', () => {
  const counting = () => {
    const calls: Record<string, unknown>[] = [];
    const memo = memoizedCost((_schema, _document, variables = {}) => {
      calls.push(variables);
      return Number(variables['n'] ?? 0);
    });
    const costOf = (document: DocumentNode, variableValues: Record<string, unknown>, operationName?: string) =>
      memo({ schema, document, variableValues, operationName });
    return { calls, costOf };
  };
  const PAGED_BY_REGION = parse(
    'query ($n: Int, $region: String) { replicationGroups(first: $n, region: $region) { edges { cursor } } }',
  );

  it('is computed once per document and page size, whatever its other variables', () => {
    const { calls, costOf } = counting();
    expect(costOf(PAGED_BY_REGION, { n: 3, region: 'us-east-1' })).toBe(3);
    expect(costOf(PAGED_BY_REGION, { n: 3, region: 'eu-west-1' })).toBe(3);
    expect(costOf(PAGED_BY_REGION, { n: 4, region: 'us-east-1' })).toBe(4);
    // Only the page size reaches the cost function.
    expect(calls).toEqual([{ n: 3 }, { n: 4 }]);
    // Another parse of the same text is another document (yoga's parse cache hands out one object).
    expect(costOf(parse(print(PAGED_BY_REGION)), { n: 3 })).toBe(3);
    expect(calls).toHaveLength(3);
  });

  it('is computed once for a document without page-size variables, whichever id it asks for', () => {
    const { calls, costOf } = counting();
    const lookup = parse('query ($id: String!) { replicationGroup(replicationGroupId: $id) { replicationGroupId } }');
    for (const id of ['a', 'b', 'c']) costOf(lookup, { id });
    expect(calls).toEqual([{}]);
  });

  it('costs an omitted page size at its default, each operation with its own', () => {
    const { calls, costOf } = counting();
    const twoOperations = parse(`
      query Small($n: Int = 5) { replicationGroups(first: $n) { edges { cursor } } }
      query Large($n: Int = 50) { replicationGroups(first: $n) { edges { cursor } } }`);
    expect(costOf(twoOperations, {}, 'Small')).toBe(5);
    expect(costOf(twoOperations, {}, 'Large')).toBe(50);
    expect(costOf(twoOperations, { n: 5 }, 'Large')).toBe(5);
    expect(calls).toEqual([{ n: 5 }, { n: 50 }]);
  });

  it('is null when the page size does not coerce, and not remembered', () => {
    const { calls, costOf } = counting();
    expect(costOf(PAGED_BY_REGION, { n: 'many' })).toBeNull();
    expect(costOf(PAGED_BY_REGION, { n: 2.5 })).toBeNull();
    expect(calls).toEqual([]);
  });

  it(`holds at most ${COSTS_PER_DOCUMENT} page sizes per document, then starts again`, () => {
    const { calls, costOf } = counting();
    const document = parse(PAGE('(first: $n)'));
    for (let n = 1; n <= COSTS_PER_DOCUMENT; n += 1) costOf(document, { n });
    for (let n = 1; n <= COSTS_PER_DOCUMENT; n += 1) costOf(document, { n });
    expect(calls).toHaveLength(COSTS_PER_DOCUMENT);
    // One more size clears the remembered ones: the first is computed again, the new one kept.
    costOf(document, { n: COSTS_PER_DOCUMENT + 1 });
    costOf(document, { n: COSTS_PER_DOCUMENT + 1 });
    expect(calls).toHaveLength(COSTS_PER_DOCUMENT + 1);
    costOf(document, { n: 1 });
    expect(calls).toHaveLength(COSTS_PER_DOCUMENT + 2);
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

  it('hold 64 MiB of parsed documents (about 50 bytes per source character), the least recent out first', () => {
    const { documentCache } = boundedParserCaches();
    const document = parse('{ __typename }');
    // 1,000 characters each: 50 KB parsed, so 1,342 fit in 64 MiB.
    const text = (n: number) => `{ __typename } # ${String(n).padStart(4, '0')}${'x'.repeat(980)}`;
    for (let n = 0; n < 1_300; n += 1) documentCache.set(text(n), document);
    expect(documentCache.size).toBe(1_300);
    for (let n = 1_300; n < 1_400; n += 1) documentCache.set(text(n), document);
    expect(documentCache.size).toBe(Math.floor((64 * 1024 * 1024) / (50 * text(0).length)));
    expect(documentCache.get(text(0))).toBeUndefined();
    expect(documentCache.get(text(1_399))).toBe(document);
  });
});
