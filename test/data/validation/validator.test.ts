/**
 * Every validation rule on real-looking bad input (ES on its 0.25 grid, SPY-like trades on 0.01),
 * under each policy it allows: what is kept, dropped, repaired or stops the import, and the report.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { DataError } from '../../../src/core/errors.js';
import {
  formatReport,
  RULE_NAMES,
  resolvePolicies,
  StreamValidator,
  VALIDATION_RULES,
  validateStream,
} from '../../../src/data/validation/index.js';
import { BarType, bar, type MarketData, type QuoteTick, type TradeTick } from '../../../src/model/data.js';
import { Grid } from '../../../src/model/grid.js';

const ES = 'ESH4.CME';
const GRID = new Grid(0.25);
const T = Date.UTC(2023, 11, 26, 14, 30) * 1000;

const trade = (i: number, price: number, size = 1, tradeId = `T${i}`, ts = T + i * 1000): TradeTick => ({
  kind: 'trade',
  instrumentId: ES,
  price,
  size,
  aggressor: 'buyer',
  tradeId,
  tsEvent: ts,
  tsInit: ts,
});
const quote = (
  i: number,
  bid: number,
  ask: number,
  bidSize = 10,
  askSize = 12,
  sequence?: number,
): QuoteTick => ({
  kind: 'quote',
  instrumentId: ES,
  bidPrice: bid,
  askPrice: ask,
  bidSize,
  askSize,
  tsEvent: T + i * 1000,
  tsInit: T + i * 1000,
  ...(sequence === undefined ? {} : { sequence }),
});

function run(items: MarketData[], policies = {}) {
  return validateStream(
    items,
    { grid: GRID, policies, file: 'esh4-trades.csv' },
    items.map((_, i) => i + 2),
  );
}

describe('validation rules on real-looking bad input', () => {
  test('out-of-order: a trade stamped 1 ms before the previous one', () => {
    const items = [trade(0, 4800.25), trade(1, 4800.5), trade(2, 4800.5, 1, 'T2', T)];
    // Default policy fail: the error names file, line (header = 1, so row 3 is line 4) and field.
    assert.throws(
      () => run(items),
      (e: unknown) => {
        assert.ok(e instanceof DataError);
        assert.equal(e.code, 'VALIDATION_FAILED');
        assert.equal(e.file, 'esh4-trades.csv');
        assert.equal(e.line, 4);
        assert.equal(e.field, 'ts_event');
        return true;
      },
    );
    const rejected = run(items, { 'out-of-order': 'reject' });
    assert.equal(rejected.data.length, 2);
    assert.equal(rejected.report.counts['out-of-order'], 1);
    const repaired = run(items, { 'out-of-order': 'repair' });
    // Clamped to the previous time, T + 1 ms; the rest of the record unchanged.
    assert.equal(repaired.data[2].tsEvent, T + 1000);
    assert.equal((repaired.data[2] as TradeTick).price, 4800.5);
    assert.equal(repaired.report.repaired, 1);
    const kept = run(items, { 'out-of-order': 'keep' });
    assert.equal(kept.data[2], items[2]);
    assert.equal(kept.report.flagged, 1);
  });

  test('crossed and locked quotes (bid 4801.00 over ask 4800.75; bid = ask 4800.75)', () => {
    const items = [quote(0, 4800.5, 4800.75), quote(1, 4801, 4800.75), quote(2, 4800.75, 4800.75)];
    const { data, report } = run(items);
    // Defaults: crossed → reject, locked → keep (flagged).
    assert.deepEqual(data, [items[0], items[2]]);
    assert.equal(report.counts['crossed-quote'], 1);
    assert.equal(report.counts['locked-quote'], 1);
    assert.equal(report.rejected, 1);
    assert.equal(report.flagged, 1);
    assert.throws(() => run(items, { 'locked-quote': 'fail' }), /locked-quote: bid 4800.75 = ask 4800.75/);
    assert.equal(run(items, { 'crossed-quote': 'keep', 'locked-quote': 'reject' }).data.length, 2);
  });

  test('non-finite and non-positive prices and sizes (an empty price field read as NaN, a 0 price, a -1 size)', () => {
    const items = [
      trade(0, 4800.25),
      trade(1, Number.NaN),
      trade(2, 0),
      trade(3, 4800.5, -1),
      trade(4, 4800.5, 0),
    ];
    assert.throws(() => run(items), /non-finite: price NaN/);
    const { data, report } = run(items, { 'non-finite': 'reject', 'non-positive-price': 'reject' });
    // Size -1 and 0 on trades: non-positive-size, rejected by default.
    assert.deepEqual(data, [items[0]]);
    assert.equal(report.counts['non-finite'], 1);
    assert.equal(report.counts['non-positive-price'], 1);
    assert.equal(report.counts['non-positive-size'], 2);
    // A quote may show size 0 on one side (an empty side): not a problem.
    assert.equal(run([quote(0, 4800.5, 4800.75, 0, 5)]).report.counts['non-positive-size'], 0);
  });

  test('off-grid: an ES price of 4800.10 (tick 0.25)', () => {
    const items = [trade(0, 4800.25), trade(1, 4800.1)];
    assert.throws(() => run(items), /off-grid: price 4800.1 is not a multiple of 0.25/);
    const repaired = run(items, { 'off-grid': 'repair' });
    assert.equal((repaired.data[1] as TradeTick).price, 4800); // nearest tick
    assert.equal(run(items, { 'off-grid': 'reject' }).data.length, 1);
    // Bars: every price checked; a repair keeps OHLC in order.
    const bt = BarType.of(ES, 1, 'minute');
    const b = bar(bt, 4800.1, 4801.2, 4799.9, 4800.6, 120, T + 60e6);
    const fixed = run([b], { 'off-grid': 'repair' }).data[0];
    assert.deepEqual(
      fixed.kind === 'bar' ? [fixed.open, fixed.high, fixed.low, fixed.close] : [],
      [4800, 4801.25, 4800, 4800.5],
    );
  });

  test('duplicate trade ids (a feed that resends a trade)', () => {
    const items = [trade(0, 4800.25, 1, 'A'), trade(1, 4800.25, 1, 'B'), trade(2, 4800.25, 1, 'A')];
    const { data, report } = run(items);
    assert.deepEqual(data, items.slice(0, 2));
    assert.equal(report.counts['duplicate-trade-id'], 1);
    assert.equal(report.examples[0].detail, 'trade id A was seen before');
    assert.equal(run(items, { 'duplicate-trade-id': 'keep' }).data.length, 3);
  });

  test('sequence gaps (Binance-style update ids 101, 102, 105, 105)', () => {
    const items = [
      quote(0, 100, 100.25, 1, 1, 101),
      quote(1, 100, 100.25, 2, 1, 102),
      quote(2, 100, 100.25, 3, 1, 105),
      quote(3, 100, 100.25, 3, 2, 105),
    ];
    const { data, report } = run(items);
    assert.equal(data.length, 4); // keep and flag (default)
    assert.equal(report.counts['sequence-gap'], 2);
    assert.deepEqual(
      report.examples.map((e) => e.detail),
      ['sequence 105 follows 102 (expected 103)', 'sequence 105 follows 105 (expected 106)'],
    );
    assert.throws(() => run(items, { 'sequence-gap': 'fail' }), /esh4-trades\.csv:4, field 'sequence'/);
  });

  test('the report: totals, per-rule counts, first examples, and a text form', () => {
    const items = [trade(0, 4800.25, 1, 'A'), trade(1, 4800.1), trade(2, 4800.25, 1, 'A')];
    const { report } = run(items, { 'off-grid': 'repair' });
    assert.deepEqual(
      { checked: report.checked, kept: report.kept, rejected: report.rejected, repaired: report.repaired },
      { checked: 3, kept: 2, rejected: 1, repaired: 1 },
    );
    assert.equal(
      formatReport(report),
      [
        'esh4-trades.csv: 3 checked, 2 kept (1 repaired, 0 flagged), 1 rejected',
        '  off-grid: 1 (first at line 3: price 4800.1 is not a multiple of 0.25)',
        '  duplicate-trade-id: 1 (first at line 4: trade id A was seen before)',
      ].join('\n'),
    );
  });

  test('policies: every rule has a default it allows; a policy a rule does not allow is refused', () => {
    const resolved = resolvePolicies();
    for (const rule of RULE_NAMES) assert.ok(VALIDATION_RULES[rule].allowed.includes(resolved[rule]));
    assert.throws(
      () => resolvePolicies({ 'sequence-gap': 'repair' }),
      /'sequence-gap' does not allow policy 'repair'/,
    );
    assert.throws(() => resolvePolicies({ 'crossed-quote': 'repair' }), /allowed: reject, keep, fail/);
    assert.throws(
      () => new StreamValidator({ policies: { nonsense: 'keep' } as never }),
      /unknown validation rule 'nonsense'/,
    );
  });
});

describe('validation properties', () => {
  test('a clean stream passes untouched; kept + rejected = checked; kept records are in time order', () => {
    const stream = fc.array(
      fc.record({
        dt: fc.integer({ min: -5, max: 50 }),
        ticks: fc.integer({ min: -2, max: 40 }),
        size: fc.integer({ min: -1, max: 5 }),
        id: fc.integer({ min: 0, max: 30 }),
        offGrid: fc.boolean(),
      }),
      { maxLength: 60 },
    );
    fc.assert(
      fc.property(stream, (rows) => {
        let t = T;
        const items = rows.map((r, i) => {
          t += r.dt * 1000;
          const price = GRID.fromTicks(19200 + r.ticks) + (r.offGrid ? 0.1 : 0);
          return trade(i, price, r.size, `X${r.id}`, t);
        });
        const policies = {
          'out-of-order': 'reject',
          'off-grid': 'repair',
          'non-positive-price': 'reject',
        } as const;
        const { data, report } = run(items, policies);
        assert.equal(report.kept + report.rejected, report.checked);
        assert.equal(data.length, report.kept);
        for (let i = 1; i < data.length; i++) assert.ok(data[i].tsEvent >= data[i - 1].tsEvent);
        for (const d of data) if (d.kind === 'trade') assert.ok(GRID.contains(d.price) && d.size > 0);
        // A clean stream (what was kept) validates again with no problem at all.
        const again = run(data, { 'duplicate-trade-id': 'fail', 'out-of-order': 'fail', 'off-grid': 'fail' });
        assert.equal(again.report.rejected + again.report.flagged + again.report.repaired, 0);
      }),
      { numRuns: 300 },
    );
  });
});
