/**
 * IB's 5-second real-time bars (`reqRealTimeBars`) as kernel bars, and larger bars made from them
 * by the kernel's own `BarResampler`. The subscription is registered with `IbConnection.subscribe`,
 * so it is re-issued after a reconnect (and after 1101); IB stamps each bar at its OPEN, the kernel
 * at its close (open + 5 s); each bar is emitted once (a re-issue never repeats an emitted time).
 */
import { EventName, type IBApi, WhatToShow } from '@stoqey/ib';
import { type Log, silentLog } from '../../../core/log.js';
import { type BarHandler, BarResampler, type TimeBarOptions } from '../../../data/aggregation/index.js';
import { type Bar, BarType, bar, type PriceType } from '../../../model/data.js';
import { Grid } from '../../../model/grid.js';
import { MICROS_PER_SECOND, type UnixMicros } from '../../../model/time.js';
import type { IbBarRow } from './bar-assembler.js';
import type { IbConnection } from './connection.js';
import type { ResolvedContract } from './contracts.js';
import { IbRequestError, isIbWarningCode } from './errors.js';
import type { IbRequests } from './requests.js';
import { StreamRegistration } from './stream-registration.js';

/** IB's only real-time bar length. */
export const REALTIME_BAR_SECONDS = 5;

/** `whatToShow` of each kernel price type. */
const WHAT_TO_SHOW: Readonly<Record<PriceType, WhatToShow>> = {
  last: WhatToShow.TRADES,
  mid: WhatToShow.MIDPOINT,
  bid: WhatToShow.BID,
  ask: WhatToShow.ASK,
};

/**
 * A kernel bar from IB's open-stamped row: stamped at its close (open + the bar type's length),
 * prices snapped to `grid`, negative volumes (IB's "none" for quote bars) as 0.
 */
export function kernelBarFromIb(barType: BarType, grid: Grid, row: IbBarRow, tsInit?: UnixMicros): Bar {
  const close = row.time + barType.durationMicros;
  return bar(
    barType,
    grid.round(row.open),
    grid.round(row.high),
    grid.round(row.low),
    grid.round(row.close),
    Math.max(0, row.volume),
    close,
    tsInit ?? close,
  );
}

export interface IbRealTimeBarsOptions {
  readonly connection: IbConnection;
  /** Gives request ids (shared with the other requests of the connection). */
  readonly requests: IbRequests;
  readonly contract: ResolvedContract;
  /** last → TRADES (default), mid → MIDPOINT, bid → BID, ask → ASK. */
  readonly priceType?: PriceType;
  /** Each 5-second bar, once, in time order, stamped at its close. */
  readonly onBar: (bar: Bar) => void;
  /** Regular trading hours only (default false). */
  readonly useRth?: boolean;
  /** tsInit of emitted bars (default: their close). */
  readonly clock?: { now(): UnixMicros };
  /** IB errors about the request (420 invalid query, 200 no contract, …). Default: logged. */
  readonly onError?: (error: IbRequestError) => void;
  readonly log?: Log;
}

export class IbRealTimeBars {
  /** `<instrument>-5-SECOND-<price type>`. */
  readonly barType: BarType;
  private readonly grid: Grid;
  private readonly whatToShow: WhatToShow;
  private readonly log: Log;
  private readonly stream: StreamRegistration;
  private lastClose: UnixMicros | undefined;

  constructor(private readonly options: IbRealTimeBarsOptions) {
    const priceType = options.priceType ?? 'last';
    const instrument = options.contract.instrument;
    this.barType = BarType.of(instrument.id, REALTIME_BAR_SECONDS, 'second', priceType);
    // Midpoints fall on half ticks.
    this.grid = priceType === 'mid' ? new Grid(instrument.priceGrid.increment / 2) : instrument.priceGrid;
    this.whatToShow = WHAT_TO_SHOW[priceType];
    this.log = options.log ?? silentLog;
    this.stream = new StreamRegistration(options.connection, options.requests, `rtbars:${this.barType.key}`, {
      attach: (api) => this.attach(api),
      issue: (api, reqId) => this.issue(api, reqId),
      cancel: (api, reqId) => api.cancelRealTimeBars(reqId),
    });
  }

  /** Request id of the current issue (changes with every re-issue). */
  get reqId(): number | undefined {
    return this.stream.reqId;
  }

  /** Close time of the last bar emitted. */
  get lastEmitted(): UnixMicros | undefined {
    return this.lastClose;
  }

  /** Registers the subscription (sent now if ready, again after every reconnect). */
  start(): this {
    this.stream.start();
    return this;
  }

  /** Cancels at IB and removes the registration; no bar is emitted afterwards. */
  stop(): void {
    this.stream.stop();
  }

  private issue(api: IBApi, reqId: number): void {
    this.log.info(`ib: real-time bars ${this.barType.key}: reqRealTimeBars ${reqId}`);
    api.reqRealTimeBars(
      reqId,
      this.options.contract.contract,
      REALTIME_BAR_SECONDS,
      this.whatToShow,
      this.options.useRth ?? false,
    );
  }

  private attach(api: IBApi): void {
    api.on(EventName.realtimeBar, (reqId, time, open, high, low, close, volume) => {
      if (reqId !== this.stream.reqId) return;
      const row = { time: time * MICROS_PER_SECOND, open, high, low, close, volume: Number(volume) };
      const out = kernelBarFromIb(this.barType, this.grid, row, this.options.clock?.now());
      if (this.lastClose !== undefined && out.tsEvent <= this.lastClose) return;
      this.lastClose = out.tsEvent;
      this.options.onBar(out);
    });
    api.on(EventName.error, (error: Error, code: number, reqId: number) => {
      if (reqId !== this.stream.reqId || isIbWarningCode(code)) return;
      const failure = new IbRequestError(`reqRealTimeBars(${this.barType.key})`, reqId, code, error.message);
      if (this.options.onError) this.options.onError(failure);
      else this.log.error(`ib: real-time bars ${this.barType.key}: ${failure.message}`);
    });
  }
}

/**
 * Larger bars from 5-second bars through the kernel's `BarResampler`: aligned on the target's
 * grid (UTC days unless `options` say otherwise), stamped at their close, emitted as soon as the
 * 5-second bar reaching their end arrives, else when a later bar arrives (IB sends no bar for a
 * quiet 5 s) or by `advanceTo(time)` / `flush()`. Feed it `IbRealTimeBars`' `onBar`.
 */
export function resampleRealTimeBars(
  source: BarType,
  target: BarType,
  onBar: BarHandler,
  options: TimeBarOptions = {},
): BarResampler {
  if (target.instrumentId !== source.instrumentId || target.priceType !== source.priceType)
    throw new RangeError(
      `target: ${target.key} is not a bar type of ${source.instrumentId} ${source.priceType} prices`,
    );
  if (!(target.durationMicros > source.durationMicros && target.durationMicros % source.durationMicros === 0))
    throw new RangeError(`target: ${target.key} is not a whole multiple (> 1) of ${source.key}`);
  return new BarResampler(target, onBar, options);
}
