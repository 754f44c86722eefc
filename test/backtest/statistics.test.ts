import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import type { ClosedTrade, EquityCurve, FillRecord } from '../../src/backtest/result-types.js';
import {
  computeStatistics,
  dailyEquity,
  drawdownPctSeries,
  drawdownSummary,
  type StatisticsInput,
} from '../../src/backtest/statistics.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR, microsFromDate } from '../../src/model/time.js';

const D0 = microsFromDate('2024-01-01');
const H = MICROS_PER_HOUR;
const DAY = MICROS_PER_DAY;

function curve(points: readonly (readonly [number, number])[], inMarket?: readonly number[]): EquityCurve {
  return {
    time: points.map(([t]) => t),
    equity: points.map(([, e]) => e),
    inMarket: inMarket ?? points.map(() => 0),
  };
}

/** Samples one per day (16:00 UTC), day i at equity[i]. */
function dailyCurve(equity: readonly number[]): EquityCurve {
  return curve(equity.map((e, i) => [D0 + i * DAY + 16 * H, e] as const));
}

function trade(netPnl: number, i = 0): ClosedTrade {
  return {
    instrumentId: 'AAPL.NASDAQ',
    direction: 'long',
    quantity: 10,
    entryTime: D0 + i * DAY,
    exitTime: D0 + i * DAY + H,
    entryPrice: 100,
    exitPrice: 100 + netPnl / 10,
    grossPnl: netPnl,
    commissions: 0,
    netPnl,
    barsHeld: 1,
  };
}

function fill(commission: number, i = 0): FillRecord {
  return {
    time: D0 + i * H,
    clientOrderId: `O-${i}`,
    instrumentId: 'AAPL.NASDAQ',
    side: i % 2 === 0 ? 'buy' : 'sell',
    price: 100,
    quantity: 1,
    commission,
    liquidity: 'taker',
  };
}

function stats(partial: Partial<StatisticsInput> & { equity: EquityCurve }) {
  return computeStatistics({ trades: [], fills: [], initialCapital: 100, currencyPrecision: 2, ...partial });
}

function close(actual: number | null, expected: number, eps = 1e-9): void {
  assert.ok(actual !== null, `expected ${expected}, got null`);
  assert.ok(
    Math.abs(actual - expected) <= eps * Math.max(1, Math.abs(expected)),
    `expected ${expected}, got ${actual}`,
  );
}

