/**
 * A scripted strategy run through the real BacktestEngine (kernel, risk, contingencies and the
 * simulated exchange), for hand-computed tests of the venue's behaviour.
 */
import { BacktestEngine, type VenueConfig } from '../../src/backtest/engine.js';
import type { BacktestResult } from '../../src/backtest/result.js';
import {
  type Bar,
  BarType,
  bar,
  type MarketData,
  type QuoteTick,
  type TradeTick,
} from '../../src/model/data.js';
import type { InstrumentId } from '../../src/model/identifiers.js';
import { equity, type Instrument } from '../../src/model/instruments.js';
import type { Order } from '../../src/model/order.js';
import type { OrderEvent, OrderEventKind, OrderFilled } from '../../src/model/order-events.js';
import {
  MICROS_PER_MINUTE,
  MICROS_PER_SECOND,
  microsFromIso,
  type UnixMicros,
} from '../../src/model/time.js';
import { Strategy } from '../../src/strategy/strategy.js';

/** A stock on venue SIM: 0.01 price grid, whole shares. */
export const STOCK = equity({ symbol: 'TEST', venue: 'SIM' });
export const STOCK_1M = BarType.of(STOCK.id, 1, 'minute');
export const STOCK_1S = BarType.of(STOCK.id, 1, 'second');
/** Close time of bar 0 of `minuteBars`: 2024-01-02T14:31:00Z (a Tuesday; bar 0 covers 14:30–14:31). */
export const T0 = microsFromIso('2024-01-02T14:31:00Z');

export type Ohlc = readonly [open: number, high: number, low: number, close: number];

/** One-minute bars; bar i closes at `start + i` minutes (and opens a minute earlier). */
export function minuteBars(rows: readonly Ohlc[], start = T0, barType = STOCK_1M): Bar[] {
  return rows.map(([o, h, l, c], i) => bar(barType, o, h, l, c, 1_000, start + i * MICROS_PER_MINUTE));
}

/** One-second bars; bar i closes at `start + i` seconds. */
export function secondBars(rows: readonly Ohlc[], start = T0): Bar[] {
  return rows.map(([o, h, l, c], i) => bar(STOCK_1S, o, h, l, c, 1_000, start + i * MICROS_PER_SECOND));
}

/** Open time of minute bar i (the time fills on it are stamped with). */
export const openOf = (i: number, start = T0): UnixMicros => start + (i - 1) * MICROS_PER_MINUTE;
export const closeOf = (i: number, start = T0): UnixMicros => start + i * MICROS_PER_MINUTE;

export function quote(
  ts: UnixMicros,
  bidPrice: number,
  bidSize: number,
  askPrice: number,
  askSize: number,
  instrumentId: InstrumentId = STOCK.id,
): QuoteTick {
  return { kind: 'quote', instrumentId, bidPrice, askPrice, bidSize, askSize, tsEvent: ts, tsInit: ts };
}

let tradeSequence = 0;
export function trade(ts: UnixMicros, price: number, size = 1_000, instrumentId = STOCK.id): TradeTick {
  return {
    kind: 'trade',
    instrumentId,
    price,
    size,
    aggressor: 'none',
    tradeId: `X${++tradeSequence}`,
    tsEvent: ts,
    tsInit: ts,
  };
}

export type Step = (strategy: Scripted, data: MarketData) => void;

/** An order event and the clock time the strategy received it at. */
export interface SeenEvent {
  readonly event: OrderEvent;
  readonly at: UnixMicros;
}

/**
 * Subscribes to the data of one instrument and, on the n-th item it receives (0-based), runs
 * `script[n]`. Records every order event with the time it arrived.
 */
export class Scripted extends Strategy {
  readonly seen: SeenEvent[] = [];
  private index = 0;
  onEvent: ((s: Scripted, event: OrderEvent) => void) | undefined;

  constructor(
    private readonly feed: 'bars' | 'quotes' | 'trades',
    private readonly barType: BarType,
    private readonly script: Readonly<Record<number, Step>>,
  ) {
    super('T', {});
  }

  get events(): OrderEvent[] {
    return this.seen.map((s) => s.event);
  }

  protected override onStart(): void {
    if (this.feed === 'bars') this.subscribeBars(this.barType);
    else if (this.feed === 'quotes') this.subscribeQuotes(this.barType.instrumentId);
    else this.subscribeTrades(this.barType.instrumentId);
  }

  override onBar(data: Bar): void {
    this.script[this.index++]?.(this, data);
  }

  override onQuote(data: QuoteTick): void {
    this.script[this.index++]?.(this, data);
  }

  override onTrade(data: TradeTick): void {
    this.script[this.index++]?.(this, data);
  }

  override onOrderEvent(event: OrderEvent): void {
    this.seen.push({ event, at: this.clock.now() });
    this.onEvent?.(this, event);
  }

  kindsOf(order: Order): OrderEventKind[] {
    return this.events.filter((e) => e.clientOrderId === order.clientOrderId).map((e) => e.kind);
  }

  fillsOf(order: Order): OrderFilled[] {
    return this.events.filter(
      (e): e is OrderFilled => e.kind === 'filled' && e.clientOrderId === order.clientOrderId,
    );
  }

  eventOf<K extends OrderEventKind>(order: Order, kind: K): Extract<OrderEvent, { kind: K }> | undefined {
    return this.events.find((e) => e.clientOrderId === order.clientOrderId && e.kind === kind) as
      | Extract<OrderEvent, { kind: K }>
      | undefined;
  }
}

export interface Run {
  readonly result: BacktestResult;
  readonly strategy: Scripted;
  readonly engine: BacktestEngine;
}

/** Runs `script` over `data` through a BacktestEngine with one venue (margin account, 1,000,000). */
export function runScript(
  data: MarketData[],
  feed: 'bars' | 'quotes' | 'trades',
  script: Readonly<Record<number, Step>>,
  venue: Partial<VenueConfig> = {},
  options: { instrument?: Instrument; barType?: BarType; onEvent?: Scripted['onEvent'] } = {},
): Run {
  const instrument = options.instrument ?? STOCK;
  const engine = new BacktestEngine({
    venues: [{ name: instrument.venue, accountType: 'margin', startingCash: 1_000_000, ...venue }],
  });
  engine.addInstrument(instrument);
  engine.addData(data);
  const barType =
    options.barType ?? (data[0]?.kind === 'bar' ? data[0].barType : BarType.of(instrument.id, 1, 'minute'));
  const strategy = new Scripted(feed, barType, script);
  strategy.onEvent = options.onEvent;
  engine.addStrategy(strategy);
  return { result: engine.run(), strategy, engine };
}

/** `[price, quantity]` of each fill of an order, in order. */
export function priceQty(strategy: Scripted, order: Order): [number, number][] {
  return strategy.fillsOf(order).map((f) => [f.lastPrice, f.lastQuantity]);
}
