import type { UnixMicros } from '../model/time.js';

export interface TimeEvent {
  readonly name: string;
  /** When the timer was due. */
  readonly tsEvent: UnixMicros;
}

export type TimeEventHandler = (event: TimeEvent) => void;

export interface TimerOptions {
  /** First firing time (default: now + interval). */
  readonly start?: UnixMicros;
  /** No firing after this time. */
  readonly stop?: UnixMicros;
}

/** The kernel's only source of time: a strategy asks the clock, never `Date.now()`. */
export interface Clock {
  now(): UnixMicros;
  /** Repeating timer every `intervalMicros`. Names are unique per clock. */
  setTimer(name: string, intervalMicros: number, handler: TimeEventHandler, options?: TimerOptions): void;
  /** One-shot alert at `time`. */
  setTimeAlert(name: string, time: UnixMicros, handler: TimeEventHandler): void;
  cancelTimer(name: string): void;
  timerNames(): string[];
}

interface Timer {
  readonly name: string;
  next: UnixMicros;
  readonly interval: number;
  readonly stop: UnixMicros;
  readonly handler: TimeEventHandler;
}

function checkTimer(timers: Map<string, unknown>, name: string, intervalMicros: number): void {
  if (timers.has(name)) throw new RangeError(`timer '${name}' already exists`);
  if (!(intervalMicros > 0))
    throw new RangeError(`timer '${name}': interval must be positive, got ${intervalMicros}`);
}

/**
 * Backtest clock: time moves only when the engine advances it, firing due timers in time order
 * (ties in creation order) with `now()` equal to each timer's due time while its handler runs.
 */
export class TestClock implements Clock {
  private time: UnixMicros;
  private readonly timers = new Map<string, Timer>();
  /** Earliest due time of any timer (Infinity when none): one compare per data point. */
  nextDue: UnixMicros = Number.POSITIVE_INFINITY;

  constructor(start: UnixMicros = 0) {
    this.time = start;
  }

  now(): UnixMicros {
    return this.time;
  }

  setTimer(
    name: string,
    intervalMicros: number,
    handler: TimeEventHandler,
    options: TimerOptions = {},
  ): void {
    checkTimer(this.timers, name, intervalMicros);
    const next = options.start ?? this.time + intervalMicros;
    this.timers.set(name, {
      name,
      next,
      interval: intervalMicros,
      stop: options.stop ?? Number.POSITIVE_INFINITY,
      handler,
    });
    this.recomputeNextDue();
  }

  setTimeAlert(name: string, time: UnixMicros, handler: TimeEventHandler): void {
    if (this.timers.has(name)) throw new RangeError(`timer '${name}' already exists`);
    this.timers.set(name, { name, next: time, interval: 0, stop: time, handler });
    this.recomputeNextDue();
  }

  cancelTimer(name: string): void {
    this.timers.delete(name);
    this.recomputeNextDue();
  }

  timerNames(): string[] {
    return [...this.timers.keys()];
  }

  /** Sets the time without firing timers (must not go backwards). */
  setTime(time: UnixMicros): void {
    if (time < this.time) throw new RangeError(`test clock cannot go back from ${this.time} to ${time}`);
    this.time = time;
  }

  /** Advances to `time`, firing every timer due at or before it. Returns the number fired. */
  advanceTo(time: UnixMicros): number {
    if (time < this.time) throw new RangeError(`test clock cannot go back from ${this.time} to ${time}`);
    let fired = 0;
    while (this.nextDue <= time) {
      let due: Timer | undefined;
      for (const timer of this.timers.values()) if (!due || timer.next < due.next) due = timer;
      if (!due) break;
      this.time = Math.max(this.time, due.next);
      const event: TimeEvent = { name: due.name, tsEvent: due.next };
      if (due.interval > 0 && due.next + due.interval <= due.stop) due.next += due.interval;
      else this.timers.delete(due.name);
      this.recomputeNextDue();
      due.handler(event);
      fired++;
    }
    this.time = time;
    return fired;
  }

  private recomputeNextDue(): void {
    let next = Number.POSITIVE_INFINITY;
    for (const timer of this.timers.values()) if (timer.next < next) next = timer.next;
    this.nextDue = next;
  }
}

/** setTimeout's largest delay (2^31 - 1 ms); a longer one would fire at once, so we re-arm in steps. */
const MAX_TIMEOUT_MS = 2_147_483_647;

/** Wall-clock time in microseconds; monotonic within the process (hrtime offset from one epoch read). */
export class LiveClock implements Clock {
  private readonly epochMicros = Date.now() * 1000;
  private readonly startHr = process.hrtime.bigint();
  private readonly handles = new Map<string, NodeJS.Timeout>();

  now(): UnixMicros {
    return this.epochMicros + Number((process.hrtime.bigint() - this.startHr) / 1000n);
  }

  setTimer(
    name: string,
    intervalMicros: number,
    handler: TimeEventHandler,
    options: TimerOptions = {},
  ): void {
    checkTimer(this.handles, name, intervalMicros);
    let next = options.start ?? this.now() + intervalMicros;
    const stop = options.stop ?? Number.POSITIVE_INFINITY;
    const schedule = (): void =>
      this.at(name, next, () => {
        const event: TimeEvent = { name, tsEvent: next };
        next += intervalMicros;
        if (next <= stop) schedule();
        else this.handles.delete(name);
        handler(event);
      });
    schedule();
  }

  setTimeAlert(name: string, time: UnixMicros, handler: TimeEventHandler): void {
    if (this.handles.has(name)) throw new RangeError(`timer '${name}' already exists`);
    this.at(name, time, () => {
      this.handles.delete(name);
      handler({ name, tsEvent: time });
    });
  }

  /** Runs `fire` at `time`, waiting in steps no longer than setTimeout allows. */
  private at(name: string, time: UnixMicros, fire: () => void): void {
    const delayMs = Math.max(0, (time - this.now()) / 1000);
    const handle =
      delayMs > MAX_TIMEOUT_MS
        ? setTimeout(() => this.at(name, time, fire), MAX_TIMEOUT_MS)
        : setTimeout(fire, delayMs);
    this.handles.set(name, handle);
  }

  cancelTimer(name: string): void {
    const handle = this.handles.get(name);
    if (handle) clearTimeout(handle);
    this.handles.delete(name);
  }

  timerNames(): string[] {
    return [...this.handles.keys()];
  }

  /** Cancels every timer (so the process can exit). */
  cancelAll(): void {
    for (const name of [...this.handles.keys()]) this.cancelTimer(name);
  }
}
