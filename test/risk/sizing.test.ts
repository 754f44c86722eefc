import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { AverageTrueRange } from '../../src/indicators/volatility/atr.js';
import { currency } from '../../src/model/currency.js';
import { cryptoSpot, equity, futureContract, type Instrument } from '../../src/model/instruments.js';
import {
  fixedFractional,
  fixedQuantity,
  kellyFraction,
  kellyFromReturns,
  kellySize,
  stopDistance,
  volatilityTarget,
} from '../../src/risk/sizing.js';

const ES = futureContract('ES', 2025, 12); // multiplier 50, tick 0.25, size 1
const AAPL = equity({ symbol: 'AAPL', venue: 'NASDAQ' });
const BTC = cryptoSpot({
  base: 'BTC',
  quote: 'USDT',
  venue: 'BINANCE',
  priceIncrement: 0.01,
  sizeIncrement: 0.0001,
  currency: currency('USDT'),
});

describe('fixed-fractional: worked examples', () => {
  test('ES: 1 % of 100,000 with a 5-point stop = 4 contracts risking 1,000', () => {
    assert.equal(ES.multiplier, 50);
    assert.equal(ES.priceGrid.increment, 0.25);
    // 5 points × 50 = 250 per contract; 1,000 / 250 = 4.
    const r = fixedFractional({
      instrument: ES,
      equity: 100_000,
      riskFraction: 0.01,
      stopDistance: 5,
      price: 5000,
    });
    assert.deepEqual(
      { q: r.quantity, risk: r.riskAmount, budget: r.riskBudget, notional: r.notional, reason: r.reason },
      { q: 4, risk: 1000, budget: 1000, notional: 1_000_000, reason: undefined },
    );
  });

  test('ES: a 6-point stop rounds 3.33 down to 3 contracts, risking 900 (never more than 1,000)', () => {
    const r = fixedFractional({ instrument: ES, equity: 100_000, riskFraction: 0.01, stopDistance: 6 });
    assert.equal(r.rawQuantity.toFixed(4), '3.3333');
    assert.equal(r.quantity, 3);
    assert.equal(r.riskAmount, 900);
    assert.equal(r.notional, undefined);
  });

  test('ES: a 25-point stop costs 1,250 per contract: 0 contracts, with the reason', () => {
    const r = fixedFractional({ instrument: ES, equity: 100_000, riskFraction: 0.01, stopDistance: 25 });
    assert.equal(r.quantity, 0);
    assert.equal(r.riskAmount, 0);
    assert.match(r.reason ?? '', /budget buys 0\.8, less than one size increment \(1\)/);
  });

  test('stock: 0.5 % of 50,000, entry 190.00, stop 185.50 → 55 shares risking 247.50', () => {
    const distance = stopDistance(190, 185.5);
    assert.equal(distance, 4.5);
    const r = fixedFractional({
      instrument: AAPL,
      equity: 50_000,
      riskFraction: 0.005,
      stopDistance: distance,
      price: 190,
    });
    // 250 / 4.5 = 55.56 → 55; 55 × 4.5 = 247.5; 55 × 190 = 10,450.
    assert.equal(r.quantity, 55);
    assert.equal(r.riskAmount, 247.5);
    assert.equal(r.notional, 10_450);
    assert.equal(r.currency.code, 'USD');
  });

  test('crypto: 2 % of 10,000 USDT with a 1,500 stop → 0.1333 BTC on the 0.0001 grid', () => {
    const r = fixedFractional({
      instrument: BTC,
      equity: 10_000,
      riskFraction: 0.02,
      stopDistance: 1500,
      price: 60_000,
    });
    // 200 / 1,500 = 0.133333 → 0.1333; risk 0.1333 × 1,500 = 199.95; notional 0.1333 × 60,000 = 7,998.
    assert.equal(r.quantity, 0.1333);
    assert.equal(r.riskAmount, 199.95);
    assert.equal(r.notional, 7998);
    assert.equal(r.currency.code, 'USDT');
  });

  test('float noise: a budget that is exactly 3 increments of risk gives 3, not 2', () => {
    // 0.3 / 0.1 = 2.9999999999999996 in binary.
    const r = fixedFractional({ instrument: BTC, equity: 0.3, riskFraction: 1, stopDistance: 1000 });
    assert.equal(r.quantity, 0.0003);
  });
});

