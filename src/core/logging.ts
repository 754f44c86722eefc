/**
 * Logging with pino: JSON lines (or simple `time level name msg` lines when `pretty`), levels as names,
 * timestamps as ISO 8601 in UTC — from the simulation clock when one is given, so backtest logs show
 * simulated time — and secrets redacted.
 */
import { type DestinationStream, type Logger, type LoggerOptions, pino } from 'pino';
import { ConfigError } from './errors.js';

export type { Logger } from 'pino';

/** Levels a logger accepts, lowest first; `silent` writes nothing. */
export const LOG_LEVELS = ['trace', 'debug', 'info', 'warn', 'error', 'fatal', 'silent'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** A clock in microseconds since the Unix epoch (`UnixMicros`), e.g. the backtest's simulated clock. */
export interface LogClock {
  /** Present only to reject nanosecond clocks at compile time. */
  timestampNs?: never;
  now(): number;
}

export interface CreateLoggerOptions {
  /** Lowest level written (default `info`). */
  level?: string;
  /** Human-readable lines `time LEVEL name: msg key=value…` instead of JSON (no extra dependency). */
  pretty?: boolean;
  /** Source of the `time` field; default the wall clock. */
  clock?: LogClock;
  /** Where lines go; default standard error (so that standard output stays free for results). */
  destination?: NodeJS.WritableStream;
  /** Logger name, written as the `name` field. */
  name?: string;
}

const SECRET_FIELDS = ['password', 'apiKey', 'secret', 'token'] as const;

/** Paths pino censors (with `'***'`): the secret fields at the top level and one or two levels down. */
export const REDACT_PATHS: readonly string[] = SECRET_FIELDS.flatMap((field) => [
  field,
  `*.${field}`,
  `*.*.${field}`,
]);

/** `UnixMicros` → ISO 8601 UTC with microseconds, e.g. `2024-03-01T14:30:00.000001Z`. */
export function isoFromMicros(micros: number): string {
  if (!Number.isFinite(micros)) return String(micros);
  const whole = Math.floor(micros);
  const millis = Math.floor(whole / 1000);
  const remainder = whole - millis * 1000;
  const iso = new Date(millis).toISOString();
  return `${iso.slice(0, -1)}${String(remainder).padStart(3, '0')}Z`;
}

function isLogLevel(level: string): level is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(level);
}

const PRETTY_SKIP = new Set(['time', 'level', 'name', 'msg']);

function prettyValue(value: unknown): string {
  if (typeof value === 'string') return /^[^\s"=]+$/.test(value) ? value : JSON.stringify(value);
  return JSON.stringify(value) ?? String(value);
}

/** Turns one pino JSON line into `time LEVEL name: msg key=value…` (plus an error stack, if any). */
export function formatPrettyLine(line: string): string {
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch {
    return line.endsWith('\n') ? line : `${line}\n`;
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) return `${line.trimEnd()}\n`;
  const fields = record as Record<string, unknown>;
  const parts: string[] = [];
  if (fields.time !== undefined) parts.push(String(fields.time));
  parts.push(
    String(fields.level ?? '')
      .toUpperCase()
      .padEnd(5),
  );
  const name = typeof fields.name === 'string' ? `${fields.name}:` : '';
  if (name) parts.push(name);
  if (fields.msg !== undefined) parts.push(String(fields.msg));
  let stack = '';
  for (const [key, value] of Object.entries(fields)) {
    if (PRETTY_SKIP.has(key)) continue;
    if (key === 'err' && value !== null && typeof value === 'object' && 'stack' in value) {
      stack = `\n    ${String(value.stack).split('\n').join('\n    ')}`;
      continue;
    }
    parts.push(`${key}=${prettyValue(value)}`);
  }
  return `${parts.join(' ')}${stack}\n`;
}

function prettyStream(destination: DestinationStream): DestinationStream {
  return {
    write(chunk: string): void {
      for (const line of chunk.split('\n')) {
        if (line.trim() !== '') destination.write(formatPrettyLine(line));
      }
    },
  };
}

/**
 * Creates a pino logger. Lines are JSON with `level` as a name (`"info"`), `time` as ISO 8601 UTC (the
 * clock's simulated time when `clock` is given, with microseconds), `name` when given, and no pid/hostname
 * (logs of a backtest are reproducible). Values of `password`, `apiKey`, `secret` and `token` fields are
 * written as `'***'`. Throws {@link ConfigError} (`log.level`) for an unknown level.
 */
export function createLogger(opts: CreateLoggerOptions = {}): Logger {
  const level = opts.level ?? 'info';
  if (!isLogLevel(level)) {
    throw new ConfigError(
      'log.level',
      `unknown log level '${level}'; expected one of ${LOG_LEVELS.join(', ')}`,
    );
  }
  const clock = opts.clock;
  const options: LoggerOptions = {
    level,
    base: {},
    timestamp: clock
      ? () => `,"time":"${isoFromMicros(clock.now())}"`
      : () => `,"time":"${new Date().toISOString()}"`,
    formatters: { level: (label) => ({ level: label }) },
    redact: { paths: [...REDACT_PATHS], censor: '***' },
  };
  if (opts.name !== undefined) options.name = opts.name;
  const destination: DestinationStream = opts.destination ?? pino.destination({ dest: 2, sync: true });
  return pino(options, opts.pretty ? prettyStream(destination) : destination);
}
