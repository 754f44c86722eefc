import { z } from 'zod';
import { defineIndicator, type IndicatorDefinition } from '../definition.js';
import { sourceParam, withSource } from '../params.js';
import { MovingAverageCross } from './cross.js';
import { Fractals } from './fractals.js';
import { HeikinAshi } from './heikin-ashi.js';
import { PivotPoints } from './pivots.js';

export { MovingAverageCross } from './cross.js';
export { Fractals } from './fractals.js';
export { HeikinAshi } from './heikin-ashi.js';
export { type PivotMethod, PivotPoints } from './pivots.js';

const source = sourceParam();

const crossParameters = z.object({
  fast: z.number().int().min(1).default(10).describe('period of the fast SMA'),
  slow: z.number().int().min(1).default(30).describe('period of the slow SMA'),
  source,
});

/** Definitions of the other indicators in this folder. */
export const otherDefinitions: IndicatorDefinition[] = [
  defineIndicator({
    name: 'heikinashi',
    title: 'Heikin-Ashi',
    category: 'other',
    parameters: z.object({}),
    outputs: ['close', 'open', 'high', 'low'],
    input: 'bar',
    formula:
      'HA close = (O + H + L + C)/4; HA open = (HA open_{t−1} + HA close_{t−1})/2, seeded with (O + C)/2 of the ' +
      'first bar; HA high = max(H, HA open, HA close); HA low = min(L, HA open, HA close) (Valcu, TASC 2004).',
    warmupText: 'none (a value from the first bar)',
    reference: 'naive implementation of Valcu (2004) and a hand-computed example',
    create: () => new HeikinAshi(),
  }),
  defineIndicator({
    name: 'pivots',
    title: 'Pivot Points',
    category: 'other',
    parameters: z.object({
      method: z.enum(['classic', 'fibonacci', 'camarilla']).default('classic').describe('pivot formula'),
      anchor: z.enum(['bar']).default('bar').describe('period the pivots come from: the previous bar'),
    }),
    outputs: ['pp', 'r1', 'r2', 'r3', 'r4', 's1', 's2', 's3', 's4'],
    input: 'bar',
    formula:
      'From the previous bar’s H, L, C: PP = (H + L + C)/3, R = H − L. Classic: R1 = 2PP − L, S1 = 2PP − H, ' +
      'R2 = PP + R, S2 = PP − R, R3 = H + 2(PP − L), S3 = L − 2(H − PP). Fibonacci: R1/S1 = PP ± 0.382R, ' +
      'R2/S2 = PP ± 0.618R, R3/S3 = PP ± R. Camarilla: R1/S1 = C ± 1.1R/12, R2/S2 = C ± 1.1R/6, ' +
      'R3/S3 = C ± 1.1R/4, R4/S4 = C ± 1.1R/2. r4/s4 are NaN except for camarilla. On daily bars these are ' +
      'the daily pivots.',
    warmupText: '1 bar',
    reference:
      'StockCharts ChartSchool (classic, Fibonacci), Camarilla (Nick Scott, 1989); hand-computed examples',
    create: (p) => new PivotPoints(p.method),
  }),
  defineIndicator({
    name: 'fractals',
    title: 'Williams Fractals',
    category: 'other',
    parameters: z.object({}),
    outputs: ['up', 'down'],
    input: 'bar',
    formula:
      'up = H_{t−2} when H_{t−2} is strictly above the highs of the two bars before and the two bars after it, ' +
      'else NaN; down = L_{t−2} when L_{t−2} is strictly below the lows of the two bars on each side, else NaN ' +
      '(Bill Williams, Trading Chaos, 1995). Reported on the confirming bar, two bars after the fractal bar.',
    warmupText: '4 bars (and a 2-bar delay: the value belongs to the bar two bars back)',
    reference: 'naive implementation of Williams (1995) and a hand-computed example',
    create: () => new Fractals(),
  }),
  defineIndicator({
    name: 'crossover',
    title: 'SMA Crossover',
    category: 'other',
    parameters: crossParameters,
    outputs: ['value'],
    input: 'price',
    formula:
      '1 on the bar where SMA(fast) crosses above SMA(slow), else 0. A cross is a change of sign of ' +
      'SMA(fast) − SMA(slow); bars where they are equal (to 1e-12 relative, so rounding cannot make a tie a ' +
      'cross) keep the previous sign. The first bar with both averages only seeds the sign.',
    warmupText: 'max(fast, slow) inputs',
    reference: 'naive implementation of the sign-change definition in exact (integer) arithmetic',
    create: (p) => withSource(new MovingAverageCross(p.fast, p.slow, 'up'), p.source),
  }),
  defineIndicator({
    name: 'crossunder',
    title: 'SMA Crossunder',
    category: 'other',
    parameters: crossParameters,
    outputs: ['value'],
    input: 'price',
    formula:
      '1 on the bar where SMA(fast) crosses below SMA(slow), else 0. A cross is a change of sign of ' +
      'SMA(fast) − SMA(slow); bars where they are equal (to 1e-12 relative, so rounding cannot make a tie a ' +
      'cross) keep the previous sign. The first bar with both averages only seeds the sign.',
    warmupText: 'max(fast, slow) inputs',
    reference: 'naive implementation of the sign-change definition in exact (integer) arithmetic',
    create: (p) => withSource(new MovingAverageCross(p.fast, p.slow, 'down'), p.source),
  }),
];
