/**
 * A kernel log that also reaches the dashboard: each line goes to the underlying log (the
 * terminal) and to whoever listens (the server streams them on the `logs` channel).
 */
import { type Log, silentLog } from '../core/log.js';
import type { LogView } from './api-types.js';

export type LogListener = (level: LogView['level'], message: string) => void;

export class LogRelay implements Log {
  private readonly listeners = new Set<LogListener>();

  constructor(private readonly base: Log = silentLog) {}

  /** Adds a listener; returns a function that removes it. */
  listen(listener: LogListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  debug(message: string): void {
    this.base.debug(message);
  }

  info(message: string): void {
    this.relay('info', message);
  }

  warn(message: string): void {
    this.relay('warn', message);
  }

  error(message: string): void {
    this.relay('error', message);
  }

  private relay(level: LogView['level'], message: string): void {
    this.base[level](message);
    for (const listener of this.listeners) listener(level, message);
  }
}
