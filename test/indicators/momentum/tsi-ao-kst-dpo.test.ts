/**
 * Indicators TA-Lib lacks: each is checked against a hand-computed example and against a direct
 * array implementation of its published definition, on ORCL and on random series.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { barsFromPrices } from '../../../src/indicators/batch.js';
import type { BarInput } from '../../../src/indicators/core.js';
import { AwesomeOscillator } from '../../../src/indicators/momentum/awesome.js';
import { DetrendedPriceOscillator } from '../../../src/indicators/momentum/dpo.js';
import { KnowSureThing } from '../../../src/indicators/momentum/kst.js';
import { TrueStrengthIndex } from '../../../src/indicators/momentum/tsi.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { propertyTests } from './properties.js';

const NaN_ = Number.NaN;
const closes = ORCL.map((b) => b.close);

/** Simple mean of the last `n` values (NaN if any is missing). */
function smaSeries(xs: readonly number[], n: number): number[] {
  return xs.map((_, t) => {
    if (t < n - 1) return NaN_;
    let sum = 0;
    for (let i = t - n + 1; i <= t; i++) sum += xs[i];
    return sum / n;
  });
}

/** EMA with alpha 2/(n+1) seeded with the mean of the first n defined values; NaN before. */
function emaSeries(xs: readonly number[], n: number): number[] {
  const out = xs.map(() => NaN_);
  const start = xs.findIndex((x) => !Number.isNaN(x));
  if (start < 0 || start + n > xs.length) return out;
  let ema = 0;
  for (let i = start; i < start + n; i++) ema += xs[i];
  ema /= n;
  out[start + n - 1] = ema;
  for (let t = start + n; t < xs.length; t++) {
    ema += (2 / (n + 1)) * (xs[t] - ema);
    out[t] = ema;
  }
  return out;
}

/** Random walks of positive prices, for the property comparisons. */
const walk = fc
  .array(fc.double({ min: -0.05, max: 0.05, noNaN: true }), { minLength: 1, maxLength: 250 })
  .map((steps) => {
    let price = 100;
    return steps.map((r) => (price *= 1 + r));
  });

describe('tsi: TrueStrengthIndex', () => {
  /** Blau (1991), as StockCharts ChartSchool gives it: double-smoothed momentum over double-smoothed |momentum|. */
  function naiveTsi(xs: readonly number[], long: number, short: number, signal: number) {
    const change = xs.map((x, t) => (t === 0 ? NaN_ : x - xs[t - 1]));
    const numerator = emaSeries(emaSeries(change, long), short);
    const denominator = emaSeries(emaSeries(change.map(Math.abs), long), short);
    const tsi = numerator.map((v, t) => (denominator[t] === 0 ? 0 : (100 * v) / denominator[t]));
    return { tsi, signal: emaSeries(tsi, signal) };
  }

  test('hand example: long 2, short 2, signal 2', () => {
    // Prices 10, 12, 11, 14, 13, 15 → Δ = 2, −1, 3, −1, 2 and |Δ| = 2, 1, 3, 1, 2. Alpha = 2/3.
    // EMA2(Δ): seed (2 − 1)/2 = 1/2; 1/2 + 2/3(3 − 1/2) = 13/6; 13/6 + 2/3(−1 − 13/6) = 1/18;
    //   1/18 + 2/3(2 − 1/18) = 73/54.   EMA2 of that: seed (1/2 + 13/6)/2 = 4/3;
    //   4/3 + 2/3(1/18 − 4/3) = 13/27; 13/27 + 2/3(73/54 − 13/27) = 86/81.
    // EMA2(|Δ|): seed 3/2; 5/2; 3/2; 11/6.  EMA2 of that: seed 2; 2 + 2/3(3/2 − 2) = 5/3;
    //   5/3 + 2/3(11/6 − 5/3) = 16/9.
    // TSI = 100 × (4/3)/2 = 200/3, 100 × (13/27)/(5/3) = 260/9, 100 × (86/81)/(16/9) = 1075/18.
    // Signal EMA2: seed (200/3 + 260/9)/2 = 430/9; 430/9 + 2/3(1075/18 − 430/9) = 1505/27.
    const out = stream(new TrueStrengthIndex(2, 2, 2), barsFromPrices([10, 12, 11, 14, 13, 15]));
    assertSeriesClose(out.tsi, [NaN_, NaN_, NaN_, 200 / 3, 260 / 9, 1075 / 18], 'TSI', 1e-12);
    assertSeriesClose(out.signal, [NaN_, NaN_, NaN_, NaN_, 430 / 9, 1505 / 27], 'signal', 1e-12);
  });

  for (const [long, short, signal] of [
    [25, 13, 7],
    [40, 5, 13],
  ]) {
    test(`equals the direct implementation on ORCL (${long}, ${short}, ${signal})`, () => {
      const expected = naiveTsi(closes, long, short, signal);
      const out = stream(new TrueStrengthIndex(long, short, signal), ORCL);
      assertSeriesClose(out.tsi, expected.tsi, 'TSI');
      assertSeriesClose(out.signal, expected.signal, 'signal');
    });
  }

  test('property: equals the direct implementation on random walks', () => {
    fc.assert(
      fc.property(
        walk,
        fc.integer({ min: 1, max: 20 }),
        fc.integer({ min: 1, max: 10 }),
        (xs, long, short) => {
          const expected = naiveTsi(xs, long, short, 3);
          const out = stream(new TrueStrengthIndex(long, short, 3), barsFromPrices(xs));
          assertSeriesClose(out.tsi, expected.tsi, 'TSI');
          assertSeriesClose(out.signal, expected.signal, 'signal');
        },
      ),
    );
  });

  propertyTests({
    make: () => new TrueStrengthIndex(),
    constant: { tsi: 0, signal: 0 },
    shift: { tsi: 'invariant', signal: 'invariant' },
    scale: { tsi: 'invariant', signal: 'invariant' },
  });
});

