import { pino, stdTimeFunctions, type DestinationStream } from 'pino';
import { currentRequest } from './observability/request-scope.js';

/**
 * Structured logs from pino, one JSON object per line on stderr, so they can be shipped as they
 * are. `LOG_LEVEL` (debug | info | warn | error | silent) sets the threshold; tests run silent.
 * A line written while a request is served carries its `requestId` (src/observability).
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

const LEVELS: readonly LogLevel[] = ['debug', 'info', 'warn', 'error', 'silent'];

export function isLogLevel(value: string): value is LogLevel {
  return (LEVELS as readonly string[]).includes(value);
}

/** The request id of the line, when it is written for a request; the line's own fields come after. */
function requestFields(): LogFields {
  const request = currentRequest();
  return request ? { requestId: request.id } : {};
}

// Keys pino writes itself: a field of the same name is renamed rather than repeated (a JSON
// reader keeps the last of two equal keys, so it would hide the real one).
const RESERVED_KEYS = ['level', 'time', 'message', 'pid', 'hostname'] as const;

function withoutReservedKeys(fields: LogFields): LogFields {
  if (!RESERVED_KEYS.some((key) => key in fields)) return fields;
  const renamed: LogFields = {};
  for (const [key, value] of Object.entries(fields))
    renamed[(RESERVED_KEYS as readonly string[]).includes(key) ? `field.${key}` : key] = value;
  return renamed;
}

/**
 * `write` receives each line without its newline (tests collect them); stderr when omitted.
 * Lines go out as they come, without waiting for a write to finish: lines written meanwhile
 * leave together, one system call instead of one each under load. What is still buffered is
 * written out synchronously when the process exits, so the last lines before an exit are kept.
 */
export function createLogger(level: LogLevel, write?: (line: string) => void): Logger {
  const destination: DestinationStream = write
    ? { write: (line: string) => write(line.endsWith('\n') ? line.slice(0, -1) : line) }
    : stderrDestination();
  const root = pino(
    {
      level,
      // pid and hostname tell replicas apart; time is ISO 8601 and level its name, as a log
      // shipper reads them without a pino-specific parser.
      messageKey: 'message',
      timestamp: stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }), log: withoutReservedKeys },
      mixin: requestFields,
    },
    destination,
  );
  // Audit lines are written at info whatever the threshold, unless the gateway is silent.
  const audit = root.child({ audit: true }, { level: level === 'silent' ? 'silent' : 'info' });
  return {
    debug: (message, fields = {}) => root.debug(fields, message),
    info: (message, fields = {}) => root.info(fields, message),
    warn: (message, fields = {}) => root.warn(fields, message),
    error: (message, fields = {}) => root.error(fields, message),
    audit: (message, fields) => audit.info(fields, message),
  };
}

/** One asynchronous stderr stream per process, flushed synchronously at exit. */
let stderr: ReturnType<typeof pino.destination> | undefined;

function stderrDestination(): DestinationStream {
  if (!stderr) {
    const stream = pino.destination({ dest: 2, sync: false });
    process.once('exit', () => stream.flushSync());
    stderr = stream;
  }
  return stderr;
}
