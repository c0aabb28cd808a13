import { responsePathAsArray, type GraphQLResolveInfo } from 'graphql';
import type { GatewayContext } from '../context.js';

/**
 * A part of a field's answer that failed while the rest was served: one account of a listing
 * over several (its role could not be assumed). The response carries it as an error at the
 * field's path, beside the field's data (src/graphql-errors.ts `useDomainErrors`).
 */
export interface PartialFailure {
  error: Error;
  path: readonly (string | number)[];
}

/** What a resolver calls with each failed part of its answer. */
export function partialFailuresOf(context: GatewayContext, info: GraphQLResolveInfo): (error: Error) => void {
  return (error) => context.partialFailures.push({ error, path: responsePathAsArray(info.path) });
}
