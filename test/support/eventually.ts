export interface EventuallyOptions {
  /** How long to keep reading (default 20 s: a bound for a loaded machine, not an expected time). */
  timeoutMs?: number;
  /** Between reads (default 50 ms). */
  stepMs?: number;
}

/**
 * Reads `read()` until `done` holds for what it returns, and returns that value: how tests wait
 * for state that changes on its own (a poll, a replication, a status), never with a fixed sleep.
 * Fails after `timeoutMs`, naming `what` and the last value read.
 */
export async function eventually<T, S extends T>(
  read: () => T | Promise<T>,
  done: (value: T) => value is S,
  what: string,
  options?: EventuallyOptions,
): Promise<S>;
export async function eventually<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  what: string,
  options?: EventuallyOptions,
): Promise<T>;
export async function eventually<T>(
  read: () => T | Promise<T>,
  done: (value: T) => boolean,
  what: string,
  { timeoutMs = 20_000, stepMs = 50 }: EventuallyOptions = {},
): Promise<T> {
  for (const deadline = Date.now() + timeoutMs; ;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, stepMs));
  }
}

/** Waits until `condition()` is true (see `eventually`). */
export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  what: string,
  options?: EventuallyOptions,
): Promise<void> {
  await eventually(condition, Boolean, what, options);
}
