/**
 * `reqHistoricalData` over the replay: the history of replayed bars up to the simulator's now
 * (aggregated to the requested size, stamped at their open as IB does), then — with keepUpToDate —
 * one `historicalDataUpdate` per replayed source bar with the bar in progress, and, when a bar is
 * complete and the next source bar is already known and opens where it closes, an update for that
 * next bar as it opens (open=high=low=close, volume 0): how real IB shows the previous bar is done.
 */
import type { Bar, MarketData } from '../../../../model/data.js';
import type { InstrumentId } from '../../../../model/identifiers.js';
import type { UnixMicros } from '../../../../model/time.js';
import type { SimConnection, SimServer } from '../handlers/types.js';
import { formatConnectionTime } from '../time-format.js';
import { aggregateBars, bucketStart, foldBar, type IbBar, openingBar, sourceOpen } from './bar-buckets.js';
import { historicalDataMessage, historicalDataUpdateMessage } from './messages.js';
import { inRegularHours } from './regular-hours.js';
import type { MarketDataTarget } from './target.js';

export interface HistoricalBarsRequest {
  readonly reqId: number;
  readonly target: MarketDataTarget;
  /** Bar length asked for, micros. */
  readonly lengthMicros: number;
  readonly start: UnixMicros;
  readonly end: UnixMicros;
  readonly useRth: boolean;
  /** 1: `yyyyMMdd HH:mm:ss US/Central`; 2: epoch seconds. */
  readonly formatDate: 1 | 2;
  readonly keepUpToDate: boolean;
}

interface LiveBars {
  readonly c: SimConnection;
  readonly request: HistoricalBarsRequest;
  /** The bar in progress (undefined between a completed bar and the next source bar). */
  current: IbBar | undefined;
}

/** Formats a bar's open time for the client: text (Chicago) or epoch seconds. */
export function formatBarTime(time: UnixMicros, formatDate: 1 | 2): string {
  return formatDate === 2 ? String(Math.floor(time / 1_000_000)) : formatConnectionTime(time);
}

export class HistoricalBars {
  /** Replayed source bars by instrument (one bar type per instrument: the first seen). */
  private readonly history = new Map<InstrumentId, Bar[]>();
  private readonly live = new Map<string, LiveBars>();

  constructor(
    private readonly sim: SimServer,
    /** The replay's next item when already known (for the "next bar opens" update). */
    private readonly upcoming: () => MarketData | undefined,
  ) {}

  /** Length of the replayed bars of an instrument (from history or the next item), if any. */
  sourceLength(id: InstrumentId): number | undefined {
    const first = this.history.get(id)?.[0];
    if (first !== undefined) return first.barType.durationMicros;
    const next = this.upcoming();
    return next?.kind === 'bar' && next.barType.instrumentId === id ? next.barType.durationMicros : undefined;
  }

  /** Answers one request; keeps it live when keepUpToDate. */
  request(c: SimConnection, request: HistoricalBarsRequest): void {
    const { target, lengthMicros, formatDate } = request;
    const source = (this.history.get(target.instrument.id) ?? []).filter(
      (b) =>
        sourceOpen(b) >= request.start &&
        b.tsEvent <= request.end &&
        (!request.useRth || inRegularHours(target.contract, sourceOpen(b))),
    );
    const bars = aggregateBars(source, lengthMicros).map((b) => this.onGrid(b, request));
    const rows = bars.map((bar) => ({ date: formatBarTime(bar.time, formatDate), bar }));
    this.sim.send(
      c,
      historicalDataMessage(
        request.reqId,
        formatConnectionTime(request.start),
        formatConnectionTime(request.end),
        rows,
      ),
    );
    if (!request.keepUpToDate) return;
    const last = bars.at(-1);
    const lastSource = source.at(-1);
    const complete = last === undefined || lastSource?.tsEvent === last.time + lengthMicros;
    const sub: LiveBars = { c, request, current: complete ? undefined : last };
    this.live.set(liveKey(c, request.reqId), sub);
    if (complete && lastSource !== undefined) this.sendOpening(sub, lastSource, this.upcoming());
  }

  /** cancelHistoricalData. */
  cancel(c: SimConnection, reqId: number): void {
    this.live.delete(liveKey(c, reqId));
  }

  dropConnection(c: SimConnection): void {
    for (const [key, sub] of this.live) if (sub.c === c) this.live.delete(key);
  }

  /** A replayed bar: into the history, then an update to every live request on its instrument. */
  onBar(bar: Bar, next: MarketData | undefined): void {
    const id = bar.barType.instrumentId;
    let bars = this.history.get(id);
    if (bars === undefined) {
      bars = [];
      this.history.set(id, bars);
    }
    if (bars.length > 0 && bars[0].barType !== bar.barType) {
      this.sim.log.debug(
        `ib-gateway-sim: ignoring ${bar.barType.key} for history (serving ${bars[0].barType.key})`,
      );
      return;
    }
    bars.push(bar);
    for (const sub of this.live.values()) {
      const { request } = sub;
      if (request.target.instrument.id !== id) continue;
      if (request.useRth && !inRegularHours(request.target.contract, sourceOpen(bar))) continue;
      const start = bucketStart(sourceOpen(bar), request.lengthMicros);
      sub.current = this.onGrid(
        foldBar(sub.current?.time === start ? sub.current : undefined, bar, request.lengthMicros),
        request,
      );
      this.sendUpdate(sub, sub.current);
      if (bar.tsEvent === sub.current.time + request.lengthMicros) {
        sub.current = undefined;
        this.sendOpening(sub, bar, next);
      }
    }
  }

  /** After a completed bar: the next bar as it opens, when the next source bar is known and adjacent. */
  private sendOpening(sub: LiveBars, completed: Bar, next: MarketData | undefined): void {
    if (next?.kind !== 'bar' || next.barType !== completed.barType) return;
    if (sourceOpen(next) !== completed.tsEvent) return;
    if (sub.request.useRth && !inRegularHours(sub.request.target.contract, sourceOpen(next))) return;
    this.sendUpdate(sub, this.onGrid(openingBar(completed.tsEvent, next.open), sub.request));
  }

  private sendUpdate(sub: LiveBars, bar: IbBar): void {
    if (sub.c.socket.destroyed) {
      this.dropConnection(sub.c);
      return;
    }
    this.sim.send(
      sub.c,
      historicalDataUpdateMessage(sub.request.reqId, formatBarTime(bar.time, sub.request.formatDate), bar),
    );
  }

  /** Snaps a bar's prices to the contract's tick grid (the wire never carries float noise). */
  private onGrid(bar: IbBar, request: HistoricalBarsRequest): IbBar {
    const grid = request.target.instrument.priceGrid;
    return {
      ...bar,
      open: grid.round(bar.open),
      high: grid.round(bar.high),
      low: grid.round(bar.low),
      close: grid.round(bar.close),
    };
  }
}

function liveKey(c: SimConnection, reqId: number): string {
  return `${c.id}:${reqId}`;
}