describe('clamps', () => {
  test('maxQuantity clamps down and says so', () => {
    const r = fixedFractional({
      instrument: ES,
      equity: 1_000_000,
      riskFraction: 0.01,
      stopDistance: 5,
      maxQuantity: 10,
    });
    assert.equal(r.quantity, 10);
    assert.equal(r.clampedBy, 'maxQuantity');
    assert.equal(r.riskAmount, 2500);
  });

  test('a fractional maxQuantity is rounded down to the grid', () => {
    const r = fixedQuantity({ instrument: BTC, quantity: 1, maxQuantity: 0.12345 });
    assert.equal(r.quantity, 0.1234);
  });

  test('maxNotional clamps on quantity × price × multiplier', () => {
    const r = fixedFractional({
      instrument: ES,
      equity: 1_000_000,
      riskFraction: 0.01,
      stopDistance: 5,
      price: 5000,
      maxNotional: 1_000_000,
    });
    assert.equal(r.quantity, 4);
    assert.equal(r.clampedBy, 'maxNotional');
    assert.equal(r.notional, 1_000_000);
  });

  test('below minQuantity → 0 (never rounded up)', () => {
    const r = fixedFractional({
      instrument: AAPL,
      equity: 10_000,
      riskFraction: 0.01,
      stopDistance: 5,
      minQuantity: 50,
    });
    assert.equal(r.quantity, 0);
    assert.match(r.reason ?? '', /20 is below minQuantity 50/);
  });

  test('fixed quantity: rounded down, with the risk at a stop when given', () => {
    const r = fixedQuantity({ instrument: ES, quantity: 2.7, stopDistance: 4, price: 5000 });
    assert.equal(r.quantity, 2);
    assert.equal(r.riskAmount, 400);
    assert.equal(r.notional, 500_000);
    assert.equal(fixedQuantity({ instrument: ES, quantity: 3 }).riskAmount, undefined);
    assert.equal(fixedQuantity({ instrument: ES, quantity: 0 }).reason, 'quantity is 0');
  });
});

describe('argument errors name the argument', () => {
  const base = { instrument: ES, equity: 100_000, riskFraction: 0.01, stopDistance: 5 };
  const cases: [string, () => unknown, RegExp][] = [
    ['negative equity', () => fixedFractional({ ...base, equity: -1 }), /equity must be >= 0, got -1/],
    [
      'NaN equity',
      () => fixedFractional({ ...base, equity: Number.NaN }),
      /equity must be a finite number, got NaN/,
    ],
    ['stop 0', () => fixedFractional({ ...base, stopDistance: 0 }), /stopDistance must be > 0, got 0/],
    ['stop < 0', () => fixedFractional({ ...base, stopDistance: -2 }), /stopDistance must be > 0/],
    [
      'fraction 0',
      () => fixedFractional({ ...base, riskFraction: 0 }),
      /riskFraction must be in \(0, 1\], got 0/,
    ],
    [
      'fraction 1.5',
      () => fixedFractional({ ...base, riskFraction: 1.5 }),
      /riskFraction must be in \(0, 1\]/,
    ],
    [
      'fraction NaN',
      () => fixedFractional({ ...base, riskFraction: Number.NaN }),
      /riskFraction must be a finite/,
    ],
    ['stop = entry', () => stopDistance(100, 100), /stop price 100 equals entry price 100/],
    [
      'maxNotional without price',
      () => fixedFractional({ ...base, maxNotional: 1 }),
      /maxNotional needs a price/,
    ],
    [
      'min > max',
      () => fixedFractional({ ...base, minQuantity: 5, maxQuantity: 2 }),
      /minQuantity 5 must be <= maxQuantity 2/,
    ],
    ['atr 0', () => volatilityTarget({ instrument: ES, targetRisk: 1000, atr: 0 }), /atr must be > 0, got 0/],
    [
      'atr NaN',
      () => volatilityTarget({ instrument: ES, targetRisk: 1000, atr: Number.NaN }),
      /atr must be a finite/,
    ],
    ['win rate 1.2', () => kellyFraction(1.2, 2), /winRate must be in \[0, 1\]/],
    ['payoff 0', () => kellyFraction(0.5, 0), /payoffRatio must be > 0, got 0/],
    ['kelly fraction 2', () => kellyFraction(0.5, 2, { fraction: 2 }), /fraction must be in \(0, 1\]/],
    ['kelly cap 0', () => kellyFraction(0.5, 2, { cap: 0 }), /cap must be in \(0, 1\]/],
    ['no returns', () => kellyFromReturns([]), /returns must not be empty/],
    ['NaN return', () => kellyFromReturns([1, Number.NaN]), /returns\[1\] must be a finite/],
  ];
  for (const [name, run, message] of cases) {
    test(name, () => assert.throws(run, (e: unknown) => e instanceof RangeError && message.test(e.message)));
  }

  test('zero equity is allowed and explains the 0', () => {
    const r = fixedFractional({ ...base, equity: 0 });
    assert.equal(r.quantity, 0);
    assert.equal(r.reason, 'equity is 0');
  });
});

