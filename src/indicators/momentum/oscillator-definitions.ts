import { z } from 'zod';
import { defineIndicator, type IndicatorDefinition } from '../definition.js';
import { withSource } from '../params.js';
import { AwesomeOscillator } from './awesome.js';
import { CommodityChannelIndex } from './cci.js';
import { fastBelowSlow, fastBelowSlowMessage, period, source } from './params.js';
import { RelativeStrengthIndex } from './rsi.js';
import { Stochastic, StochasticFast, StochasticRsi, WilliamsR } from './stochastic.js';
import { UltimateOscillator } from './ultimate.js';

const rsi = defineIndicator({
  name: 'rsi',
  title: 'Relative Strength Index',
  category: 'momentum',
  parameters: z.object({ period: period(14, 'Wilder smoothing period', 2), source: source() }),
  outputs: ['value'],
  input: 'price',
  formula: `
With Δ_t = x_t − x_{t−1}, gain = max(Δ, 0) and loss = max(−Δ, 0), Wilder's averages start as the
simple means of the first \`period\` gains and losses, then
avgGain_t = (avgGain_{t−1} × (period − 1) + gain_t) / period, likewise for losses (Wilder smoothing,
alpha = 1/period).
RSI = 100 × avgGain / (avgGain + avgLoss) (= 100 − 100 / (1 + avgGain / avgLoss)). When both averages
are 0 (a constant series) the value is 0, as TA-Lib gives. TA-Lib RSI (no unstable period).`,
  warmupText: 'period inputs (the first change needs two prices)',
  reference: 'TA-Lib 0.4.0 RSI',
  create: (p) => withSource(new RelativeStrengthIndex(p.period), p.source),
});

const stoch = defineIndicator({
  name: 'stoch',
  title: 'Stochastic Oscillator (slow / full)',
  category: 'momentum',
  parameters: z.object({
    fastK: period(5, 'bars of the highest high and lowest low (raw %K)'),
    slowK: period(3, 'SMA smoothing of raw %K into %K (3: slow stochastic; other: full; 1: fast)'),
    slowD: period(3, 'SMA period of %D over %K'),
  }),
  outputs: ['k', 'd'],
  input: 'bar',
  formula: `
Raw %K = 100 × (close − LL) / (HH − LL), HH and LL the highest high and lowest low of the last
\`fastK\` bars (0 when HH = LL, as TA-Lib); %K = SMA(raw %K, slowK); %D = SMA(%K, slowD). With
slowK = 3 this is Lane's slow stochastic; any other slowK gives the "full" stochastic (slowK = 1 is
the fast one, see \`stochf\`). Both lines appear together. TA-Lib STOCH with SMA smoothing
(optInSlowK_MAType = optInSlowD_MAType = 0).`,
  warmupText: 'fastK + slowK + slowD − 3 bars (8 with the defaults)',
  reference: 'TA-Lib 0.4.0 STOCH (SMA)',
  create: (p) => new Stochastic(p.fastK, p.slowK, p.slowD),
});

const stochf = defineIndicator({
  name: 'stochf',
  title: 'Fast Stochastic Oscillator',
  category: 'momentum',
  parameters: z.object({
    fastK: period(5, 'bars of the highest high and lowest low (%K)'),
    fastD: period(3, 'SMA period of %D over %K'),
  }),
  outputs: ['k', 'd'],
  input: 'bar',
  formula: `
%K = 100 × (close − LL) / (HH − LL), HH and LL the highest high and lowest low of the last \`fastK\`
bars (0 when HH = LL, as TA-Lib); %D = SMA(%K, fastD). Both lines appear together, when %D has its
first value. TA-Lib STOCHF with SMA smoothing (optInFastD_MAType = 0).`,
  warmupText: 'fastK + fastD − 2 bars (6 with the defaults)',
  reference: 'TA-Lib 0.4.0 STOCHF (SMA)',
  create: (p) => new StochasticFast(p.fastK, p.fastD),
});

const stochrsi = defineIndicator({
  name: 'stochrsi',
  title: 'Stochastic RSI',
  category: 'momentum',
  parameters: z.object({
    period: period(14, 'RSI period', 2),
    fastK: period(5, 'RSI values of the highest and lowest RSI (%K)'),
    fastD: period(3, 'SMA period of %D over %K'),
    source: source(),
  }),
  outputs: ['k', 'd'],
  input: 'price',
  formula: `
The fast stochastic of the RSI (Chande & Kroll): %K = 100 × (RSI − min RSI) / (max RSI − min RSI)
over the last \`fastK\` RSI values (0 when they are all equal), %D = SMA(%K, fastD); RSI as in
\`rsi\`. TA-Lib STOCHRSI with SMA (optInFastD_MAType = 0).`,
  warmupText: 'period + fastK + fastD − 2 inputs (20 with the defaults)',
  reference: 'TA-Lib 0.4.0 STOCHRSI (SMA)',
  create: (p) => withSource(new StochasticRsi(p.period, p.fastK, p.fastD), p.source),
});

