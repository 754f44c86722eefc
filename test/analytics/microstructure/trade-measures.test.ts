import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import {
  amihudIlliquidity,
  effectiveSpread,
  kyleLambda,
  leeReadySigns,
  priceImpact,
  realisedSpread,
  rollSpread,
  simpleRegression,
  spreadSummary,
  type TopOfBook,
  type Trade,
  tickTestSigns,
  timeWeightedQuotedSpread,
  volumeBuckets,
  vpin,
  vpinOfBuckets,
} from '../../../src/analytics/microstructure/index.js';
import { mulberry32, normalGenerator } from '../../../src/analytics/statistics/random.js';

const close = (actual: number, expected: number, tolerance = 1e-12) =>
  assert.ok(Math.abs(actual - expected) <= tolerance, `${actual} is not within ${tolerance} of ${expected}`);

describe('effective and realised spreads (SEC Rule 605 / Hasbrouck 2007 definitions)', () => {
  // Quote 10.00 / 10.10, mid 10.05; the mid Δ later is 10.09.
  it('a buy at 10.08: effective 2·(10.08 − 10.05) = 0.06, realised 2·(10.08 − 10.09) = −0.02, impact 0.08', () => {
    close(effectiveSpread(10.08, 1, 10.05), 0.06, 1e-12);
    close(realisedSpread(10.08, 1, 10.09), -0.02, 1e-12);
    close(priceImpact(1, 10.05, 10.09), 0.08, 1e-12);
  });
  it('a sell at 10.01: effective 2·(−1)·(10.01 − 10.05) = 0.08, realised −2·(10.01 − 10.09) = 0.16', () => {
    close(effectiveSpread(10.01, -1, 10.05), 0.08, 1e-12);
    close(realisedSpread(10.01, -1, 10.09), 0.16, 1e-12);
    close(priceImpact(-1, 10.05, 10.09), -0.08, 1e-12);
  });

  const quotes: TopOfBook[] = [
    { time: 0, bidPrice: 10.0, bidSize: 500, askPrice: 10.1, askSize: 500 }, // mid 10.05, spread 0.10
    { time: 100, bidPrice: 10.08, bidSize: 500, askPrice: 10.1, askSize: 500 }, // mid 10.09, spread 0.02
    { time: 400, bidPrice: 10.08, bidSize: 100, askPrice: 10.1, askSize: 500 },
  ];
  const trades: Trade[] = [
    { time: 10, price: 10.08, size: 100, sign: 1, quoteIndex: 0 },
    { time: 20, price: 10.01, size: 300, sign: -1, quoteIndex: 0 },
    { time: 350, price: 10.1, size: 50, sign: 1, quoteIndex: 1 }, // horizon ends after the last quote
    { time: 360, price: 10.1, size: 50, sign: 0, quoteIndex: 1 }, // unsigned: left out
  ];

  it('share-weighted summary with a horizon of 100', () => {
    const s = spreadSummary(trades, quotes, 100);
    assert.equal(s.trades, 3);
    assert.equal(s.tradesWithHorizon, 2);
    // Effective: (100·0.06 + 300·0.08 + 50·2·(10.10 − 10.09)) / 450 = (6 + 24 + 1) / 450.
    close(s.effective, 31 / 450, 1e-12);
    // Quoted at trades: (400·0.10 + 50·0.02) / 450.
    close(s.quoted, 41 / 450, 1e-12);
    // Realised (mid at t + 100 = 10.09 for both): (100·(−0.02) + 300·0.16) / 400 = 46/400.
    close(s.realised, 46 / 400, 1e-12);
    // Impact: (100·0.08 + 300·(−0.08)) / 400 = −16/400; realised + impact = effective of those trades.
    close(s.priceImpact, -16 / 400, 1e-12);
    close(s.effectiveBps, (((100 * 0.06 + 300 * 0.08) / 10.05 + (50 * 0.02) / 10.09) / 450) * 1e4, 1e-9);
  });

  it('time-weighted quoted spread: (100·0.10 + 300·0.02) / 400 = 0.04', () => {
    close(timeWeightedQuotedSpread(quotes), 0.04, 1e-12);
  });
});

describe('trade signs: Lee & Ready (1991) quote rule and tick test', () => {
  it('quote rule first, the tick test at the mid', () => {
    // 10.02 > mid 10.00 → buy; 10.05 at the mid, uptick → buy; 10.05 zero tick after an uptick → buy;
    // 10.04 < mid → sell; 10.05 at the mid, uptick from 10.04 → buy.
    assert.deepEqual(
      leeReadySigns([10.02, 10.05, 10.05, 10.04, 10.05], [10.0, 10.05, 10.05, 10.05, 10.05]),
      [1, 1, 1, -1, 1],
    );
    // No mid and no earlier price → unknown; at the mid after a downtick → sell.
    assert.deepEqual(leeReadySigns([10.05, 10.03], [Number.NaN, 10.03]), [0, -1]);
  });
  it('tick test: zero ticks keep the last direction', () => {
    assert.deepEqual(tickTestSigns([5, 5, 6, 6, 4, 4, 4]), [0, 0, 1, 1, -1, -1, -1]);
  });
});