describe('volatility targeting', () => {
  test('ES: 5,000 of daily risk with ATR 40 points → 2.5 → 2 contracts, 4,000 per ATR', () => {
    const r = volatilityTarget({ instrument: ES, targetRisk: 5000, atr: 40 });
    assert.equal(r.quantity, 2);
    assert.equal(r.riskAmount, 4000);
  });

  test('as a fraction of equity, with an ATR multiple', () => {
    // 0.2 % of 1,000,000 = 2,000; 2 ATRs of 10 points × 50 = 1,000 per contract → 2.
    const r = volatilityTarget({
      instrument: ES,
      equity: 1_000_000,
      riskFraction: 0.002,
      atr: 10,
      atrMultiple: 2,
    });
    assert.equal(r.quantity, 2);
    assert.equal(r.riskAmount, 2000);
  });

  test('from the ATR indicator: 0 with a reason while warming up, then sized from its value', () => {
    const atr = new AverageTrueRange(3);
    const r0 = volatilityTarget({ instrument: AAPL, targetRisk: 1000, atr });
    assert.equal(r0.quantity, 0);
    assert.match(r0.reason ?? '', /ATR is not ready/);
    const bars = [
      [100, 102, 99, 101],
      [101, 103, 100, 102],
      [102, 104, 101, 103],
      [103, 105, 102, 104],
    ];
    for (const [open, high, low, close] of bars)
      atr.update({ open, high, low, close, volume: 1, tsEvent: 0 });
    assert.ok(atr.isReady);
    assert.equal(atr.value, 3);
    const r = volatilityTarget({ instrument: AAPL, targetRisk: 1000, atr });
    assert.equal(r.quantity, 333);
    assert.equal(r.riskAmount, 999);
  });
});

describe('Kelly', () => {
  test('f* = p − (1 − p)/b, halved, capped', () => {
    const k = kellyFraction(0.55, 1.5, { fraction: 0.5, cap: 0.1 });
    assert.ok(Math.abs(k.fullKelly - 0.25) < 1e-12);
    assert.equal(k.fraction, 0.1);
    assert.equal(k.capped, true);
    const uncapped = kellyFraction(0.55, 1.5);
    assert.ok(Math.abs(uncapped.fraction - 0.125) < 1e-12);
    assert.equal(uncapped.capped, false);
  });

  test('negative edge → 0 with a reason', () => {
    const k = kellyFraction(0.4, 1);
    assert.ok(Math.abs(k.fullKelly + 0.2) < 1e-12);
    assert.equal(k.fraction, 0);
    assert.match(k.reason ?? '', /no edge/);
  });

  test('from trade returns', () => {
    // p = 3/5, b = 2 / 1 → f* = 0.6 − 0.4 / 2 = 0.4; half Kelly 0.2.
    const k = kellyFromReturns([2, -1, 2, -1, 2, 0]);
    assert.ok(Math.abs(k.winRate - 0.6) < 1e-12);
    assert.equal(k.payoffRatio, 2);
    assert.ok(Math.abs(k.fraction - 0.2) < 1e-12);
    assert.equal(kellyFromReturns([-1, -2]).fraction, 0);
    assert.equal(kellyFromReturns([0, 0]).reason, 'no winning or losing trades');
    // No losers: f* = p = 1, half → 0.5, capped at 0.25.
    const allWins = kellyFromReturns([1, 2]);
    assert.equal(allWins.fraction, 0.25);
    assert.equal(allWins.capped, true);
  });

  test('kellySize with a stop: ES, 200,000 × 0.125 = 25,000 at a 10-point stop → 50 contracts', () => {
    const r = kellySize({
      instrument: ES,
      equity: 200_000,
      winRate: 0.55,
      payoffRatio: 1.5,
      stopDistance: 10,
    });
    assert.equal(r.quantity, 50);
    assert.equal(r.riskAmount, 25_000);
  });

  test('kellySize without a stop puts the fraction into the notional', () => {
    // 0.125 × 100,000 = 12,500 of AAPL at 200 → 62.5 → 62 shares.
    const r = kellySize({ instrument: AAPL, equity: 100_000, winRate: 0.55, payoffRatio: 1.5, price: 200 });
    assert.equal(r.quantity, 62);
    assert.equal(r.notional, 12_400);
    assert.throws(
      () => kellySize({ instrument: AAPL, equity: 100_000, winRate: 0.55, payoffRatio: 1.5 }),
      /needs a stopDistance or a price/,
    );
  });

  test('kellySize with no edge → 0 with the reason', () => {
    const r = kellySize({ instrument: ES, equity: 200_000, winRate: 0.3, payoffRatio: 1, stopDistance: 10 });
    assert.equal(r.quantity, 0);
    assert.match(r.reason ?? '', /no edge/);
  });
});

