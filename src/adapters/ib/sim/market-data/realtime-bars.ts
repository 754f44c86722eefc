/**
 * `reqRealTimeBars` over the replay: 5-second bars per instrument and source — TRADES from
 * replayed trades (or bars of 1 or 5 s), BID / ASK / MIDPOINT from replayed quotes — sent as
 * `realtimeBar` (stamped at the OPEN) to every subscriber once replayed data reaches the bar's
 * end. Buckets without data send nothing. The bars are built for every instrument whether or not
 * anyone subscribed, so a subscriber joining mid-bar still gets the whole bar (as from IB's servers).
 */
import type { Bar, QuoteTick, TradeTick } from '../../../../model/data.js';
import { Grid } from '../../../../model/grid.js';
import type { InstrumentId } from '../../../../model/identifiers.js';
import type { UnixMicros } from '../../../../model/time.js';
import type { SimConnection, SimServer } from '../handlers/types.js';
import { sourceOpen } from './bar-buckets.js';
import { realtimeBarMessage } from './messages.js';
import {
  REALTIME_BAR_MICROS,
  type RealTimeBar,
  RealTimeBarBuilder,
  type RealTimeBarInput,
} from './realtime-bar-builder.js';
import { inRegularHours } from './regular-hours.js';
import type { MarketDataTarget } from './target.js';

export type RealTimeWhatToShow = 'TRADES' | 'MIDPOINT' | 'BID' | 'ASK';
export const REALTIME_WHAT_TO_SHOW: readonly RealTimeWhatToShow[] = ['TRADES', 'MIDPOINT', 'BID', 'ASK'];

/** IB's code for a real-time bar request it cannot serve ("Invalid Real-time Query"). */
export const INVALID_REALTIME_QUERY = 420;

interface RealTimeSub {
  readonly c: SimConnection;
  readonly reqId: number;
  readonly target: MarketDataTarget;
  readonly what: RealTimeWhatToShow;
  readonly useRth: boolean;
  /** Trades/bid/ask on the contract's tick grid; midpoints on the half-tick grid. */
  readonly grid: Grid;
}

const quoteInput = (time: UnixMicros, price: number): RealTimeBarInput => ({
  time,
  open: price,
  high: price,
  low: price,
  close: price,
  volume: 0,
  trades: -1,
});

export class RealTimeBars {
  private readonly builders = new Map<string, RealTimeBarBuilder>();
  private readonly subs = new Map<string, RealTimeSub>();
  private readonly tradesSeen = new Set<InstrumentId>();
  private readonly quotesSeen = new Set<InstrumentId>();

  constructor(
    private readonly sim: SimServer,
    /** Length of the replayed bars of an instrument, if any (from the historical-bars history). */
    private readonly sourceLength: (id: InstrumentId) => number | undefined,
  ) {}

  /** Why a request cannot be served from this replay (IB error 420's text), or undefined. */
  refusal(target: MarketDataTarget, what: RealTimeWhatToShow): string | undefined {
    const id = target.instrument.id;
    if ((what === 'TRADES' ? this.tradesSeen : this.quotesSeen).has(id)) return undefined;
    const length = this.sourceLength(id);
    if (length === undefined) return undefined; // nothing replayed yet: ticks may still come
    if (what === 'TRADES' && length > 0 && REALTIME_BAR_MICROS % length === 0) return undefined;
    const needs = what === 'TRADES' ? 'trades (or bars of 1 or 5 s)' : 'quotes';
    return `Invalid Real-time Query: the replay holds only ${length / 1_000_000} s bars of ${target.contract.localSymbol}; 5-second ${what} bars need replayed ${needs}`;
  }

  request(
    c: SimConnection,
    reqId: number,
    target: MarketDataTarget,
    what: RealTimeWhatToShow,
    useRth: boolean,
  ): void {
    const tick = target.instrument.priceGrid.increment;
    const grid = what === 'MIDPOINT' ? new Grid(tick / 2) : target.instrument.priceGrid;
    this.subs.set(subKey(c, reqId), { c, reqId, target, what, useRth, grid });
  }

  cancel(c: SimConnection, reqId: number): void {
    this.subs.delete(subKey(c, reqId));
  }

  dropConnection(c: SimConnection): void {
    for (const [key, sub] of this.subs) if (sub.c === c) this.subs.delete(key);
  }

  /** Data time reached `time`: every bar ending at or before it is complete. */
  advance(time: UnixMicros): void {
    for (const [key, builder] of this.builders) {
      const bar = builder.closeDue(time);
      if (bar !== undefined) this.publish(key, bar);
    }
  }

  onTrade(trade: TradeTick): void {
    this.tradesSeen.add(trade.instrumentId);
    const p = trade.price;
    this.add(trade.instrumentId, 'TRADES', {
      time: trade.tsEvent,
      open: p,
      high: p,
      low: p,
      close: p,
      volume: trade.size,
      trades: 1,
    });
  }

  onQuote(quote: QuoteTick): void {
    this.quotesSeen.add(quote.instrumentId);
    const t = quote.tsEvent;
    this.add(quote.instrumentId, 'BID', quoteInput(t, quote.bidPrice));
    this.add(quote.instrumentId, 'ASK', quoteInput(t, quote.askPrice));
    this.add(quote.instrumentId, 'MIDPOINT', quoteInput(t, (quote.bidPrice + quote.askPrice) / 2));
  }

  /** A replayed bar of 1 or 5 s is TRADES data (longer bars cannot make 5-second bars). */
  onBar(bar: Bar): void {
    const length = bar.barType.durationMicros;
    if (!(length > 0 && REALTIME_BAR_MICROS % length === 0)) return;
    const id = bar.barType.instrumentId;
    const { open, high, low, close, volume } = bar;
    this.add(id, 'TRADES', { time: sourceOpen(bar), open, high, low, close, volume, trades: -1 });
    // The bar's close is data time: a bar ending on a 5-s boundary completes its bucket now.
    const key = builderKey(id, 'TRADES');
    const done = this.builders.get(key)?.closeDue(bar.tsEvent);
    if (done !== undefined) this.publish(key, done);
  }

  private add(id: InstrumentId, what: RealTimeWhatToShow, input: RealTimeBarInput): void {
    const key = builderKey(id, what);
    let builder = this.builders.get(key);
    if (builder === undefined) {
      builder = new RealTimeBarBuilder();
      this.builders.set(key, builder);
    }
    const completed = builder.add(input);
    if (completed !== undefined) this.publish(key, completed);
  }

  private publish(key: string, bar: RealTimeBar): void {
    for (const [subId, sub] of this.subs) {
      if (builderKey(sub.target.instrument.id, sub.what) !== key) continue;
      if (sub.c.socket.destroyed) {
        this.subs.delete(subId);
        continue;
      }
      if (sub.useRth && !inRegularHours(sub.target.contract, bar.time)) continue;
      const g = sub.grid;
      this.sim.send(
        sub.c,
        realtimeBarMessage(sub.reqId, {
          ...bar,
          open: g.round(bar.open),
          high: g.round(bar.high),
          low: g.round(bar.low),
          close: g.round(bar.close),
          // A WAP is not a grid price; 8 decimals keep float noise off the wire.
          wap: Math.round(bar.wap * 1e8) / 1e8,
        }),
      );
    }
  }
}

function builderKey(id: InstrumentId, what: RealTimeWhatToShow): string {
  return `${id}|${what}`;
}

function subKey(c: SimConnection, reqId: number): string {
  return `${c.id}:${reqId}`;
}
