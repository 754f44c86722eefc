/**
 * The averages TA-Lib does not have (or not with these parameters): hand-computed examples, and
 * naive implementations written straight from the published definitions, compared on ORCL and on
 * random series.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { ALMA, HMA } from 'trading-signals';
import { ArnaudLegouxMovingAverage } from '../../../src/indicators/averages/alma.js';
import { WilderMovingAverage } from '../../../src/indicators/averages/exponential.js';
import { HullMovingAverage } from '../../../src/indicators/averages/hma.js';
import { KaufmanAdaptiveMovingAverage } from '../../../src/indicators/averages/kama.js';
import { VolumeWeightedMovingAverage } from '../../../src/indicators/averages/vwma.js';
import { WeightedMovingAverage } from '../../../src/indicators/averages/wma.js';
import { ZeroLagExponentialMovingAverage } from '../../../src/indicators/averages/zlema.js';
import type { BarInput, PriceIndicator } from '../../../src/indicators/core.js';
import { assertSeriesClose, ORCL } from '../support/data.js';
import { talib } from '../support/talib.js';

const CLOSES = ORCL.map((b) => b.close);

function run(indicator: PriceIndicator, xs: readonly number[]): number[] {
  return xs.map((x) => indicator.update(x));
}

// ---- Naive implementations (O(n) per value, straight from the definitions) ----

/** Wilder (1978): first value = SMA of the first n, then ((n − 1) × previous + x) / n. */
function naiveSmma(xs: readonly number[], n: number): number[] {
  const out = xs.map(() => Number.NaN);
  let prev = Number.NaN;
  for (let t = n - 1; t < xs.length; t++) {
    prev = t === n - 1 ? xs.slice(0, n).reduce((a, b) => a + b, 0) / n : ((n - 1) * prev + xs[t]) / n;
    out[t] = prev;
  }
  return out;
}

/** Linear weights 1 … n, oldest to latest; NaN where the window has a NaN or is incomplete. */
function naiveWma(xs: readonly number[], n: number): number[] {
  return xs.map((_, t) => {
    if (t < n - 1) return Number.NaN;
    let sum = 0;
    for (let k = 1; k <= n; k++) sum += k * xs[t - n + k];
    return sum / ((n * (n + 1)) / 2);
  });
}

/** Hull (2005): WMA(2 WMA(x, ⌊n/2⌋) − WMA(x, n), ⌊√n⌋), the outer WMA over the defined raw values. */
function naiveHma(xs: readonly number[], n: number): number[] {
  const half = naiveWma(xs, Math.floor(n / 2));
  const full = naiveWma(xs, n);
  const raw = xs.map((_, t) => 2 * half[t] - full[t]).slice(n - 1);
  return [...xs.slice(0, n - 1).map(() => Number.NaN), ...naiveWma(raw, Math.floor(Math.sqrt(n)))];
}

/** Ehlers & Way (2010): EMA(n) of x_t + (x_t − x_{t−lag}), lag = ⌊(n − 1)/2⌋, SMA-seeded. */
function naiveZlema(xs: readonly number[], n: number): number[] {
  const lag = Math.floor((n - 1) / 2);
  const alpha = 2 / (n + 1);
  const d = xs.slice(lag).map((x, i) => x + (x - xs[i]));
  const out = xs.map(() => Number.NaN);
  let ema = Number.NaN;
  for (let i = n - 1; i < d.length; i++) {
    ema = i === n - 1 ? d.slice(0, n).reduce((a, b) => a + b, 0) / n : alpha * d[i] + (1 - alpha) * ema;
    out[i + lag] = ema;
  }
  return out;
}

/** Σ close·volume / Σ volume over n bars (StockCharts ChartSchool); NaN when Σ volume is 0. */
function naiveVwma(bars: readonly BarInput[], n: number): number[] {
  return bars.map((_, t) => {
    if (t < n - 1) return Number.NaN;
    let pv = 0;
    let v = 0;
    for (let i = t - n + 1; i <= t; i++) {
      pv += bars[i].close * bars[i].volume;
      v += bars[i].volume;
    }
    return v === 0 ? Number.NaN : pv / v;
  });
}

