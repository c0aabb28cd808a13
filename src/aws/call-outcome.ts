import { UpstreamError } from '../errors.js';

/**
 * What became of one AWS call, read the same way by metrics, logs and traces: `ok`, the
 * UPSTREAM_* code of the fault policy, or the modeled fault the operation passes on by name.
 */
export function callOutcome(error: unknown): string {
  if (error instanceof UpstreamError) return error.code;
  return error instanceof Error ? error.name : 'error';
}

interface Answered {
  $metadata?: { requestId?: string; attempts?: number };
}

/** The AWS request id of an answer or a fault (the SDK's $metadata, or the UpstreamError's details). */
export function awsRequestIdOf(answerOrError: unknown): string | undefined {
  if (answerOrError instanceof UpstreamError) return answerOrError.details.awsRequestId;
  return (answerOrError as Answered | null)?.$metadata?.requestId;
}

/** Attempts the SDK made for an answer, retries included (1 when it does not say). */
export function attemptsOf(answer: unknown): number {
  return (answer as Answered | null)?.$metadata?.attempts ?? 1;
}
