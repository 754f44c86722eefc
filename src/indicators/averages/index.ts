import { z } from 'zod';
import { defineIndicator, type IndicatorDefinition } from '../definition.js';
import { periodParam, sourceParam, withSource } from '../params.js';
import { ArnaudLegouxMovingAverage } from './alma.js';
import { DoubleExponentialMovingAverage, TripleExponentialMovingAverage } from './dema.js';
import { ExponentialMovingAverage, WilderMovingAverage } from './exponential.js';
import { HullMovingAverage } from './hma.js';
import { KaufmanAdaptiveMovingAverage } from './kama.js';
import { SimpleMovingAverage } from './sma.js';
import { TriangularMovingAverage } from './trima.js';
import { VolumeWeightedMovingAverage } from './vwma.js';
import { WeightedMovingAverage } from './wma.js';
import { ZeroLagExponentialMovingAverage } from './zlema.js';

export { ArnaudLegouxMovingAverage } from './alma.js';
export { DoubleExponentialMovingAverage, TripleExponentialMovingAverage } from './dema.js';
export { HullMovingAverage } from './hma.js';
export { KaufmanAdaptiveMovingAverage } from './kama.js';
export { TriangularMovingAverage } from './trima.js';
export { VolumeWeightedMovingAverage } from './vwma.js';
export { WeightedMovingAverage } from './wma.js';
export { ZeroLagExponentialMovingAverage } from './zlema.js';

const source = sourceParam();

function period(defaultValue: number, min = 1) {
  return periodParam(defaultValue, 'number of inputs in the window', min);
}

