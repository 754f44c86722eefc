/**
 * A real Kernel wired to one account and (optionally) a real SimulatedExchange, driven bar by bar
 * the way BacktestEngine drives it: exchange matching, then portfolio marking, then the data engine.
 */
import { type CommissionModel, commissionFor } from '../../src/backtest/commission.js';
import { type FillTiming, SimulatedExchange } from '../../src/backtest/exchange.js';
import { TestClock } from '../../src/core/clock.js';
import type { OrderChanges } from '../../src/execution/engine.js';
import { Kernel } from '../../src/kernel/kernel.js';
import { Account, type AccountType } from '../../src/model/account.js';
import { USD } from '../../src/model/currency.js';
import { type Bar, BarType, bar } from '../../src/model/data.js';
import type { OrderSide } from '../../src/model/enums.js';
import type { Instrument } from '../../src/model/instruments.js';
import { Order, type OrderInit } from '../../src/model/order.js';
import type { OrderEvent } from '../../src/model/order-events.js';
import { MICROS_PER_MINUTE } from '../../src/model/time.js';
import type { RiskConfig } from '../../src/risk/engine.js';
import { fillEvent, orderEvent, T0 } from './order-builders.js';

/** The real simulated exchange, recording what reached it (a spy, not a stand-in). */
export class RecordingExchange extends SimulatedExchange {
  readonly received: string[] = [];

  override submitOrder(order: Order): void {
    this.received.push(`submit ${order.clientOrderId}`);
    super.submitOrder(order);
  }

  override cancelOrder(order: Order): void {
    this.received.push(`cancel ${order.clientOrderId}`);
    super.cancelOrder(order);
  }

  override modifyOrder(order: Order, changes: OrderChanges): void {
    this.received.push(`modify ${order.clientOrderId}`);
    super.modifyOrder(order, changes);
  }

  /** Whether any command about this order reached the venue. */
  saw(order: Order): boolean {
    return this.received.some((line) => line.endsWith(` ${order.clientOrderId}`));
  }
}

export interface HarnessOptions {
  readonly instruments: readonly Instrument[];
  readonly accountType: AccountType;
  readonly startingCash: number;
  readonly risk?: RiskConfig;
  readonly commission?: CommissionModel;
  readonly fill?: FillTiming;
  /** Bars: share of each bar's volume our orders may take (partial fills beyond it). */
  readonly volumeParticipation?: number;
  /** Attach a SimulatedExchange for the venue (default true). */
  readonly withExchange?: boolean;
}

export interface Harness {
  readonly clock: TestClock;
  readonly kernel: Kernel;
  readonly account: Account;
  readonly exchange: RecordingExchange | undefined;
  /** Every order event published to strategies, in order. */
  readonly events: OrderEvent[];
}

/** One venue ('SIM' unless the instruments say otherwise), one account, one exchange. */
export function makeHarness(options: HarnessOptions): Harness {
  const clock = new TestClock(T0);
  const commission = options.commission ?? { kind: 'none' };
  const kernel = new Kernel({
    clock,
    risk: options.risk,
    estimateCommission: (instrument, quantity, price) =>
      commissionFor(commission, instrument, quantity, price),
  });
  const venue = options.instruments[0].venue;
  const account = new Account(`${venue}-001`, options.accountType, USD, options.startingCash);
  kernel.addAccount(venue, account);
  for (const instrument of options.instruments) kernel.addInstrument(instrument);
  let exchange: RecordingExchange | undefined;
  if (options.withExchange ?? true) {
    exchange = new RecordingExchange(
      {
        venue,
        fill: options.fill ?? 'next-open',
        commission,
        volumeParticipation: options.volumeParticipation,
      },
      clock,
      kernel.cache,
      (event) => kernel.execution.process(event),
      (instrument, side, quantity, price, fee) => account.canAfford(instrument, side, quantity, price, fee),
    );
    kernel.execution.registerClient(exchange);
  }
  const events: OrderEvent[] = [];
  kernel.bus.subscribe<OrderEvent>('events.order.*', (event) => events.push(event));
  return { clock, kernel, account, exchange, events };
}

let harnessOrderSequence = 0;

/** A new order for the harness's strategy 'RISK-TEST' (not yet submitted). */
export function makeOrder(
  instrument: Instrument,
  side: OrderSide,
  quantity: number,
  extra: Partial<OrderInit> = {},
): Order {
  harnessOrderSequence++;
  const type =
    extra.type ??
    (extra.price !== undefined ? 'limit' : extra.triggerPrice !== undefined ? 'stop-market' : 'market');
  return new Order({
    clientOrderId: `H-${String(harnessOrderSequence).padStart(6, '0')}`,
    strategyId: 'RISK-TEST',
    instrumentId: instrument.id,
    side,
    type,
    quantity,
    timeInForce: 'GTC',
    tsInit: T0,
    ...extra,
  });
}

/** Submits through the risk engine, as a strategy would. */
export function submit(h: Harness, order: Order): Order {
  h.kernel.risk.submit(order);
  return order;
}

/** A bar one minute after the clock (or at `ts`), processed like BacktestEngine does. */
export function feedBar(
  h: Harness,
  instrument: Instrument,
  ohlc: readonly [number, number, number, number],
  options: { ts?: number; aggregation?: 'minute' | 'day' } = {},
): Bar {
  const aggregation = options.aggregation ?? 'minute';
  const ts = options.ts ?? h.clock.now() + MICROS_PER_MINUTE;
  const item = bar(BarType.of(instrument.id, 1, aggregation), ohlc[0], ohlc[1], ohlc[2], ohlc[3], 100, ts);
  h.clock.setTime(ts);
  h.exchange?.processBar(item);
  h.kernel.portfolio.onData(item);
  h.kernel.data.process(item);
  return item;
}

/**
 * Books one execution the way a venue reports it (submitted, accepted, filled events through the
 * execution engine), bypassing risk: for accounting tests that need arbitrary fills.
 */
export function bookFill(
  h: Harness,
  instrument: Instrument,
  side: OrderSide,
  quantity: number,
  price: number,
  commission: number,
): Order {
  const order = makeOrder(instrument, side, quantity);
  h.kernel.cache.addOrder(order);
  h.clock.setTime(h.clock.now() + 1);
  for (const kind of ['submitted', 'accepted'] as const) h.kernel.execution.process(orderEvent(order, kind));
  h.kernel.execution.process({
    ...fillEvent(order, quantity, price, { commission }),
    tsEvent: h.clock.now(),
  });
  return order;
}
