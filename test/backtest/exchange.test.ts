import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
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
import { equity, futureContract, type Instrument } from '../../src/model/instruments.js';
import type { Order } from '../../src/model/order.js';
import type { OrderEvent, OrderEventKind } from '../../src/model/order-events.js';
import { MICROS_PER_MINUTE, MICROS_PER_SECOND, microsFromIso } from '../../src/model/time.js';
import { smaCrossDefinition } from '../../src/strategy/samples/sma-cross.js';
import { Strategy } from '../../src/strategy/strategy.js';

const STOCK = equity({ symbol: 'TEST', venue: 'SIM' }); // 0.01 price grid, whole shares
const STOCK_1M = BarType.of(STOCK.id, 1, 'minute');
const ES = futureContract('ES', 2013, 12); // 0.25 grid, multiplier 50, on CME
const ES_1M = BarType.of(ES.id, 1, 'minute');
/** Close time of the first bar of every series: 2024-01-02T14:31:00Z (bar 0 covers 14:30–14:31). */
const T0 = microsFromIso('2024-01-02T14:31:00Z');

type Ohlc = readonly [open: number, high: number, low: number, close: number];

/** One-minute bars; bar i closes at `start + i` minutes. */
function minuteBars(barType: BarType, rows: readonly Ohlc[], start = T0): Bar[] {
  return rows.map(([o, h, l, c], i) => bar(barType, o, h, l, c, 100, start + i * MICROS_PER_MINUTE));
}

type Step = (strategy: Scripted, data: MarketData) => void;

/**
 * A test strategy: subscribes to one kind of data and, on the n-th item it receives (0-based),
 * runs `script[n]`. Records every order event it is sent.
 */
class Scripted extends Strategy {
  readonly events: OrderEvent[] = [];
  readonly orders: Order[] = [];
  private index = 0;

  constructor(
    private readonly feed: { bars: BarType } | { quotes: string } | { trades: string },
    private readonly script: Readonly<Record<number, Step>>,
    id = 'T',
  ) {
    super(id, {});
  }

  protected override onStart(): void {
    if ('bars' in this.feed) this.subscribeBars(this.feed.bars);
    else if ('quotes' in this.feed) this.subscribeQuotes(this.feed.quotes);
    else this.subscribeTrades(this.feed.trades);
  }

  override onBar(data: Bar): void {
    this.step(data);
  }

  override onQuote(data: QuoteTick): void {
    this.step(data);
  }

  override onTrade(data: TradeTick): void {
    this.step(data);
  }

  override onOrderEvent(event: OrderEvent): void {
    this.events.push(event);
  }

  /** Places an order and remembers it. */
  place(order: Order): Order {
    this.orders.push(order);
    return order;
  }

  kindsOf(order: Order): OrderEventKind[] {
    return this.events.filter((e) => e.clientOrderId === order.clientOrderId).map((e) => e.kind);
  }

  private step(data: MarketData): void {
    this.script[this.index++]?.(this, data);
  }
}

interface Run {
  readonly result: BacktestResult;
  readonly strategy: Scripted;
  readonly engine: BacktestEngine;
}

function run(
  instrument: Instrument,
  data: MarketData[],
  feed: ConstructorParameters<typeof Scripted>[0],
  script: Readonly<Record<number, Step>>,
  venue: Partial<VenueConfig> = {},
): Run {
  const engine = new BacktestEngine({
    venues: [{ name: instrument.venue, accountType: 'margin', startingCash: 1_000_000, ...venue }],
  });
  engine.addInstrument(instrument);
  engine.addData(data);
  const strategy = new Scripted(feed, script);
  engine.addStrategy(strategy);
  return { result: engine.run(), strategy, engine };
}

const runBars = (
  rows: readonly Ohlc[],
  script: Readonly<Record<number, Step>>,
  venue: Partial<VenueConfig> = {},
  start = T0,
): Run => run(STOCK, minuteBars(STOCK_1M, rows, start), { bars: STOCK_1M }, script, venue);

/** Open time of bar i (the time a fill on that bar is stamped with). */
const openOf = (i: number, start = T0): number => start + (i - 1) * MICROS_PER_MINUTE;
const closeOf = (i: number, start = T0): number => start + i * MICROS_PER_MINUTE;

const ROWS: readonly Ohlc[] = [
  [100, 101, 99, 100.5],
  [102, 103, 101, 102.5],
  [104, 105, 103, 104.5],
];

