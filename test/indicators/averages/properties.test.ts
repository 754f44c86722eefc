/**
 * Properties every average definition must have: documented parameters, first value at `warmup`,
 * streaming = batch, reset, a constant gives the constant, a shift of the prices shifts the average.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { averageDefinitions } from '../../../src/indicators/averages/index.js';
import { computeBatch } from '../../../src/indicators/batch.js';
import type { BarInput, Indicator } from '../../../src/indicators/core.js';
import type { IndicatorDefinition } from '../../../src/indicators/definition.js';
import { assertSeriesClose, ORCL, ORCL_2000, stream } from '../support/data.js';

const NAMES = ['sma', 'ema', 'smma', 'wma', 'dema', 'tema', 'trima', 'kama', 'hma', 'zlema', 'vwma', 'alma'];

/** Each definition with its defaults and one other parameter set. */
const CASES: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ...NAMES.map((name) => [name, {}] as const),
  ['sma', { period: 5, source: 'hlc3' }],
  ['ema', { period: 3, source: 'open' }],
  ['smma', { period: 30 }],
  ['wma', { period: 1 }],
  ['dema', { period: 9 }],
  ['tema', { period: 4 }],
  ['trima', { period: 9 }],
  ['kama', { period: 5, fast: 3, slow: 40, source: 'hl2' }],
  ['hma', { period: 16 }],
  ['zlema', { period: 8 }],
  ['vwma', { period: 3 }],
  ['alma', { period: 21, offset: 0.5, sigma: 3, source: 'ohlc4' }],
];

function definition(name: string): IndicatorDefinition {
  const found = averageDefinitions.find((d) => d.name === name);
  assert.ok(found, name);
  return found;
}

function create(name: string, params: Record<string, unknown>): Indicator {
  const d = definition(name);
  return d.create(d.parameters.parse(params));
}

function label(name: string, params: Record<string, unknown>): string {
  return `${name} ${JSON.stringify(params)}`;
}

function shifted(bars: readonly BarInput[], k: number): BarInput[] {
  return bars.map((b) => ({ ...b, open: b.open + k, high: b.high + k, low: b.low + k, close: b.close + k }));
}

describe('average definitions', () => {
  test('all twelve, in the average category, with documented parameters that all have defaults', () => {
    assert.deepEqual(
      averageDefinitions.map((d) => d.name),
      NAMES,
    );
    for (const d of averageDefinitions) {
      assert.equal(d.category, 'average');
      assert.deepEqual(d.outputs, ['value']);
      assert.equal(d.input, d.name === 'vwma' ? 'bar' : 'price', d.name);
      for (const [key, schema] of Object.entries(d.parameters.shape)) {
        assert.ok((schema as { description?: string }).description, `${d.name}.${key} has no description`);
      }
      const indicator = d.create(d.parameters.parse({}));
      assert.deepEqual([...indicator.outputs], [...d.outputs], d.name);
      for (const text of [d.title, d.formula, d.warmupText, d.reference]) assert.ok(text.length > 0);
    }
  });

  test('the source parameter picks the price', () => {
    const hl2 = create('wma', { period: 4, source: 'hl2' });
    const expected = create('wma', { period: 4 });
    const mid = ORCL_2000.map((b) => ({ ...b, close: (b.high + b.low) / 2 }));
    assert.deepEqual(stream(hl2, ORCL_2000).value, stream(expected, mid).value);
  });

  test('bad parameters are rejected', () => {
    assert.throws(() => definition('hma').parameters.parse({ period: 1 }));
    assert.throws(() => definition('alma').parameters.parse({ offset: 1.5 }));
    assert.throws(() => definition('alma').parameters.parse({ sigma: 0 }));
    assert.throws(() => definition('sma').parameters.parse({ period: 2.5 }));
    assert.throws(() => definition('ema').parameters.parse({ source: 'volume' }));
  });
});

describe('average properties', () => {
  for (const [name, params] of CASES) {
    test(`${label(name, params)}: first value at index warmup, none missing after`, () => {
      const indicator = create(name, params);
      const values = stream(indicator, ORCL).value;
      const first = values.findIndex((v) => !Number.isNaN(v));
      assert.equal(first, indicator.warmup);
      // ORCL has volume on every bar, so even vwma has a value on every bar after the warm-up.
      assert.ok(values.slice(first).every(Number.isFinite));
      const again = create(name, params);
      for (let i = 0; i < indicator.warmup; i++) again.updateBar(ORCL[i]);
      assert.equal(again.isReady, false);
      again.updateBar(ORCL[indicator.warmup]);
      assert.equal(again.isReady, true);
      assert.equal(again.count, indicator.warmup + 1);
    });

    test(`${label(name, params)}: streaming equals batch, and reset then re-feeding is identical`, () => {
      const batch = computeBatch(create(name, params), ORCL);
      const streamed = stream(create(name, params), ORCL);
      assert.deepEqual(Array.from(batch.value), streamed.value);
      const reused = create(name, params);
      stream(reused, ORCL_2000.slice(0, 777));
      reused.reset();
      assert.equal(reused.count, 0);
      assert.ok(Number.isNaN(reused.value));
      assert.deepEqual(stream(reused, ORCL).value, streamed.value);
    });

    test(`${label(name, params)}: a shift of every price shifts the average by the same amount`, () => {
      const base = stream(create(name, params), ORCL).value;
      for (const k of [1000, -5.25]) {
        const moved = stream(create(name, params), shifted(ORCL, k)).value;
        assertSeriesClose(
          moved.map((v) => v - k),
          base,
          `${label(name, params)} + ${k}`,
          1e-9,
        );
      }
    });

    test(`${label(name, params)}: a constant series gives the constant (property)`, () => {
      fc.assert(
        fc.property(
          fc.double({ min: -1e6, max: 1e6, noNaN: true }),
          fc.integer({ min: 1, max: 1e6 }),
          (c, volume) => {
            const indicator = create(name, params);
            const bar: BarInput = { open: c, high: c, low: c, close: c, volume, tsEvent: 0 };
            for (let i = 0; i < indicator.warmup + 50; i++) {
              indicator.updateBar(bar);
              if (i < indicator.warmup) continue;
              assert.ok(
                Math.abs(indicator.value - c) <= 1e-12 * Math.max(1, Math.abs(c)),
                `${indicator.value} vs ${c}`,
              );
            }
          },
        ),
        { numRuns: 50 },
      );
    });
  }
});