describe('returns-based statistics (hand-computed)', () => {
  // initialCapital 100. Day 0 has two samples (105 at 10:00, 110 at 16:00): the daily value is the
  // last one, 110. Day 1: 99. Day 2: 108.9.
  //   r = [110/100 - 1, 99/110 - 1, 108.9/99 - 1] = [0.1, -0.1, 0.1]
  //   mean = 0.1/3; deviations 0.2/3, -0.4/3, 0.2/3; sum of squares = 0.24/9 = 0.02667
  //   sample variance = 0.02667 / 2 = 0.01333 = 0.04/3, sample sd = 0.2/sqrt(3)
  // With tradingDaysPerYear T = 3 (so the annualisation is easy on paper):
  //   totalReturn = 108.9/100 - 1 = 0.089; annualized = 1.089^(3/3) - 1 = 0.089
  //   volatility = 0.2/sqrt(3) * sqrt(3) = 0.2
  //   sharpe = (0.1/3) / (0.2/sqrt(3)) * sqrt(3) = 0.1 / 0.2 = 0.5
  //   downside deviation = sqrt((0 + 0.01 + 0) / 3) = 0.1/sqrt(3); sortino = (0.1/3)/(0.1/sqrt(3))*sqrt(3) = 1
  //   drawdown: peak 110, trough 99 → 11 money, 10 %; calmar = 0.089 / 0.10 = 0.89
  //   duration: peak at day 0 16:00, never recovered, curve ends day 2 16:00 → 2 days
  const equity = curve([
    [D0 + 10 * H, 105],
    [D0 + 16 * H, 110],
    [D0 + DAY + 16 * H, 99],
    [D0 + 2 * DAY + 16 * H, 108.9],
  ]);

  test('daily resampling keeps the last sample of each UTC date, first return vs initial capital', () => {
    const daily = dailyEquity(equity, 100);
    assert.deepEqual(daily.equity, [110, 99, 108.9]);
    assert.equal(daily.days.length, 3);
    close(daily.returns[0], 0.1);
    close(daily.returns[1], -0.1);
    close(daily.returns[2], 0.1);
  });

  test('return, volatility, sharpe, sortino, drawdown, calmar', () => {
    const s = stats({ equity, tradingDaysPerYear: 3 });
    assert.equal(s.startTime, D0 + 10 * H);
    assert.equal(s.endTime, D0 + 2 * DAY + 16 * H);
    assert.equal(s.initialCapital, 100);
    assert.equal(s.finalValue, 108.9);
    assert.equal(s.netProfit, 8.9);
    close(s.totalReturn, 0.089);
    close(s.annualizedReturn, 0.089);
    close(s.volatility, 0.2);
    close(s.sharpe, 0.5);
    close(s.sortino, 1);
    close(s.maxDrawdownPct, 10);
    assert.equal(s.maxDrawdownMoney, 11);
    close(s.maxDrawdownDurationDays, 2);
    close(s.calmar, 0.89);
  });

  test('annualisation exponent is tradingDaysPerYear / number of daily returns', () => {
    // T = 6 over 3 returns: 1.089^2 - 1 = 0.185921. Default T = 252: 1.089^84 - 1.
    close(stats({ equity, tradingDaysPerYear: 6 }).annualizedReturn, 0.185921);
    close(stats({ equity }).annualizedReturn, 1.089 ** 84 - 1);
    // Volatility with T = 252: (0.2/sqrt(3)) * sqrt(252) = 0.2 * sqrt(84).
    close(stats({ equity }).volatility, 0.2 * Math.sqrt(84));
  });

  test('risk-free rate is subtracted per day as rf / T', () => {
    // rf = 0.03, T = 3 → rf_d = 0.01. Excess returns [0.09, -0.11, 0.09], mean 0.07/3.
    //   sharpe = (0.07/3) / (0.2/sqrt(3)) * sqrt(3) = 0.07 / 0.2 = 0.35 (sd of r is unchanged by the shift)
    //   downside = sqrt(0.11^2 / 3) = 0.11/sqrt(3); sortino = (0.07/3)/(0.11/sqrt(3))*sqrt(3) = 0.07/0.11
    const s = stats({ equity, tradingDaysPerYear: 3, riskFreeRate: 0.03 });
    close(s.sharpe, 0.35);
    close(s.sortino, 0.07 / 0.11);
    close(s.volatility, 0.2);
  });

  test('dates without samples are skipped, not filled', () => {
    // Samples on Jan 1 and Jan 5 only: two daily returns, 0.1 and 0.
    const s = stats({
      equity: curve([
        [D0, 110],
        [D0 + 4 * DAY, 110],
      ]),
      tradingDaysPerYear: 2,
    });
    close(s.annualizedReturn, 0.1); // 1.1^(2/2) - 1
  });
});

