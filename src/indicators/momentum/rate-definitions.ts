import { z } from 'zod';
import { defineIndicator, type IndicatorDefinition } from '../definition.js';
import { withSource } from '../params.js';
import { DetrendedPriceOscillator } from './dpo.js';
import { KnowSureThing } from './kst.js';
import {
  AbsolutePriceOscillator,
  MovingAverageConvergenceDivergence,
  PercentagePriceOscillator,
} from './macd.js';
import {
  emaSpreadWithSignalParameters,
  fastBelowSlow,
  fastBelowSlowMessage,
  period,
  source,
} from './params.js';
import { Momentum, RateOfChange, RateOfChangePercent } from './rate-of-change.js';
import { Trix } from './trix.js';
import { TrueStrengthIndex } from './tsi.js';

const roc = defineIndicator({
  name: 'roc',
  title: 'Rate of Change (fraction)',
  category: 'momentum',
  parameters: z.object({ period: period(10, 'inputs back'), source: source() }),
  outputs: ['value'],
  input: 'price',
  formula: `
ROC = (x_t − x_{t−period}) / x_{t−period}, a fraction (0.05 = +5 %); 0 when x_{t−period} = 0, as
TA-Lib. This is TA-Lib **ROCP** (= ROCR − 1); \`rocp\` is the same in percent.`,
  warmupText: 'period inputs',
  reference: 'TA-Lib 0.4.0 ROCP',
  create: (p) => withSource(new RateOfChange(p.period), p.source),
});

const rocp = defineIndicator({
  name: 'rocp',
  title: 'Rate of Change (percent)',
  category: 'momentum',
  parameters: z.object({ period: period(10, 'inputs back'), source: source() }),
  outputs: ['value'],
  input: 'price',
  formula: `
ROC% = (x_t / x_{t−period} − 1) × 100, in percent (5 = +5 %); 0 when x_{t−period} = 0, as TA-Lib.
This is TA-Lib **ROC** (mind the names: TA-Lib's ROCP is the fraction, our \`roc\`).`,
  warmupText: 'period inputs',
  reference: 'TA-Lib 0.4.0 ROC',
  create: (p) => withSource(new RateOfChangePercent(p.period), p.source),
});

const mom = defineIndicator({
  name: 'mom',
  title: 'Momentum',
  category: 'momentum',
  parameters: z.object({ period: period(10, 'inputs back'), source: source() }),
  outputs: ['value'],
  input: 'price',
  formula: `
MOM = x_t − x_{t−period}, in price units. TA-Lib MOM.`,
  warmupText: 'period inputs',
  reference: 'TA-Lib 0.4.0 MOM',
  create: (p) => withSource(new Momentum(p.period), p.source),
});

const trix = defineIndicator({
  name: 'trix',
  title: 'TRIX (triple-smoothed EMA rate of change)',
  category: 'momentum',
  parameters: z.object({
    period: period(15, 'period of each of the three EMAs'),
    signal: period(9, 'EMA period of the signal line'),
    source: source(),
  }),
  outputs: ['trix', 'signal'],
  input: 'price',
  formula: `
E3 = EMA(EMA(EMA(x, period), period), period), each EMA SMA-seeded once its input has a value;
TRIX = (E3_t / E3_{t−1} − 1) × 100, the 1-period rate of change of E3 in percent (0 when E3_{t−1} = 0,
as TA-Lib); signal = EMA(TRIX, signal), SMA-seeded. TRIX is TA-Lib TRIX; the signal line (not in
TA-Lib) starts signal − 1 inputs after TRIX.`,
  warmupText: '3 × (period − 1) + 1 inputs (43 with the defaults); signal: signal − 1 more',
  reference: 'TA-Lib 0.4.0 TRIX (trix); EMA of it, checked in the test (signal)',
  create: (p) => withSource(new Trix(p.period, p.signal), p.source),
});

const tsi = defineIndicator({
  name: 'tsi',
  title: 'True Strength Index',
  category: 'momentum',
  parameters: z.object({
    long: period(25, 'period of the first EMA of the price changes'),
    short: period(13, 'period of the second EMA'),
    signal: period(7, 'EMA period of the signal line'),
    source: source(),
  }),
  outputs: ['tsi', 'signal'],
  input: 'price',
  formula: `
Blau's TSI: with Δ_t = x_t − x_{t−1},
TSI = 100 × EMA(EMA(Δ, long), short) / EMA(EMA(|Δ|, long), short) (0 when the denominator is 0, a
constant series); signal = EMA(TSI, signal). Every EMA is seeded with the SMA of its first \`period\`
inputs, the library's convention (TradingView seeds with the first value, so its early values
differ).`,
  warmupText: 'long + short − 1 inputs (37 with the defaults); signal: signal − 1 more',
  reference: 'hand-computed example and a direct implementation of Blau (1991) as StockCharts gives it',
  create: (p) => withSource(new TrueStrengthIndex(p.long, p.short, p.signal), p.source),
});

