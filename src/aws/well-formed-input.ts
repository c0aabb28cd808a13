import type { ServiceInputTypes, ServiceOutputTypes } from '@aws-sdk/client-elasticache';
import type { InitializeMiddleware } from '@smithy/types';
import { MalformedInputError } from '../errors.js';

/**
 * The SDK's Query serializer is shared by every call of a client and keeps a half-written buffer
 * when a string it encodes is not well-formed Unicode (a lone surrogate makes
 * encodeURIComponent throw): the next call, from any user, would carry the leftovers. The
 * gateway checks its arguments first; this middleware, at the very start of every call, makes
 * sure no such string ever reaches the serializer whatever path it took.
 */
export const refuseMalformedStrings: InitializeMiddleware<ServiceInputTypes, ServiceOutputTypes> =
  (next) => async (args) => {
    const path = malformedStringPath(args.input, '');
    if (path !== null) {
      throw new MalformedInputError(
        path || 'input',
        `${path || 'The input'} holds text that is not well-formed Unicode (a lone surrogate).`,
      );
    }
    return next(args);
  };

/** The path of the first string in `value` that is not well-formed UTF-16, or null. */
export function malformedStringPath(value: unknown, path: string): string | null {
  if (typeof value === 'string') return value.isWellFormed() ? null : path;
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = malformedStringPath(item, `${path}[${index}]`);
      if (found !== null) return found;
    }
    return null;
  }
  if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [key, item] of Object.entries(value)) {
      const found = malformedStringPath(item, path ? `${path}.${key}` : key);
      if (found !== null) return found;
    }
  }
  return null;
}