describe('undefined and degenerate cases', () => {
  test('empty curve: final value is the initial capital, return ratios null', () => {
    const s = stats({ equity: curve([]) });
    assert.equal(s.finalValue, 100);
    assert.equal(s.netProfit, 0);
    assert.equal(s.totalReturn, 0);
    assert.equal(s.annualizedReturn, null);
    assert.equal(s.volatility, null);
    assert.equal(s.sharpe, null);
    assert.equal(s.sortino, null);
    assert.equal(s.calmar, null);
    assert.equal(s.maxDrawdownPct, 0);
    assert.equal(s.maxDrawdownMoney, 0);
    assert.equal(s.maxDrawdownDurationDays, 0);
    assert.equal(s.exposure, 0);
    assert.equal(s.startTime, 0);
    assert.equal(s.endTime, 0);
  });

  test('single sample: one return, so annualized exists but volatility and sharpe do not', () => {
    // r = [110/100 - 1] = [0.1]; T = 252 → annualized = 1.1^252 - 1. No downside → sortino null.
    const s = stats({ equity: dailyCurve([110]) });
    close(s.annualizedReturn, 1.1 ** 252 - 1);
    assert.equal(s.volatility, null);
    assert.equal(s.sharpe, null);
    assert.equal(s.sortino, null);
    assert.equal(s.maxDrawdownPct, 0);
    assert.equal(s.calmar, null);
  });

  test('single losing sample: sortino is defined from one return', () => {
    // r = [-0.1], downside deviation = 0.1 → sortino = -0.1/0.1 * sqrt(4) = -2 (T = 4).
    const s = stats({ equity: dailyCurve([90]), tradingDaysPerYear: 4 });
    close(s.sortino, -2);
    assert.equal(s.sharpe, null);
    close(s.maxDrawdownPct, 10);
    // annualized = 0.9^(4/1) - 1 = -0.3439; calmar = -0.3439 / 0.1
    close(s.calmar, -3.439);
  });

  test('flat curve: zero volatility, sharpe/sortino/calmar null', () => {
    const s = stats({ equity: dailyCurve([100, 100, 100, 100]) });
    assert.equal(s.totalReturn, 0);
    assert.equal(s.annualizedReturn, 0);
    assert.equal(s.volatility, 0);
    assert.equal(s.sharpe, null);
    assert.equal(s.sortino, null);
    assert.equal(s.calmar, null);
    assert.equal(s.maxDrawdownPct, 0);
    assert.equal(s.maxDrawdownDurationDays, 0);
  });

  test('constant 1 % daily growth: float-noise deviation counts as zero (no 1e15 Sharpe)', () => {
    const s = stats({ equity: dailyCurve([101, 102.01, 103.0301, 104.060401]) });
    assert.ok(s.volatility !== null && s.volatility < 1e-9);
    assert.equal(s.sharpe, null);
    assert.equal(s.sortino, null);
  });

  test('no trades: counts zero, trade ratios null', () => {
    const s = stats({ equity: dailyCurve([100]) });
    assert.equal(s.tradeCount, 0);
    assert.equal(s.winningTrades, 0);
    assert.equal(s.losingTrades, 0);
    assert.equal(s.winRate, null);
    assert.equal(s.grossProfit, 0);
    assert.equal(s.grossLoss, 0);
    assert.equal(s.profitFactor, null);
    assert.equal(s.expectancy, null);
    assert.equal(s.averageWin, null);
    assert.equal(s.averageLoss, null);
    assert.equal(s.largestWin, null);
    assert.equal(s.largestLoss, null);
    assert.equal(s.sqn, null);
    assert.equal(s.totalCommissions, 0);
  });

  test('equity wiped out: returns after a zero base are undefined, annualized is -100 % below zero', () => {
    // 100 → 0 → 10: r = [-1, 10/0 - 1 = undefined] → volatility/sharpe/sortino null.
    const wiped = stats({ equity: dailyCurve([0, 10]) });
    assert.equal(wiped.volatility, null);
    assert.equal(wiped.sharpe, null);
    assert.equal(wiped.sortino, null);
    close(wiped.annualizedReturn, 0.1 ** 126 - 1); // final 10 → growth 0.1 over 2 returns, T = 252
    close(wiped.maxDrawdownPct, 100);
    // Negative equity (a leveraged loss beyond the account): drawdown > 100 %, annualized -1.
    const negative = stats({ equity: dailyCurve([50, -5]) });
    assert.equal(negative.annualizedReturn, -1);
    close(negative.maxDrawdownPct, 105);
    assert.equal(negative.maxDrawdownMoney, 105);
  });

  test('invalid input is rejected', () => {
    assert.throws(() => stats({ equity: dailyCurve([100]), initialCapital: 0 }), RangeError);
    assert.throws(() => stats({ equity: dailyCurve([100]), currencyPrecision: -1 }), RangeError);
    assert.throws(() => stats({ equity: dailyCurve([100]), tradingDaysPerYear: 0 }), RangeError);
    assert.throws(
      () => stats({ equity: { time: [1, 2], equity: [100], inMarket: [0, 0] } }),
      /differ in length/,
    );
    assert.throws(
      () => stats({ equity: { time: [2, 1], equity: [100, 100], inMarket: [0, 0] } }),
      /backwards/,
    );
    assert.throws(() => stats({ equity: { time: [1], equity: [Number.NaN], inMarket: [0] } }), /not finite/);
  });
});