describe('SimulatedExchange: market order timing', () => {
  test("fill: 'next-open' fills a market order at the next bar's open", () => {
    const { result, strategy } = runBars(ROWS, { 0: (s) => s.place(s.buy(STOCK.id, 10)) });
    assert.deepEqual(result.fills, [
      {
        time: openOf(1),
        clientOrderId: 'T-000001',
        instrumentId: STOCK.id,
        side: 'buy',
        price: 102,
        quantity: 10,
        commission: 0,
        liquidity: 'taker',
      },
    ]);
    assert.deepEqual(strategy.kindsOf(strategy.orders[0]), ['submitted', 'accepted', 'filled']);
    assert.equal(strategy.orders[0].averagePrice, 102);
  });

  test("fill: 'close' fills a market order at the same bar's close", () => {
    const { result, strategy } = runBars(ROWS, { 0: (s) => s.place(s.buy(STOCK.id, 10)) }, { fill: 'close' });
    assert.deepEqual(result.fills, [
      {
        time: closeOf(0),
        clientOrderId: 'T-000001',
        instrumentId: STOCK.id,
        side: 'buy',
        price: 100.5,
        quantity: 10,
        commission: 0,
        liquidity: 'taker',
      },
    ]);
    assert.deepEqual(strategy.kindsOf(strategy.orders[0]), ['submitted', 'accepted', 'filled']);
  });

  test('a market order placed on the last bar never fills', () => {
    const { result, strategy } = runBars(ROWS, { 2: (s) => s.place(s.buy(STOCK.id, 1)) });
    assert.deepEqual(result.fills, []);
    assert.equal(strategy.orders[0].status, 'accepted');
  });

  test('a round trip: buy on bar 0, sell on bar 1 → fills at the opens of bars 1 and 2', () => {
    const { result } = runBars(ROWS, {
      0: (s) => s.place(s.buy(STOCK.id, 10)),
      1: (s) => s.place(s.sell(STOCK.id, 10)),
    });
    assert.deepEqual(
      result.fills.map((f) => [f.side, f.price, f.time]),
      [
        ['buy', 102, openOf(1)],
        ['sell', 104, openOf(2)],
      ],
    );
    assert.equal(result.trades.length, 1);
    assert.equal(result.trades[0].grossPnl, 20);
  });
});

describe('SimulatedExchange: an order is never matched against the bar it was placed on', () => {
  // Bar 0 trades down to 99 and up to 101; bar 1 stays within 101–103; bar 2 comes back to 98.5.
  const rows: readonly Ohlc[] = [
    [100, 101, 99, 100.5],
    [102, 103, 101, 102.5],
    [100, 100.5, 98.5, 99],
  ];

  for (const fill of ['next-open', 'close'] as const) {
    test(`fill: '${fill}': a limit buy at bar 0's low and a sell stop inside bar 0's range wait for bar 2`, () => {
      const { result, strategy } = runBars(
        rows,
        {
          0: (s) => {
            s.place(s.buy(STOCK.id, 1, { price: 99 }));
            s.place(s.sell(STOCK.id, 1, { triggerPrice: 99.5 }));
          },
        },
        { fill },
      );
      const [limit, stop] = strategy.orders;
      // Bar 2's path (high nearer the open): 100 → 100.5 → 98.5 → 99. On the way down it passes
      // the stop (99.5) before the limit (99): the stop fills first; both stamped at the bar's open.
      assert.deepEqual(
        result.fills.map((f) => [f.clientOrderId, f.price, f.time]),
        [
          [stop.clientOrderId, 99.5, openOf(2)],
          [limit.clientOrderId, 99, openOf(2)],
        ],
      );
      assert.deepEqual(strategy.kindsOf(stop), ['submitted', 'accepted', 'triggered', 'filled']);
    });
  }

  test('a stop buy whose stop bar 0 already passed is not triggered by bar 0', () => {
    const { result, strategy } = runBars(ROWS, {
      0: (s) => s.place(s.buy(STOCK.id, 1, { triggerPrice: 100.75 })),
    });
    // Bar 1 opens at 102, above the stop: a gap, filled at the open.
    assert.deepEqual(
      result.fills.map((f) => [f.price, f.time]),
      [[102, openOf(1)]],
    );
    assert.deepEqual(strategy.kindsOf(strategy.orders[0]), ['submitted', 'accepted', 'triggered', 'filled']);
  });
});

