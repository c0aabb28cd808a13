import { readdirSync, readFileSync } from 'node:fs';
import { getIntrospectionQuery } from 'graphql';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boundedParserCaches, DEFAULT_DOCUMENT_LIMITS, MAX_CACHED_DOCUMENT_CHARS } from '../../src/document-limits.js';
import { startTestGateway, type TestGateway } from '../support/gateway.js';

interface GraphQLBody {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

async function post(t: TestGateway, query: string): Promise<{ status: number; body: GraphQLBody; text: string }> {
  const response = await t.gateway.fetch('http://gateway.test/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query }),
  });
  const text = await response.text();
  return { status: response.status, body: JSON.parse(text) as GraphQLBody, text };
}

const typenames = (count: number) => `{ ${Array.from({ length: count }, () => '__typename').join(' ')} }`;
const nestedList = (levels: number) =>
  `{ replicationGroup(replicationGroupId: ${'['.repeat(levels)}"x"${']'.repeat(levels)}) { arn } }`;
const nestedOfType = (levels: number) =>
  `{ __schema { types { ${'ofType { '.repeat(levels)}name${' }'.repeat(levels)} } } }`;

describe('documents a hostile client may send', () => {
  let t: TestGateway;
  const caches = boundedParserCaches();

  beforeAll(async () => {
    // Bodies of several MB: the body limit (test/security/limits.test.ts) is raised to reach the parser's own defences.
    t = await startTestGateway({ parserCaches: caches, maxBodyBytes: 16 * 1024 * 1024 });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses a document over the token limit while parsing, and caches nothing of it', async () => {
    const before = { documents: caches.documentCache.calculatedSize, errors: caches.errorCache.calculatedSize };
    // The attack: distinct 2.2 MB documents of 200,000 fields, each once.
    for (let i = 0; i < 5; i++) {
      const { status, body } = await post(t, `# ${i}\n${typenames(200_000)}`);
      expect(status).toBe(400);
      expect(body.errors?.[0]?.message).toMatch(/more that 2000 tokens/);
    }
    expect(caches.documentCache.calculatedSize).toBe(before.documents);
    expect(caches.errorCache.calculatedSize).toBe(before.errors);
  });

  it('answers a document at the token limit and refuses one token more', async () => {
    // `{`, three tokens per aliased field, `}`: 666 fields make 2,000 tokens.
    const fields = Array.from(
      { length: (DEFAULT_DOCUMENT_LIMITS.maxTokens - 2) / 3 },
      (_, i) => `a${i}: __typename`,
    ).join(' ');
    const atLimit = await post(t, `{ ${fields} }`);
    expect(atLimit.status).toBe(200);
    expect(atLimit.body.errors).toBeUndefined();
    expect((await post(t, `{ ${fields} __typename }`)).status).toBe(400);
  });

  it('keeps the parse cache within its budget whatever the documents weigh', async () => {
    // Few tokens, large text: a long comment passes the token limit but must not be cached.
    for (let i = 0; i < 20; i++) {
      const { status } = await post(t, `# ${'x'.repeat(MAX_CACHED_DOCUMENT_CHARS)} ${i}\n{ __typename }`);
      expect(status).toBe(200);
    }
    expect(caches.documentCache.calculatedSize).toBeLessThanOrEqual(caches.documentCache.maxSize);
    expect([...caches.documentCache.keys()].every((source) => source.length <= MAX_CACHED_DOCUMENT_CHARS)).toBe(true);
    // Ordinary documents are still cached.
    const { status } = await post(t, '{ ordinary: __typename }');
    expect(status).toBe(200);
    expect(caches.documentCache.has('{ ordinary: __typename }')).toBe(true);
  });

  it.each([
    ['list literals', nestedList(2_000)],
    [
      'ofType selections',
      `{ __type(name: "ReplicationGroup") { ${'ofType { '.repeat(2_000)}name${' }'.repeat(2_000)} } }`,
    ],
  ])('refuses 2,000 levels of %s as a bad request, not an internal error', async (_kind, query) => {
    const { status, body, text } = await post(t, query);
    expect(status).toBe(400);
    expect(body.errors?.[0]?.extensions?.code).not.toBe('INTERNAL_SERVER_ERROR');
    expect(text).not.toMatch(/\bat .*\.(ts|js):\d+/);
  });

  it('answers the deepest list nesting the token limit allows with a validation error', async () => {
    const { status, body } = await post(t, nestedList(DEFAULT_DOCUMENT_LIMITS.maxTokens / 2 - 10));
    expect(status).toBe(400);
    expect(body.errors?.[0]?.message).toMatch(/String cannot represent a non string value/);
  });

  it('refuses selections deeper than the depth limit, introspection included', async () => {
    // __schema, types, the ofType levels, name: levels + 3 deep.
    const { maxDepth } = DEFAULT_DOCUMENT_LIMITS;
    const { status, body } = await post(t, nestedOfType(maxDepth - 2));
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({
      message: `Query depth limit of ${maxDepth} exceeded, found ${maxDepth + 1}.`,
      extensions: { code: 'QUERY_TOO_DEEP' },
    });
    expect((await post(t, nestedOfType(maxDepth - 3))).status).toBe(200);
  });

  it('passes every example operation and GraphiQL introspection', async () => {
    const documents = readdirSync('examples/operations').map((file) =>
      readFileSync(`examples/operations/${file}`, 'utf8'),
    );
    documents.push(
      getIntrospectionQuery({
        descriptions: true,
        specifiedByUrl: true,
        directiveIsRepeatable: true,
        schemaDescription: true,
        inputValueDeprecation: true,
      }),
    );
    for (const document of documents) {
      const { body } = await post(t, document);
      const limitErrors = (body.errors ?? []).filter((error) => /token|depth/i.test(error.message));
      expect(limitErrors).toEqual([]);
    }
  });
});

describe('documents under a raised token limit', () => {
  let t: TestGateway;

  beforeAll(async () => {
    t = await startTestGateway({
      documentLimits: { ...DEFAULT_DOCUMENT_LIMITS, maxTokens: 10_000 },
      maxBodyBytes: 16 * 1024 * 1024,
    });
  });
  afterAll(async () => {
    await t.close();
  });

  it('refuses nesting deep enough to exhaust the parser stack as a syntax error', async () => {
    const { status, body } = await post(t, nestedList(4_900));
    expect(status).toBe(400);
    expect(body.errors?.[0]).toMatchObject({
      message: 'Syntax Error: Document nesting is too deep.',
      extensions: { code: 'GRAPHQL_PARSE_FAILED' },
    });
  });
});