describe('drawdown (full resolution)', () => {
  test('% and money maxima come from different points', () => {
    // 100 → 50: 50 money, 50 %. Then 1000 → 800: 200 money but only 20 %.
    const s = stats({ equity: dailyCurve([100, 50, 1000, 800]) });
    close(s.maxDrawdownPct, 50);
    assert.equal(s.maxDrawdownMoney, 200);
  });

  test('intraday dip that the daily resampling would miss still counts', () => {
    // Day 0: 100 at 10:00, 80 at 12:00, 100 at 16:00 → 20 % drawdown, lasting 6 hours = 0.25 day.
    const s = stats({
      equity: curve([
        [D0 + 10 * H, 100],
        [D0 + 12 * H, 80],
        [D0 + 16 * H, 100],
      ]),
    });
    close(s.maxDrawdownPct, 20);
    assert.equal(s.maxDrawdownMoney, 20);
    close(s.maxDrawdownDurationDays, 0.25);
    // …while the daily returns see a flat day.
    assert.equal(s.volatility, null);
    assert.equal(s.annualizedReturn, 0);
  });

  const recovering: (readonly [number, number])[] = [
    [D0, 100], // at the initial-capital peak
    [D0 + 1 * DAY, 90],
    [D0 + 3 * DAY, 95],
    [D0 + 4.5 * DAY, 100], // back to exactly the peak: recovered after 4.5 days
    [D0 + 5 * DAY, 120], // new peak
    [D0 + 6 * DAY, 110],
    [D0 + 7 * DAY, 130], // recovered after 2 days
  ];

  test('duration with recovery: longest peak-to-recovery stretch', () => {
    close(drawdownSummary(curve(recovering), 100).maxDrawdownDurationDays, 4.5);
  });

  test('duration without recovery runs to the end of the curve', () => {
    // Peak 130 at day 7, then 125 until day 15: 8 days underwater, longer than 4.5.
    const open = curve([...recovering, [D0 + 15 * DAY, 125]]);
    close(drawdownSummary(open, 100).maxDrawdownDurationDays, 8);
    // A short unrecovered tail does not beat an earlier long stretch.
    const shortTail = curve([...recovering, [D0 + 8 * DAY, 125]]);
    close(drawdownSummary(shortTail, 100).maxDrawdownDurationDays, 4.5);
  });

  test('a curve starting below the initial capital is underwater from its first sample', () => {
    // initial 100; 95 at D0, 101 at D0 + 2 days → 2 days, 5 %.
    const d = drawdownSummary(
      curve([
        [D0, 95],
        [D0 + 2 * DAY, 101],
      ]),
      100,
    );
    close(d.maxDrawdownDurationDays, 2);
    close(d.maxDrawdownPct, 5);
  });

  test('a flat stretch at the peak is not drawdown: the clock starts at the last sample at the peak', () => {
    // 100 at D0 and D0+1d, 90 at D0+2d, 100 at D0+3d → 2 days, not 3.
    const d = drawdownSummary(
      curve([
        [D0, 100],
        [D0 + DAY, 100],
        [D0 + 2 * DAY, 90],
        [D0 + 3 * DAY, 100],
      ]),
      100,
    );
    close(d.maxDrawdownDurationDays, 2);
  });

  test('drawdownPctSeries: percent below the running peak per sample', () => {
    const series = drawdownPctSeries(dailyCurve([100, 50, 1000, 800, 1000]), 100);
    assert.deepEqual([...series], [0, 50, 0, 20, 0]);
  });
});

