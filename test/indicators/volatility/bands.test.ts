import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BarInput } from '../../../src/indicators/core.js';
import { BollingerBands } from '../../../src/indicators/volatility/bollinger.js';
import { volatilityDefinitions } from '../../../src/indicators/volatility/index.js';
import { KeltnerChannels } from '../../../src/indicators/volatility/keltner.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { talib } from '../support/talib.js';
import { checkProperties, constantBars, create } from './checks.js';

const byName = (name: string) => {
  const definition = volatilityDefinitions.find((d) => d.name === name);
  if (!definition) throw new Error(`no definition ${name}`);
  return definition;
};

const close = (x: number, y: number) => Math.abs(x - y) <= 1e-12 * Math.max(1, Math.abs(y));

describe('bbands (BollingerBands)', () => {
  const definition = byName('bbands');

  test('equals TA-Lib BBANDS (SMA) on ORCL; %B and bandwidth from its bands', () => {
    const cases = [
      { params: {}, period: 20, dev: 2, prices: ORCL.map((b) => b.close) },
      {
        params: { period: 10, stdDev: 1.5, source: 'hl2' },
        period: 10,
        dev: 1.5,
        prices: ORCL.map((b) => (b.high + b.low) / 2),
      },
    ];
    for (const { params, period, dev, prices } of cases) {
      const ours = stream(create(definition, params), ORCL);
      const ref = talib(
        'BBANDS',
        ORCL,
        { optInTimePeriod: period, optInNbDevUp: dev, optInNbDevDn: dev, optInMAType: 0 },
        prices,
      );
      const label = `BBANDS ${period} ${dev}`;
      assertSeriesClose(ours.middle, ref.outRealMiddleBand, `${label} middle`);
      assertSeriesClose(ours.upper, ref.outRealUpperBand, `${label} upper`);
      assertSeriesClose(ours.lower, ref.outRealLowerBand, `${label} lower`);
      const percentB = prices.map(
        (x, i) => (x - ref.outRealLowerBand[i]) / (ref.outRealUpperBand[i] - ref.outRealLowerBand[i]),
      );
      const bandwidth = prices.map(
        (_, i) => (ref.outRealUpperBand[i] - ref.outRealLowerBand[i]) / ref.outRealMiddleBand[i],
      );
      assertSeriesClose(ours.percentB, percentB, `${label} %B`, 1e-8);
      assertSeriesClose(ours.bandwidth, bandwidth, `${label} bandwidth`);
    }
  });

  test('hand example: 2 4 4 4 5 5 7 9 has mean 5 and σ 2', () => {
    // Deviations −3 −1 −1 −1 0 0 2 4, squares 9+1+1+1+0+0+4+16 = 32, 32 / 8 = 4, σ = 2.
    const bb = new BollingerBands(8, 2);
    for (const x of [2, 4, 4, 4, 5, 5, 7]) assert.ok(Number.isNaN(bb.update(x)));
    assert.equal(bb.update(9), 5);
    assert.equal(bb.middle, 5);
    assert.equal(bb.upper, 9); // 5 + 2 × 2
    assert.equal(bb.lower, 1); // 5 − 2 × 2
    assert.equal(bb.percentB, 1); // (9 − 1) / (9 − 1): the input is on the upper band
    assert.equal(bb.bandwidth, 1.6); // (9 − 1) / 5
  });

  test('a window of equal inputs has zero width even after moving prices', () => {
    const bb = new BollingerBands(5, 2);
    for (const x of [10.1, 13.7, 9.3, 11.9, 12.3, 10.7]) bb.update(x);
    for (let i = 0; i < 5; i++) bb.update(0.3);
    assert.equal(bb.middle, 0.3);
    assert.equal(bb.upper, 0.3);
    assert.equal(bb.lower, 0.3);
    assert.equal(bb.percentB, 0.5);
    assert.equal(bb.bandwidth, 0);
  });

  test('stdDev must be positive', () => {
    assert.throws(() => new BollingerBands(20, 0), RangeError);
    assert.throws(() => definition.parameters.parse({ stdDev: -1 }));
  });

  test('properties', () => {
    checkProperties({
      definition,
      bars: ORCL.slice(0, 600),
      shift: { middle: 'shift', upper: 'shift', lower: 'shift', percentB: 'same', bandwidth: 'skip' },
      constant: { middle: 'constant', upper: 'constant', lower: 'constant', percentB: 0.5, bandwidth: 0 },
    });
  });
});

/**
 * Keltner Channels straight from StockCharts ChartSchool ("Keltner Channels"): middle = 20-day EMA
 * of the close; upper/lower = EMA ± 2 × ATR(10); the EMA starts from the SMA of the first closes,
 * the ATR is Wilder's (first = mean of the first true ranges, then (prior × (n − 1) + TR) / n).
 */
function naiveKeltner(bars: readonly BarInput[], period: number, multiplier: number, atrPeriod: number) {
  const n = bars.length;
  const ema: number[] = new Array(n).fill(Number.NaN);
  const atr: number[] = new Array(n).fill(Number.NaN);
  const alpha = 2 / (period + 1);
  for (let i = period - 1; i < n; i++) {
    if (i === period - 1) {
      let sum = 0;
      for (let j = 0; j < period; j++) sum += bars[j].close;
      ema[i] = sum / period;
    } else {
      ema[i] = alpha * bars[i].close + (1 - alpha) * ema[i - 1];
    }
  }
  const tr = bars.map((b, i) =>
    i === 0
      ? Number.NaN
      : Math.max(b.high - b.low, Math.abs(b.high - bars[i - 1].close), Math.abs(b.low - bars[i - 1].close)),
  );
  for (let i = atrPeriod; i < n; i++) {
    if (i === atrPeriod) {
      let sum = 0;
      for (let j = 1; j <= atrPeriod; j++) sum += tr[j];
      atr[i] = sum / atrPeriod;
    } else {
      atr[i] = (atr[i - 1] * (atrPeriod - 1) + tr[i]) / atrPeriod;
    }
  }
  return {
    middle: ema.map((m, i) => (Number.isNaN(atr[i]) ? Number.NaN : m)),
    upper: ema.map((m, i) => m + multiplier * atr[i]),
    lower: ema.map((m, i) => m - multiplier * atr[i]),
  };
}

