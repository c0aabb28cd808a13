import { readdirSync, readFileSync } from 'node:fs';
import { getIntrospectionQuery, Lexer, parse, Source, TokenKind, validate } from 'graphql';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ReplicationGroupsDashboardDocument } from '../../examples/generated/graphql.js';
import { SETTINGS } from '../../src/settings.js';

const DEFAULT_MAX_BODY_BYTES = SETTINGS.GRAPHQL_MAX_BODY_BYTES.default;
import { DEFAULT_DOCUMENT_LIMITS, limitRules, operationCost } from '../../src/document-limits.js';
import { schema } from '../../src/schema/index.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';
import { post } from '../support/http.js';

const GROUP = 'replicationGroup(replicationGroupId: "orders-cache") { status }';
/** The shape the security issue sent 2,000 times: a page with members' clusters and events. */
const HOSTILE = (i: number) =>
  `a${i}: replicationGroups(first: 100) { edges { node { replicationGroupId nodeGroups { nodeGroupMembers { cacheCluster { cacheClusterId } } } events { message } } } }`;
const aliases = (count: number) => `{ ${Array.from({ length: count }, (_, i) => `a${i}: ${GROUP}`).join(' ')} }`;
const directives = (count: number) =>
  `{ replicationGroup(replicationGroupId: "orders-cache") { ${Array.from({ length: count }, () => 'status @include(if: true)').join(' ')} } }`;
/** A real read beside introspection nested `levels` deep. */
const deep = (levels: number) =>
  `{ ${GROUP} __schema { types { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } } }`;
/** A real read of exactly `count` lexical tokens, padded with a list argument (identical fields would trip graphql's own overlap budget). */
function tokens(count: number): string {
  const withRegions = (n: number) =>
    `{ replicationGroups(first: 1, regions: [${Array.from({ length: n }, () => '"us-east-1"').join(', ')}]) { edges { node { replicationGroupId } } } }`;
  const fixed = countTokens(withRegions(0));
  return withRegions(count - fixed);
}

function countTokens(source: string): number {
  const lexer = new Lexer(new Source(source));
  let count = 0;
  while (lexer.advance().kind !== TokenKind.EOF) count += 1;
  return count;
}

describe('the default limits', () => {
  const examples = readdirSync('examples/operations').map((file) =>
    readFileSync(`examples/operations/${file}`, 'utf8'),
  );

  it('let every example operation and GraphiQL introspection through, with room to spare', () => {
    for (const source of [...examples, getIntrospectionQuery()]) {
      const document = parse(source, { maxLexicalTokens: DEFAULT_DOCUMENT_LIMITS.maxTokens });
      expect(validate(schema, document, limitRules(DEFAULT_DOCUMENT_LIMITS))).toEqual([]);
      // The largest page any of them may ask for.
      expect(operationCost(schema, document, { first: 100 })).toBeLessThanOrEqual(DEFAULT_DOCUMENT_LIMITS.maxCost);
    }
  });

  it('price a page by its size, whether `first` is written, a variable or left out', () => {
    const dashboard = ReplicationGroupsDashboardDocument;
    const at = (first?: number) => operationCost(schema, dashboard, first === undefined ? {} : { first });
    expect(at(100)).toBeCloseTo(at(10) * 10);
    expect(at()).toBe(at(20));
    const literal = parse('{ replicationGroups(first: 100) { edges { node { replicationGroupId } } } }');
    const variable = parse(
      'query ($n: Int) { replicationGroups(first: $n) { edges { node { replicationGroupId } } } }',
    );
    expect(operationCost(schema, variable, { n: 100 })).toBe(operationCost(schema, literal));
  });
});