const macd = defineIndicator({
  name: 'macd',
  title: 'Moving Average Convergence Divergence',
  category: 'momentum',
  parameters: emaSpreadWithSignalParameters(),
  outputs: ['macd', 'signal', 'histogram'],
  input: 'price',
  formula: `
MACD = EMA(x, fast) − EMA(x, slow); signal = EMA(MACD, signal); histogram = MACD − signal; EMAs
SMA-seeded. As TA-Lib, the fast EMA starts slow − fast inputs late, so both EMAs are seeded over
windows ending on the same input, and the three outputs appear together with the first signal value.
TA-Lib MACD.`,
  warmupText: 'slow + signal − 2 inputs (33 with the defaults)',
  reference: 'TA-Lib 0.4.0 MACD',
  create: (p) => withSource(new MovingAverageConvergenceDivergence(p.fast, p.slow, p.signal), p.source),
});

const ppo = defineIndicator({
  name: 'ppo',
  title: 'Percentage Price Oscillator',
  category: 'momentum',
  parameters: emaSpreadWithSignalParameters(),
  outputs: ['ppo', 'signal', 'histogram'],
  input: 'price',
  formula: `
PPO = 100 × (EMA(x, fast) − EMA(x, slow)) / EMA(x, slow) (0 when the slow EMA is 0, as TA-Lib);
signal = EMA(PPO, signal); histogram = PPO − signal; EMAs SMA-seeded, both from the first input
(unlike \`macd\`). The PPO line is TA-Lib PPO with optInMAType = 1 (EMA) — TA-Lib's default is SMA;
signal and histogram (not in TA-Lib) start signal − 1 inputs after it.`,
  warmupText: 'slow − 1 inputs (25 with the defaults); signal and histogram: signal − 1 more',
  reference: 'TA-Lib 0.4.0 PPO with optInMAType = 1 (ppo); EMA of it, checked in the test (signal)',
  create: (p) => withSource(new PercentagePriceOscillator(p.fast, p.slow, p.signal), p.source),
});

const apo = defineIndicator({
  name: 'apo',
  title: 'Absolute Price Oscillator',
  category: 'momentum',
  parameters: z
    .object({
      fast: period(12, 'fast EMA period', 2),
      slow: period(26, 'slow EMA period', 2),
      source: source(),
    })
    .refine(fastBelowSlow, fastBelowSlowMessage),
  outputs: ['value'],
  input: 'price',
  formula: `
APO = EMA(x, fast) − EMA(x, slow), EMAs SMA-seeded, both from the first input (unlike \`macd\`,
whose fast EMA starts late, so APO and the MACD line differ slightly early on). TA-Lib APO with
optInMAType = 1 (EMA) — TA-Lib's default is SMA.`,
  warmupText: 'slow − 1 inputs',
  reference: 'TA-Lib 0.4.0 APO with optInMAType = 1',
  create: (p) => withSource(new AbsolutePriceOscillator(p.fast, p.slow), p.source),
});

const kst = defineIndicator({
  name: 'kst',
  title: 'Know Sure Thing',
  category: 'momentum',
  parameters: z.object({
    roc1: period(10, 'period of the first rate of change'),
    roc2: period(15, 'period of the second rate of change'),
    roc3: period(20, 'period of the third rate of change'),
    roc4: period(30, 'period of the fourth rate of change'),
    sma1: period(10, 'SMA period of the first rate of change'),
    sma2: period(10, 'SMA period of the second rate of change'),
    sma3: period(10, 'SMA period of the third rate of change'),
    sma4: period(15, 'SMA period of the fourth rate of change'),
    signal: period(9, 'SMA period of the signal line'),
    source: source(),
  }),
  outputs: ['kst', 'signal'],
  input: 'price',
  formula: `
Pring's KST: RCMA_i = SMA(ROC%(x, roc_i), sma_i) with ROC% = (x_t / x_{t−n} − 1) × 100 (as \`rocp\`);
KST = RCMA1 + 2·RCMA2 + 3·RCMA3 + 4·RCMA4; signal = SMA(KST, signal). Each SMA starts with the first
value of its ROC.`,
  warmupText: 'max(roc_i + sma_i) − 1 inputs (44 with the defaults); signal: signal − 1 more',
  reference: 'hand-computed example and a direct implementation of StockCharts ChartSchool (Pring)',
  create: (p) =>
    Object.assign(
      new KnowSureThing(p.roc1, p.roc2, p.roc3, p.roc4, p.sma1, p.sma2, p.sma3, p.sma4, p.signal),
      { source: p.source },
    ),
});

const dpo = defineIndicator({
  name: 'dpo',
  title: 'Detrended Price Oscillator',
  category: 'momentum',
  parameters: z.object({ period: period(20, 'SMA period'), source: source() }),
  outputs: ['value'],
  input: 'price',
  formula: `
With k = ⌊period / 2⌋ + 1: DPO_t = x_{t−k} − SMA(x, period)_t, the price k inputs ago minus the
current SMA, reported on the current input — the non-centred form, with no look-ahead (StockCharts
plots the same values shifted k bars back; TradingView's non-centred option is x_t − SMA_{t−k}
instead).`,
  warmupText: 'max(period − 1, ⌊period / 2⌋ + 1) inputs (period − 1 for period ≥ 3)',
  reference: 'hand-computed example and a direct implementation of StockCharts ChartSchool',
  create: (p) => withSource(new DetrendedPriceOscillator(p.period), p.source),
});

/** Definitions of the momentum indicators in this folder. */

/** Rates of change and moving-average differences: ROC, momentum, TRIX, TSI, MACD, PPO, APO, KST, DPO. */
export const rateDefinitions: IndicatorDefinition[] = [roc, rocp, mom, trix, tsi, macd, ppo, apo, kst, dpo];
