/**
 * The same indicators, with the same parameters as Bourse's defaults, from the `trading-signals`
 * (v8) and `technicalindicators` (v3) npm packages: how to build one and feed it one input.
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// Loaded as plain objects: the comparison only needs `new X(...)` and one method per input.
type Ctor = new (...args: unknown[]) => Record<string, unknown>;
const ts = require('trading-signals') as Record<string, Ctor>;
const ti = require('technicalindicators') as Record<string, Ctor>;

export type InputKind = 'price' | 'bar';

export interface Competitor {
  /** Builds a fresh instance. */
  make(): Record<string, unknown>;
  /** Method called with each input (a number for price indicators, a candle object for bar ones). */
  method: string;
  input: InputKind;
}

const tsPrice = (make: () => Record<string, unknown>): Competitor => ({
  make,
  method: 'add',
  input: 'price',
});
const tsBar = (make: () => Record<string, unknown>): Competitor => ({ make, method: 'add', input: 'bar' });
const tiPrice = (name: string, options: Record<string, unknown>): Competitor => ({
  make: () => new ti[name]({ ...options, values: [] }),
  method: 'nextValue',
  input: 'price',
});
const tiBar = (name: string, options: Record<string, unknown>): Competitor => ({
  make: () => new ti[name]({ ...options, open: [], high: [], low: [], close: [], volume: [] }),
  method: 'nextValue',
  input: 'bar',
});

/** By Bourse indicator name. */
export const TRADING_SIGNALS: Readonly<Record<string, Competitor>> = {
  sma: tsPrice(() => new ts.SMA(20)),
  ema: tsPrice(() => new ts.EMA(20)),
  wma: tsPrice(() => new ts.WMA(20)),
  smma: tsPrice(() => new ts.RMA(14)),
  dema: tsPrice(() => new ts.DEMA(20)),
  tema: tsPrice(() => new ts.TEMA(20)),
  trima: tsPrice(() => new ts.TRIMA(20)),
  kama: tsPrice(() => new ts.KAMA(10)),
  hma: tsPrice(() => new ts.HMA(20)),
  zlema: tsPrice(() => new ts.ZLEMA(20)),
  alma: tsPrice(() => new ts.ALMA(9, 0.85, 6)),
  rsi: tsPrice(() => new ts.RSI(14)),
  stoch: tsBar(() => new ts.StochasticOscillator({ kPeriod: 5, kSlowingPeriod: 3, dPeriod: 3 })),
  willr: tsBar(() => new ts.WilliamsR(14)),
  cci: tsBar(() => new ts.CCI(20)),
  roc: tsPrice(() => new ts.ROC(10)),
  mom: tsPrice(() => new ts.MOM(10)),
  trix: tsPrice(() => new ts.TRIX(30)),
  tsi: tsPrice(() => new ts.TSI({ longPeriod: 25, shortPeriod: 13 })),
  ultosc: tsBar(() => new ts.UltimateOscillator({ shortPeriod: 7, mediumPeriod: 14, longPeriod: 28 })),
  macd: tsPrice(() => new ts.MACD(new ts.EMA(12), new ts.EMA(26), new ts.EMA(9))),
  ppo: tsPrice(() => new ts.PPO({ fastPeriod: 12, slowPeriod: 26 })),
  apo: tsPrice(() => new ts.APO({ fastPeriod: 12, slowPeriod: 26 })),
  ao: tsBar(() => new ts.AO(5, 34)),
  kst: tsPrice(() => new ts.KST()),
  dpo: tsPrice(() => new ts.DPO(20)),
  aroon: tsBar(() => new ts.Aroon(14)),
  vortex: tsBar(() => new ts.VortexIndicator(14)),
  mfi: tsBar(() => new ts.MFI(14)),
  adx: tsBar(() => new ts.ADX(14)),
  adxr: tsBar(() => new ts.ADXR(14)),
  psar: tsBar(() => new ts.PSAR({ accelerationStep: 0.02, accelerationMax: 0.2 })),
  ichimoku: tsBar(() => new ts.IchimokuCloud({ conversionInterval: 9, baseInterval: 26, spanBInterval: 52 })),
  supertrend: tsBar(() => new ts.SuperTrend({ interval: 10, multiplier: 3 })),
  trange: tsBar(() => new ts.TR()),
  atr: tsBar(() => new ts.ATR(14)),
  natr: tsBar(() => new ts.NATR(14)),
  bbands: tsPrice(() => new ts.BollingerBands(20, 2)),
  keltner: tsBar(() => new ts.KeltnerChannels({ emaInterval: 20, atrInterval: 10, multiplier: 2 })),
  donchian: tsBar(() => new ts.DonchianChannels(20)),
  meandev: tsPrice(() => new ts.MAD(20)),
  obv: tsBar(() => new ts.OBV(2)), // its argument is the candles kept; 1 fails on the first input
  ad: tsBar(() => new ts.AD()),
  adosc: tsBar(() => new ts.ADOSC({ fastPeriod: 3, slowPeriod: 10 })),
  cmf: tsBar(() => new ts.CMF(20)),
  efi: tsBar(() => new ts.ForceIndex(13)),
  eom: tsBar(() => new ts.EMV(14)),
  vwap: tsBar(() => new ts.VWAP()),
  vwma: tsBar(() => new ts.VWMA(20)),
  linreg: tsPrice(() => new ts.LinearRegression(14)),
};

