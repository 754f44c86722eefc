import { z } from 'zod';
import { defineIndicator, type IndicatorDefinition } from '../definition.js';
import { periodParam, sourceParam, withSource } from '../params.js';
import { Correlation } from './correlation.js';
import { Highest, Lowest } from './extremes.js';
import { LinearRegression } from './linear-regression.js';
import { PercentRank } from './percent-rank.js';
import { MovingSum } from './rolling.js';
import { ZScore } from './zscore.js';

export { BAR_FIELDS, type BarField, Correlation } from './correlation.js';
export { Highest, Lowest } from './extremes.js';
export { LinearRegression } from './linear-regression.js';
export { PercentRank } from './percent-rank.js';
export { MovingStandardDeviation, MovingSum } from './rolling.js';
export { ZScore } from './zscore.js';

const source = sourceParam;

const period = periodParam;

const field = (value: 'high' | 'low', description: string) =>
  z.enum(['open', 'high', 'low', 'close', 'volume']).default(value).describe(description);

/** Definitions of the statistics indicators in this folder. */
export const statisticsDefinitions: IndicatorDefinition[] = [
  defineIndicator({
    name: 'highest',
    title: 'Highest Value',
    category: 'statistics',
    parameters: z.object({ period: period(20, 'Window'), source: source() }),
    outputs: ['value'],
    input: 'price',
    formula: 'The highest of the last `period` inputs (including the current one).',
    warmupText: 'period − 1 inputs',
    reference: 'TA-Lib 0.4.0 MAX',
    create: (p) => withSource(new Highest(p.period), p.source),
  }),
  defineIndicator({
    name: 'lowest',
    title: 'Lowest Value',
    category: 'statistics',
    parameters: z.object({ period: period(20, 'Window'), source: source() }),
    outputs: ['value'],
    input: 'price',
    formula: 'The lowest of the last `period` inputs (including the current one).',
    warmupText: 'period − 1 inputs',
    reference: 'TA-Lib 0.4.0 MIN',
    create: (p) => withSource(new Lowest(p.period), p.source),
  }),
  defineIndicator({
    name: 'sum',
    title: 'Moving Sum',
    category: 'statistics',
    parameters: z.object({ period: period(20, 'Window'), source: source() }),
    outputs: ['value'],
    input: 'price',
    formula: 'Σ x over the last `period` inputs (a compensated running sum: no drift).',
    warmupText: 'period − 1 inputs',
    reference: 'TA-Lib 0.4.0 SUM',
    create: (p) => withSource(new MovingSum(p.period), p.source),
  }),
  defineIndicator({
    name: 'linreg',
    title: 'Linear Regression',
    category: 'statistics',
    parameters: z.object({
      period: period(14, 'Number of inputs the line is fitted to', 2),
      source: source(),
    }),
    outputs: ['forecast', 'slope', 'intercept', 'r2'],
    input: 'price',
    formula:
      'Least-squares line y = intercept + slope × x through the last n = `period` inputs, x = 0 for ' +
      'the oldest and n − 1 for the latest: slope = (nΣxy − ΣxΣy) / (nΣx² − (Σx)²) (nΣx² − (Σx)² = ' +
      'n²(n² − 1)/12); intercept = (Σy − slope × Σx) / n (the line at the oldest input); forecast = ' +
      'intercept + slope × (n − 1) (the line at the latest input); r2 = (nΣxy − ΣxΣy)² / ((nΣx² − ' +
      '(Σx)²)(nΣy² − (Σy)²)), the coefficient of determination, 0 when the inputs are all equal. ' +
      'O(1) per input from running Σy, Σxy and Σy².',
    warmupText: 'period − 1 inputs',
    reference:
      'TA-Lib 0.4.0 LINEARREG, LINEARREG_SLOPE, LINEARREG_INTERCEPT; r2 = TA-Lib CORREL(x, y)² and a naive fit',
    create: (p) => withSource(new LinearRegression(p.period), p.source),
  }),
  defineIndicator({
    name: 'correl',
    title: 'Pearson Correlation',
    category: 'statistics',
    parameters: z.object({
      period: period(20, 'Window in bars'),
      a: field('high', 'First bar field'),
      b: field('low', 'Second bar field'),
    }),
    outputs: ['value'],
    input: 'bar',
    formula:
      'Pearson correlation of bar fields a and b over the last n = `period` bars: r = (nΣab − ΣaΣb) / ' +
      '√((nΣa² − (Σa)²)(nΣb² − (Σb)²)), from −1 to 1; 0 when either field is constant over the window ' +
      '(as TA-Lib).',
    warmupText: 'period − 1 bars',
    reference: 'TA-Lib 0.4.0 CORREL',
    create: (p) => new Correlation(p.period, p.a, p.b),
  }),
  defineIndicator({
    name: 'zscore',
    title: 'Z-Score',
    category: 'statistics',
    parameters: z.object({ period: period(20, 'Window'), source: source() }),
    outputs: ['value'],
    input: 'price',
    formula:
      'z = (x − SMA(x, period)) / σ, σ the population standard deviation of the same window (divisor ' +
      '`period`); 0 when the last `period` inputs are all equal (σ = 0 and x = SMA).',
    warmupText: 'period − 1 inputs',
    reference: 'hand-computed example and an independent naive implementation in the test',
    create: (p) => withSource(new ZScore(p.period), p.source),
  }),
  defineIndicator({
    name: 'pctrank',
    title: 'Percent Rank',
    category: 'statistics',
    parameters: z.object({
      period: period(20, 'Number of previous inputs ranked against'),
      source: source(),
    }),
    outputs: ['value'],
    input: 'price',
    formula:
      'PR = 100 × (number of the `period` inputs before x that are strictly below x) / period: 0 when ' +
      'x is not above any of them, 100 when it is above all; ties do not count. The current input is ' +
      'not part of the window it is ranked in. O(log period) comparisons per input (sorted window).',
    warmupText: '`period` inputs',
    reference: 'hand-computed example and an independent naive implementation in the test',
    create: (p) => withSource(new PercentRank(p.period), p.source),
  }),
];
