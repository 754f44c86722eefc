import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import {
  fixedTickSlippage,
  mulberry32,
  noSlippage,
  probabilisticSlippage,
  type SlippageFill,
  type SlippageModel,
  volatilitySlippage,
} from '../../../src/backtest/slippage/index.js';
import { currency } from '../../../src/model/currency.js';
import { cryptoSpot, equity, futureContract } from '../../../src/model/instruments.js';

const INSTRUMENTS = [
  equity({ symbol: 'AAPL', venue: 'NASDAQ' }),
  futureContract('ES', 2025, 12),
  cryptoSpot({
    base: 'BTC',
    quote: 'USDT',
    venue: 'BINANCE',
    priceIncrement: 0.1,
    sizeIncrement: 0.00001,
    currency: currency('USDT'),
  }),
  equity({ symbol: 'PENNY', venue: 'OTC', priceIncrement: 0.0001 }),
];

const MODELS: readonly (readonly [string, SlippageModel])[] = [
  ['none', noSlippage()],
  ['fixed 3 ticks', fixedTickSlippage(3)],
  ['volatility up', volatilitySlippage({ k: 0.7 })],
  ['volatility nearest', volatilitySlippage({ k: 1.3, rounding: 'nearest', fallbackTicks: 1 })],
  ['probabilistic', probabilisticSlippage({ probability: 0.4, ticks: 2 })],
];

const fillArb: fc.Arbitrary<SlippageFill> = fc
  .record({
    instrument: fc.constantFrom(...INSTRUMENTS),
    side: fc.constantFrom('buy' as const, 'sell' as const),
    ticks: fc.integer({ min: 1, max: 10_000_000 }),
    offGrid: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 0.999, noNaN: true })),
    quantity: fc.integer({ min: 1, max: 1000 }),
  })
  .map(({ instrument, side, ticks, offGrid, quantity }) => ({
    instrument,
    side,
    quantity,
    price: instrument.priceGrid.fromTicks(ticks) + offGrid * instrument.priceGrid.increment,
    timestamp: 0,
  }));
const volatilityArb = fc.option(fc.double({ min: 0, max: 50, noNaN: true }), { nil: undefined });

describe('slippage properties', () => {
  for (const [name, model] of MODELS) {
    test(`${name}: on the grid, never favourable, deterministic for a seed`, () => {
      fc.assert(
        fc.property(fillArb, volatilityArb, fc.integer(), (fill, volatility, seed) => {
          const price = model.adjust(fill, { volatility, random: mulberry32(seed) });
          const grid = fill.instrument.priceGrid;
          assert.ok(grid.contains(price), `${price} not on the ${grid.increment} grid`);
          const noise = 1e-9 * grid.increment + Math.abs(fill.price) * 1e-15;
          if (fill.side === 'buy') assert.ok(price >= fill.price - noise, `buy ${fill.price} → ${price}`);
          else assert.ok(price <= fill.price + noise, `sell ${fill.price} → ${price}`);
          assert.equal(model.adjust(fill, { volatility, random: mulberry32(seed) }), price);
        }),
        { numRuns: 500 },
      );
    });
  }

  test('a seeded run of many fills replays exactly', () => {
    const model = probabilisticSlippage({ probability: 0.3, ticks: 1 });
    const run = (seed: number) => {
      const random = mulberry32(seed);
      const fill = {
        instrument: INSTRUMENTS[1],
        side: 'buy' as const,
        price: 4000,
        quantity: 1,
        timestamp: 0,
      };
      return Array.from({ length: 200 }, () => model.adjust(fill, { random }));
    };
    assert.deepEqual(run(123), run(123));
    assert.notDeepEqual(run(123), run(124));
  });

  test('probabilistic slip frequency converges to p (100,000 fills, ±0.01)', () => {
    const model = probabilisticSlippage({ probability: 0.3, ticks: 1 });
    const random = mulberry32(2024);
    const fill = {
      instrument: INSTRUMENTS[1],
      side: 'sell' as const,
      price: 4000,
      quantity: 1,
      timestamp: 0,
    };
    const n = 100_000;
    let slipped = 0;
    for (let i = 0; i < n; i++) if (model.adjust(fill, { random }) !== 4000) slipped++;
    assert.ok(Math.abs(slipped / n - 0.3) < 0.01, `frequency ${slipped / n}`);
  });

  test('probabilistic slip frequency is within 5 standard errors of p for any seed and p', () => {
    fc.assert(
      fc.property(fc.integer(), fc.double({ min: 0, max: 1, noNaN: true }), (seed, probability) => {
        const model = probabilisticSlippage({ probability, ticks: 1 });
        const random = mulberry32(seed);
        const fill = {
          instrument: INSTRUMENTS[0],
          side: 'buy' as const,
          price: 10,
          quantity: 1,
          timestamp: 0,
        };
        const n = 20_000;
        let slipped = 0;
        for (let i = 0; i < n; i++) if (model.adjust(fill, { random }) !== 10) slipped++;
        const tolerance = 5 * Math.sqrt((probability * (1 - probability)) / n) + 1e-3;
        assert.ok(Math.abs(slipped / n - probability) <= tolerance, `p=${probability} got ${slipped / n}`);
      }),
      { numRuns: 20 },
    );
  });
});
