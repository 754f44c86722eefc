import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { priceOf } from '../../../src/indicators/core.js';
import { statisticsDefinitions } from '../../../src/indicators/statistics/index.js';
import { PercentRank } from '../../../src/indicators/statistics/percent-rank.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { talib } from '../support/talib.js';
import { checkProperties, create, shiftBars } from '../volatility/checks.js';

const byName = (name: string) => {
  const definition = statisticsDefinitions.find((d) => d.name === name);
  if (!definition) throw new Error(`no definition ${name}`);
  return definition;
};

describe('highest / lowest (Highest, Lowest)', () => {
  for (const [name, fn] of [
    ['highest', 'MAX'],
    ['lowest', 'MIN'],
  ] as const) {
    const definition = byName(name);

    test(`${name} equals TA-Lib ${fn} on ORCL (close/20 and high/7)`, () => {
      for (const [period, source] of [
        [20, 'close'],
        [7, 'high'],
      ] as const) {
        const ours = stream(create(definition, { period, source }), ORCL);
        const prices = ORCL.map((b) => priceOf(b, source));
        const ref = talib(fn, ORCL, { optInTimePeriod: period }, prices).outReal;
        assertSeriesClose(ours.value, ref, `${fn} ${period} ${source}`, 0);
      }
    });

    test(`${name} properties`, () => {
      checkProperties({
        definition,
        bars: ORCL.slice(0, 600),
        shift: { value: 'shift' },
        constant: { value: 'constant' },
      });
    });
  }
});

describe('sum (MovingSum)', () => {
  const definition = byName('sum');

  test('equals TA-Lib SUM on ORCL (close/20 and ohlc4/9)', () => {
    for (const [period, source] of [
      [20, 'close'],
      [9, 'ohlc4'],
    ] as const) {
      const ours = stream(create(definition, { period, source }), ORCL);
      const prices = ORCL.map((b) => priceOf(b, source));
      const ref = talib('SUM', ORCL, { optInTimePeriod: period }, prices).outReal;
      assertSeriesClose(ours.value, ref, `SUM ${period} ${source}`);
    }
  });

  test('a price shift c moves the sum by period × c', () => {
    const base = stream(create(definition), ORCL).value;
    const moved = stream(create(definition), shiftBars(ORCL, 250)).value;
    assertSeriesClose(
      moved,
      base.map((v) => v + 20 * 250),
      'SUM shifted',
    );
  });

  test('properties', () => {
    checkProperties({
      definition,
      bars: ORCL.slice(0, 600),
      shift: { value: 'skip' },
      constant: { value: (price) => 20 * price },
    });
  });
});

/** Percent rank straight from its definition: the share of the `period` previous inputs below x. */
function naivePercentRank(values: readonly number[], period: number): number[] {
  return values.map((x, i) => {
    if (i < period) return Number.NaN;
    let below = 0;
    for (let j = i - period; j < i; j++) if (values[j] < x) below++;
    return (100 * below) / period;
  });
}

describe('pctrank (PercentRank)', () => {
  const definition = byName('pctrank');

  test('hand example (period 3)', () => {
    const pr = new PercentRank(3);
    assert.equal(pr.warmup, 3);
    for (const x of [5, 1, 3]) assert.ok(Number.isNaN(pr.update(x)));
    assert.equal(pr.update(4), 200 / 3); // previous 5 1 3: two (1, 3) below 4 → 100 × 2 / 3
    assert.equal(pr.update(3), 100 / 3); // previous 1 3 4: one (1) below 3
    assert.equal(pr.update(3), 0); // previous 3 4 3: none strictly below 3 (ties do not count)
    assert.equal(pr.update(10), 100); // previous 4 3 3: all below
    assert.equal(pr.update(-1), 0); // previous 3 3 10
  });

  test('equals the naive definition on ORCL (close/20, hlc3/5, close/250)', () => {
    for (const [period, source] of [
      [20, 'close'],
      [5, 'hlc3'],
      [250, 'close'], // long moves: copyWithin
    ] as const) {
      const ours = stream(create(definition, { period, source }), ORCL);
      const ref = naivePercentRank(
        ORCL.map((b) => priceOf(b, source)),
        period,
      );
      assertSeriesClose(ours.value, ref, `PCTRANK ${period} ${source}`, 0);
    }
  });

  test('property: equals the naive definition, ties and repeats included', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 25 }), fc.integer({ min: 34, max: 80 })),
        fc.oneof(
          fc.array(fc.double({ noNaN: true }), { minLength: 1, maxLength: 200 }),
          fc.array(fc.constantFrom(-1, 0, 1, 2, 2.5), { minLength: 1, maxLength: 200 }),
        ),
        (period, xs) => {
          const pr = new PercentRank(period);
          const ours = xs.map((x) => pr.update(x));
          assert.deepEqual(ours, naivePercentRank(xs, period));
        },
      ),
      { numRuns: 500 },
    );
  });

  test('properties', () => {
    checkProperties({
      definition,
      bars: ORCL.slice(0, 600),
      shift: { value: 'same' },
      constant: { value: 0 },
    });
  });
});
