import { handleStreamOrSingleExecutionResult, type Plugin } from 'graphql-yoga';
import { GraphQLError, type ExecutionResult } from 'graphql';
import type { PartialFailure } from './resolvers/partial-failures.js';
import {
  AccountUnavailableError,
  BadCursorError,
  MalformedInputError,
  RequestCancelledError,
  UnknownAccountError,
  UnknownRegionError,
  UpstreamError,
} from './errors.js';

/**
 * The one place the data layer's domain errors (src/errors.ts) become GraphQL errors: a message
 * safe to show and a stable `extensions.code`. `useDomainErrors` applies it to every result of
 * an execution or a subscription, before yoga masks what is left; metrics read the same code.
 */
export function toGraphQLError(error: unknown): GraphQLError | null {
  if (error instanceof UpstreamError) {
    const { awsCode, awsRequestId } = error.details;
    return new GraphQLError(error.message, {
      extensions: {
        code: error.code,
        ...(error.publishAwsCode && awsCode ? { awsCode } : {}),
        ...(awsRequestId ? { awsRequestId } : {}),
      },
    });
  }
  if (error instanceof UnknownRegionError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'UNKNOWN_REGION', servedRegions: [...error.servedRegions] },
    });
  }
  if (error instanceof UnknownAccountError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'UNKNOWN_ACCOUNT', servedAccounts: [...error.servedAccounts] },
    });
  }
  if (error instanceof AccountUnavailableError) {
    return new GraphQLError(error.message, {
      extensions: { code: 'ACCOUNT_UNAVAILABLE', accountId: error.accountId, stsCode: error.stsCode },
    });
  }
  if (error instanceof RequestCancelledError) {
    return new GraphQLError(error.message, { extensions: { code: 'REQUEST_CANCELLED' } });
  }
  if (error instanceof BadCursorError) {
    return new GraphQLError(error.message, { extensions: { code: 'BAD_CURSOR', argument: error.argument } });
  }
  if (error instanceof MalformedInputError) {
    return new GraphQLError(error.message, { extensions: { code: 'BAD_USER_INPUT', argument: error.argument } });
  }
  return null;
}

/** `error` as the client sees it, where it was raised (path and locations kept), when it is a domain error. */
export function asClientError(error: GraphQLError): GraphQLError | null {
  const mapped = error.originalError ? toGraphQLError(error.originalError) : null;
  if (!mapped) return null;
  return new GraphQLError(mapped.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: mapped.extensions,
  });
}

function partialError({ error, path }: PartialFailure): GraphQLError {
  const mapped = toGraphQLError(error);
  return new GraphQLError(mapped?.message ?? 'Part of this field could not be read.', {
    path,
    extensions: mapped?.extensions ?? { code: 'INTERNAL_SERVER_ERROR' },
  });
}

/**
 * The envelop plugin that maps the domain errors of every result (each event of a subscription
 * too) and of a subscription that fails to start. Yoga's masking runs after it and passes
 * GraphQL errors through, so an expected failure is never logged as a bug.
 */
export function useDomainErrors(): Plugin {
  const mapResult = ({
    result,
    setResult,
  }: {
    result: ExecutionResult;
    setResult: (result: ExecutionResult) => void;
  }) => {
    if (!result.errors?.length) return;
    let mapped = false;
    const errors = result.errors.map((error) => {
      const client = asClientError(error);
      mapped ||= client !== null;
      return client ?? error;
    });
    if (mapped) setResult({ ...result, errors });
  };
  return {
    onExecute: ({ args }) => ({
      onExecuteDone: (payload) =>
        handleStreamOrSingleExecutionResult(payload, ({ result, setResult }) => {
          const partial = (args.contextValue as { partialFailures?: PartialFailure[] }).partialFailures ?? [];
          // The failed parts of answers that were otherwise served, each at its field's path.
          const withPartial = partial.length
            ? { ...result, errors: [...(result.errors ?? []), ...partial.map(partialError)] }
            : result;
          if (withPartial !== result) setResult(withPartial);
          mapResult({ result: withPartial, setResult });
        }),
    }),
    onSubscribe: () => ({
      onSubscribeResult: (payload) => handleStreamOrSingleExecutionResult(payload, mapResult),
      onSubscribeError: ({ error, setError }) => {
        const mapped = error instanceof GraphQLError ? asClientError(error) : toGraphQLError(error);
        if (mapped) setError(mapped);
      },
    }),
  };
}