describe('keltner (KeltnerChannels)', () => {
  const definition = byName('keltner');

  test('equals the naive ChartSchool definition on ORCL (20/2/10 and 10/1.5/20)', () => {
    for (const [period, multiplier, atrPeriod] of [
      [20, 2, 10],
      [10, 1.5, 20],
    ]) {
      const ours = stream(create(definition, { period, multiplier, atrPeriod }), ORCL);
      const ref = naiveKeltner(ORCL, period, multiplier, atrPeriod);
      for (const name of ['middle', 'upper', 'lower'] as const) {
        assertSeriesClose(ours[name], ref[name], `KELTNER ${period}/${multiplier}/${atrPeriod} ${name}`);
      }
    }
  });

  test('the EMA is TA-Lib EMA and the ATR TA-Lib ATR', () => {
    const ours = stream(create(definition), ORCL);
    const ema = talib('EMA', ORCL, { optInTimePeriod: 20 }).outReal;
    const atr = talib('ATR', ORCL, { optInTimePeriod: 10 }).outReal;
    assertSeriesClose(ours.middle, ema, 'KELTNER middle vs EMA');
    assertSeriesClose(
      ours.upper,
      ema.map((m, i) => m + 2 * atr[i]),
      'KELTNER upper vs EMA + 2 ATR',
    );
  });

  test('hand example (period 2, multiplier 2, ATR 2)', () => {
    const kc = new KeltnerChannels(2, 2, 2);
    assert.equal(kc.warmup, 2); // max(2 − 1, 2)
    const bar = (high: number, low: number, c: number): BarInput => ({
      open: c,
      high,
      low,
      close: c,
      volume: 0,
      tsEvent: 0,
    });
    kc.update(bar(11, 9, 10));
    kc.update(bar(12, 10, 11)); // TR = max(2, 2, 0) = 2; EMA seed = (10 + 11) / 2 = 10.5
    assert.ok(Number.isNaN(kc.value)); // the ATR needs one more true range
    kc.update(bar(13, 11, 12)); // TR = 2, ATR = (2 + 2) / 2 = 2; EMA = 10.5 + (2/3)(12 − 10.5) = 11.5
    assert.ok(close(kc.middle, 11.5));
    assert.ok(close(kc.upper, 15.5)); // 11.5 + 2 × 2
    assert.ok(close(kc.lower, 7.5));
    kc.update(bar(14, 10, 10)); // TR = max(4, 2, 2) = 4, ATR = 2 + (4 − 2)/2 = 3; EMA = 11.5 + (2/3)(−1.5) = 10.5
    assert.ok(close(kc.middle, 10.5));
    assert.ok(close(kc.upper, 16.5)); // 10.5 + 2 × 3
    assert.ok(close(kc.lower, 4.5));
  });

  test('properties', () => {
    checkProperties({
      definition,
      bars: ORCL.slice(0, 600),
      shift: { middle: 'shift', upper: 'shift', lower: 'shift' },
      constant: { middle: 'constant', upper: 'constant', lower: 'constant' },
    });
  });
});

describe('donchian (DonchianChannels)', () => {
  const definition = byName('donchian');

  test('equals TA-Lib MAX(high) / MIN(low) on ORCL (20 and 55)', () => {
    for (const period of [20, 55]) {
      const ours = stream(create(definition, { period }), ORCL);
      const upper = talib(
        'MAX',
        ORCL,
        { optInTimePeriod: period },
        ORCL.map((b) => b.high),
      ).outReal;
      const lower = talib(
        'MIN',
        ORCL,
        { optInTimePeriod: period },
        ORCL.map((b) => b.low),
      ).outReal;
      assertSeriesClose(ours.upper, upper, `DONCHIAN ${period} upper`);
      assertSeriesClose(ours.lower, lower, `DONCHIAN ${period} lower`);
      assertSeriesClose(
        ours.middle,
        upper.map((u, i) => (u + lower[i]) / 2),
        `DONCHIAN ${period} middle`,
      );
    }
  });

  test('hand example (period 3)', () => {
    const dc = create(definition, { period: 3 });
    const highs = [10, 12, 11, 9];
    const lows = [8, 9, 7, 8];
    const out: number[][] = [];
    highs.forEach((high, i) => {
      const [b] = constantBars(0, 1);
      dc.updateBar({ ...b, high, low: lows[i] });
      out.push([dc.value, dc.output('lower'), dc.output('middle')]);
    });
    assert.ok(Number.isNaN(out[1][0]));
    assert.deepEqual(out[2], [12, 7, 9.5]); // max(10, 12, 11), min(8, 9, 7), (12 + 7) / 2
    assert.deepEqual(out[3], [12, 7, 9.5]); // max(12, 11, 9), min(9, 7, 8)
  });

  test('properties', () => {
    checkProperties({
      definition,
      bars: ORCL.slice(0, 600),
      shift: { upper: 'shift', lower: 'shift', middle: 'shift' },
      constant: { upper: 'constant', lower: 'constant', middle: 'constant' },
    });
  });
});