describe('properties', () => {
  const instruments: readonly Instrument[] = [ES, AAPL, BTC];
  const arbitrary = fc.record({
    instrument: fc.constantFrom(...instruments),
    equity: fc.double({ min: 0, max: 1e8, noNaN: true }),
    riskFraction: fc.double({ min: 1e-4, max: 1, noNaN: true }),
    stopTicks: fc.integer({ min: 1, max: 100_000 }),
  });
  const distance = (i: Instrument, ticks: number): number => i.priceGrid.fromTicks(ticks);

  test('risk taken never exceeds the budget; quantity is on the size grid', () => {
    fc.assert(
      fc.property(arbitrary, ({ instrument, equity, riskFraction, stopTicks }) => {
        const d = distance(instrument, stopTicks);
        const r = fixedFractional({ instrument, equity, riskFraction, stopDistance: d });
        const budget = equity * riskFraction;
        assert.ok(
          r.quantity * d * instrument.multiplier <= budget * (1 + 1e-9),
          `${r.quantity} risks more than ${budget}`,
        );
        assert.ok(instrument.sizeGrid.contains(r.quantity), `${r.quantity} not on the size grid`);
        assert.ok(r.quantity >= 0);
        // Rounded down, not further than one increment below the raw quantity.
        assert.ok(r.quantity > r.rawQuantity - instrument.sizeGrid.increment * (1 + 1e-9));
        if (r.quantity === 0) assert.ok(r.reason);
      }),
      { numRuns: 500 },
    );
  });

  test('monotone in equity', () => {
    fc.assert(
      fc.property(arbitrary, fc.double({ min: 0, max: 1e6, noNaN: true }), (args, extra) => {
        const d = distance(args.instrument, args.stopTicks);
        const a = fixedFractional({ ...args, stopDistance: d });
        const b = fixedFractional({ ...args, equity: args.equity + extra, stopDistance: d });
        assert.ok(b.quantity >= a.quantity, `${args.equity}→${b.quantity} < ${a.quantity}`);
        const va = volatilityTarget({
          instrument: args.instrument,
          equity: args.equity,
          riskFraction: args.riskFraction,
          atr: d,
        });
        const vb = volatilityTarget({
          instrument: args.instrument,
          equity: args.equity + extra,
          riskFraction: args.riskFraction,
          atr: d,
        });
        assert.ok(vb.quantity >= va.quantity);
      }),
      { numRuns: 500 },
    );
  });

  test('Kelly: the fraction is in [0, cap] and the stake never exceeds equity × fraction', () => {
    fc.assert(
      fc.property(
        arbitrary,
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0.01, max: 100, noNaN: true }),
        fc.double({ min: 0.01, max: 1, noNaN: true }),
        (args, winRate, payoffRatio, cap) => {
          const k = kellyFraction(winRate, payoffRatio, { cap });
          assert.ok(k.fraction >= 0 && k.fraction <= cap);
          if (k.fullKelly <= 0) assert.equal(k.fraction, 0);
          const d = distance(args.instrument, args.stopTicks);
          const r = kellySize({
            instrument: args.instrument,
            equity: args.equity,
            winRate,
            payoffRatio,
            cap,
            stopDistance: d,
          });
          assert.ok(r.quantity * d * args.instrument.multiplier <= args.equity * k.fraction * (1 + 1e-9));
          assert.ok(args.instrument.sizeGrid.contains(r.quantity));
        },
      ),
      { numRuns: 300 },
    );
  });

  test('clamps hold: min <= quantity <= max, or 0', () => {
    fc.assert(
      fc.property(
        arbitrary,
        fc.integer({ min: 0, max: 50 }),
        fc.integer({ min: 0, max: 50 }),
        (args, lo, span) => {
          const inc = args.instrument.sizeGrid.increment;
          const minQuantity = args.instrument.sizeGrid.fromTicks(lo);
          const maxQuantity = args.instrument.sizeGrid.fromTicks(lo + span);
          const r = fixedFractional({
            ...args,
            stopDistance: distance(args.instrument, args.stopTicks),
            minQuantity,
            maxQuantity,
          });
          assert.ok(
            r.quantity === 0 ||
              (r.quantity >= minQuantity - inc * 1e-9 && r.quantity <= maxQuantity + inc * 1e-9),
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});
