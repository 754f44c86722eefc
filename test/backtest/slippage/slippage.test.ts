import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  fixedTickSlippage,
  mulberry32,
  noSlippage,
  probabilisticSlippage,
  type SlippageContext,
  type SlippageFill,
  volatilitySlippage,
} from '../../../src/backtest/slippage/index.js';
import { equity, futureContract, type Instrument } from '../../../src/model/instruments.js';

const STOCK = equity({ symbol: 'AAPL', venue: 'NASDAQ' }); // 0.01 grid
const ES = futureContract('ES', 2025, 12); // 0.25 grid

function fill(instrument: Instrument, side: 'buy' | 'sell', price: number): SlippageFill {
  return { instrument, side, price, quantity: 1, timestamp: 0 };
}
const never: SlippageContext = {
  random: () => {
    throw new Error('this model must not draw');
  },
};

describe('slippage models', () => {
  test('none keeps an on-grid price, snaps an off-grid one against the taker', () => {
    const model = noSlippage();
    assert.equal(model.adjust(fill(ES, 'buy', 4000), never), 4000);
    assert.equal(model.adjust(fill(ES, 'buy', 4000.1), never), 4000.25);
    assert.equal(model.adjust(fill(ES, 'sell', 4000.1), never), 4000);
  });

  test('fixed ticks: ES 2 ticks → buys +0.50, sells −0.50', () => {
    const model = fixedTickSlippage(2);
    assert.equal(model.adjust(fill(ES, 'buy', 4000), never), 4000.5);
    assert.equal(model.adjust(fill(ES, 'sell', 4000), never), 3999.5);
    assert.equal(model.adjust(fill(ES, 'buy', 4000.1), never), 4000.75);
    assert.equal(fixedTickSlippage(3).adjust(fill(STOCK, 'buy', 10.1), never), 10.13);
  });

  test('sells never slip to zero or below: they stop at one tick', () => {
    assert.equal(fixedTickSlippage(5).adjust(fill(STOCK, 'sell', 0.02), never), 0.01);
    assert.equal(fixedTickSlippage(5).adjust(fill(STOCK, 'sell', 0.01), never), 0.01);
  });

  test('volatility-scaled: k × volatility in ticks, rounded up by default', () => {
    const up = volatilitySlippage({ k: 0.5 });
    // 0.5 × 1.0 = 0.50 = exactly 2 ES ticks
    assert.equal(up.adjust(fill(ES, 'buy', 4000), { volatility: 1, random: Math.random }), 4000.5);
    // 0.5 × 1.1 = 0.55 = 2.2 ticks → 3 up, 2 nearest
    assert.equal(up.adjust(fill(ES, 'buy', 4000), { volatility: 1.1, random: Math.random }), 4000.75);
    const nearest = volatilitySlippage({ k: 0.5, rounding: 'nearest' });
    assert.equal(nearest.adjust(fill(ES, 'sell', 4000), { volatility: 1.1, random: Math.random }), 3999.5);
    // 0.5 × 1.25 = 0.625 = 2.5 ticks → nearest rounds half up to 3
    assert.equal(nearest.adjust(fill(ES, 'buy', 4000), { volatility: 1.25, random: Math.random }), 4000.75);
    // stock: 1 × 0.033 = 3.3 cents → 4 cents
    assert.equal(
      volatilitySlippage({ k: 1 }).adjust(fill(STOCK, 'buy', 50), { volatility: 0.033, random: Math.random }),
      50.04,
    );
  });

  test('volatility-scaled without a volatility slips the fallback', () => {
    assert.equal(volatilitySlippage({ k: 1 }).adjust(fill(ES, 'buy', 4000), never), 4000);
    assert.equal(
      volatilitySlippage({ k: 1, fallbackTicks: 1 }).adjust(fill(ES, 'buy', 4000), never),
      4000.25,
    );
    assert.throws(() =>
      volatilitySlippage({ k: 1 }).adjust(fill(ES, 'buy', 4000), { volatility: -1, random: Math.random }),
    );
  });

  test('probabilistic: slips when the draw is below p', () => {
    const model = probabilisticSlippage({ probability: 0.2, ticks: 1 });
    assert.equal(model.adjust(fill(ES, 'buy', 4000), { random: () => 0.1 }), 4000.25);
    assert.equal(model.adjust(fill(ES, 'buy', 4000), { random: () => 0.2 }), 4000);
    assert.equal(model.adjust(fill(ES, 'sell', 4000), { random: () => 0.0 }), 3999.75);
  });

  test('rejects bad parameters', () => {
    assert.throws(() => fixedTickSlippage(-1), /ticks/);
    assert.throws(() => fixedTickSlippage(1.5), /ticks/);
    assert.throws(() => volatilitySlippage({ k: -0.1 }), /k/);
    assert.throws(() => probabilisticSlippage({ probability: 1.1, ticks: 1 }), /probability/);
  });
});

describe('mulberry32', () => {
  test('is the reference sequence: seed 42 starts 0.6011037519201636', () => {
    const random = mulberry32(42);
    assert.equal(random(), 0.6011037519201636);
    assert.equal(random(), 0.44829055899754167);
  });

  test('same seed, same sequence; draws in [0, 1)', () => {
    const a = mulberry32(7);
    const b = mulberry32(7);
    for (let i = 0; i < 1000; i++) {
      const x = a();
      assert.equal(x, b());
      assert.ok(x >= 0 && x < 1);
    }
    assert.notEqual(mulberry32(8)(), mulberry32(7)());
    assert.throws(() => mulberry32(1.5), /integer/);
  });
});
