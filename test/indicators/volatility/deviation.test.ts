import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { priceOf } from '../../../src/indicators/core.js';
import { volatilityDefinitions } from '../../../src/indicators/volatility/index.js';
import { MeanDeviation } from '../../../src/indicators/volatility/mean-deviation.js';
import { OrderStatisticsTree } from '../../../src/indicators/volatility/order-statistics-tree.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { talib } from '../support/talib.js';
import { checkProperties, create } from './checks.js';

const byName = (name: string) => {
  const definition = volatilityDefinitions.find((d) => d.name === name);
  if (!definition) throw new Error(`no definition ${name}`);
  return definition;
};

/**
 * Mean deviation as StockCharts ChartSchool defines it for the CCI ("Mean Deviation"): the mean of
 * the absolute distances of the last `period` values from their simple average. O(period) per value.
 */
function naiveMeanDeviation(values: readonly number[], period: number): number[] {
  return values.map((_, i) => {
    if (i + 1 < period) return Number.NaN;
    let sum = 0;
    for (let j = i - period + 1; j <= i; j++) sum += values[j];
    const mean = sum / period;
    let deviation = 0;
    for (let j = i - period + 1; j <= i; j++) deviation += Math.abs(values[j] - mean);
    return deviation / period;
  });
}

describe('stddev (MovingStandardDeviation)', () => {
  const definition = byName('stddev');

  test('equals TA-Lib STDDEV (nbDev 1) on ORCL: close/20 and hlc3/5', () => {
    const cases = [
      { params: {}, period: 20, source: 'close' as const },
      { params: { period: 5, source: 'hlc3' }, period: 5, source: 'hlc3' as const },
    ];
    for (const { params, period, source } of cases) {
      const ours = stream(create(definition, params), ORCL);
      const prices = ORCL.map((b) => priceOf(b, source));
      const ref = talib('STDDEV', ORCL, { optInTimePeriod: period, optInNbDev: 1 }, prices).outReal;
      assertSeriesClose(ours.value, ref, `STDDEV ${period} ${source}`);
    }
  });

  test('properties (pass and tree)', () => {
    for (const period of [20, 80]) {
      checkProperties({
        definition,
        params: { period },
        bars: ORCL.slice(0, 600),
        shift: { value: 'same' },
        constant: { value: 0 },
      });
    }
  });
});