const willr = defineIndicator({
  name: 'willr',
  title: 'Williams %R',
  category: 'momentum',
  parameters: z.object({ period: period(14, 'bars of the highest high and lowest low', 2) }),
  outputs: ['value'],
  input: 'bar',
  formula: `
%R = −100 × (HH − close) / (HH − LL), HH and LL the highest high and lowest low of the last
\`period\` bars; from −100 (close at the low) to 0 (close at the high); 0 when HH = LL, as TA-Lib.
TA-Lib WILLR.`,
  warmupText: 'period − 1 bars',
  reference: 'TA-Lib 0.4.0 WILLR',
  create: (p) => new WilliamsR(p.period),
});

const cci = defineIndicator({
  name: 'cci',
  title: 'Commodity Channel Index',
  category: 'momentum',
  parameters: z.object({ period: period(20, 'bars of typical prices', 2) }),
  outputs: ['value'],
  input: 'bar',
  formula: `
Typical price TP = (high + low + close) / 3; CCI = (TP − SMA(TP, period)) / (0.015 × MD), MD the
mean absolute deviation of the last \`period\` TPs from their mean (Lambert's constant 0.015); 0
when TP equals the mean or MD = 0, as TA-Lib. The sums are taken of deviations from the newest TP,
so a window of equal TPs gives exactly 0 (TA-Lib's plain mean can miss their common value by an ulp
and report ±66.67 for a constant series). The mean deviation has no O(1) update: each update makes
two passes over the window (O(period), no allocation), as TA-Lib. TA-Lib CCI.`,
  warmupText: 'period − 1 bars',
  reference: 'TA-Lib 0.4.0 CCI',
  create: (p) => new CommodityChannelIndex(p.period),
});

const ultosc = defineIndicator({
  name: 'ultosc',
  title: 'Ultimate Oscillator',
  category: 'momentum',
  parameters: z
    .object({
      short: period(7, 'shortest window (weight 4)'),
      medium: period(14, 'middle window (weight 2)'),
      long: period(28, 'longest window (weight 1)'),
    })
    .refine((p) => p.short <= p.medium && p.medium <= p.long, {
      message: 'periods must satisfy short <= medium <= long',
      path: ['medium'],
    }),
  outputs: ['value'],
  input: 'bar',
  formula: `
With the previous close pc: buying pressure BP = close − min(low, pc), true range
TR = max(high, pc) − min(low, pc); A_n = ΣBP / ΣTR over the last n bars (a term is left out when its
ΣTR is 0, as TA-Lib); ULTOSC = 100 × (4·A_short + 2·A_medium + A_long) / 7 (Williams). TA-Lib ULTOSC
(which sorts its periods; here they must be given in order).`,
  warmupText: 'long bars (the first bar only supplies a previous close)',
  reference: 'TA-Lib 0.4.0 ULTOSC',
  create: (p) => new UltimateOscillator(p.short, p.medium, p.long),
});

const ao = defineIndicator({
  name: 'ao',
  title: 'Awesome Oscillator',
  category: 'momentum',
  parameters: z
    .object({
      fast: period(5, 'fast SMA period of the median price'),
      slow: period(34, 'slow SMA period of the median price'),
    })
    .refine(fastBelowSlow, fastBelowSlowMessage),
  outputs: ['value'],
  input: 'bar',
  formula: `
Bill Williams: with the median price hl2 = (high + low) / 2, AO = SMA(hl2, fast) − SMA(hl2, slow).`,
  warmupText: 'slow − 1 bars',
  reference: 'hand-computed example and a direct implementation of Williams (1998)',
  create: (p) => new AwesomeOscillator(p.fast, p.slow),
});

/** Bounded oscillators: RSI, stochastics, Williams %R, CCI, Ultimate, Awesome. */
export const oscillatorDefinitions: IndicatorDefinition[] = [
  rsi,
  stoch,
  stochf,
  stochrsi,
  willr,
  cci,
  ultosc,
  ao,
];
