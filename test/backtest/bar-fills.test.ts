import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { type BarFillDecision, decideBarFill, decideFill } from '../../src/backtest/bar-fills.js';
import { BarType, bar } from '../../src/model/data.js';
import type { OrderSide, OrderType } from '../../src/model/enums.js';
import { Grid } from '../../src/model/grid.js';
import { Order } from '../../src/model/order.js';

/*
 * Hand-computed cases. Prices are written as tick indices of a grid and converted with the
 * increment, so every case is checked in integer ticks on a 0.25 grid (ES) and a 0.01 grid (stocks).
 */

const GRIDS = [
  { name: '0.25 grid', grid: new Grid(0.25), instrument: 'ESZ3.CME' },
  { name: '0.01 grid', grid: new Grid(0.01), instrument: 'AAPL.NASDAQ' },
] as const;

let sequence = 0;

function makeOrder(
  instrument: string,
  side: OrderSide,
  type: OrderType,
  prices: { price?: number; triggerPrice?: number },
  triggered = false,
): Order {
  const o = new Order({
    clientOrderId: `O-${++sequence}`,
    strategyId: 'S',
    instrumentId: instrument,
    side,
    type,
    quantity: 1,
    price: prices.price,
    triggerPrice: prices.triggerPrice,
    timeInForce: 'GTC',
    tsInit: 0,
  });
  const ids = {
    clientOrderId: o.clientOrderId,
    strategyId: 'S',
    instrumentId: instrument,
    tsEvent: 0,
    tsInit: 0,
  };
  o.apply({ kind: 'submitted', ...ids });
  o.apply({ kind: 'accepted', ...ids, venueOrderId: 'V' });
  if (triggered) o.apply({ kind: 'triggered', ...ids });
  return o;
}

interface Case {
  readonly name: string;
  readonly side: OrderSide;
  readonly type: OrderType;
  /** Limit price in ticks. */
  readonly limit?: number;
  /** Stop trigger in ticks. */
  readonly stop?: number;
  readonly alreadyTriggered?: boolean;
  /** Bar in ticks: open, high, low, close. */
  readonly bar: readonly [number, number, number, number];
  readonly expectTriggered: boolean;
  /** Fill price in ticks, or undefined for no fill. */
  readonly expectPrice: number | undefined;
}

const BASE = 7200; // ES 1800.00 on a 0.25 grid; AAPL 72.00 on a 0.01 grid