describe('trade statistics (hand-computed)', () => {
  // netPnl = [100, -50, 0, 200, -30]; N = 5.
  //   winners 100, 200 (2); losers -50, -30 (2); 0 is neither. winRate = 2/5 = 0.4
  //   grossProfit = 300, grossLoss = 80, profitFactor = 300/80 = 3.75
  //   expectancy = 220/5 = 44; averageWin = 150; averageLoss = -40; largestWin 200; largestLoss -50
  //   population variance: deviations 56, -94, -44, 156, -74 → squares 3136 + 8836 + 1936 + 24336 + 5476
  //   = 43720, / 5 = 8744; sqn = sqrt(5) * 44 / sqrt(8744) = 44 * sqrt(5/8744) ≈ 1.05216
  const trades = [100, -50, 0, 200, -30].map(trade);

  test('all trade figures', () => {
    const s = stats({ equity: dailyCurve([100]), trades });
    assert.equal(s.tradeCount, 5);
    assert.equal(s.winningTrades, 2);
    assert.equal(s.losingTrades, 2);
    close(s.winRate, 0.4);
    assert.equal(s.grossProfit, 300);
    assert.equal(s.grossLoss, 80);
    close(s.profitFactor, 3.75);
    assert.equal(s.expectancy, 44);
    assert.equal(s.averageWin, 150);
    assert.equal(s.averageLoss, -40);
    assert.equal(s.largestWin, 200);
    assert.equal(s.largestLoss, -50);
    close(s.sqn, 44 * Math.sqrt(5 / 8744));
    close(s.sqn, 1.05216, 1e-5);
  });

  test('only winners: no profit factor, no loss figures', () => {
    const s = stats({ equity: dailyCurve([100]), trades: [10, 30].map(trade) });
    assert.equal(s.profitFactor, null);
    assert.equal(s.averageLoss, null);
    assert.equal(s.largestLoss, null);
    assert.equal(s.grossLoss, 0);
    close(s.winRate, 1);
    // sqn = sqrt(2) * 20 / 10 = 2.828…
    close(s.sqn, 2 * Math.SQRT2);
  });

  test('sqn is null for one trade or identical trades', () => {
    assert.equal(stats({ equity: dailyCurve([100]), trades: [trade(5)] }).sqn, null);
    assert.equal(stats({ equity: dailyCurve([100]), trades: [0.1, 0.1, 0.1].map(trade) }).sqn, null);
    assert.equal(stats({ equity: dailyCurve([100]), trades: [0, 0].map(trade) }).sqn, null);
  });

  test('money figures are rounded to the currency precision, ratios are not', () => {
    // netPnl [1, 2, 2]: expectancy 5/3 = 1.6667 → 1.67; winRate stays 1; sqn unrounded:
    // population sd = sqrt(((2/3)^2 + 2 (1/3)^2) / 3) = sqrt(2/9) → sqn = sqrt(3) * (5/3) / sqrt(2/9)
    const s = stats({ equity: dailyCurve([100]), trades: [1, 2, 2].map(trade) });
    assert.equal(s.expectancy, 1.67);
    close(s.sqn, (Math.sqrt(3) * (5 / 3)) / Math.sqrt(2 / 9));
    const jpy = stats({ equity: dailyCurve([100.4]), trades: [1, 2, 2].map(trade), currencyPrecision: 0 });
    assert.equal(jpy.expectancy, 2);
    assert.equal(jpy.finalValue, 100);
    assert.equal(jpy.netProfit, 0);
    close(jpy.totalReturn, 0.004);
  });

  test('exposure and commissions', () => {
    // inMarket [0, 1, 1, 0] → 2/4 = 0.5. Commissions 0.1 + 0.2 = 0.30000000000000004 → 0.3.
    const equity = { ...dailyCurve([100, 101, 102, 103]), inMarket: [0, 1, 1, 0] };
    const s = stats({ equity, fills: [fill(0.1, 0), fill(0.2, 1)] });
    assert.equal(s.exposure, 0.5);
    assert.equal(s.totalCommissions, 0.3);
  });
});

