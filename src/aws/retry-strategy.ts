import { StandardRetryStrategy } from '@smithy/core/retry';
import type { RetryErrorInfo, RetryStrategyV2, StandardRetryToken } from '@smithy/types';

/**
 * The SDK's standard retries, with a larger budget for throttling: a throttled Describe call is
 * asked again (with the SDK's throttling back-off, from 1 s doubling, with jitter) up to
 * `throttledAttempts` times, while timeouts and 5xx keep `maxAttempts`, so that an upstream that
 * does not answer is still given up on within `maxAttempts` x ELASTICACHE_TIMEOUT_MS. Throttling
 * is what ElastiCache's control plane answers under load, and waiting is what makes it pass.
 */
export class ThrottlingAwareRetryStrategy implements RetryStrategyV2 {
  readonly mode = 'standard';
  readonly #other: StandardRetryStrategy;
  readonly #throttling: StandardRetryStrategy;

  constructor(maxAttempts: number, throttledAttempts: number) {
    this.#other = new StandardRetryStrategy(maxAttempts);
    this.#throttling = new StandardRetryStrategy(Math.max(maxAttempts, throttledAttempts));
  }

  acquireInitialRetryToken(retryTokenScope: string): Promise<StandardRetryToken> {
    return this.#other.acquireInitialRetryToken(retryTokenScope);
  }

  // The tokens are the standard strategy's own (acquired above), so either strategy can renew them.
  refreshRetryTokenForRetry(token: StandardRetryToken, errorInfo: RetryErrorInfo): Promise<StandardRetryToken> {
    const strategy = errorInfo.errorType === 'THROTTLING' ? this.#throttling : this.#other;
    return strategy.refreshRetryTokenForRetry(token, errorInfo);
  }

  recordSuccess(token: StandardRetryToken): void {
    // Each keeps its own retry capacity (the SDK's guard against retry storms); a success refills both.
    this.#other.recordSuccess(token);
    this.#throttling.recordSuccess(token);
  }
}