describe('SimulatedExchange: time in force', () => {
  // Bars closing at 23:57 and 23:58 on 2024-01-02, then one covering 00:01–00:02 on 2024-01-03.
  const day1 = microsFromIso('2024-01-02T23:57:00Z');
  const day2 = microsFromIso('2024-01-03T00:02:00Z');
  const acrossMidnight = (): Bar[] => [
    ...minuteBars(
      STOCK_1M,
      [
        [100, 101, 99.5, 100],
        [100, 100.5, 99.5, 100],
      ],
      day1,
    ),
    bar(STOCK_1M, 99.5, 100, 98, 98.5, 100, day2),
  ];

  test('DAY: expires when the next UTC day’s bar arrives unfilled, even if that bar would fill it', () => {
    const { result, strategy } = run(
      STOCK,
      acrossMidnight(),
      { bars: STOCK_1M },
      {
        0: (s) => s.place(s.buy(STOCK.id, 1, { price: 99, timeInForce: 'DAY' })),
      },
    );
    const order = strategy.orders[0];
    assert.deepEqual(result.fills, []);
    assert.equal(order.status, 'expired');
    assert.deepEqual(strategy.kindsOf(order), ['submitted', 'accepted', 'expired']);
    const expired = strategy.events.find((e) => e.kind === 'expired')!;
    assert.equal(expired.tsEvent, day2);
    assert.equal(result.orderCounts.expired, 1);
  });

  test('GTC: the same order survives midnight and fills on the next day’s bar', () => {
    const { result, strategy } = run(
      STOCK,
      acrossMidnight(),
      { bars: STOCK_1M },
      {
        0: (s) => s.place(s.buy(STOCK.id, 1, { price: 99 })),
      },
    );
    assert.deepEqual(
      result.fills.map((f) => [f.price, f.time]),
      [[99, day2 - MICROS_PER_MINUTE]],
    );
    assert.equal(strategy.orders[0].status, 'filled');
  });

  test('DAY: fills normally within its day', () => {
    const { result, strategy } = run(
      STOCK,
      acrossMidnight(),
      { bars: STOCK_1M },
      {
        0: (s) => s.place(s.buy(STOCK.id, 1, { price: 99.5, timeInForce: 'DAY' })),
      },
    );
    assert.deepEqual(
      result.fills.map((f) => f.price),
      [99.5],
    );
    assert.equal(strategy.orders[0].status, 'filled');
  });

  test('IOC: canceled when not filled on its first bar, and not filled by a later bar', () => {
    const rows: readonly Ohlc[] = [
      [100, 101, 99, 100.5],
      [101, 102, 100, 101.5], // does not reach 99.5
      [99, 100, 98, 99], // would
    ];
    const { result, strategy } = runBars(rows, {
      0: (s) => s.place(s.buy(STOCK.id, 1, { price: 99.5, timeInForce: 'IOC' })),
    });
    const order = strategy.orders[0];
    assert.deepEqual(result.fills, []);
    assert.equal(order.status, 'canceled');
    assert.deepEqual(strategy.kindsOf(order), ['submitted', 'accepted', 'canceled']);
    const canceled = strategy.events.find((e) => e.kind === 'canceled');
    assert.ok(canceled?.kind === 'canceled' && /IOC/.test(canceled.reason), JSON.stringify(canceled));
    assert.equal(canceled.tsEvent, closeOf(1));
  });

  test('IOC: fills when its first bar reaches the limit', () => {
    const { result, strategy } = runBars(ROWS, {
      0: (s) => s.place(s.buy(STOCK.id, 1, { price: 101.5, timeInForce: 'IOC' })),
    });
    assert.deepEqual(
      result.fills.map((f) => f.price),
      [101.5],
    );
    assert.equal(strategy.orders[0].status, 'filled');
  });
});

