import { z } from 'zod';
import { defineIndicator, type IndicatorDefinition } from '../definition.js';
import { Aroon } from './aroon.js';
import {
  AverageDirectionalIndex,
  AverageDirectionalIndexRating,
  DirectionalMovementIndex,
} from './directional.js';
import { Ichimoku } from './ichimoku.js';
import { ParabolicSar } from './psar.js';
import { SuperTrend } from './supertrend.js';
import { Vortex } from './vortex.js';

export { Aroon } from './aroon.js';
export {
  AverageDirectionalIndex,
  AverageDirectionalIndexRating,
  DirectionalMovementIndex,
} from './directional.js';
export { Ichimoku } from './ichimoku.js';
export { ParabolicSar } from './psar.js';
export { SuperTrend } from './supertrend.js';
export { Vortex } from './vortex.js';

const wilderPeriod = (what: string) =>
  z.number().int().min(2).default(14).describe(`${what} period (Wilder smoothing, alpha 1/period)`);

const DM_TEXT =
  'With H, L, C this bar and Hp, Lp, Cp the previous one: +DM1 = H − Hp if H − Hp > 0 and H − Hp > Lp − L, ' +
  'else 0; −DM1 = Lp − L if Lp − L > 0 and Lp − L > H − Hp, else 0; TR1 = max(H − L, |H − Cp|, |L − Cp|). ' +
  'Each is smoothed with Wilder sums as TA-Lib does: the plain sum of the first period − 1 values (bars ' +
  '2 … period), then S_t = S_{t−1} − S_{t−1}/period + x_t (so the first smoothed value, on bar period + 1, ' +
  'already includes one Wilder step). +DI = 100 · S(+DM1) / S(TR1), −DI = 100 · S(−DM1) / S(TR1); both are ' +
  '0 when |S(TR1)| < 1e−14.';