/** Legoux (2009): Gaussian weights exp(−(i − m)²/(2s²)), i = 0 oldest, m = offset (n − 1), s = n/sigma. */
function naiveAlma(xs: readonly number[], n: number, offset: number, sigma: number): number[] {
  const m = offset * (n - 1);
  const s = n / sigma;
  return xs.map((_, t) => {
    if (t < n - 1) return Number.NaN;
    let sum = 0;
    let norm = 0;
    for (let i = 0; i < n; i++) {
      const w = Math.exp(-((i - m) ** 2) / (2 * s * s));
      sum += w * xs[t - n + 1 + i];
      norm += w;
    }
    return sum / norm;
  });
}

/**
 * Kaufman (Smarter Trading, 1995) with TA-Lib's seeding: ER over the last n changes, sc =
 * (ER (fastSC − slowSC) + slowSC)², KAMA_{n−1} = x_{n−1}. The sum of changes is recomputed each time.
 */
function naiveKama(xs: readonly number[], n: number, fast: number, slow: number): number[] {
  const fastSc = 2 / (fast + 1);
  const slowSc = 2 / (slow + 1);
  const out = xs.map(() => Number.NaN);
  let kama = xs[n - 1];
  for (let t = n; t < xs.length; t++) {
    let volatility = 0;
    for (let i = t - n + 1; i <= t; i++) volatility += Math.abs(xs[i] - xs[i - 1]);
    const change = xs[t] - xs[t - n];
    const er = volatility < 1e-14 || volatility <= change ? 1 : Math.abs(change) / volatility;
    const sc = (er * (fastSc - slowSc) + slowSc) ** 2;
    kama += sc * (xs[t] - kama);
    out[t] = kama;
  }
  return out;
}

// ---- Hand-computed examples ----

describe('hand-computed examples', () => {
  test('smma(3): seed (1 + 2 + 6)/3 = 3, then 3 + (9 − 3)/3 = 5, then 5 + (2 − 5)/3 = 4', () => {
    const out = run(new WilderMovingAverage(3), [1, 2, 6, 9, 2]);
    assert.deepEqual(out.slice(2), [3, 5, 4]);
  });

  test('wma(3): (1·1 + 2·2 + 3·6)/6 = 23/6, then (1·2 + 2·6 + 3·10)/6 = 44/6', () => {
    const out = run(new WeightedMovingAverage(3), [1, 2, 6, 10]);
    assert.ok(Number.isNaN(out[1]));
    assert.equal(out[2], 23 / 6);
    assert.equal(out[3], 44 / 6);
  });

  test('hma(4): WMA(2·WMA(2) − WMA(4), 2) on 1, 2, 4, 8, 16 = 1265/90', () => {
    // WMA(2) at t=3: (4 + 2·8)/3 = 20/3; at t=4: (8 + 2·16)/3 = 40/3.
    // WMA(4) at t=3: (1 + 2·2 + 3·4 + 4·8)/10 = 4.9; at t=4: (2 + 2·4 + 3·8 + 4·16)/10 = 9.8.
    // raw: t=3: 40/3 − 4.9 = 253/30; t=4: 80/3 − 9.8 = 506/30. HMA at t=4: (253/30 + 2·506/30)/3 = 1265/90.
    const hma = new HullMovingAverage(4);
    assert.equal(hma.warmup, 4);
    const out = run(hma, [1, 2, 4, 8, 16]);
    assert.ok(out.slice(0, 4).every(Number.isNaN));
    assert.ok(Math.abs(out[4] - 1265 / 90) < 1e-12, String(out[4]));
  });

  test('zlema(5): lag 2, de-lagged 7, 14, 28, 56, 112 → seed 43.4, then 43.4 + (224 − 43.4)/3 = 103.6', () => {
    // d_t = x_t + (x_t − x_{t−2}) on 1, 2, 4, …: d_2 = 4 + 3 = 7, d_3 = 14, d_4 = 28, d_5 = 56, d_6 = 112.
    // SMA seed at t = 6 (= warmup 2 + 4): 217/5 = 43.4; d_7 = 128 + 96 = 224, alpha = 1/3.
    const zlema = new ZeroLagExponentialMovingAverage(5);
    assert.equal(zlema.lag, 2);
    assert.equal(zlema.warmup, 6);
    const out = run(zlema, [1, 2, 4, 8, 16, 32, 64, 128]);
    assert.ok(out.slice(0, 6).every(Number.isNaN));
    assert.ok(Math.abs(out[6] - 43.4) < 1e-12);
    assert.ok(Math.abs(out[7] - 103.6) < 1e-12);
  });

  test('vwma(3): volume weights, and NaN when the window has no volume', () => {
    const bars = (
      [
        [10, 100],
        [11, 200],
        [12, 0],
        [13, 100],
        [14, 0],
        [15, 0],
        [16, 0],
        [17, 50],
      ] as const
    ).map(([close, volume], i) => ({ open: close, high: close, low: close, close, volume, tsEvent: i }));
    const vwma = new VolumeWeightedMovingAverage(3);
    const out = bars.map((b) => vwma.update(b));
    // t=2: (10·100 + 11·200 + 12·0)/300 = 3200/300; t=3: (2200 + 0 + 1300)/300 = 3500/300;
    // t=4, t=5: only the bar at 13 has volume → 13; t=6: volumes 0, 0, 0 → NaN; t=7: 17.
    assert.ok(Number.isNaN(out[1]));
    assert.ok(Math.abs(out[2] - 3200 / 300) < 1e-12);
    assert.ok(Math.abs(out[3] - 3500 / 300) < 1e-12);
    assert.equal(out[4], 13);
    assert.equal(out[5], 13);
    assert.ok(Number.isNaN(out[6]));
    assert.equal(out[7], 17);
  });

  test('alma(3, offset 0.5, sigma 3): m = 1, s = 1, weights e^−½, 1, e^−½', () => {
    const e = Math.exp(-0.5);
    const out = run(new ArnaudLegouxMovingAverage(3, 0.5, 3), [1, 2, 4]);
    // (e·1 + 1·2 + e·4) / (2e + 1)
    assert.ok(Math.abs(out[2] - (2 + 5 * e) / (1 + 2 * e)) < 1e-12);
  });

  test('kama(2) on 1, 2, 4, 3', () => {
    // t=2: changes |2−1| + |4−2| = 3 ≤ 4 − 1 → ER = 1, sc = (2/3)² = 4/9, KAMA = 2 + (4/9)(4 − 2) = 26/9.
    // t=3: changes |4−2| + |3−4| = 3, change 3 − 2 = 1 → ER = 1/3,
    //      sc = ((1/3)(2/3 − 2/31) + 2/31)², KAMA = 26/9 + sc (3 − 26/9).
    const out = run(new KaufmanAdaptiveMovingAverage(2), [1, 2, 4, 3]);
    const sc = ((1 / 3) * (2 / 3 - 2 / 31) + 2 / 31) ** 2;
    assert.ok(Number.isNaN(out[1]));
    assert.ok(Math.abs(out[2] - 26 / 9) < 1e-12);
    assert.ok(Math.abs(out[3] - (26 / 9 + sc * (3 - 26 / 9))) < 1e-12);
  });
});