describe('SimulatedExchange: cancel and modify a working limit', () => {
  const rows: readonly Ohlc[] = [
    [100, 101, 99, 100.5],
    [100.5, 101, 99.5, 100], // does not reach 98 or 99.25
    [100.5, 101, 97.5, 98], // reaches 99.75 and 98
  ];

  test('cancel: pending-cancel → canceled; a later bar that reaches the limit does not fill it', () => {
    let order: Order | undefined;
    const { result, strategy } = runBars(rows, {
      0: (s) => {
        order = s.place(s.buy(STOCK.id, 1, { price: 98 }));
      },
      1: (s) => {
        assert.equal(order?.status, 'accepted');
        s.cancel(order!);
      },
    });
    assert.deepEqual(result.fills, []);
    assert.equal(order?.status, 'canceled');
    assert.deepEqual(strategy.kindsOf(order!), ['submitted', 'accepted', 'pending-cancel', 'canceled']);
    assert.equal(strategy.openOrders().length, 0);
  });

  test('modify: pending-update → updated with the new price, which then fills at the new price', () => {
    let order: Order | undefined;
    const { result, strategy } = runBars(rows, {
      0: (s) => {
        order = s.place(s.buy(STOCK.id, 1, { price: 98 }));
      },
      1: (s) => {
        const denial = s.modify(order!, { price: 99.75 });
        assert.equal(denial, undefined);
        assert.equal(order?.price, 99.75);
        assert.equal(order?.status, 'accepted');
      },
    });
    assert.deepEqual(strategy.kindsOf(order!), [
      'submitted',
      'accepted',
      'pending-update',
      'updated',
      'filled',
    ]);
    const updated = strategy.events.find((e) => e.kind === 'updated');
    assert.ok(updated?.kind === 'updated' && updated.price === 99.75 && updated.quantity === 1);
    assert.deepEqual(
      result.fills.map((f) => [f.price, f.time]),
      [[99.75, openOf(2)]],
    );
  });

  test('modify of the quantity is applied too', () => {
    let order: Order | undefined;
    const { result } = runBars(rows, {
      0: (s) => {
        order = s.place(s.buy(STOCK.id, 1, { price: 98 }));
      },
      1: (s) => s.modify(order!, { quantity: 3 }),
    });
    assert.deepEqual(
      result.fills.map((f) => [f.price, f.quantity]),
      [[98, 3]],
    );
  });

  test('canceling or modifying a filled order is rejected by the venue or refused', () => {
    let order: Order | undefined;
    const { strategy } = runBars(
      [
        [100, 101, 99, 100.5],
        [100, 101, 99, 100.5],
        [100, 101, 99, 100.5],
      ],
      {
        0: (s) => {
          order = s.place(s.buy(STOCK.id, 1));
        },
        1: (s) => {
          assert.equal(order?.status, 'filled');
          s.cancel(order!); // a no-op for a closed order
          assert.throws(() => s.modify(order!, { quantity: 2 }), /only working orders can be modified/);
        },
      },
    );
    assert.deepEqual(strategy.kindsOf(order!), ['submitted', 'accepted', 'filled']);
  });
});

describe('SimulatedExchange: funds at fill time', () => {
  test('a market buy that passed risk at the last close but costs more at the next open is canceled: INSUFFICIENT_FUNDS', () => {
    // 10 × 100 (bar 0 close) = 1000 = all the cash: risk lets it through. Bar 1 opens at 101: 1010 > 1000.
    const rows: readonly Ohlc[] = [
      [100, 100, 100, 100],
      [101, 102, 100, 101],
    ];
    const { result, strategy, engine } = runBars(
      rows,
      { 0: (s) => s.place(s.buy(STOCK.id, 10)) },
      { accountType: 'cash', startingCash: 1000 },
    );
    const order = strategy.orders[0];
    assert.deepEqual(result.fills, []);
    assert.equal(order.status, 'canceled');
    assert.deepEqual(strategy.kindsOf(order), ['submitted', 'accepted', 'canceled']);
    const canceled = strategy.events.find((e) => e.kind === 'canceled');
    assert.ok(
      canceled?.kind === 'canceled' && canceled.reason.startsWith('INSUFFICIENT_FUNDS'),
      JSON.stringify(canceled),
    );
    assert.equal(engine.kernel.portfolio.accounts()[0].balance, 1000);
    assert.equal(result.finalValue, 1000);
  });

  test('the same order fills when the open does not gap up', () => {
    const rows: readonly Ohlc[] = [
      [100, 100, 100, 100],
      [100, 102, 99, 101],
    ];
    const { result, engine } = runBars(
      rows,
      { 0: (s) => s.place(s.buy(STOCK.id, 10)) },
      { accountType: 'cash', startingCash: 1000 },
    );
    assert.equal(result.fills.length, 1);
    assert.equal(engine.kernel.portfolio.accounts()[0].balance, 0);
  });
});

