/** Describe*, List*: ElastiCache's reads. Everything else changes something and is never shared. */
export function isRead(operation: string): boolean {
  return operation.startsWith('Describe') || operation.startsWith('List');
}

/** Region, operation and input, keys sorted: two calls with this key ask AWS the same question. */
export function readKey(call: { location: string; operation: string; input: unknown }): string {
  return `${call.location}\n${call.operation}\n${JSON.stringify(call.input, sortedKeys)}`;
}

function sortedKeys(_key: string, value: unknown): unknown {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return value;
  return Object.fromEntries(Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

interface SharedRead {
  answer: Promise<unknown>;
  /** Aborts the AWS call once every caller waiting for it has gone. */
  controller: AbortController;
  waiting: number;
}

/**
 * Identical AWS reads in flight at the same moment are made once: a dashboard opened by a
 * hundred people, or a hundred `_entities` batches naming one group, cost one call. Each caller
 * keeps its own abort: one that leaves stops waiting at once, and the call itself is abandoned
 * only when the last waiting caller has left. Nothing is kept once the call has answered (a read
 * after that is a new call); results are shared as they are, and nothing downstream mutates them
 * (records are copies, src/aws/records.ts).
 */
export class InflightReads {
  readonly #reads = new Map<string, SharedRead>();

  /** The number of distinct reads in flight now. */
  get size(): number {
    return this.#reads.size;
  }

  /** `joined` is told whether this caller shares a read already in flight (for metrics). */
  run<T>(
    key: string,
    signal: AbortSignal | undefined,
    start: (signal: AbortSignal) => Promise<T>,
    joined?: (shared: boolean) => void,
  ): Promise<T> {
    // A caller already gone starts nothing (a read nobody waited for would never be abandoned).
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    let read = this.#reads.get(key);
    joined?.(read !== undefined);
    if (!read) {
      const controller = new AbortController();
      const shared: SharedRead = { answer: Promise.resolve(), controller, waiting: 0 };
      // Every caller observes the answer (#waitFor), those that left too: no unhandled rejection.
      shared.answer = start(controller.signal).finally(() => {
        if (this.#reads.get(key) === shared) this.#reads.delete(key);
      });
      this.#reads.set(key, shared);
      read = shared;
    }
    return this.#waitFor(key, read, signal) as Promise<T>;
  }

  /** Waits for the read of `key` if one is in flight now (as `run` would); undefined when none is. */
  join<T>(key: string, signal: AbortSignal | undefined): Promise<T> | undefined {
    const read = this.#reads.get(key);
    if (!read) return undefined;
    if (signal?.aborted) return Promise.reject(abortReason(signal));
    return this.#waitFor(key, read, signal) as Promise<T>;
  }

  #waitFor(key: string, read: SharedRead, signal: AbortSignal | undefined): Promise<unknown> {
    read.waiting += 1;
    if (!signal) return read.answer;
    return new Promise((resolve, reject) => {
      const leave = () => {
        read.waiting -= 1;
        if (read.waiting === 0) {
          // Nobody waits: abandon the call, and let the next identical read start afresh.
          if (this.#reads.get(key) === read) this.#reads.delete(key);
          read.controller.abort(abortReason(signal));
        }
        reject(abortReason(signal));
      };
      signal.addEventListener('abort', leave, { once: true });
      read.answer.then(
        (value) => {
          signal.removeEventListener('abort', leave);
          resolve(value);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }
}

function abortReason(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('The caller went away.', 'AbortError');
}
