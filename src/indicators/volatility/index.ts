import { z } from 'zod';
import { defineIndicator, type IndicatorDefinition } from '../definition.js';
import { periodParam, sourceParam, withSource } from '../params.js';
import { MovingStandardDeviation } from '../statistics/rolling.js';
import { AverageTrueRange } from './atr.js';
import { BollingerBands } from './bollinger.js';
import { DonchianChannels } from './donchian.js';
import { KeltnerChannels } from './keltner.js';
import { MeanDeviation } from './mean-deviation.js';
import { NormalizedAverageTrueRange } from './natr.js';
import { TrueRange } from './true-range.js';

export { AverageTrueRange } from './atr.js';
export { BollingerBands } from './bollinger.js';
export { DonchianChannels } from './donchian.js';
export { KeltnerChannels } from './keltner.js';
export { MeanDeviation } from './mean-deviation.js';
export { NormalizedAverageTrueRange } from './natr.js';
export { TrueRange } from './true-range.js';

const source = sourceParam;

const period = periodParam;

/** Definitions of the volatility indicators in this folder. */
export const volatilityDefinitions: IndicatorDefinition[] = [
  defineIndicator({
    name: 'trange',
    title: 'True Range',
    category: 'volatility',
    parameters: z.object({}),
    outputs: ['value'],
    input: 'bar',
    formula:
      'TR = max(high − low, |high − previous close|, |low − previous close|). The first bar has no ' +
      'previous close, so the first value comes with the second bar (as TA-Lib TRANGE).',
    warmupText: '1 bar',
    reference: 'TA-Lib 0.4.0 TRANGE',
    create: () => new TrueRange(),
  }),
  defineIndicator({
    name: 'atr',
    title: 'Average True Range',
    category: 'volatility',
    parameters: z.object({ period: period(14, 'Wilder smoothing period') }),
    outputs: ['value'],
    input: 'bar',
    formula:
      "Wilder's smoothing of the true range: the first ATR is the mean of the first `period` true " +
      'ranges (bars 2 … period + 1), then ATR_t = ATR_{t−1} + (TR_t − ATR_{t−1}) / period.',
    warmupText: '`period` bars',
    reference: 'TA-Lib 0.4.0 ATR',
    create: (p) => new AverageTrueRange(p.period),
  }),
  defineIndicator({
    name: 'natr',
    title: 'Normalized Average True Range',
    category: 'volatility',
    parameters: z.object({ period: period(14, 'Wilder smoothing period of the ATR') }),
    outputs: ['value'],
    input: 'bar',
    formula:
      'NATR = 100 × ATR(period) / close, with the Wilder ATR above (in percent of the close). A close ' +
      'of 0 gives NaN (TA-Lib writes 0 there).',
    warmupText: '`period` bars',
    reference: 'TA-Lib 0.4.0 NATR',
    create: (p) => new NormalizedAverageTrueRange(p.period),
  }),
  defineIndicator({
    name: 'bbands',
    title: 'Bollinger Bands',
    category: 'volatility',
    parameters: z.object({
      period: period(20, 'Window of the moving average and the standard deviation'),
      stdDev: z.number().positive().default(2).describe('Band half-width in standard deviations'),
      source: source(),
    }),
    outputs: ['middle', 'upper', 'lower', 'percentB', 'bandwidth'],
    input: 'price',
    formula:
      'middle = SMA(x, period); σ = population standard deviation of the same window ' +
      '(√(Σ(x − middle)² / period)); upper = middle + stdDev × σ; lower = middle − stdDev × σ; ' +
      '%B = (x − lower) / (upper − lower); bandwidth = (upper − lower) / middle. When the last ' +
      '`period` inputs are all equal, σ = 0, the bands equal the input, %B = 0.5 and bandwidth = 0; ' +
      'bandwidth is NaN when middle = 0.',
    warmupText: 'period − 1 inputs',
    reference:
      'TA-Lib 0.4.0 BBANDS (SMA, nbDevUp = nbDevDn = stdDev) for the bands; %B and bandwidth by hand',
    create: (p) => withSource(new BollingerBands(p.period, p.stdDev), p.source),
  }),
  defineIndicator({
    name: 'keltner',
    title: 'Keltner Channels',
    category: 'volatility',
    parameters: z.object({
      period: period(20, 'EMA period of the middle line'),
      multiplier: z.number().default(2).describe('Channel half-width in ATRs'),
      atrPeriod: period(10, 'Wilder period of the ATR'),
    }),
    outputs: ['middle', 'upper', 'lower'],
    input: 'bar',
    formula:
      'The modern form (Linda Raschke; StockCharts ChartSchool): middle = EMA(close, period) with ' +
      'alpha = 2 / (period + 1), seeded with the SMA of the first `period` closes; upper/lower = ' +
      "middle ± multiplier × ATR(atrPeriod), Wilder's ATR. (Keltner's 1960 original used a 10-day " +
      'SMA of the typical price ± the 10-day average of high − low.)',
    warmupText: 'max(period − 1, atrPeriod) bars',
    reference: 'independent naive EMA ± multiplier × ATR in the test, after StockCharts ChartSchool',
    create: (p) => new KeltnerChannels(p.period, p.multiplier, p.atrPeriod),
  }),
  defineIndicator({
    name: 'donchian',
    title: 'Donchian Channels',
    category: 'volatility',
    parameters: z.object({ period: period(20, 'Window in bars') }),
    outputs: ['upper', 'lower', 'middle'],
    input: 'bar',
    formula:
      'upper = highest high of the last `period` bars (including the current one); lower = lowest low ' +
      'of the same bars; middle = (upper + lower) / 2.',
    warmupText: 'period − 1 bars',
    reference: 'TA-Lib 0.4.0 MAX(high) and MIN(low)',
    create: (p) => new DonchianChannels(p.period),
  }),
  defineIndicator({
    name: 'stddev',
    title: 'Standard Deviation',
    category: 'volatility',
    parameters: z.object({ period: period(20, 'Window'), source: source() }),
    outputs: ['value'],
    input: 'price',
    formula:
      'Population standard deviation of the last `period` inputs: √(Σ(x − mean)² / period), mean = ' +
      'their SMA (divisor `period`, not period − 1).',
    warmupText: 'period − 1 inputs',
    reference: 'TA-Lib 0.4.0 STDDEV (nbDev = 1)',
    create: (p) => withSource(new MovingStandardDeviation(p.period), p.source),
  }),
  defineIndicator({
    name: 'meandev',
    title: 'Mean Absolute Deviation',
    category: 'volatility',
    parameters: z.object({ period: period(20, 'Window'), source: source() }),
    outputs: ['value'],
    input: 'price',
    formula:
      'MD = (1 / period) × Σ |x_i − m| over the last `period` inputs, m = their SMA (the deviation ' +
      'that CCI divides by). For periods above 64 it is computed as 2 × (m × c − S) / period, c and S ' +
      'being the count and sum of the window values below m, from an order-statistics tree (O(log ' +
      'period) per input); up to 64, by one pass over the window (bounded cost, faster at that size).',
    warmupText: 'period − 1 inputs',
    reference: 'independent naive Σ|x − mean| / period in the test; cross-checked with TA-Lib 0.4.0 CCI',
    create: (p) => withSource(new MeanDeviation(p.period), p.source),
  }),
];
