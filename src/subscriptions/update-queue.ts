/**
 * A push-fed async iterator for one subscriber: the poller pushes, GraphQL pulls. `return()`
 * (the client went away) ends it and runs `onClose` once, which releases the subscriber's share
 * of the poller. At most `limit` undelivered items are kept; a subscriber that stops reading
 * loses the oldest rather than growing memory without bound.
 */
export class UpdateQueue<T> implements AsyncIterableIterator<T> {
  readonly #buffer: T[] = [];
  #waiting: ((result: IteratorResult<T>) => void) | null = null;
  #failure: ((error: unknown) => void) | null = null;
  #pendingError: unknown = null;
  #ending = false;
  #closed = false;

  constructor(
    private readonly onClose: () => void,
    private readonly limit = 100,
  ) {}

  push(item: T): void {
    if (this.#closed) return;
    if (this.#waiting) {
      const resolve = this.#waiting;
      this.#waiting = null;
      this.#failure = null;
      resolve({ value: item, done: false });
      return;
    }
    this.#buffer.push(item);
    if (this.#buffer.length > this.limit) this.#buffer.shift();
  }

  /** Ends the stream with an error, after the items already queued. */
  fail(error: unknown): void {
    if (this.#closed) return;
    if (this.#failure && this.#buffer.length === 0) {
      const reject = this.#failure;
      this.#waiting = null;
      this.#failure = null;
      this.#close();
      reject(error);
      return;
    }
    this.#pendingError = error;
  }

  /** Ends the stream once the items already queued are read. */
  end(): void {
    if (this.#closed) return;
    if (this.#buffer.length === 0 && this.#waiting) {
      this.#close();
      return;
    }
    this.#ending = true;
  }

  next(): Promise<IteratorResult<T>> {
    const item = this.#buffer.shift();
    if (item !== undefined) return Promise.resolve({ value: item, done: false });
    if (this.#ending) this.#close();
    if (this.#pendingError !== null) {
      const error = this.#pendingError;
      this.#pendingError = null;
      this.#close();
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
    if (this.#closed) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve, reject) => {
      this.#waiting = resolve;
      this.#failure = reject;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.#close();
    return Promise.resolve({ value: undefined, done: true });
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#buffer.length = 0;
    this.#waiting?.({ value: undefined, done: true });
    this.#waiting = null;
    this.#failure = null;
    this.onClose();
  }
}
