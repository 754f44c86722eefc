import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { leeReadySigns, midOf } from '../../../src/analytics/microstructure/index.js';
import { type MicrostructureReport, microstructureReport } from '../../../src/cli/microstructure-report.js';
import { lobsterSeries, type MarketSeries, mboSeries } from '../../../src/cli/microstructure-series.js';
import { root } from '../../support/cli.js';

const LOBSTER = `${root}test/fixtures/lobster/`;
const AMZN = `${LOBSTER}AMZN_2012-06-21_34200000_57600000_`;
const settings = { intervalMicros: 10e6, horizonMicros: 60e6, vpinBuckets: 50, vpinWindow: 10 };

describe('LOBSTER AMZN 2012-06-21 (first 2,000 messages, 757 s after the open)', () => {
  let amzn: MarketSeries;
  let report: MicrostructureReport;
  before(async () => {
    amzn = await lobsterSeries(`${AMZN}message_1.csv`, `${AMZN}orderbook_1.csv`);
    report = microstructureReport(amzn, settings);
  });

  it('rebuilds one signed trade per execution message (339 visible type 4 + 200 hidden type 5)', () => {
    // Counts from the message file's type column (`cut -d, -f2 | sort | uniq -c`).
    assert.equal(amzn.trades.length, 539);
    assert.ok(amzn.trades.every((t) => t.sign !== 0));
    // Line 2: "34200.18960767,1,…" adds a buy at 223.81; line 3 executes it (type 4, Direction 1):
    // the resting buy order was hit, so the trade is seller-initiated.
    assert.deepEqual(
      { price: amzn.trades[1].price, size: amzn.trades[1].size, sign: amzn.trades[1].sign },
      { price: 223.81, size: 21, sign: -1 },
    );
  });

  it("Lee–Ready against the prevailing quote agrees with the file's signs on most trades", () => {
    const signs = leeReadySigns(
      amzn.trades.map((t) => t.price),
      amzn.trades.map((t) => (t.quoteIndex >= 0 ? midOf(amzn.quotes[t.quoteIndex]) : Number.NaN)),
    );
    const agree = signs.filter((s, i) => s === amzn.trades[i].sign).length / signs.length;
    assert.ok(agree > 0.85, `agreement ${agree}`);
  });

  it('OFI explains a large share of 10-s mid changes (Cont et al. 2014 report R² ≈ 65 % on average)', () => {
    assert.ok(report.ofi.beta !== null && report.ofi.beta > 0);
    assert.ok(report.ofi.rSquared !== null && report.ofi.rSquared > 0.3, `R² ${report.ofi.rSquared}`);
    assert.ok(report.ofi.tStat !== null && report.ofi.tStat > 3);
  });

  it('effective spread is positive on average and within a few quoted spreads; λ > 0', () => {
    const { spreads, kyle } = report;
    assert.ok(spreads.effective !== null && spreads.quotedAtTrades !== null);
    assert.ok(spreads.effective > 0);
    assert.ok(spreads.effective <= 3 * spreads.quotedAtTrades);
    assert.ok(kyle.lambda !== null && kyle.lambda > 0);
  });
});

describe('Databento ES MBO 2023-12-25 (Christmas evening session, 23:00–24:00 UTC)', () => {
  let es: MarketSeries;
  before(async () => {
    es = await mboSeries(`${root}data/esh4-mbo-20231225.csv.gz`);
  });

  it('one trade per T row, signed by the aggressor flag (1,542 B + 1,430 A + 1 N auction print)', () => {
    // Counts from the file's action/side columns (`zcat | cut -d, -f4,5 | sort | uniq -c`).
    assert.equal(es.trades.length, 2973);
    assert.equal(es.trades.filter((t) => t.sign === 1).length, 1542);
    assert.equal(es.trades.filter((t) => t.sign === -1).length, 1430);
  });

  it('quotes are never crossed or locked: spread ≥ 1 tick of 0.25', () => {
    assert.ok(es.quotes.length > 1000);
    assert.ok(es.quotes.every((q) => q.askPrice - q.bidPrice >= 0.25));
  });

  it('every measure over the session is a finite number', () => {
    const report = microstructureReport(es, settings);
    const numbers: number[] = [];
    const walk = (value: unknown): void => {
      if (typeof value === 'number') numbers.push(value);
      else if (value === null) numbers.push(Number.NaN);
      else if (typeof value === 'object') for (const v of Object.values(value as object)) walk(v);
    };
    walk(report);
    assert.ok(numbers.every(Number.isFinite), JSON.stringify(report));
    assert.ok(report.spreads.quotedTimeWeightedTicks !== null && report.spreads.quotedTimeWeightedTicks >= 1);
    assert.ok(report.ofi.beta !== null && report.ofi.beta > 0);
    // Stoikov (2018): the micro-price leans towards the heavier side's opposite, antisymmetrically.
    const { lowImbalanceTicks: low, highImbalanceTicks: high } = report.stoikov;
    assert.ok(high !== null && low !== null && high > 0 && high < 0.5);
    assert.ok(Math.abs(low + high) < 1e-9);
  });
});
