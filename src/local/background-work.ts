/**
 * The asynchronous half of the endpoint (migration checks, status transitions). Tests wait for it
 * with `settled()`; `close()` cancels pending delays so no timer outlives the endpoint.
 */
export class BackgroundWork {
  readonly #tasks = new Set<Promise<void>>();
  readonly #sleepers = new Set<() => void>();
  #closed = false;

  constructor(private readonly onError: (error: unknown) => void) {}

  run(task: () => Promise<void>): void {
    if (this.#closed) return;
    const running = task()
      .catch((error: unknown) => this.onError(error))
      .finally(() => this.#tasks.delete(running));
    this.#tasks.add(running);
  }

  /** Resolves true after `ms`, or false at once when the endpoint closes: stop then. */
  sleep(ms: number): Promise<boolean> {
    if (this.#closed) return Promise.resolve(false);
    return new Promise((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        this.#sleepers.delete(wake);
        resolve(false);
      };
      const timer = setTimeout(() => {
        this.#sleepers.delete(wake);
        resolve(!this.#closed);
      }, ms);
      this.#sleepers.add(wake);
    });
  }

  get closed(): boolean {
    return this.#closed;
  }

  async settled(): Promise<void> {
    while (this.#tasks.size > 0) await Promise.allSettled([...this.#tasks]);
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const wake of [...this.#sleepers]) wake();
    await this.settled();
  }
}