describe('Roll (1984) spread', () => {
  it('recovers the spread of a synthetic bid–ask bounce: p = m + (s/2)·q, cov(Δp_t, Δp_t−1) = −s²/4', () => {
    const uniform = mulberry32(20120621);
    const normal = normalGenerator(uniform);
    const spread = 0.1;
    const sigma = 0.01;
    const n = 20_000;
    const prices: number[] = [];
    let efficient = 100;
    for (let t = 0; t < n; t++) {
      efficient += sigma * normal();
      prices.push(efficient + (spread / 2) * (uniform() < 0.5 ? -1 : 1));
    }
    const roll = rollSpread(prices);
    assert.equal(roll.defined, true);
    // Var(Δp) = σ² + s²/2 = 0.0051; the sample autocovariance's s.e. ≈ Var(Δp)·√(1.5/n) ≈ 4.4e-5 against
    // γ₁ = −0.0025, i.e. ≈ 1.8 % on γ₁ and ≈ 0.9 % on s: 5 % is over 5 standard errors.
    close(roll.autocovariance, -(spread * spread) / 4, 0.0025 * 0.1);
    close(roll.spread, spread, spread * 0.05);
  });
  it('is undefined when the autocovariance is positive (trending prices)', () => {
    const roll = rollSpread([0, 1, 3, 6, 10, 15, 21]);
    assert.equal(roll.defined, false);
    assert.ok(roll.autocovariance >= 0);
    assert.ok(Number.isNaN(roll.spread));
  });
  it('names the argument on bad input', () => {
    assert.throws(() => rollSpread([1, 2, Number.NaN, 4]), /prices/);
    assert.throws(() => rollSpread([1, 2]), /prices must hold at least 4 values, got 2/);
  });
});

describe("Kyle's λ (Kyle 1985) and OLS", () => {
  it('OLS of y = 2 + 3x is exact: slope 3, R² 1', () => {
    const r = simpleRegression([0, 1, 2, 3], [2, 5, 8, 11]);
    close(r.slope, 3);
    close(r.intercept, 2);
    close(r.rSquared, 1);
  });

  it('recovers a known λ from seeded synthetic order flow', () => {
    const normal = normalGenerator(mulberry32(1985));
    const lambda = 2e-4;
    const noise = 0.01;
    const intervals = 500;
    const quotes: TopOfBook[] = [{ time: 0, bidPrice: 99.99, bidSize: 100, askPrice: 100.01, askSize: 100 }];
    const trades: Trade[] = [];
    let mid = 100;
    for (let k = 0; k < intervals; k++) {
      const flow = Math.round(1000 * normal());
      trades.push({
        time: 10 * k + 5,
        price: mid,
        size: Math.abs(flow),
        sign: flow >= 0 ? 1 : -1,
        quoteIndex: k,
      });
      mid += lambda * flow + noise * normal();
      quotes.push({
        time: 10 * k + 9,
        bidPrice: mid - 0.01,
        bidSize: 100,
        askPrice: mid + 0.01,
        askSize: 100,
      });
    }
    quotes.push({ ...quotes[quotes.length - 1], time: 10 * intervals });
    const { regression, signedVolume } = kyleLambda(quotes, trades, 10);
    assert.equal(signedVolume.length, intervals);
    // Theoretical s.e. of the slope: σ_ε / (√n·σ_x) = 0.01 / (√500·1000) ≈ 4.5e-7.
    assert.ok(regression.slopeStdError > 3e-7 && regression.slopeStdError < 6e-7);
    close(regression.slope, lambda, 4 * 4.5e-7);
    assert.ok(regression.slopeTStat > 100);
  });
});

describe('Amihud (2002) illiquidity', () => {
  it('mean |r| / dollar volume over periods that traded: (0.01/1e6 + 0.02/2e6) / 2 = 1e-8', () => {
    close(amihudIlliquidity([0.01, -0.02, 0.005], [1e6, 2e6, 0]), 1e-8, 1e-22);
    assert.ok(Number.isNaN(amihudIlliquidity([0.01], [0])));
  });
});

describe('VPIN (Easley, López de Prado & O’Hara 2012)', () => {
  it('all buys → 1, balanced buckets → 0', () => {
    const buys = Array.from({ length: 5 }, () => ({ buyVolume: 100, sellVolume: 0 }));
    assert.equal(vpinOfBuckets(buys, 5).last, 1);
    const balanced = Array.from({ length: 5 }, () => ({ buyVolume: 50, sellVolume: 50 }));
    assert.equal(vpinOfBuckets(balanced, 5).last, 0);
  });
  it('window: one-sided then balanced buckets, window 2 → [1, 0.5, 0]', () => {
    const buckets = [
      { buyVolume: 100, sellVolume: 0 },
      { buyVolume: 0, sellVolume: 100 },
      { buyVolume: 50, sellVolume: 50 },
      { buyVolume: 50, sellVolume: 50 },
    ];
    const result = vpinOfBuckets(buckets, 2);
    assert.deepEqual(result.series, [1, 0.5, 0]);
    close(result.mean, 0.5);
  });
  it('volume of a bar overflowing a bucket carries into the next', () => {
    assert.deepEqual(volumeBuckets([150, 50, 30], [1, 0, 0.5], 100), [
      { buyVolume: 100, sellVolume: 0 },
      { buyVolume: 50, sellVolume: 50 },
    ]);
  });
  it('bulk classification of ±1 price changes: VPIN = 2Φ(1/√2) − 1 = erf(1/2)', () => {
    // σ of [1, −1] is √2, so the buy shares are Φ(±1/√2); erf(0.5) = 0.5204998778130465
    // (Abramowitz & Stegun, Table 7.1).
    const result = vpin([100, 100], [1, -1], 100, 2);
    close(result.last, 0.5204998778130465, 1e-12);
  });
});
