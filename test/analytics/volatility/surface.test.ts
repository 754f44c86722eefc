import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { black76Price } from '../../../src/analytics/options/black-scholes.js';
import {
  calendarCheck,
  expirySmile,
  forwardFromParity,
  marketSmile,
  sviTotalVariance,
  volatilitySurface,
} from '../../../src/analytics/volatility/index.js';

const flat = (w: number) => () => w;

describe('volatility surface interpolation', () => {
  const slices = [
    { time: 0.25, forward: 100, totalVariance: flat(0.01) },
    { time: 1, forward: 110, totalVariance: flat(0.0625) },
  ];
  const surface = volatilitySurface(slices);

  it('returns each slice at its own expiry and is linear in total variance between', () => {
    assert.ok(Math.abs(surface.vol(0, 0.25) - 0.2) < 1e-15);
    assert.ok(Math.abs(surface.vol(0, 1) - 0.25) < 1e-15);
    const t = 0.625; // halfway
    assert.ok(Math.abs(surface.totalVariance(0.1, t) - (0.01 + 0.0625) / 2) < 1e-15);
  });

  it('keeps the implied vol outside the fitted expiries', () => {
    assert.ok(Math.abs(surface.vol(0, 0.1) - 0.2) < 1e-15);
    assert.ok(Math.abs(surface.vol(0, 3) - 0.25) < 1e-15);
  });

  it('interpolates forwards log-linearly and maps strikes through them', () => {
    const f = surface.forward(0.625);
    assert.ok(Math.abs(f - Math.sqrt(100 * 110)) < 1e-9);
    const svi = { a: 0.01, b: 0.1, rho: -0.5, m: 0, sigma: 0.1 };
    const one = volatilitySurface([
      { time: 0.5, forward: 100, totalVariance: (k) => sviTotalVariance(svi, k) },
    ]);
    assert.ok(
      Math.abs(one.volAtStrike(90, 0.5) - Math.sqrt(sviTotalVariance(svi, Math.log(0.9)) / 0.5)) < 1e-15,
    );
  });

  it('rejects bad input naming the argument', () => {
    assert.throws(() => volatilitySurface([]), /^RangeError: slices/);
    assert.throws(() => surface.vol(0, -1), /^RangeError: time/);
  });
});

describe('calendar check', () => {
  it('flags total variance that decreases with expiry and passes increasing slices', () => {
    const ok = calendarCheck([
      { time: 0.5, totalVariance: flat(0.02) },
      { time: 1, totalVariance: flat(0.04) },
    ]);
    assert.equal(ok.arbitrageFree, true);
    const crossed = calendarCheck([
      { time: 0.5, totalVariance: (k) => 0.02 + 0.1 * k * k },
      { time: 1, totalVariance: flat(0.04) },
    ]);
    assert.equal(crossed.arbitrageFree, false);
    assert.ok(crossed.minimumIncrease < 0);
  });
});

describe('put–call parity forward and market smile (Black-76)', () => {
  const forward = 1287.5;
  const rate = 0.004;
  const time = 0.3;
  const vol = (k: number) => 0.2 - 0.3 * Math.log(k / forward);
  const strikes = [1100, 1150, 1200, 1250, 1275, 1300, 1325, 1350, 1400, 1450];
  const quotes = strikes.flatMap((strike) =>
    (['call', 'put'] as const).map((type) => {
      const price = black76Price(type, forward, strike, time, rate, vol(strike));
      return { type, strike, bid: price - 0.05, ask: price + 0.05 };
    }),
  );

  it('recovers the forward and discount factor exactly from consistent prices', () => {
    const pairs = strikes.map((strike) => ({
      strike,
      callMid: black76Price('call', forward, strike, time, rate, vol(strike)),
      putMid: black76Price('put', forward, strike, time, rate, vol(strike)),
    }));
    const parity = forwardFromParity(pairs, time);
    assert.ok(Math.abs(parity.forward - forward) < 1e-9);
    assert.ok(Math.abs(parity.rate - rate) < 1e-12);
  });

  it('implied vols of the mids reproduce the input vols, OTM only', () => {
    const smile = expirySmile({ label: 'x', time, quotes });
    assert.equal(smile.points.length, strikes.length);
    assert.equal(smile.dropped['in the money'], strikes.length);
    for (const p of smile.points) {
      assert.ok(Math.abs(p.midVolatility - vol(p.strike)) < 1e-8);
      assert.equal(p.type, p.strike >= forward ? 'call' : 'put');
      assert.ok(
        (p.bidVolatility as number) < p.midVolatility && p.midVolatility < (p.askVolatility as number),
      );
    }
  });

  it('counts unusable quotes by reason', () => {
    const smile = marketSmile(
      [
        { type: 'call', strike: 1300, bid: 0, ask: 1 },
        { type: 'call', strike: 1300, bid: 2, ask: 1 },
        { type: 'call', strike: 1300, bid: 5000, ask: 5001 },
      ],
      forward,
      time,
      rate,
    );
    assert.deepEqual(smile.dropped, {
      'no bid or ask': 1,
      crossed: 1,
      'in the money': 0,
      'no implied vol': 1,
    });
  });
});