export const TECHNICAL_INDICATORS: Readonly<Record<string, Competitor>> = {
  sma: tiPrice('SMA', { period: 20 }),
  ema: tiPrice('EMA', { period: 20 }),
  wma: tiPrice('WMA', { period: 20 }),
  smma: tiPrice('WEMA', { period: 14 }),
  rsi: tiPrice('RSI', { period: 14 }),
  stoch: tiBar('Stochastic', { period: 5, signalPeriod: 3 }),
  stochrsi: tiPrice('StochasticRSI', { rsiPeriod: 14, stochasticPeriod: 14, kPeriod: 3, dPeriod: 3 }),
  willr: tiBar('WilliamsR', { period: 14 }),
  cci: tiBar('CCI', { period: 20 }),
  roc: tiPrice('ROC', { period: 10 }),
  trix: tiPrice('TRIX', { period: 30 }),
  macd: tiPrice('MACD', {
    fastPeriod: 12,
    slowPeriod: 26,
    signalPeriod: 9,
    SimpleMAOscillator: false,
    SimpleMASignal: false,
  }),
  ao: tiBar('AwesomeOscillator', { fastPeriod: 5, slowPeriod: 34 }),
  kst: tiPrice('KST', {
    ROCPer1: 10,
    ROCPer2: 15,
    ROCPer3: 20,
    ROCPer4: 30,
    SMAROCPer1: 10,
    SMAROCPer2: 10,
    SMAROCPer3: 10,
    SMAROCPer4: 15,
    signalPeriod: 9,
  }),
  mfi: tiBar('MFI', { period: 14 }),
  adx: tiBar('ADX', { period: 14 }),
  psar: tiBar('PSAR', { step: 0.02, max: 0.2 }),
  ichimoku: tiBar('IchimokuCloud', { conversionPeriod: 9, basePeriod: 26, spanPeriod: 52, displacement: 26 }),
  trange: tiBar('TrueRange', {}),
  atr: tiBar('ATR', { period: 14 }),
  bbands: tiPrice('BollingerBands', { period: 20, stdDev: 2 }),
  keltner: tiBar('KeltnerChannels', { maPeriod: 20, atrPeriod: 10, useSMA: false, multiplier: 2 }),
  stddev: tiPrice('SD', { period: 20 }),
  obv: tiBar('OBV', {}),
  ad: tiBar('ADL', {}),
  efi: tiBar('ForceIndex', { period: 13 }),
  vwap: tiBar('VWAP', {}),
  highest: tiPrice('Highest', { period: 20 }),
  lowest: tiPrice('Lowest', { period: 20 }),
  sum: tiPrice('Sum', { period: 20 }),
  heikinashi: tiBar('HeikinAshi', {}),
};
