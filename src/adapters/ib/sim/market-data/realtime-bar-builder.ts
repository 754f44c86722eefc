/**
 * One stream of 5-second bars (IB's real-time bars): prices folded into buckets aligned on
 * multiples of 5 s since the epoch, completed once data time reaches the bucket's end. A bucket
 * that saw no data produces no bar.
 */
import type { UnixMicros } from '../../../../model/time.js';
import type { IbBarRow } from '../../client/bar-assembler.js';
import { bucketStart } from './bar-buckets.js';

/** IB's only real-time bar length. */
export const REALTIME_BAR_MICROS = 5_000_000;

/** A completed 5-second bar as `realtimeBar` carries it (`time` = its OPEN; volume 0 for quote-built bars). */
export interface RealTimeBar extends IbBarRow {
  /** Σ price·size / Σ size; the close when there was no size. */
  readonly wap: number;
  /** Trades folded in (−1 when built from bars or quotes, whose trade count is unknown). */
  readonly count: number;
}

/**
 * One observation: a trade or quote price (high = low = open = close), or a source bar; `time` is
 * a tick's time or a source bar's open, `volume` 0 for quotes.
 */
export interface RealTimeBarInput extends IbBarRow {
  /** Trades it stands for (−1: unknown). */
  readonly trades: number;
}

interface Running {
  time: UnixMicros;
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  /** Σ close·volume, for the WAP. */
  notional: number;
  trades: number;
}

export class RealTimeBarBuilder {
  private bar: Running | undefined;

  /** Open time of the bar in progress. */
  get pendingOpen(): UnixMicros | undefined {
    return this.bar?.time;
  }

  /**
   * Folds one observation in; returns the bar it completed first when it falls in a later bucket
   * (its caller should also have called `closeDue` with the data time already).
   */
  add(input: RealTimeBarInput): RealTimeBar | undefined {
    const time = bucketStart(input.time, REALTIME_BAR_MICROS);
    const b = this.bar;
    if (b !== undefined && time < b.time)
      throw new RangeError(`real-time bars: data at ${input.time} is before the bar in progress (${b.time})`);
    const completed = b !== undefined && time > b.time ? this.take() : undefined;
    const into = this.bar;
    if (into === undefined)
      this.bar = {
        time,
        open: input.open,
        high: input.high,
        low: input.low,
        close: input.close,
        volume: input.volume,
        notional: input.close * input.volume,
        trades: input.trades,
      };
    else {
      into.high = Math.max(into.high, input.high);
      into.low = Math.min(into.low, input.low);
      into.close = input.close;
      into.volume += input.volume;
      into.notional += input.close * input.volume;
      into.trades = into.trades < 0 || input.trades < 0 ? -1 : into.trades + input.trades;
    }
    return completed;
  }

  /** Completes the bar in progress when `time` is at or past its end. */
  closeDue(time: UnixMicros): RealTimeBar | undefined {
    const b = this.bar;
    return b !== undefined && time >= b.time + REALTIME_BAR_MICROS ? this.take() : undefined;
  }

  private take(): RealTimeBar | undefined {
    const b = this.bar;
    this.bar = undefined;
    if (b === undefined) return undefined;
    return {
      time: b.time,
      open: b.open,
      high: b.high,
      low: b.low,
      close: b.close,
      volume: b.volume,
      wap: b.volume > 0 ? b.notional / b.volume : b.close,
      count: b.trades,
    };
  }
}