describe('properties', () => {
  const equityArb = fc.array(fc.double({ min: 0, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 });
  const capitalArb = fc.double({ min: 1, max: 1e6, noNaN: true });
  const pnlArb = fc.array(
    fc.double({ min: -1e4, max: 1e4, noNaN: true }).map((v) => Math.round(v * 100) / 100),
    { minLength: 0, maxLength: 40 },
  );

  test('maxDrawdownPct is in [0, 100] for non-negative equity; money drawdown >= 0', () => {
    fc.assert(
      fc.property(equityArb, capitalArb, (values, capital) => {
        const s = computeStatistics({
          equity: dailyCurve(values),
          trades: [],
          fills: [],
          initialCapital: capital,
          currencyPrecision: 2,
        });
        return s.maxDrawdownPct >= 0 && s.maxDrawdownPct <= 100 && s.maxDrawdownMoney >= 0;
      }),
    );
  });

  test('a non-decreasing curve starting at or above the capital has zero drawdown', () => {
    fc.assert(
      fc.property(
        capitalArb,
        fc.array(fc.double({ min: 0, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 60 }),
        (capital, steps) => {
          let e = capital;
          const values = steps.map((d) => {
            e += d;
            return e;
          });
          const s = computeStatistics({
            equity: dailyCurve(values),
            trades: [],
            fills: [],
            initialCapital: capital,
            currencyPrecision: 2,
          });
          return s.maxDrawdownPct === 0 && s.maxDrawdownMoney === 0 && s.maxDrawdownDurationDays === 0;
        },
      ),
    );
  });

  test('daily returns compound to the total return', () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: 1, max: 1e6, noNaN: true }), { minLength: 1, maxLength: 60 }),
        capitalArb,
        (values, capital) => {
          const { returns } = dailyEquity(dailyCurve(values), capital);
          const growth = returns.reduce((g, r) => g * (1 + r), 1);
          const expected = values[values.length - 1] / capital;
          return Math.abs(growth - expected) <= 1e-9 * Math.max(1, expected);
        },
      ),
    );
  });

  test('sqn is invariant to scaling P&L by k > 0; expectancy scales by k', () => {
    fc.assert(
      fc.property(pnlArb, fc.double({ min: 0.01, max: 100, noNaN: true }), (pnl, k) => {
        const base = stats({ equity: dailyCurve([100]), trades: pnl.map(trade), currencyPrecision: 8 });
        const scaled = stats({
          equity: dailyCurve([100]),
          trades: pnl.map((p) => trade(p * k)),
          currencyPrecision: 8,
        });
        if (base.sqn === null) return scaled.sqn === null;
        if (scaled.sqn === null) return false;
        const sqnOk = Math.abs(scaled.sqn - base.sqn) <= 1e-6 * Math.max(1, Math.abs(base.sqn));
        const e0 = base.expectancy ?? 0;
        const e1 = scaled.expectancy ?? 0;
        const expOk = Math.abs(e1 - k * e0) <= 1e-6 * Math.max(1, Math.abs(k * e0));
        return sqnOk && expOk;
      }),
    );
  });

  test('negating every trade P&L swaps win/loss counts and mirrors the trade figures', () => {
    fc.assert(
      fc.property(pnlArb, (pnl) => {
        const a = stats({ equity: dailyCurve([100]), trades: pnl.map(trade) });
        const b = stats({ equity: dailyCurve([100]), trades: pnl.map((p) => trade(-p)) });
        assert.equal(b.winningTrades, a.losingTrades);
        assert.equal(b.losingTrades, a.winningTrades);
        assert.equal(b.grossProfit, a.grossLoss);
        assert.equal(b.grossLoss, a.grossProfit);
        assert.equal(b.largestWin, a.largestLoss === null ? null : -a.largestLoss);
        assert.equal(b.averageLoss, a.averageWin === null ? null : -a.averageWin);
        if (a.sqn === null) assert.equal(b.sqn, null);
        else close(b.sqn, -a.sqn, 1e-9);
      }),
    );
  });

  test('exposure is a fraction in [0, 1]', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(0, 1), { minLength: 1, maxLength: 50 }), (flags) => {
        const equity = { ...dailyCurve(flags.map(() => 100)), inMarket: flags };
        const s = stats({ equity });
        return (
          s.exposure >= 0 &&
          s.exposure <= 1 &&
          s.exposure === flags.filter((f) => f === 1).length / flags.length
        );
      }),
    );
  });
});

test('1,000,000 samples: drawdown and exposure come out right', () => {
  const n = 1_000_000;
  const time = new Array<number>(n);
  const equity = new Array<number>(n);
  const inMarket = new Array<number>(n);
  let e = 100_000;
  for (let i = 0; i < n; i++) {
    time[i] = D0 + i * 60_000_000;
    e += Math.sin(i / 1000) * 10;
    equity[i] = e;
    inMarket[i] = i % 3 === 0 ? 0 : 1;
  }
  const s = computeStatistics({
    equity: { time, equity, inMarket },
    trades: [],
    fills: [],
    initialCapital: 100_000,
    currencyPrecision: 2,
  });
  assert.ok(s.maxDrawdownPct > 0);
  close(s.exposure, 666_666 / 1_000_000);
});
