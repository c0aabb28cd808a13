import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Span } from '@opentelemetry/api';

/**
 * What the gateway knows of the HTTP request it is serving, wherever in that request's work it is:
 * the request id (put on every log line written meanwhile, the AWS-call and audit lines
 * included), the GraphQL operation once parsed, and the AWS calls made for it. Carried by
 * AsyncLocalStorage, so the data layer needs no extra argument to say whose call it is.
 */
export interface RequestScope {
  readonly id: string;
  operationName: string | null;
  /** query, mutation or subscription, once the document is parsed. */
  operationType: string | null;
  /** `extensions.code` of every error in the answer, in order, without repeats. */
  readonly errorCodes: Set<string>;
  /** AWS calls this request made, by operation (reads answered from the cache or shared are not calls). */
  readonly awsCalls: Map<string, number>;
  /** The operation's server span (named once the operation is known). */
  span?: Span;
}

const storage = new AsyncLocalStorage<RequestScope>();

/** The request being served, or undefined outside one (pollers, start-up). */
export function currentRequest(): RequestScope | undefined {
  return storage.getStore();
}

export function runInRequestScope<T>(scope: RequestScope, work: () => T): T {
  return storage.run(scope, work);
}

export function newRequestScope(id: string): RequestScope {
  return { id, operationName: null, operationType: null, errorCodes: new Set(), awsCalls: new Map() };
}

// A router's id (a UUID, a hex trace id, `Root=1-...` of an AWS load balancer) is kept as it is;
// anything else is replaced, so a caller cannot write arbitrary text into the log.
const ACCEPTED_REQUEST_ID = /^[A-Za-z0-9._:;=+/-]{1,128}$/;

/** `x-request-id` as sent when it is a plain token of at most 128 characters; a new UUID otherwise. */
export function requestIdFrom(header: string | string[] | undefined): string {
  const sent = Array.isArray(header) ? header[0] : header;
  return sent !== undefined && ACCEPTED_REQUEST_ID.test(sent) ? sent : randomUUID();
}

export function countAwsCall(operation: string): void {
  const scope = storage.getStore();
  scope?.awsCalls.set(operation, (scope.awsCalls.get(operation) ?? 0) + 1);
}