/** Definitions of the average indicators in this folder. */
export const averageDefinitions: IndicatorDefinition[] = [
  defineIndicator({
    name: 'sma',
    title: 'Simple Moving Average',
    category: 'average',
    parameters: z.object({ period: period(20), source }),
    outputs: ['value'],
    input: 'price',
    formula: 'SMA_t = (x_t + x_{t−1} + … + x_{t−n+1}) / n, a running sum (Neumaier-compensated, no drift).',
    warmupText: 'period − 1 inputs',
    reference: 'TA-Lib 0.4.0 SMA',
    create: (p) => withSource(new SimpleMovingAverage(p.period), p.source),
  }),
  defineIndicator({
    name: 'ema',
    title: 'Exponential Moving Average',
    category: 'average',
    parameters: z.object({ period: period(20), source }),
    outputs: ['value'],
    input: 'price',
    formula:
      'EMA_t = EMA_{t−1} + α (x_t − EMA_{t−1}), α = 2 / (n + 1); seeded with the SMA of the first n inputs ' +
      '(TA-Lib convention), which is the first value.',
    warmupText: 'period − 1 inputs',
    reference: 'TA-Lib 0.4.0 EMA',
    create: (p) => withSource(new ExponentialMovingAverage(p.period), p.source),
  }),
  defineIndicator({
    name: 'smma',
    title: 'Smoothed Moving Average (Wilder, RMA)',
    category: 'average',
    parameters: z.object({ period: period(14), source }),
    outputs: ['value'],
    input: 'price',
    formula:
      "Wilder's smoothing: SMMA_t = SMMA_{t−1} + (x_t − SMMA_{t−1}) / n (= ((n − 1) SMMA_{t−1} + x_t) / n), " +
      'seeded with the SMA of the first n inputs. The smoothing RSI, ATR and ADX use.',
    warmupText: 'period − 1 inputs',
    reference:
      "naive Wilder recursion (Wilder, New Concepts in Technical Trading Systems, 1978); TA-Lib 0.4.0 ATR's smoothing",
    create: (p) => withSource(new WilderMovingAverage(p.period), p.source),
  }),
  defineIndicator({
    name: 'wma',
    title: 'Weighted Moving Average',
    category: 'average',
    parameters: z.object({ period: period(20), source }),
    outputs: ['value'],
    input: 'price',
    formula:
      'WMA_t = Σ_{k=1..n} k · x_{t−n+k} / (n (n + 1) / 2): linear weights 1 (oldest) … n (latest). ' +
      'O(1) per input with a running sum and a running weighted sum.',
    warmupText: 'period − 1 inputs',
    reference: 'TA-Lib 0.4.0 WMA',
    create: (p) => withSource(new WeightedMovingAverage(p.period), p.source),
  }),
  defineIndicator({
    name: 'dema',
    title: 'Double Exponential Moving Average',
    category: 'average',
    parameters: z.object({ period: period(20), source }),
    outputs: ['value'],
    input: 'price',
    formula:
      'DEMA = 2 · EMA1 − EMA2 with EMA1 = EMA(x, n), EMA2 = EMA(EMA1, n) (Mulloy, 1994); each EMA is ' +
      'SMA-seeded, EMA2 from the first n values of EMA1.',
    warmupText: '2 × (period − 1) inputs',
    reference: 'TA-Lib 0.4.0 DEMA',
    create: (p) => withSource(new DoubleExponentialMovingAverage(p.period), p.source),
  }),
  defineIndicator({
    name: 'tema',
    title: 'Triple Exponential Moving Average',
    category: 'average',
    parameters: z.object({ period: period(20), source }),
    outputs: ['value'],
    input: 'price',
    formula:
      'TEMA = 3 · EMA1 − 3 · EMA2 + EMA3 with EMA1 = EMA(x, n), EMA2 = EMA(EMA1, n), EMA3 = EMA(EMA2, n) ' +
      '(Mulloy, 1994); each EMA is SMA-seeded from the first n values of its input.',
    warmupText: '3 × (period − 1) inputs',
    reference: 'TA-Lib 0.4.0 TEMA',
    create: (p) => withSource(new TripleExponentialMovingAverage(p.period), p.source),
  }),
  defineIndicator({
    name: 'trima',
    title: 'Triangular Moving Average',
    category: 'average',
    parameters: z.object({ period: period(20), source }),
    outputs: ['value'],
    input: 'price',
    formula:
      'An SMA of an SMA (triangular weights 1, 2, …, 2, 1), split as TA-Lib does: odd n → ' +
      'SMA(SMA(x, (n + 1)/2), (n + 1)/2); even n → SMA(SMA(x, n/2), n/2 + 1).',
    warmupText: 'period − 1 inputs',
    reference: 'TA-Lib 0.4.0 TRIMA',
    create: (p) => withSource(new TriangularMovingAverage(p.period), p.source),
  }),
  defineIndicator({
    name: 'kama',
    title: 'Kaufman Adaptive Moving Average',
    category: 'average',
    parameters: z.object({
      period: period(10).describe('efficiency-ratio window (price changes counted)'),
      fast: z.number().int().min(1).default(2).describe('fastest EMA period (trending market)'),
      slow: z.number().int().min(1).default(30).describe('slowest EMA period (choppy market)'),
      source,
    }),
    outputs: ['value'],
    input: 'price',
    formula:
      'ER_t = |x_t − x_{t−n}| / Σ_{i=t−n+1..t} |x_i − x_{i−1}| (1 when the sum is below 1e-14 or ≤ x_t − x_{t−n}); ' +
      'sc = (ER · (2/(fast+1) − 2/(slow+1)) + 2/(slow+1))²; KAMA_t = KAMA_{t−1} + sc (x_t − KAMA_{t−1}). ' +
      'Seeded as TA-Lib does: KAMA_{n−1} = x_{n−1}, so the first value is x_{n−1} + sc (x_n − x_{n−1}) (Kaufman, ' +
      'Smarter Trading, 1995). The sum of changes is a running sum, set to exactly 0 when no change in the window ' +
      "is non-zero (TA-Lib's running sum can keep a rounding residue there and give ER = 0 on a flat window).",
    warmupText: 'period inputs',
    reference:
      'TA-Lib 0.4.0 KAMA (fast 2, slow 30 are fixed in TA-Lib; other values against a naive implementation)',
    create: (p) => withSource(new KaufmanAdaptiveMovingAverage(p.period, p.fast, p.slow), p.source),
  }),
  defineIndicator({
    name: 'hma',
    title: 'Hull Moving Average',
    category: 'average',
    parameters: z.object({ period: period(9, 2), source }),
    outputs: ['value'],
    input: 'price',
    formula: 'HMA = WMA(2 · WMA(x, ⌊n/2⌋) − WMA(x, n), ⌊√n⌋) (Alan Hull, 2005).',
    warmupText: '(period − 1) + (⌊√period⌋ − 1) inputs',
    reference:
      'naive implementation of Hull (2005) and a hand-computed example; cross-checked with trading-signals HMA',
    create: (p) => withSource(new HullMovingAverage(p.period), p.source),
  }),
  defineIndicator({
    name: 'zlema',
    title: 'Zero-Lag Exponential Moving Average',
    category: 'average',
    parameters: z.object({ period: period(20), source }),
    outputs: ['value'],
    input: 'price',
    formula:
      'ZLEMA = EMA(x_t + (x_t − x_{t−lag}), n) with lag = ⌊(n − 1)/2⌋ and α = 2/(n + 1) (Ehlers & Way, 2010). ' +
      'The de-lagged series starts at input lag + 1 and the EMA is seeded with the SMA of its first n values.',
    warmupText: '⌊(period − 1)/2⌋ + period − 1 inputs',
    reference: 'naive implementation of Ehlers & Way (2010) and a hand-computed example',
    create: (p) => withSource(new ZeroLagExponentialMovingAverage(p.period), p.source),
  }),
  defineIndicator({
    name: 'vwma',
    title: 'Volume-Weighted Moving Average',
    category: 'average',
    parameters: z.object({ period: period(20) }),
    outputs: ['value'],
    input: 'bar',
    formula:
      'VWMA = Σ (close · volume) / Σ volume over the last n bars. NaN where all n volumes are zero ' +
      '(no weighted average exists).',
    warmupText: 'period − 1 bars',
    reference: 'naive implementation of the definition (StockCharts ChartSchool) and a hand-computed example',
    create: (p) => new VolumeWeightedMovingAverage(p.period),
  }),
  defineIndicator({
    name: 'alma',
    title: 'Arnaud Legoux Moving Average',
    category: 'average',
    parameters: z.object({
      period: period(9),
      offset: z
        .number()
        .min(0)
        .max(1)
        .default(0.85)
        .describe('peak of the Gaussian in the window (0 oldest, 1 latest)'),
      sigma: z.number().positive().default(6).describe('window / sigma is the Gaussian width'),
      source,
    }),
    outputs: ['value'],
    input: 'price',
    formula:
      'ALMA = Σ w_i x_i / Σ w_i over the last n inputs (i = 0 oldest … n − 1 latest), ' +
      'w_i = exp(−(i − m)² / (2 s²)), m = offset · (n − 1), s = n / sigma (Legoux, 2009). O(period) per input.',
    warmupText: 'period − 1 inputs',
    reference:
      'naive implementation of Legoux (2009) and a hand-computed example; cross-checked with trading-signals ALMA',
    create: (p) => withSource(new ArnaudLegouxMovingAverage(p.period, p.offset, p.sigma), p.source),
  }),
];
