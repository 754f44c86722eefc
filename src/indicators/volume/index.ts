import { z } from 'zod';
import { defineIndicator, type IndicatorDefinition } from '../definition.js';
import { AccumulationDistribution, ChaikinOscillator } from './accumulation.js';
import { ChaikinMoneyFlow } from './cmf.js';
import { ElderForceIndex } from './efi.js';
import { EaseOfMovement } from './eom.js';
import { MoneyFlowIndex } from './mfi.js';
import { OnBalanceVolume } from './obv.js';
import { VolumeWeightedAveragePrice } from './vwap.js';

export { AccumulationDistribution, ChaikinOscillator } from './accumulation.js';
export { ChaikinMoneyFlow } from './cmf.js';
export { ElderForceIndex } from './efi.js';
export { EaseOfMovement } from './eom.js';
export { MoneyFlowIndex } from './mfi.js';
export { OnBalanceVolume } from './obv.js';
export { VolumeWeightedAveragePrice, type VwapSession } from './vwap.js';

const MFM_TEXT = 'MFM = ((C − L) − (H − C)) / (H − L), the money-flow multiplier in [−1, 1]';

/** Definitions of the volume indicators in this folder. */
export const volumeDefinitions: IndicatorDefinition[] = [
  defineIndicator({
    name: 'mfi',
    title: 'Money Flow Index',
    category: 'volume',
    parameters: z.object({
      period: z.number().int().min(1).default(14).describe('window length in bars'),
    }),
    outputs: ['value'],
    input: 'bar',
    formula:
      'TP = (H + L + C) / 3; raw money flow = TP · volume, counted as positive when TP rose from the ' +
      'previous bar, negative when it fell, neither when unchanged (so the first bar only seeds). MFI = ' +
      '100 · Σpositive / (Σpositive + Σnegative) over the last period bars; 0 when that total is below 1 ' +
      '(TA-Lib rule, which covers a window with no volume or no price change).',
    warmupText: 'period bars',
    reference: 'TA-Lib 0.4.0 MFI',
    create: (p) => new MoneyFlowIndex(p.period),
  }),
  defineIndicator({
    name: 'obv',
    title: 'On-Balance Volume',
    category: 'volume',
    parameters: z.object({}),
    outputs: ['value'],
    input: 'bar',
    formula:
      "OBV_1 = the first bar's volume (as TA-Lib); then OBV_t = OBV_{t−1} + volume if C > C_prev, " +
      '− volume if C < C_prev, unchanged if C = C_prev.',
    warmupText: '0 bars',
    reference: 'TA-Lib 0.4.0 OBV',
    create: () => new OnBalanceVolume(),
  }),
  defineIndicator({
    name: 'ad',
    title: 'Accumulation/Distribution Line (Chaikin)',
    category: 'volume',
    parameters: z.object({}),
    outputs: ['value'],
    input: 'bar',
    formula: `${MFM_TEXT}. AD_t = AD_{t−1} + MFM · volume from AD_0 = 0; a bar with H − L ≤ 0 adds nothing.`,
    warmupText: '0 bars',
    reference: 'TA-Lib 0.4.0 AD',
    create: () => new AccumulationDistribution(),
  }),
  defineIndicator({
    name: 'adosc',
    title: 'Chaikin A/D Oscillator',
    category: 'volume',
    parameters: z.object({
      fast: z.number().int().min(2).default(3).describe('fast EMA period'),
      slow: z.number().int().min(2).default(10).describe('slow EMA period'),
    }),
    outputs: ['value'],
    input: 'bar',
    formula:
      'EMA(fast)(AD) − EMA(slow)(AD) with AD as in `ad`. Both EMAs use k = 2 / (n + 1), are seeded with ' +
      'the FIRST AD value (not an SMA; TA-Lib and MetaStock do this) and update as ' +
      'EMA_t = k · AD_t + (1 − k) · EMA_{t−1}.',
    warmupText: 'max(fast, slow) − 1 bars',
    reference: 'TA-Lib 0.4.0 ADOSC',
    create: (p) => new ChaikinOscillator(p.fast, p.slow),
  }),
  defineIndicator({
    name: 'cmf',
    title: 'Chaikin Money Flow',
    category: 'volume',
    parameters: z.object({
      period: z.number().int().min(1).default(20).describe('window length in bars'),
    }),
    outputs: ['value'],
    input: 'bar',
    formula:
      `${MFM_TEXT}, taken as 0 when H = L. CMF = Σ(MFM · volume) / Σvolume over the last period bars; ` +
      '0 when every volume in the window is 0.',
    warmupText: 'period − 1 bars',
    reference: 'naive window implementation in the test (StockCharts ChartSchool "Chaikin Money Flow")',
    create: (p) => new ChaikinMoneyFlow(p.period),
  }),
  defineIndicator({
    name: 'efi',
    title: 'Elder Force Index',
    category: 'volume',
    parameters: z.object({
      period: z.number().int().min(1).default(13).describe('EMA period'),
    }),
    outputs: ['value'],
    input: 'bar',
    formula:
      'force_t = (C_t − C_{t−1}) · volume_t from the second bar on; EFI = EMA(period) of force with ' +
      'alpha = 2 / (period + 1), seeded with the simple mean of the first period forces (bars 2 … period ' +
      '+ 1), so the first value comes on bar period + 1.',
    warmupText: 'period bars',
    reference: 'naive implementation in the test (Elder, Trading for a Living, 1993) and a hand example',
    create: (p) => new ElderForceIndex(p.period),
  }),
  defineIndicator({
    name: 'eom',
    title: 'Ease of Movement',
    category: 'volume',
    parameters: z.object({
      period: z.number().int().min(1).default(14).describe('SMA period'),
      divisor: z.number().positive().default(100_000_000).describe('volume scale in the box ratio'),
    }),
    outputs: ['value'],
    input: 'bar',
    formula:
      'From the second bar on: distance = (H + L)/2 − (H_prev + L_prev)/2, box ratio = (volume / divisor) ' +
      '/ (H − L), EMV = distance / box ratio; a bar with H = L or volume 0 has EMV = 0 (no defined box ' +
      'ratio). EOM = SMA(period) of EMV.',
    warmupText: 'period bars',
    reference: 'naive implementation in the test (Arms; StockCharts ChartSchool "Ease of Movement")',
    create: (p) => new EaseOfMovement(p.period, p.divisor),
  }),
  defineIndicator({
    name: 'vwap',
    title: 'Session VWAP with standard-deviation bands',
    category: 'volume',
    parameters: z.object({
      session: z
        .enum(['utc-day', 'none'])
        .default('utc-day')
        .describe('utc-day: restart each UTC day (of the close time − 1 µs); none: never restart'),
      stdDev: z.number().min(0).default(1).describe('inner band width in standard deviations'),
      stdDev2: z.number().min(0).default(2).describe('outer band width in standard deviations'),
    }),
    outputs: ['vwap', 'upper1', 'lower1', 'upper2', 'lower2'],
    input: 'bar',
    formula:
      'p = hlc3 = (H + L + C) / 3, v = volume, sums since the session start. VWAP = Σ(v·p) / Σv; σ = ' +
      '√(Σ(v·p²) / Σv − VWAP²), the volume-weighted population standard deviation of p around VWAP; ' +
      '`upper1`/`lower1` = VWAP ± stdDev · σ, `upper2`/`lower2` = VWAP ± stdDev2 · σ. With session utc-day ' +
      "a session is the UTC calendar day of tsEvent − 1 µs (tsEvent is the bar's close time, so a bar " +
      'belongs to the day it ends in; a daily bar is its own session). All outputs are NaN while the ' +
      "session's volume is still 0.",
    warmupText: '0 bars (NaN while the session has no volume)',
    reference: 'naive two-pass implementation per session in the test',
    create: (p) => new VolumeWeightedAveragePrice(p.session, p.stdDev, p.stdDev2),
  }),
];