/** Cases relative to BASE ticks: o/h/l/c and prices are offsets in ticks. */
const CASES: readonly Case[] = [
  // market
  {
    name: 'market buy fills at the open',
    side: 'buy',
    type: 'market',
    bar: [0, 8, -4, 2],
    expectTriggered: false,
    expectPrice: 0,
  },
  {
    name: 'market sell fills at the open',
    side: 'sell',
    type: 'market',
    bar: [3, 8, -4, 2],
    expectTriggered: false,
    expectPrice: 3,
  },

  // limit buy
  {
    name: 'limit buy: open below the limit (gap in our favour) fills at the open',
    side: 'buy',
    type: 'limit',
    limit: 0,
    bar: [-3, 2, -5, 1],
    expectTriggered: false,
    expectPrice: -3,
  },
  {
    name: 'limit buy: open equal to the limit fills at the limit',
    side: 'buy',
    type: 'limit',
    limit: 0,
    bar: [0, 2, -5, 1],
    expectTriggered: false,
    expectPrice: 0,
  },
  {
    name: 'limit buy: low touches the limit fills at the limit',
    side: 'buy',
    type: 'limit',
    limit: 0,
    bar: [4, 6, 0, 5],
    expectTriggered: false,
    expectPrice: 0,
  },
  {
    name: 'limit buy: low through the limit fills at the limit, not the low',
    side: 'buy',
    type: 'limit',
    limit: 0,
    bar: [4, 6, -6, 5],
    expectTriggered: false,
    expectPrice: 0,
  },
  {
    name: 'limit buy: low one tick above the limit misses',
    side: 'buy',
    type: 'limit',
    limit: 0,
    bar: [4, 6, 1, 5],
    expectTriggered: false,
    expectPrice: undefined,
  },

  // limit sell
  {
    name: 'limit sell: open above the limit (gap in our favour) fills at the open',
    side: 'sell',
    type: 'limit',
    limit: 0,
    bar: [3, 5, -2, 1],
    expectTriggered: false,
    expectPrice: 3,
  },
  {
    name: 'limit sell: high touches the limit fills at the limit',
    side: 'sell',
    type: 'limit',
    limit: 0,
    bar: [-4, 0, -6, -5],
    expectTriggered: false,
    expectPrice: 0,
  },
  {
    name: 'limit sell: high through the limit fills at the limit',
    side: 'sell',
    type: 'limit',
    limit: 0,
    bar: [-4, 7, -6, -5],
    expectTriggered: false,
    expectPrice: 0,
  },
  {
    name: 'limit sell: high one tick below the limit misses',
    side: 'sell',
    type: 'limit',
    limit: 0,
    bar: [-4, -1, -6, -5],
    expectTriggered: false,
    expectPrice: undefined,
  },

  // stop-market buy
  {
    name: 'stop buy: open above the stop (gap through) fills at the open',
    side: 'buy',
    type: 'stop-market',
    stop: 0,
    bar: [5, 9, 2, 6],
    expectTriggered: true,
    expectPrice: 5,
  },
  {
    name: 'stop buy: open at the stop fills at the stop',
    side: 'buy',
    type: 'stop-market',
    stop: 0,
    bar: [0, 9, -2, 6],
    expectTriggered: true,
    expectPrice: 0,
  },
  {
    name: 'stop buy: high reaches the stop inside the bar fills at the stop',
    side: 'buy',
    type: 'stop-market',
    stop: 0,
    bar: [-5, 3, -6, 1],
    expectTriggered: true,
    expectPrice: 0,
  },
  {
    name: 'stop buy: high touching the stop exactly fills at the stop',
    side: 'buy',
    type: 'stop-market',
    stop: 0,
    bar: [-5, 0, -6, -1],
    expectTriggered: true,
    expectPrice: 0,
  },
  {
    name: 'stop buy: high one tick below the stop misses',
    side: 'buy',
    type: 'stop-market',
    stop: 0,
    bar: [-5, -1, -6, -2],
    expectTriggered: false,
    expectPrice: undefined,
  },

  // stop-market sell
  {
    name: 'stop sell: open below the stop (gap through) fills at the open',
    side: 'sell',
    type: 'stop-market',
    stop: 0,
    bar: [-5, -2, -9, -6],
    expectTriggered: true,
    expectPrice: -5,
  },
  {
    name: 'stop sell: low reaches the stop inside the bar fills at the stop',
    side: 'sell',
    type: 'stop-market',
    stop: 0,
    bar: [5, 6, -3, -1],
    expectTriggered: true,
    expectPrice: 0,
  },
  {
    name: 'stop sell: low one tick above the stop misses',
    side: 'sell',
    type: 'stop-market',
    stop: 0,
    bar: [5, 6, 1, 2],
    expectTriggered: false,
    expectPrice: undefined,
  },

  // stop-limit buy (stop 0, limit +4 unless stated)
  {
    name: 'stop-limit buy: gap trigger with the open within the limit fills at the open',
    side: 'buy',
    type: 'stop-limit',
    stop: 0,
    limit: 4,
    bar: [2, 9, 1, 5],
    expectTriggered: true,
    expectPrice: 2,
  },
  {
    name: 'stop-limit buy: gap trigger with the open beyond the limit, range back to the limit, fills at the limit',
    side: 'buy',
    type: 'stop-limit',
    stop: 0,
    limit: 4,
    bar: [8, 10, 3, 6],
    expectTriggered: true,
    expectPrice: 4,
  },
  {
    name: 'stop-limit buy: gap trigger with the open beyond the limit and the low above it: triggered, no fill',
    side: 'buy',
    type: 'stop-limit',
    stop: 0,
    limit: 4,
    bar: [8, 10, 5, 6],
    expectTriggered: true,
    expectPrice: undefined,
  },
  {
    name: 'stop-limit buy: intrabar trigger with the stop within the limit fills at the stop',
    side: 'buy',
    type: 'stop-limit',
    stop: 0,
    limit: 4,
    bar: [-3, 6, -4, 5],
    expectTriggered: true,
    expectPrice: 0,
  },
  {
    name: 'stop-limit buy: intrabar trigger (high nearer the open: visited first), limit below the stop, the low after it reaches the limit: fills at the limit',
    side: 'buy',
    type: 'stop-limit',
    stop: 0,
    limit: -2,
    bar: [-1, 0, -3, -2],
    expectTriggered: true,
    expectPrice: -2,
  },
  {
    name: 'stop-limit buy: the low (nearer the open) comes before the trigger, so the limit below the stop is not reached after it: triggered, no fill',
    side: 'buy',
    type: 'stop-limit',
    stop: 0,
    limit: -2,
    bar: [-1, 2, -3, 1],
    expectTriggered: true,
    expectPrice: undefined,
  },
  {
    name: 'stop-limit buy: intrabar trigger, limit below the stop and below the low: triggered, no fill',
    side: 'buy',
    type: 'stop-limit',
    stop: 0,
    limit: -2,
    bar: [-1, 2, -1, 1],
    expectTriggered: true,
    expectPrice: undefined,
  },
  {
    name: 'stop-limit buy: not triggered',
    side: 'buy',
    type: 'stop-limit',
    stop: 0,
    limit: 4,
    bar: [-3, -1, -8, -2],
    expectTriggered: false,
    expectPrice: undefined,
  },
  {
    name: 'stop-limit buy already triggered: a limit from the open (open within the limit → open)',
    side: 'buy',
    type: 'stop-limit',
    stop: 0,
    limit: 4,
    alreadyTriggered: true,
    bar: [-6, -1, -8, -2],
    expectTriggered: false,
    expectPrice: -6,
  },
  {
    name: 'stop-limit buy already triggered: open above the limit, low reaches it → limit',
    side: 'buy',
    type: 'stop-limit',
    stop: 0,
    limit: 4,
    alreadyTriggered: true,
    bar: [7, 9, 3, 8],
    expectTriggered: false,
    expectPrice: 4,
  },
  {
    name: 'stop-limit buy already triggered: low above the limit → no fill',
    side: 'buy',
    type: 'stop-limit',
    stop: 0,
    limit: 4,
    alreadyTriggered: true,
    bar: [7, 9, 5, 8],
    expectTriggered: false,
    expectPrice: undefined,
  },

  // stop-limit sell (stop 0, limit -4)
  {
    name: 'stop-limit sell: gap trigger with the open within the limit fills at the open',
    side: 'sell',
    type: 'stop-limit',
    stop: 0,
    limit: -4,
    bar: [-2, -1, -9, -5],
    expectTriggered: true,
    expectPrice: -2,
  },
  {
    name: 'stop-limit sell: gap trigger with the open beyond the limit, range back to the limit, fills at the limit',
    side: 'sell',
    type: 'stop-limit',
    stop: 0,
    limit: -4,
    bar: [-8, -3, -10, -6],
    expectTriggered: true,
    expectPrice: -4,
  },
  {
    name: 'stop-limit sell: intrabar trigger with the stop within the limit fills at the stop',
    side: 'sell',
    type: 'stop-limit',
    stop: 0,
    limit: -4,
    bar: [3, 4, -6, -5],
    expectTriggered: true,
    expectPrice: 0,
  },
  {
    name: 'stop-limit sell: gap trigger, high below the limit: triggered, no fill',
    side: 'sell',
    type: 'stop-limit',
    stop: 0,
    limit: -4,
    bar: [-8, -5, -10, -6],
    expectTriggered: true,
    expectPrice: undefined,
  },
  {
    name: 'stop-limit sell already triggered fills as a limit at the open',
    side: 'sell',
    type: 'stop-limit',
    stop: 0,
    limit: -4,
    alreadyTriggered: true,
    bar: [6, 8, 1, 2],
    expectTriggered: false,
    expectPrice: 6,
  },
];