describe('SimulatedExchange: commissions', () => {
  test('per-unit commission is charged per fill and booked to the account', () => {
    const { result, engine } = runBars(
      ROWS,
      {
        0: (s) => s.place(s.buy(STOCK.id, 10)),
        1: (s) => s.place(s.sell(STOCK.id, 10)),
      },
      { accountType: 'cash', startingCash: 10_000, commission: { kind: 'per-unit', amount: 0.35 } },
    );
    assert.deepEqual(
      result.fills.map((f) => [f.side, f.price, f.commission]),
      [
        ['buy', 102, 3.5],
        ['sell', 104, 3.5],
      ],
    );
    const account = engine.kernel.portfolio.accounts()[0];
    assert.equal(account.totalCommissions, 7);
    assert.equal(account.balance, 10_000 - 1020 - 3.5 + 1040 - 3.5); // 10013
    assert.equal(result.finalValue, 10_013);
    assert.equal(result.statistics.totalCommissions, 7);
    assert.equal(result.trades[0].commissions, 7);
    assert.equal(result.trades[0].netPnl, 13);
  });

  test('percent commission is a rate of notional, rounded to cents when booked', () => {
    // Buy 7 at 101.27: notional 708.89 × 0.25% = 1.772225 → 1.77.
    const rows: readonly Ohlc[] = [
      [100, 101, 99, 100.5],
      [101.27, 102, 101, 101.5],
      [102, 102, 102, 102],
    ];
    const { result, engine } = runBars(
      rows,
      { 0: (s) => s.place(s.buy(STOCK.id, 7)) },
      { accountType: 'cash', startingCash: 10_000, commission: { kind: 'percent', rate: 0.25 } },
    );
    assert.deepEqual(
      result.fills.map((f) => [f.price, f.commission]),
      [[101.27, 1.77]],
    );
    const account = engine.kernel.portfolio.accounts()[0];
    assert.equal(account.totalCommissions, 1.77);
    assert.equal(account.balance, 9289.34); // 10000 - 708.89 - 1.77
  });

  test('futures: per-contract commission on ES with its 0.25 grid and multiplier', () => {
    const rows: readonly Ohlc[] = [
      [1800, 1801, 1799.5, 1800.5],
      [1800.75, 1802, 1800.25, 1801.5],
      [1802.25, 1803, 1801.75, 1802.5],
    ];
    const { result } = run(
      ES,
      minuteBars(ES_1M, rows),
      { bars: ES_1M },
      {
        0: (s) => s.place(s.buy(ES.id, 2)),
        1: (s) => s.place(s.sell(ES.id, 2)),
      },
      { startingCash: 100_000, commission: { kind: 'per-unit', amount: 2.25 } },
    );
    assert.deepEqual(
      result.fills.map((f) => [f.side, f.price, f.quantity, f.commission]),
      [
        ['buy', 1800.75, 2, 4.5],
        ['sell', 1802.25, 2, 4.5],
      ],
    );
    // 1.5 points × 50 × 2 contracts = 150, less 9 of commissions.
    assert.equal(result.trades[0].grossPnl, 150);
    assert.equal(result.trades[0].netPnl, 141);
    assert.equal(result.finalValue, 100_141);
  });
});