describe('ao: AwesomeOscillator', () => {
  /** Bill Williams, New Trading Dimensions (1998): SMA5 − SMA34 of the median price. */
  function naiveAo(bars: readonly BarInput[], fast: number, slow: number): number[] {
    const median = bars.map((b) => (b.high + b.low) / 2);
    const f = smaSeries(median, fast);
    const s = smaSeries(median, slow);
    return s.map((v, t) => f[t] - v);
  }

  test('hand example: fast 2, slow 3', () => {
    // Median prices (11 + 9)/2 = 10, (13 + 11)/2 = 12, (12 + 10)/2 = 11, (16 + 12)/2 = 14.
    // SMA2: 11, 11.5, 12.5; SMA3: 11, 37/3. AO: 11.5 − 11 = 0.5, 12.5 − 37/3 = 1/6.
    const bars = [
      [11, 9],
      [13, 11],
      [12, 10],
      [16, 12],
    ].map(([high, low], i) => ({ open: low, high, low, close: high, volume: 0, tsEvent: i }));
    assertSeriesClose(stream(new AwesomeOscillator(2, 3), bars).value, [NaN_, NaN_, 0.5, 1 / 6], 'AO', 1e-12);
  });

  for (const [fast, slow] of [
    [5, 34],
    [3, 10],
  ]) {
    test(`equals the direct implementation on ORCL (${fast}, ${slow})`, () => {
      assertSeriesClose(
        stream(new AwesomeOscillator(fast, slow), ORCL).value,
        naiveAo(ORCL, fast, slow),
        'AO',
      );
    });
  }

  test('fast must be shorter than slow', () => {
    assert.throws(() => new AwesomeOscillator(34, 5), RangeError);
  });

  propertyTests({
    make: () => new AwesomeOscillator(),
    constant: { value: 0 },
    shift: { value: 'invariant' },
    scale: { value: 'moves' },
  });
});