describe('operation limits: just under passes, just over is refused before any AWS call', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway();
  });
  afterAll(async () => {
    await t.close();
  });
  beforeEach(() => t.endpoint.resetCalls());

  async function refused(query: string, code: string, extra: Record<string, unknown> = {}) {
    const answer = await post(t, query, {}, extra);
    expect(answer.body.data ?? null).toBeNull();
    expect(answer.body.errors?.map((error) => error.extensions?.code)).toContain(code);
    expect(t.endpoint.calls).toEqual([]);
    return answer;
  }
  async function passes(query: string, extra: Record<string, unknown> = {}) {
    const answer = await post(t, query, {}, extra);
    expect(answer.body.errors).toBeUndefined();
    expect(answer.status).toBe(200);
    expect(t.endpoint.calls.length).toBeGreaterThan(0);
    t.endpoint.resetCalls();
  }

  it('aliases: 15 pass, 16 are refused', async () => {
    await passes(aliases(15));
    const answer = await refused(aliases(16), 'TOO_MANY_ALIASES');
    expect(answer.status).toBe(400);
    expect(answer.body.errors?.[0]?.message).toBe('Aliases limit of 15 exceeded, found 16.');
  });

  it('directives: 20 pass, 21 are refused', async () => {
    await passes(directives(20));
    await refused(directives(21), 'TOO_MANY_DIRECTIVES');
  });

  it('depth: 20 levels pass, 21 are refused', async () => {
    // __schema (1) > types (2) > ofType x N > name: depth N + 3.
    await passes(deep(17));
    await refused(deep(18), 'QUERY_TOO_DEEP');
  });

  it('tokens: 2,000 pass, 2,001 are refused while parsing', async () => {
    expect(countTokens(tokens(2_000))).toBe(2_000);
    await passes(tokens(2_000));
    const answer = await refused(tokens(2_001), 'GRAPHQL_PARSE_FAILED');
    expect(answer.body.errors?.[0]?.message).toMatch(/more that 2000 tokens/);
  });

  it('cost: the dashboard at 100 groups passes; a larger page of the same is refused', async () => {
    const query = 'query ($first: Int) { replicationGroups(first: $first) { edges { node { replicationGroupId } } } }';
    const perGroup = operationCost(schema, parse(query), { first: 1 });
    const largest = Math.floor(DEFAULT_DOCUMENT_LIMITS.maxCost / perGroup);
    // Over 100 the page size itself is refused (BAD_USER_INPUT) once it runs: checked here first.
    const limited = await startTestGateway({
      documentLimits: { ...DEFAULT_DOCUMENT_LIMITS, maxCost: Math.ceil(perGroup * 50) },
    });
    try {
      const sized = async (first: number) => post(limited, query, {}, { variables: { first } });
      expect((await sized(50)).body.errors).toBeUndefined();
      limited.endpoint.resetCalls();
      const over = await sized(51);
      expect(over.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
      expect(over.body.errors?.[0]?.message).toMatch(/^Query cost limit of \d+ exceeded, found \d+\.$/);
      expect(limited.endpoint.calls).toEqual([]);
    } finally {
      await limited.close();
    }
    // The flagship operation at its largest page passes the default.
    expect(largest).toBeGreaterThan(100);
    const dashboard = await t.execute(ReplicationGroupsDashboardDocument, { first: 100 });
    expect(dashboard.errors).toBeUndefined();
  });

  it('costs a variable left out at its default, as execution runs it (`$n: Int = 100` sent without n)', async () => {
    const withDefault = (n: number) =>
      `query Q($n: Int = ${n}) { replicationGroups(first: $n) { edges { node { replicationGroupId } } } }`;
    const perGroup = operationCost(schema, parse(withDefault(1)), { n: 1 });
    const limited = await startTestGateway({
      documentLimits: { ...DEFAULT_DOCUMENT_LIMITS, maxCost: Math.ceil(perGroup * 50) },
    });
    try {
      limited.endpoint.resetCalls();
      const over = await post(limited, withDefault(100));
      expect(over.body.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COSTLY');
      expect(limited.endpoint.calls).toEqual([]);
      // The default is only a default: a value sent wins, and a small one passes.
      expect((await post(limited, withDefault(100), {}, { variables: { n: 10 } })).body.errors).toBeUndefined();
      expect((await post(limited, withDefault(10))).body.errors).toBeUndefined();
    } finally {
      await limited.close();
    }
  });

  it("refuses the issue's hostile request: 2,000 aliases (413: the body alone is over the limit), 16 of them, or 5 at 100 groups", async () => {
    const all = await post(t, `{ ${Array.from({ length: 2_000 }, (_, i) => HOSTILE(i)).join(' ')} }`);
    expect(all.status).toBe(413);
    expect(all.body.errors?.[0]?.extensions?.code).toBe('REQUEST_ENTITY_TOO_LARGE');
    await refused(`{ ${Array.from({ length: 16 }, (_, i) => HOSTILE(i)).join(' ')} }`, 'TOO_MANY_ALIASES');
    await refused(`{ ${Array.from({ length: 5 }, (_, i) => HOSTILE(i)).join(' ')} }`, 'QUERY_TOO_COSTLY');
    expect(t.endpoint.calls).toEqual([]);
  });

  it(`body: ${DEFAULT_MAX_BODY_BYTES} bytes pass, one more is refused (413), with or without Content-Length`, async () => {
    const body = (size: number) => {
      const base = JSON.stringify({ query: `{ ${GROUP} }` });
      return `${base.slice(0, -1)}${' '.repeat(size - base.length)}}`;
    };
    const send = (text: string, chunked = false) =>
      t.gateway.fetch('http://gateway.test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: chunked
          ? new ReadableStream({
              start(controller) {
                controller.enqueue(new TextEncoder().encode(text));
                controller.close();
              },
            })
          : text,
        ...(chunked ? { duplex: 'half' } : {}),
      } as RequestInit);
    expect((await send(body(DEFAULT_MAX_BODY_BYTES))).status).toBe(200);
    t.endpoint.resetCalls();
    for (const chunked of [false, true]) {
      const over = await send(body(DEFAULT_MAX_BODY_BYTES + 1), chunked);
      expect(over.status).toBe(413);
      expect(await over.json()).toMatchObject({ errors: [{ extensions: { code: 'REQUEST_ENTITY_TOO_LARGE' } }] });
    }
    expect(t.endpoint.calls).toEqual([]);
  });
});