describe('OrderStatisticsTree', () => {
  test('property: count and sum below any bound equal a plain scan, through removals and ties', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(
          fc.tuple(fc.constantFrom(-2, 0, 0.5, 1, 3, 7.25), fc.double({ min: -10, max: 10, noNaN: true })),
          {
            minLength: 1,
            maxLength: 200,
          },
        ),
        (capacity, steps) => {
          const tree = new OrderStatisticsTree(capacity);
          const held: number[] = new Array(capacity).fill(Number.NaN);
          steps.forEach(([value, bound], i) => {
            const node = i % capacity;
            if (!Number.isNaN(held[node])) tree.remove(node);
            tree.insert(node, value);
            held[node] = value;
            const live = held.filter((v) => !Number.isNaN(v));
            assert.equal(tree.count, live.length);
            assert.equal(
              tree.total,
              live.reduce((a, b) => a + b, 0),
            );
            for (const m of [bound, value]) {
              tree.below(m);
              const under = live.filter((v) => v < m);
              assert.equal(tree.belowCount, under.length, `count below ${m}`);
              assert.equal(
                tree.belowSum,
                under.reduce((a, b) => a + b, 0),
                `sum below ${m}`,
              );
            }
            assert.equal(tree.valueOf(node), value);
          });
          tree.clear();
          assert.equal(tree.count, 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('meandev (MeanDeviation)', () => {
  const definition = byName('meandev');

  test('hand example (period 4)', () => {
    const md = new MeanDeviation(4);
    for (const x of [1, 2, 3]) assert.ok(Number.isNaN(md.update(x)));
    // 1 2 3 10: mean 4, |1−4| + |2−4| + |3−4| + |10−4| = 3 + 2 + 1 + 6 = 12, 12 / 4 = 3
    assert.equal(md.update(10), 3);
    assert.equal(md.mean, 4);
    // 2 3 10 4: mean 4.75, 2.75 + 1.75 + 5.25 + 0.75 = 10.5, 10.5 / 4 = 2.625
    assert.equal(md.update(4), 2.625);
    // 3 10 4 3: mean 5, 2 + 5 + 1 + 2 = 10, 10 / 4 = 2.5 (ties with the old 3 handled)
    assert.equal(md.update(3), 2.5);
  });

  test('equals the naive ChartSchool mean deviation on ORCL (close/20, hlc3/7; tree: close/65, hl2/150)', () => {
    assert.equal(MeanDeviation.LINEAR_MAX, 64); // periods above use the tree
    for (const [period, source] of [
      [20, 'close'],
      [7, 'hlc3'],
      [65, 'close'],
      [150, 'hl2'],
    ] as const) {
      const ours = stream(create(definition, { period, source }), ORCL);
      const ref = naiveMeanDeviation(
        ORCL.map((b) => priceOf(b, source)),
        period,
      );
      assertSeriesClose(ours.value, ref, `MEANDEV ${period} ${source}`);
    }
  });

  test('gives TA-Lib CCI: (tp − mean) / (0.015 × MD) on hlc3', () => {
    for (const period of [20, 14]) {
      const md = new MeanDeviation(period);
      md.source = 'hlc3';
      const cci = ORCL.map((b) => {
        md.updateBar(b);
        const tp = priceOf(b, 'hlc3');
        const diff = tp - md.mean;
        // TA-Lib gives 0 when the difference or the deviation is exactly 0.
        return diff !== 0 && md.value !== 0
          ? diff / (0.015 * md.value)
          : Number.isNaN(md.value)
            ? md.value
            : 0;
      });
      assertSeriesClose(cci, talib('CCI', ORCL, { optInTimePeriod: period }).outReal, `CCI ${period}`, 1e-8);
    }
  });

  test('property: equals the naive definition, ties and repeats included (pass and tree)', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 60, max: 90 })),
        fc.oneof(
          fc.array(fc.double({ min: -1e4, max: 1e4, noNaN: true }), { minLength: 1, maxLength: 300 }),
          // Few distinct values: many ties in the tree.
          fc.array(fc.constantFrom(1, 2, 2.5, 3, 100), { minLength: 1, maxLength: 300 }),
        ),
        (period, xs) => {
          const md = new MeanDeviation(period);
          const ours = xs.map((x) => md.update(x));
          const ref = naiveMeanDeviation(xs, period);
          // The running mean carries the rounding of every value that passed through it (a 1e4 that
          // left the window still leaves ~1e-12 of noise): scale by the largest value so far.
          let scale = 0;
          for (let j = 0; j < period - 1 && j < xs.length; j++) scale = Math.max(scale, Math.abs(xs[j]));
          for (let i = period - 1; i < xs.length; i++) {
            scale = Math.max(scale, Math.abs(xs[i]));
            assert.ok(
              Math.abs(ours[i] - ref[i]) <= 1e-12 * Math.max(scale, 1),
              `${i}: ${ours[i]} vs ${ref[i]}`,
            );
          }
          for (let i = 0; i < Math.min(period - 1, xs.length); i++) assert.ok(Number.isNaN(ours[i]));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('a long run (200,000 inputs, periods 50 and 100) stays equal to the naive definition', () => {
    let s = 12345;
    const random = () => {
      s = (Math.imul(s, 1103515245) + 12345) >>> 0;
      return s / 2 ** 32;
    };
    const xs: number[] = [];
    let price = 100;
    for (let i = 0; i < 200_000; i++) {
      price += random() - 0.5;
      xs.push(Math.round(price * 100) / 100);
    }
    for (const period of [50, 100]) {
      const md = new MeanDeviation(period);
      const ours = xs.map((x) => md.update(x));
      assertSeriesClose(ours, naiveMeanDeviation(xs, period), `long MEANDEV ${period}`, 1e-11);
    }
  });

  test('properties (pass and tree)', () => {
    for (const period of [20, 80]) {
      checkProperties({
        definition,
        params: { period },
        bars: ORCL.slice(0, 600),
        shift: { value: 'same' },
        constant: { value: 0 },
      });
    }
  });
});

describe('OrderStatisticsTree', () => {
  test('property: count and sum below any bound equal a plain scan, through removals and ties', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 12 }),
        fc.array(
          fc.tuple(fc.constantFrom(-2, 0, 0.5, 1, 3, 7.25), fc.double({ min: -10, max: 10, noNaN: true })),
          {
            minLength: 1,
            maxLength: 200,
          },
        ),
        (capacity, steps) => {
          const tree = new OrderStatisticsTree(capacity);
          const held: number[] = new Array(capacity).fill(Number.NaN);
          steps.forEach(([value, bound], i) => {
            const node = i % capacity;
            if (!Number.isNaN(held[node])) tree.remove(node);
            tree.insert(node, value);
            held[node] = value;
            const live = held.filter((v) => !Number.isNaN(v));
            assert.equal(tree.count, live.length);
            assert.equal(
              tree.total,
              live.reduce((a, b) => a + b, 0),
            );
            for (const m of [bound, value]) {
              tree.below(m);
              const under = live.filter((v) => v < m);
              assert.equal(tree.belowCount, under.length, `count below ${m}`);
              assert.equal(
                tree.belowSum,
                under.reduce((a, b) => a + b, 0),
                `sum below ${m}`,
              );
            }
            assert.equal(tree.valueOf(node), value);
          });
          tree.clear();
          assert.equal(tree.count, 0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