describe('decideBarFill: hand-computed cases', () => {
  for (const { name, grid, instrument } of GRIDS) {
    describe(name, () => {
      const barType = BarType.of(instrument, 1, 'minute');
      const px = (ticks: number): number => grid.fromTicks(BASE + ticks);
      for (const c of CASES) {
        test(c.name, () => {
          const order = makeOrder(
            instrument,
            c.side,
            c.type,
            {
              price: c.limit === undefined ? undefined : px(c.limit),
              triggerPrice: c.stop === undefined ? undefined : px(c.stop),
            },
            c.alreadyTriggered,
          );
          const [o, h, l, cl] = c.bar;
          const decision = decideBarFill(
            order,
            bar(barType, px(o), px(h), px(l), px(cl), 100, 60_000_000),
            grid,
          );
          assert.deepEqual(pick(decision), {
            triggered: c.expectTriggered,
            price: c.expectPrice === undefined ? undefined : px(c.expectPrice),
          } satisfies BarFillDecision);
        });
      }
    });
  }
});

describe('decideFill: float noise never decides a fill', () => {
  const ohlc = (o: number, h: number, l: number, c: number) =>
    bar(BarType.of('X.SIM', 1, 'minute'), o, h, l, c, 1, 60_000_000);

  test('a buy limit at 0.30 fills when the low is 0.1 + 0.2, at exactly 0.3', () => {
    const grid = new Grid(0.01);
    const order = makeOrder('X.SIM', 'buy', 'limit', { price: 0.3 });
    const low = 0.1 + 0.2; // 0.30000000000000004 > 0.3 in floats
    assert.deepEqual(pick(decideBarFill(order, ohlc(0.35, 0.4, low, 0.35), grid)), {
      triggered: false,
      price: 0.3,
    });
  });

  test('a sell stop at 1.15 triggers on a low of 1.1500000000000001 and fills at 1.15', () => {
    const grid = new Grid(0.05);
    const order = makeOrder('X.SIM', 'sell', 'stop-market', { triggerPrice: 1.15 });
    const low = 1.1500000000000001;
    assert.deepEqual(pick(decideBarFill(order, ohlc(1.25, 1.3, low, 1.25), grid)), {
      triggered: true,
      price: 1.15,
    });
  });

  test('a fill price is always the grid value, not the noisy input', () => {
    const grid = new Grid(0.1);
    const order = makeOrder('X.SIM', 'buy', 'market', {});
    assert.equal(decideFill(order, 0.1 + 0.2, grid).price, 0.3);
  });

  test('a trade tick (or one side of a quote) is a one-point path', () => {
    const grid = new Grid(0.25);
    const limit = makeOrder('ESZ3.CME', 'buy', 'limit', { price: 1800 });
    assert.deepEqual(pick(decideFill(limit, 1800, grid)), { triggered: false, price: 1800 });
    assert.deepEqual(pick(decideFill(limit, 1800.25, grid)), { triggered: false, price: undefined });
    assert.deepEqual(pick(decideFill(limit, 1799.5, grid)), { triggered: false, price: 1799.5 });
    const stop = makeOrder('ESZ3.CME', 'buy', 'stop-market', { triggerPrice: 1801 });
    assert.deepEqual(pick(decideFill(stop, 1801.5, grid)), { triggered: true, price: 1801.5 });
  });
});