describe('SimulatedExchange: trade ticks and quotes', () => {
  const t0 = microsFromIso('2024-01-02T14:30:00Z');
  const quote = (i: number, bid: number, ask: number): QuoteTick => ({
    kind: 'quote',
    instrumentId: STOCK.id,
    bidPrice: bid,
    askPrice: ask,
    bidSize: 100,
    askSize: 100,
    tsEvent: t0 + i * MICROS_PER_SECOND,
    tsInit: t0 + i * MICROS_PER_SECOND,
  });
  const trade = (ts: number, price: number, id: string): TradeTick => ({
    kind: 'trade',
    instrumentId: STOCK.id,
    price,
    size: 10,
    aggressor: 'buyer',
    tradeId: id,
    tsEvent: ts,
    tsInit: ts,
  });

  test('against quotes a market buy fills at the next ask and a market sell at the next bid', () => {
    const quotes = [
      quote(0, 99.98, 100.02),
      quote(1, 100, 100.04),
      quote(2, 100.05, 100.09),
      quote(3, 100.1, 100.14),
    ];
    const { result } = run(
      STOCK,
      quotes,
      { quotes: STOCK.id },
      {
        0: (s) => s.place(s.buy(STOCK.id, 5)),
        2: (s) => s.place(s.sell(STOCK.id, 5)),
      },
    );
    assert.deepEqual(
      result.fills.map((f) => [f.side, f.price, f.time]),
      [
        ['buy', 100.04, quotes[1].tsEvent],
        ['sell', 100.1, quotes[3].tsEvent],
      ],
    );
  });

  test('against quotes a buy limit fills at the ask once the ask is at or below the limit', () => {
    const quotes = [
      quote(0, 99.98, 100.02),
      quote(1, 100, 100.04),
      quote(2, 99.96, 100.01),
      quote(3, 99.9, 99.95),
    ];
    const { result } = run(
      STOCK,
      quotes,
      { quotes: STOCK.id },
      { 0: (s) => s.place(s.buy(STOCK.id, 5, { price: 100.02 })) },
    );
    assert.deepEqual(
      result.fills.map((f) => [f.price, f.time]),
      [[100.01, quotes[2].tsEvent]],
    );
  });

  test('against trade ticks a market order fills at the next trade with a later time, not one at the same time', () => {
    const trades = [
      trade(t0, 100, 'a'),
      trade(t0, 100.05, 'b'), // same microsecond as the one the order was placed on
      trade(t0 + 1, 100.1, 'c'),
      trade(t0 + 2, 99.95, 'd'),
    ];
    const { result } = run(
      STOCK,
      trades,
      { trades: STOCK.id },
      {
        0: (s) => s.place(s.buy(STOCK.id, 3)),
        2: (s) => s.place(s.sell(STOCK.id, 3)),
      },
    );
    assert.deepEqual(
      result.fills.map((f) => [f.side, f.price, f.time]),
      [
        ['buy', 100.1, t0 + 1],
        ['sell', 99.95, t0 + 2],
      ],
    );
  });
});

describe('SimulatedExchange: determinism', () => {
  /** 600 one-minute bars of a seeded random walk on the 0.01 grid. */
  function randomWalk(seed: number): Bar[] {
    let s = seed;
    const next = (): number => {
      s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
      return s / 2 ** 31;
    };
    let price = 10_000; // in cents
    const rows: Ohlc[] = [];
    for (let i = 0; i < 600; i++) {
      const open = price;
      const close = Math.max(100, open + Math.round((next() - 0.5) * 60));
      const high = Math.max(open, close) + Math.round(next() * 20);
      const low = Math.min(open, close) - Math.round(next() * 20);
      rows.push([open / 100, high / 100, low / 100, close / 100]);
      price = close;
    }
    return minuteBars(STOCK_1M, rows);
  }

  function once(): { fills: string; events: string; finalValue: number } {
    const engine = new BacktestEngine({
      venues: [
        {
          name: 'SIM',
          accountType: 'cash',
          startingCash: 100_000,
          commission: { kind: 'percent', rate: 0.05 },
        },
      ],
    });
    engine.addInstrument(STOCK);
    engine.addData(randomWalk(42));
    const params = smaCrossDefinition.parameters.parse({ fast: 5, slow: 20, quantity: 10 });
    engine.addStrategy(
      smaCrossDefinition.create({ id: 'SMA', params, instrument: STOCK, barType: STOCK_1M }),
    );
    const limits = new Scripted(
      { bars: STOCK_1M },
      Object.fromEntries(
        Array.from({ length: 60 }, (_, k) => [
          k * 10,
          (s: Scripted, d: MarketData) => {
            const close = (d as Bar).close;
            s.place(
              s.buy(STOCK.id, 1, {
                price: Math.round((close - 0.1) * 100) / 100,
                timeInForce: k % 2 === 0 ? 'DAY' : 'GTC',
              }),
            );
            s.place(s.sell(STOCK.id, 1, { triggerPrice: Math.round((close - 0.3) * 100) / 100 }));
          },
        ]),
      ),
      'LIMITS',
    );
    engine.addStrategy(limits);
    const result = engine.run();
    return {
      fills: JSON.stringify(result.fills),
      events: JSON.stringify(limits.events),
      finalValue: result.finalValue,
    };
  }

  test('two identical runs give identical fills, events and final value', () => {
    const a = once();
    const b = once();
    assert.ok(JSON.parse(a.fills).length > 20, 'the scenario should trade');
    assert.equal(a.fills, b.fills);
    assert.equal(a.events, b.events);
    assert.equal(a.finalValue, b.finalValue);
  });
});