describe('kst: KnowSureThing', () => {
  /** Pring's KST as StockCharts ChartSchool gives it: weighted SMAs of four percent ROCs, SMA signal. */
  function naiveKst(xs: readonly number[], roc: number[], sma: number[], signal: number) {
    const rcma = roc.map((n, i) =>
      smaSeries(
        xs.map((x, t) => (t < n ? NaN_ : (x / xs[t - n] - 1) * 100)),
        sma[i],
      ),
    );
    // smaSeries leaves NaN wherever its window reaches a NaN ROC, so the first KST is where all four exist.
    const kst = xs.map((_, t) => rcma[0][t] + 2 * rcma[1][t] + 3 * rcma[2][t] + 4 * rcma[3][t]);
    const first = kst.findIndex((v) => !Number.isNaN(v));
    const signalLine = smaSeries(kst.slice(first), signal);
    return { kst, signal: [...kst.slice(0, first).map(() => NaN_), ...signalLine] };
  }

  test('hand example: ROC 1, 2, 3, 4; SMA 1, 1, 1, 2; signal 2', () => {
    // Prices 8, 10, 12, 9, 6, 12, 15.
    // ROC1% at t = 5, 6: (12/6 − 1) × 100 = 100, (15/12 − 1) × 100 = 25.
    // ROC2%: (12/9 − 1) × 100 = 33.3…, (15/6 − 1) × 100 = 150.
    // ROC3%: (12/12 − 1) × 100 = 0, (15/9 − 1) × 100 = 66.6….
    // ROC4%: t = 4: (6/8 − 1) × 100 = −25; t = 5: (12/10 − 1) × 100 = 20; t = 6: (15/12 − 1) × 100 = 25;
    //   its SMA2: t = 5: (−25 + 20)/2 = −2.5; t = 6: (20 + 25)/2 = 22.5.
    // KST t = 5: 100 + 2 × 33.3… + 3 × 0 + 4 × (−2.5) = 470/3; t = 6: 25 + 300 + 200 + 90 = 615.
    // Signal SMA2 at t = 6: (470/3 + 615)/2 = 2315/6.
    const kst = new KnowSureThing(1, 2, 3, 4, 1, 1, 1, 2, 2);
    assert.equal(kst.warmup, 5);
    const out = stream(kst, barsFromPrices([8, 10, 12, 9, 6, 12, 15]));
    assertSeriesClose(out.kst, [NaN_, NaN_, NaN_, NaN_, NaN_, 470 / 3, 615], 'KST', 1e-12);
    assertSeriesClose(out.signal, [NaN_, NaN_, NaN_, NaN_, NaN_, NaN_, 2315 / 6], 'signal', 1e-12);
  });

  for (const [roc, sma, signal] of [
    [[10, 15, 20, 30], [10, 10, 10, 15], 9],
    [[30, 3, 12, 5], [2, 40, 6, 1], 4],
  ] as const) {
    test(`equals the direct implementation on ORCL (${roc} / ${sma} / ${signal})`, () => {
      const indicator = new KnowSureThing(...roc, ...sma, signal);
      const expected = naiveKst(closes, [...roc], [...sma], signal);
      const out = stream(indicator, ORCL);
      assertSeriesClose(out.kst, expected.kst, 'KST');
      assertSeriesClose(out.signal, expected.signal, 'signal');
    });
  }

  test('every period must be a positive integer, named in the error', () => {
    assert.throws(() => new KnowSureThing(0), /KST roc1/);
    assert.throws(() => new KnowSureThing(10, 15, 20, 30, 10, 10, 10, 15, 1.5), /KST signal/);
  });

  propertyTests({
    make: () => new KnowSureThing(),
    constant: { kst: 0, signal: 0 },
    shift: { kst: 'other', signal: 'other' },
    scale: { kst: 'invariant', signal: 'invariant' },
  });
});

describe('dpo: DetrendedPriceOscillator', () => {
  /** StockCharts ChartSchool: the price ⌊n/2⌋ + 1 periods ago less the n-period SMA (not shifted). */
  function naiveDpo(xs: readonly number[], n: number): number[] {
    const k = Math.floor(n / 2) + 1;
    const sma = smaSeries(xs, n);
    return xs.map((_, t) => (t < k ? NaN_ : xs[t - k] - sma[t]));
  }

  test('hand examples: periods 4 and 2', () => {
    // Period 4, k = 3: t = 3: 1 − (1 + 2 + 3 + 4)/4 = −1.5; t = 4: 2 − 15/4 = −1.75; t = 5: 3 − 21/4 = −2.25.
    const out = stream(new DetrendedPriceOscillator(4), barsFromPrices([1, 2, 3, 4, 6, 8]));
    assertSeriesClose(out.value, [NaN_, NaN_, NaN_, -1.5, -1.75, -2.25], 'DPO', 1e-12);
    // Period 2, k = 2 > period − 1: the first value waits for x_{t−2}: t = 2: 1 − (2 + 4)/2 = −2.
    const short = new DetrendedPriceOscillator(2);
    assert.equal(short.warmup, 2);
    assertSeriesClose(stream(short, barsFromPrices([1, 2, 4])).value, [NaN_, NaN_, -2], 'DPO', 1e-12);
  });

  for (const period of [20, 1, 2, 3, 7]) {
    test(`equals the direct implementation on ORCL (period ${period})`, () => {
      assertSeriesClose(
        stream(new DetrendedPriceOscillator(period), ORCL).value,
        naiveDpo(closes, period),
        'DPO',
      );
    });
  }

  propertyTests({
    make: () => new DetrendedPriceOscillator(),
    constant: { value: 0 },
    shift: { value: 'invariant' },
    scale: { value: 'moves' },
  });
});
