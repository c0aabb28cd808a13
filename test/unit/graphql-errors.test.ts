import { createSchema, createYoga, type Plugin } from 'graphql-yoga';
import { GraphQLError } from 'graphql';
import { describe, expect, it } from 'vitest';
import {
  BadCursorError,
  MalformedInputError,
  RequestCancelledError,
  UnknownRegionError,
  UpstreamError,
  UpstreamErrorCode,
} from '../../src/errors.js';
import { toGraphQLError, useDomainErrors } from '../../src/graphql-errors.js';

describe('domain errors become GraphQL errors in one place (src/graphql-errors.ts)', () => {
  it('gives each its code and extensions, and AWS details only where they are safe', () => {
    const refused = new UpstreamError(
      UpstreamErrorCode.FAILED,
      'refused',
      { awsCode: 'InvalidParameterValue', awsRequestId: 'r1' },
      true,
    );
    expect(toGraphQLError(refused)?.toJSON()).toMatchObject({
      message: 'refused',
      extensions: { code: 'UPSTREAM_FAILED', awsCode: 'InvalidParameterValue', awsRequestId: 'r1' },
    });
    const outage = new UpstreamError(UpstreamErrorCode.UNAVAILABLE, 'down', { awsCode: 'InternalFailure' });
    expect(toGraphQLError(outage)?.extensions).toEqual({ code: 'UPSTREAM_UNAVAILABLE' });
    expect(toGraphQLError(new UnknownRegionError('xx-1', ['us-east-1']))?.extensions).toEqual({
      code: 'UNKNOWN_REGION',
      servedRegions: ['us-east-1'],
    });
    expect(toGraphQLError(new RequestCancelledError())?.toJSON()).toMatchObject({
      message: 'The request was cancelled.',
      extensions: { code: 'REQUEST_CANCELLED' },
    });
    expect(toGraphQLError(new BadCursorError('after', 'stale'))?.extensions).toEqual({
      code: 'BAD_CURSOR',
      argument: 'after',
    });
    expect(toGraphQLError(new MalformedInputError('input.x', 'bad'))?.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      argument: 'input.x',
    });
    expect(toGraphQLError(new Error('a bug'))).toBeNull();
    expect(toGraphQLError('text')).toBeNull();
  });

  it('maps what resolvers and subscriptions throw, before masking, so nothing is logged as a bug', async () => {
    const logged: unknown[] = [];
    const yoga = createYoga({
      schema: createSchema({
        typeDefs: 'type Query { read: String refused: String bug: String } type Subscription { watch: String }',
        resolvers: {
          Query: {
            read: () => {
              throw new UnknownRegionError('xx-1', ['us-east-1']);
            },
            refused: () => {
              throw new GraphQLError('no', { extensions: { code: 'BAD_USER_INPUT' } });
            },
            bug: () => {
              throw new Error('secret detail');
            },
          },
          Subscription: {
            watch: {
              subscribe: () => {
                throw new UpstreamError(UpstreamErrorCode.THROTTLED, 'slow down');
              },
            },
          },
        },
      }),
      plugins: [useDomainErrors()],
      logging: {
        debug: () => undefined,
        info: () => undefined,
        warn: () => undefined,
        error: (...args) => logged.push(args),
      },
    });
    const post = async (query: string, accept = 'application/json') =>
      (
        await yoga.fetch('http://yoga/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept },
          body: JSON.stringify({ query }),
        })
      ).text();
    const read = JSON.parse(await post('{ read }')) as { errors: GraphQLError[] };
    expect(read.errors[0]).toMatchObject({
      message: expect.stringContaining('xx-1'),
      extensions: { code: 'UNKNOWN_REGION' },
    });
    expect(logged).toEqual([]);
    // A domain error among others in one answer is mapped too.
    const both = JSON.parse(await post('{ read refused }')) as { errors: GraphQLError[] };
    expect(both.errors.map((error) => error.extensions.code).sort()).toEqual(['BAD_USER_INPUT', 'UNKNOWN_REGION']);
    expect(logged).toEqual([]);
    const watch = await post('subscription { watch }', 'text/event-stream');
    expect(watch).toContain('"code":"UPSTREAM_THROTTLED"');
    expect(watch).toContain('slow down');
    expect(logged).toEqual([]);
    // Anything else is still masked, and logged.
    const bug = JSON.parse(await post('{ bug }')) as { errors: GraphQLError[] };
    expect(bug.errors[0]?.message).toBe('Unexpected error.');
    expect(logged).toHaveLength(1);
  });

  it('maps a domain error a subscription stream throws while it runs', async () => {
    const yoga = createYoga({
      schema: createSchema({ typeDefs: 'type Query { ok: String } type Subscription { watch: String }' }),
      plugins: [
        useDomainErrors(),
        <Plugin>{
          // A source stream that fails on its first read, as a poller's stream may.
          onSubscribe: ({ setSubscribeFn }) =>
            setSubscribeFn(() => ({
              [Symbol.asyncIterator]() {
                return this;
              },
              failed: false,
              next() {
                if (this.failed) return Promise.resolve({ done: true as const, value: undefined });
                this.failed = true;
                return Promise.reject(new UnknownRegionError('xx-1', ['us-east-1']));
              },
              return: () => Promise.resolve({ done: true as const, value: undefined }),
            })),
        },
      ],
      logging: false,
    });
    const response = await yoga.fetch('http://yoga/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'text/event-stream' },
      body: JSON.stringify({ query: 'subscription { watch }' }),
    });
    const text = await response.text();
    expect(text).toContain('"code":"UNKNOWN_REGION"');
    expect(text).not.toContain('Unexpected error');
  });
});
