import type { LogFields, Logger } from '../logger.js';

export const FAILURE_LOG_WINDOW_MS = 10_000;

/**
 * During an outage every call fails the same way, and a line per failure floods the log (12,600
 * lines in 15 s were seen). The first failure of a kind (operation, region, code, error) is
 * logged at once with its details; the same kind within the next window is only counted, and one
 * line with the count closes the window.
 */
export class RepeatedFailureLog {
  readonly #open = new Map<string, { repeats: number; last: LogFields; timer: NodeJS.Timeout }>();

  constructor(
    private readonly log: Logger,
    private readonly windowMs = FAILURE_LOG_WINDOW_MS,
  ) {}

  report(kind: string, fields: LogFields): void {
    const open = this.#open.get(kind);
    if (open) {
      open.repeats += 1;
      open.last = fields;
      return;
    }
    this.log.error('ElastiCache call failed', fields);
    const timer = setTimeout(() => this.#close(kind), this.windowMs);
    timer.unref();
    this.#open.set(kind, { repeats: 0, last: fields, timer });
  }

  /** Writes the counts of the open windows now (at shutdown). */
  flush(): void {
    for (const kind of [...this.#open.keys()]) this.#close(kind);
  }

  #close(kind: string): void {
    const open = this.#open.get(kind);
    if (!open) return;
    clearTimeout(open.timer);
    this.#open.delete(kind);
    if (open.repeats > 0) {
      this.log.error('ElastiCache call failed again, same way', {
        ...open.last,
        repeats: open.repeats,
        windowMs: this.windowMs,
      });
    }
  }
}