// ---- Naive implementations on real data and random series ----

describe('naive implementations on ORCL', () => {
  test('smma (Wilder 1978)', () => {
    for (const n of [14, 3])
      assertSeriesClose(run(new WilderMovingAverage(n), CLOSES), naiveSmma(CLOSES, n), `smma(${n})`);
  });

  test('hma (Hull 2005), incl. odd and non-square periods', () => {
    for (const n of [16, 9, 20, 2, 3])
      assertSeriesClose(run(new HullMovingAverage(n), CLOSES), naiveHma(CLOSES, n), `hma(${n})`);
  });

  test('zlema (Ehlers & Way 2010)', () => {
    for (const n of [20, 5, 2, 1])
      assertSeriesClose(
        run(new ZeroLagExponentialMovingAverage(n), CLOSES),
        naiveZlema(CLOSES, n),
        `zlema(${n})`,
      );
  });

  test('vwma (ChartSchool)', () => {
    for (const n of [20, 5]) {
      const vwma = new VolumeWeightedMovingAverage(n);
      assertSeriesClose(
        ORCL.map((b) => vwma.update(b)),
        naiveVwma(ORCL, n),
        `vwma(${n})`,
      );
    }
  });

  test('alma (Legoux 2009), default and other parameters', () => {
    for (const [n, offset, sigma] of [
      [9, 0.85, 6],
      [20, 0.5, 4],
      [1, 0.85, 6],
    ])
      assertSeriesClose(
        run(new ArnaudLegouxMovingAverage(n, offset, sigma), CLOSES),
        naiveAlma(CLOSES, n, offset, sigma),
        `alma(${n}, ${offset}, ${sigma})`,
      );
  });

  test('kama (Kaufman 1995) with fast/slow other than TA-Lib’s fixed 2/30', () => {
    for (const [n, fast, slow] of [
      [10, 2, 30],
      [10, 3, 20],
      [5, 1, 50],
    ])
      assertSeriesClose(
        run(new KaufmanAdaptiveMovingAverage(n, fast, slow), CLOSES),
        naiveKama(CLOSES, n, fast, slow),
        `kama(${n}, ${fast}, ${slow})`,
      );
  });

  test('kama on a flat window after moves: ER = 1 (sum of changes exactly 0), where TA-Lib keeps a residue', () => {
    // TA-Lib's running sum of |changes| is 2.8e-14, not 0, once the window is flat at 29.176, so its
    // zero test (< 1e-14) fails and it takes ER = 0/2.8e-14 = 0. Exact arithmetic gives ER = 1.
    const xs = [75.616, 2.757, 91.5, 42.999, 67.06, 57.898, 29.176, 29.176, 29.176, 29.176, 29.176, 29.176];
    const ours = run(new KaufmanAdaptiveMovingAverage(4), xs);
    assertSeriesClose(ours, naiveKama(xs, 4, 2, 30), 'kama(4)');
    const bars = xs.map((p, i) => ({ open: p, high: p, low: p, close: p, volume: 1, tsEvent: i }));
    const ta = talib('KAMA', bars, { optInTimePeriod: 4 }).outReal;
    assertSeriesClose(ours.slice(0, 10), Array.from(ta.slice(0, 10)), 'kama(4) before the flat window');
    assert.ok(Math.abs(ours[10] - ta[10]) > 1, `TA-Lib ${ta[10]}, ours ${ours[10]}`);
  });

  test('cross-check with trading-signals: HMA and ALMA agree once both have values', () => {
    const ours = run(new HullMovingAverage(16), CLOSES);
    const theirs = new HMA(16);
    const alma = run(new ArnaudLegouxMovingAverage(9, 0.85, 6), CLOSES);
    const theirAlma = new ALMA(9, 0.85, 6);
    CLOSES.forEach((x, t) => {
      const h = theirs.update(x, false);
      if (h !== null) assert.ok(Math.abs(h - ours[t]) <= 1e-9 * Math.abs(h), `hma[${t}]`);
      const a = theirAlma.update(x, false);
      if (a !== null) assert.ok(Math.abs(a - alma[t]) <= 1e-9 * Math.abs(a), `alma[${t}]`);
    });
  });
});

