/**
 * Turns IB's open-stamped bar rows (history, then keepUpToDate updates that repeat the bar in
 * progress) into kernel bars stamped at their CLOSE, each emitted exactly once, in order, when it
 * is complete: when a row for a later bar arrives, or when the gateway's time reaches its end.
 * Rows for bars already emitted are dropped (a re-issued subscription repeats history).
 */
import { type Bar, type BarType, bar } from '../../../model/data.js';
import type { Grid } from '../../../model/grid.js';
import type { UnixMicros } from '../../../model/time.js';

/** One bar as IB sends it: `time` is its OPEN. */
export interface IbBarRow {
  readonly time: UnixMicros;
  readonly open: number;
  readonly high: number;
  readonly low: number;
  readonly close: number;
  readonly volume: number;
}

export class BarAssembler {
  private pending: IbBarRow | undefined;
  private lastEmittedOpen: UnixMicros | undefined;

  constructor(
    readonly barType: BarType,
    private readonly grid: Grid,
    private readonly emit: (bar: Bar) => void,
    private readonly tsInit: () => UnixMicros | undefined = () => undefined,
  ) {
    if (barType.durationMicros <= 0)
      throw new RangeError(`barType ${barType.key}: only bars of a fixed length can come from IB`);
  }

  /** Close time (kernel stamp) of the last bar emitted. */
  get lastEmitted(): UnixMicros | undefined {
    return this.lastEmittedOpen === undefined
      ? undefined
      : this.lastEmittedOpen + this.barType.durationMicros;
  }

  /** Open time of the bar in progress, if any. */
  get pendingOpen(): UnixMicros | undefined {
    return this.pending?.time;
  }

  /** Treats every bar closing at or before `time` as emitted already (no history replay). */
  markEmittedThrough(time: UnixMicros): void {
    const open = time - this.barType.durationMicros;
    if (this.lastEmittedOpen === undefined || open > this.lastEmittedOpen) this.lastEmittedOpen = open;
  }

  /** A history row or an update: a later bar completes the pending one. */
  update(row: IbBarRow): void {
    if (this.lastEmittedOpen !== undefined && row.time <= this.lastEmittedOpen) return;
    if (this.pending !== undefined && row.time < this.pending.time) return; // stale
    if (this.pending !== undefined && row.time > this.pending.time) this.complete();
    this.pending = row;
  }

  /** Emits the pending bar when `gatewayTime` is at or past its end. Returns it if emitted. */
  closeDue(gatewayTime: UnixMicros): Bar | undefined {
    if (this.pending === undefined || this.pending.time + this.barType.durationMicros > gatewayTime)
      return undefined;
    return this.complete();
  }

  /** Forgets the bar in progress (a re-issued request delivers it again). */
  resetPending(): void {
    this.pending = undefined;
  }

  private complete(): Bar | undefined {
    const row = this.pending;
    if (row === undefined) return undefined;
    this.pending = undefined;
    this.lastEmittedOpen = row.time;
    const close = row.time + this.barType.durationMicros;
    const g = this.grid;
    const out = bar(
      this.barType,
      g.round(row.open),
      g.round(row.high),
      g.round(row.low),
      g.round(row.close),
      row.volume,
      close,
      this.tsInit() ?? close,
    );
    this.emit(out);
    return out;
  }
}