/** Definitions of the trend indicators in this folder. */
export const trendDefinitions: IndicatorDefinition[] = [
  defineIndicator({
    name: 'dmi',
    title: 'Directional Movement Index (+DI, −DI)',
    category: 'trend',
    parameters: z.object({ period: wilderPeriod('DI') }),
    outputs: ['plus', 'minus'],
    input: 'bar',
    formula: `${DM_TEXT} Outputs \`plus\` (+DI, primary) and \`minus\` (−DI), on a 0–100 scale.`,
    warmupText: 'period bars',
    reference: 'TA-Lib 0.4.0 PLUS_DI and MINUS_DI',
    create: (p) => new DirectionalMovementIndex(p.period),
  }),
  defineIndicator({
    name: 'adx',
    title: 'Average Directional Index',
    category: 'trend',
    parameters: z.object({ period: wilderPeriod('ADX') }),
    outputs: ['adx', 'plus', 'minus'],
    input: 'bar',
    formula:
      `${DM_TEXT} DX = 100 · |+DI − −DI| / (+DI + −DI). The first ADX (bar 2·period) is the plain mean of ` +
      'the first period DX values (bars period + 1 … 2·period; a DX whose S(TR1) or DI sum is < 1e−14 counts ' +
      'as 0); then ADX_t = (ADX_{t−1} · (period − 1) + DX_t) / period, where, as in TA-Lib, a bar whose ' +
      'S(TR1) or DI sum is < 1e−14 leaves ADX unchanged. Outputs `adx` (primary), `plus` and `minus` (+DI ' +
      'and −DI, which appear from bar period + 1, before ADX).',
    warmupText: '2·period − 1 bars (+DI/−DI: period bars)',
    reference: 'TA-Lib 0.4.0 ADX, PLUS_DI, MINUS_DI',
    create: (p) => new AverageDirectionalIndex(p.period),
  }),
  defineIndicator({
    name: 'adxr',
    title: 'Average Directional Movement Index Rating',
    category: 'trend',
    parameters: z.object({ period: wilderPeriod('ADX') }),
    outputs: ['value'],
    input: 'bar',
    formula: 'ADXR_t = (ADX_t + ADX_{t−(period−1)}) / 2, with ADX as in `adx`.',
    warmupText: '3·period − 2 bars',
    reference: 'TA-Lib 0.4.0 ADXR',
    create: (p) => new AverageDirectionalIndexRating(p.period),
  }),
  defineIndicator({
    name: 'psar',
    title: 'Parabolic SAR',
    category: 'trend',
    parameters: z.object({
      acceleration: z
        .number()
        .positive()
        .default(0.02)
        .describe('acceleration factor: start value and step (lowered to maximum if above it)'),
      maximum: z.number().positive().default(0.2).describe('acceleration factor cap'),
    }),
    outputs: ['value', 'direction'],
    input: 'bar',
    formula:
      'Wilder (1978), step for step as TA-Lib SAR. Bar 1 only seeds. Initial direction: short if the second ' +
      "bar's −DM1 is positive (L₀ − L₁ > 0 and L₀ − L₁ > H₁ − H₀), else long (ties long); long starts with " +
      'SAR = L₀, EP = H₁, short with SAR = H₀, EP = L₁, AF = acceleration. On each bar from the second on ' +
      '(for the second bar, the "previous bar" is the second bar itself): if the bar penetrates the SAR ' +
      '(long: L ≤ SAR; short: H ≥ SAR) the position flips, the output is the old EP moved outside the ' +
      "previous and current bar's range, AF = acceleration and EP = this bar's low (new short) or high " +
      '(new long); otherwise the output is the SAR, and a new extreme sets EP to it and raises AF by ' +
      'acceleration up to maximum. The next SAR = SAR + AF · (EP − SAR), then clamped so it does not ' +
      "enter the previous or current bar's range. `direction` is +1 while long (SAR under price), −1 while " +
      'short, after the flip of the bar, if any.',
    warmupText: '1 bar',
    reference: 'TA-Lib 0.4.0 SAR',
    create: (p) => new ParabolicSar(p.acceleration, p.maximum),
  }),
  defineIndicator({
    name: 'ichimoku',
    title: 'Ichimoku Kinko Hyo',
    category: 'trend',
    parameters: z.object({
      tenkan: z.number().int().min(1).default(9).describe('conversion line (tenkan-sen) period'),
      kijun: z.number().int().min(1).default(26).describe('base line (kijun-sen) period'),
      senkouB: z.number().int().min(1).default(52).describe('leading span B (senkou span B) period'),
      displacement: z
        .number()
        .int()
        .min(0)
        .default(26)
        .describe('plotting offset only: spans are drawn this far ahead, chikou this far behind'),
    }),
    outputs: ['tenkan', 'kijun', 'spanA', 'spanB', 'chikou'],
    input: 'bar',
    formula:
      'mid(n) = (highest high + lowest low) / 2 over the last n bars. All outputs are the values computed ' +
      'AT the current bar, none shifted: `tenkan` = mid(tenkan), `kijun` = mid(kijun), `spanA` = (tenkan + ' +
      'kijun) / 2, `spanB` = mid(senkouB), `chikou` = the close. A chart draws spanA and spanB ' +
      '`displacement` bars ahead (the cloud over bar t is spanA/spanB of bar t − displacement) and chikou ' +
      '`displacement` bars behind; `displacement` changes no value. Each output appears as soon as its ' +
      'window is full (kijun after kijun − 1 bars, spanA after max(tenkan, kijun) − 1, spanB after ' +
      'senkouB − 1, chikou at once).',
    warmupText:
      'tenkan − 1 bars for `tenkan` (kijun − 1, max(tenkan, kijun) − 1, senkouB − 1, 0 for the others)',
    reference: 'naive window implementation in the test (Hosoda; StockCharts ChartSchool "Ichimoku Cloud")',
    create: (p) => new Ichimoku(p.tenkan, p.kijun, p.senkouB, p.displacement),
  }),
  defineIndicator({
    name: 'supertrend',
    title: 'SuperTrend',
    category: 'trend',
    parameters: z.object({
      period: z.number().int().min(1).default(10).describe('ATR period (Wilder)'),
      multiplier: z.number().positive().default(3).describe('ATR multiple for the bands'),
    }),
    outputs: ['value', 'direction'],
    input: 'bar',
    formula:
      'ATR = Wilder ATR(period) as `atr` (first value on bar period + 1). Basic bands: hl2 ± multiplier · ' +
      'ATR. Final upper = basic upper if basic upper < previous final upper or previous close > previous ' +
      'final upper, else previous final upper; final lower = basic lower if basic lower > previous final ' +
      'lower or previous close < previous final lower, else previous final lower (on the first ATR bar ' +
      'the final bands are the basic bands). The trend starts down (−1) on the first ATR bar, as in ' +
      "TradingView's ta.supertrend; from down it turns up (+1) when close > final upper, from up it turns " +
      'down when close < final lower. `value` = final lower band in an up trend, final upper band in a ' +
      'down trend; `direction` = +1 / −1.',
    warmupText: 'period bars',
    reference: "naive implementation in the test (TradingView's ta.supertrend rules) and a hand example",
    create: (p) => new SuperTrend(p.period, p.multiplier),
  }),
  defineIndicator({
    name: 'aroon',
    title: 'Aroon',
    category: 'trend',
    parameters: z.object({
      period: z.number().int().min(1).default(14).describe('look-back in bars (window of period + 1 bars)'),
    }),
    outputs: ['up', 'down', 'oscillator'],
    input: 'bar',
    formula:
      'Over the last period + 1 bars: up = 100 · (period − bars since the highest high) / period, down = ' +
      '100 · (period − bars since the lowest low) / period, ties going to the most recent bar; oscillator ' +
      '= up − down (computed as 100/period · (bars since the low − bars since the high), as TA-Lib AROONOSC).',
    warmupText: 'period bars',
    reference: 'TA-Lib 0.4.0 AROON and AROONOSC',
    create: (p) => new Aroon(p.period),
  }),
  defineIndicator({
    name: 'vortex',
    title: 'Vortex Indicator',
    category: 'trend',
    parameters: z.object({
      period: z.number().int().min(1).default(14).describe('window length in bars'),
    }),
    outputs: ['plus', 'minus'],
    input: 'bar',
    formula:
      'Botes & Siepman (TASC, January 2010). VM+ = |H − Lp|, VM− = |L − Hp|, TR = max(H − L, |H − Cp|, ' +
      '|L − Cp|) (Hp, Lp, Cp: previous bar). `plus` = ΣVM+ / ΣTR, `minus` = ΣVM− / ΣTR over the last period ' +
      'bars (from the second bar on); both 0 when every TR in the window is 0.',
    warmupText: 'period bars',
    reference: 'naive window implementation in the test (Botes & Siepman 2010) and a hand example',
    create: (p) => new Vortex(p.period),
  }),
];
