/**
 * Structured logs, one JSON object per line on stderr, so they can be shipped as they are.
 * `LOG_LEVEL` (debug | info | warn | error | silent) sets the threshold; tests run silent.
 */
export type LogLevel = 'debug' | 'info' | 'warn' | 'error' | 'silent';
export type LogFields = Record<string, unknown>;

export interface Logger {
  debug(message: string, fields?: LogFields): void;
  info(message: string, fields?: LogFields): void;
  warn(message: string, fields?: LogFields): void;
  error(message: string, fields?: LogFields): void;
  /** An audit line: written whatever LOG_LEVEL says (but `silent`), marked `"audit": true`. */
  audit(message: string, fields: LogFields): void;
}

const SEVERITY: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40, silent: 99 };

export function isLogLevel(value: string): value is LogLevel {
  return value in SEVERITY;
}

export function createLogger(
  level: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(`${line}\n`),
): Logger {
  const line = (lineLevel: Exclude<LogLevel, 'silent'>, message: string, fields: LogFields) =>
    // The line's own keys last: a field named like one of them cannot overwrite it.
    write(JSON.stringify({ ...fields, time: new Date().toISOString(), level: lineLevel, message }));
  const at =
    (lineLevel: Exclude<LogLevel, 'silent'>) =>
    (message: string, fields: LogFields = {}): void => {
      if (SEVERITY[lineLevel] < SEVERITY[level]) return;
      line(lineLevel, message, fields);
    };
  return {
    debug: at('debug'),
    info: at('info'),
    warn: at('warn'),
    error: at('error'),
    audit: (message, fields) => {
      if (level !== 'silent') line('info', message, { audit: true, ...fields });
    },
  };
}