describe('naive implementations on random series (property)', () => {
  const series = fc.array(
    fc.double({ min: 1, max: 1000, noNaN: true }).map((x) => Math.round(x * 100) / 100),
    { minLength: 1, maxLength: 120, size: 'max' },
  );
  const period = fc.integer({ min: 1, max: 25 });

  test('wma, hma, zlema, alma, smma, kama', () => {
    fc.assert(
      fc.property(series, period, (xs, n) => {
        assertSeriesClose(run(new WeightedMovingAverage(n), xs), naiveWma(xs, n), 'wma');
        assertSeriesClose(run(new WilderMovingAverage(n), xs), naiveSmma(xs, n), 'smma');
        assertSeriesClose(run(new ZeroLagExponentialMovingAverage(n), xs), naiveZlema(xs, n), 'zlema');
        assertSeriesClose(run(new ArnaudLegouxMovingAverage(n), xs), naiveAlma(xs, n, 0.85, 6), 'alma');
        assertSeriesClose(
          run(new KaufmanAdaptiveMovingAverage(n, 3, 20), xs),
          naiveKama(xs, n, 3, 20),
          'kama',
        );
        if (n >= 2) assertSeriesClose(run(new HullMovingAverage(n), xs), naiveHma(xs, n), 'hma');
      }),
      { numRuns: 300 },
    );
  });

  test('vwma with random volumes, zeros included', () => {
    const bar = fc
      .tuple(
        fc.integer({ min: 100, max: 100000 }),
        fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 1e6 })),
      )
      .map(([cents, volume]) => ({ close: cents / 100, volume }));
    fc.assert(
      fc.property(fc.array(bar, { minLength: 1, maxLength: 80, size: 'max' }), period, (raw, n) => {
        const bars = raw.map((b, i) => ({ open: b.close, high: b.close, low: b.close, ...b, tsEvent: i }));
        const vwma = new VolumeWeightedMovingAverage(n);
        assertSeriesClose(
          bars.map((b) => vwma.update(b)),
          naiveVwma(bars, n),
          'vwma',
        );
      }),
      { numRuns: 300 },
    );
  });
});
