import { UpstreamError } from '../errors.js';

/**
 * What became of one AWS call, read the same way by metrics, logs and traces: `ok`, the
 * UPSTREAM_* code of the fault policy, or the modeled fault the operation passes on by name.
 */
export function callOutcome(error: unknown): string {
  if (error instanceof UpstreamError) return String(error.extensions.code);
  return error instanceof Error ? error.name : 'error';
}

interface Answered {
  $metadata?: { requestId?: string; attempts?: number };
  extensions?: { awsRequestId?: unknown };
}

/** The AWS request id of an answer or a fault (the SDK's $metadata, or the UpstreamError's extensions). */
export function awsRequestIdOf(answerOrError: unknown): string | undefined {
  const answered = answerOrError as Answered | null;
  const fromError = answered?.extensions?.awsRequestId;
  return answered?.$metadata?.requestId ?? (typeof fromError === 'string' ? fromError : undefined);
}

/** Attempts the SDK made for an answer, retries included (1 when it does not say). */
export function attemptsOf(answer: unknown): number {
  return (answer as Answered | null)?.$metadata?.attempts ?? 1;
}