function pick(d: BarFillDecision): BarFillDecision {
  return { triggered: d.triggered, price: d.price };
}

describe('decideBarFill: properties', () => {
  const grid = new Grid(0.25);
  const barType = BarType.of('ESZ3.CME', 1, 'minute');

  const barArb = fc
    .tuple(fc.integer({ min: 7000, max: 7400 }), fc.integer({ min: 0, max: 40 }), fc.nat(), fc.nat())
    .map(([low, range, a, b]) => {
      const high = low + range;
      return { low, high, open: low + (a % (range + 1)), close: low + (b % (range + 1)) };
    });

  const orderArb = fc.record({
    side: fc.constantFrom<OrderSide>('buy', 'sell'),
    type: fc.constantFrom<OrderType>('market', 'limit', 'stop-market', 'stop-limit'),
    limit: fc.integer({ min: 6980, max: 7420 }),
    stop: fc.integer({ min: 6980, max: 7420 }),
    alreadyTriggered: fc.boolean(),
  });

  test('limits are never filled worse than the limit; every fill is on the grid and within [low, high]; gap fills equal the open', () => {
    fc.assert(
      fc.property(barArb, orderArb, (b, spec) => {
        const needsPrice = spec.type === 'limit' || spec.type === 'stop-limit';
        const needsStop = spec.type === 'stop-market' || spec.type === 'stop-limit';
        const order = makeOrder(
          'ESZ3.CME',
          spec.side,
          spec.type,
          {
            price: needsPrice ? grid.fromTicks(spec.limit) : undefined,
            triggerPrice: needsStop ? grid.fromTicks(spec.stop) : undefined,
          },
          needsStop && spec.alreadyTriggered,
        );
        const theBar = bar(
          barType,
          grid.fromTicks(b.open),
          grid.fromTicks(b.high),
          grid.fromTicks(b.low),
          grid.fromTicks(b.close),
          1,
          60e6,
        );
        const d = decideBarFill(order, theBar, grid);
        const buy = spec.side === 'buy';
        if (d.triggered) assert.ok(needsStop && !order.isTriggered, 'only untriggered stops trigger');
        if (spec.type === 'market') assert.equal(d.price, theBar.open);
        if (d.price === undefined) return;
        const ticks = grid.toTicks(d.price);
        assert.equal(grid.fromTicks(ticks), d.price, 'fill price on the grid');
        assert.ok(ticks >= b.low && ticks <= b.high, `fill ${ticks} outside [${b.low}, ${b.high}]`);
        if (needsPrice) {
          if (buy) assert.ok(ticks <= spec.limit, `buy limit ${spec.limit} filled above at ${ticks}`);
          else assert.ok(ticks >= spec.limit, `sell limit ${spec.limit} filled below at ${ticks}`);
          // Better than the limit only from where trading started: the open (a gap in our favour),
          // or the stop of a stop-limit triggered inside this bar.
          if (ticks !== spec.limit) {
            const intrabarStop =
              spec.type === 'stop-limit' &&
              !order.isTriggered &&
              (buy ? b.open < spec.stop : b.open > spec.stop);
            assert.equal(ticks, intrabarStop ? spec.stop : b.open);
          }
        }
        if (spec.type === 'stop-market' && !order.isTriggered) {
          assert.ok(d.triggered);
          // At the stop, or at the open when it gapped through (worse than the stop).
          if (buy) assert.ok(ticks === spec.stop || (ticks === b.open && b.open >= spec.stop));
          else assert.ok(ticks === spec.stop || (ticks === b.open && b.open <= spec.stop));
        }
      }),
      { numRuns: 20_000 },
    );
  });

  test('an untriggered stop fills only if triggered, and triggers exactly when the range reaches the stop', () => {
    fc.assert(
      fc.property(barArb, orderArb, (b, spec) => {
        if (spec.type !== 'stop-market' && spec.type !== 'stop-limit') return;
        const order = makeOrder('ESZ3.CME', spec.side, spec.type, {
          price: spec.type === 'stop-limit' ? grid.fromTicks(spec.limit) : undefined,
          triggerPrice: grid.fromTicks(spec.stop),
        });
        const d = decideBarFill(
          order,
          bar(
            barType,
            grid.fromTicks(b.open),
            grid.fromTicks(b.high),
            grid.fromTicks(b.low),
            grid.fromTicks(b.close),
            1,
            60e6,
          ),
          grid,
        );
        const reaches = spec.side === 'buy' ? b.high >= spec.stop : b.low <= spec.stop;
        assert.equal(d.triggered, reaches);
        if (!d.triggered) assert.equal(d.price, undefined);
        if (spec.type === 'stop-market') assert.equal(d.price !== undefined, reaches);
      }),
      { numRuns: 20_000 },
    );
  });
});
