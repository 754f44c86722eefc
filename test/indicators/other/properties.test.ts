/**
 * Properties of the 'other' definitions: documented parameters, first value at `warmup`, streaming =
 * batch, reset, constant series, and shifting every price (levels shift, signals do not change).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { computeBatch } from '../../../src/indicators/batch.js';
import type { BarInput, Indicator } from '../../../src/indicators/core.js';
import type { IndicatorDefinition } from '../../../src/indicators/definition.js';
import { otherDefinitions } from '../../../src/indicators/other/index.js';
import { assertSeriesClose, ORCL, ORCL_2000, stream } from '../support/data.js';

const NAMES = ['heikinashi', 'pivots', 'fractals', 'crossover', 'crossunder'];
/** Outputs that are prices (shift with the prices); the rest are 0/1 signals. */
const LEVELS = new Set(['heikinashi', 'pivots', 'fractals']);

const CASES: ReadonlyArray<readonly [string, Record<string, unknown>]> = [
  ...NAMES.map((name) => [name, {}] as const),
  ['pivots', { method: 'fibonacci' }],
  ['pivots', { method: 'camarilla' }],
  ['crossover', { fast: 5, slow: 20, source: 'hlc3' }],
  ['crossunder', { fast: 3, slow: 8, source: 'open' }],
];

function definition(name: string): IndicatorDefinition {
  const found = otherDefinitions.find((d) => d.name === name);
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

describe('other definitions', () => {
  test('all five, in the other category, with documented parameters that all have defaults', () => {
    assert.deepEqual(
      otherDefinitions.map((d) => d.name),
      NAMES,
    );
    for (const d of otherDefinitions) {
      assert.equal(d.category, 'other');
      assert.equal(d.input, d.name.startsWith('cross') ? 'price' : 'bar', d.name);
      for (const [key, schema] of Object.entries(d.parameters.shape)) {
        assert.ok((schema as { description?: string }).description, `${d.name}.${key} has no description`);
      }
      const indicator = d.create(d.parameters.parse({}));
      assert.deepEqual([...indicator.outputs], [...d.outputs], d.name);
      for (const name of d.outputs.slice(1)) assert.equal(typeof indicator.output(name), 'number');
      for (const text of [d.title, d.formula, d.warmupText, d.reference]) assert.ok(text.length > 0);
    }
    assert.deepEqual(definition('heikinashi').outputs, ['close', 'open', 'high', 'low']);
    assert.deepEqual(definition('pivots').outputs, ['pp', 'r1', 'r2', 'r3', 'r4', 's1', 's2', 's3', 's4']);
    assert.deepEqual(definition('pivots').parameters.parse({}), { method: 'classic', anchor: 'bar' });
    assert.throws(() => definition('pivots').parameters.parse({ anchor: 'day' }));
    assert.throws(() => definition('crossover').parameters.parse({ fast: 0 }));
  });
});

describe('other properties', () => {
  for (const [name, params] of CASES) {
    test(`${label(name, params)}: first value at index warmup`, () => {
      const indicator = create(name, params);
      const columns = stream(indicator, ORCL);
      if (name === 'fractals') {
        // Fractals are NaN except on confirming bars: warm-up 4 means bar 4 is the first that can
        // report one (checked on a made-up fractal in fractals-cross.test.ts).
        assert.equal(indicator.warmup, 4);
        assert.ok(columns.up.slice(0, 4).every(Number.isNaN) && columns.down.slice(0, 4).every(Number.isNaN));
        return;
      }
      const values = columns[indicator.outputs[0]];
      assert.equal(
        values.findIndex((v) => !Number.isNaN(v)),
        indicator.warmup,
      );
      assert.ok(values.slice(indicator.warmup).every(Number.isFinite));
      const again = create(name, params);
      for (let i = 0; i < indicator.warmup; i++) again.updateBar(ORCL[i]);
      assert.equal(again.isReady, false);
      again.updateBar(ORCL[indicator.warmup]);
      assert.equal(again.isReady, true);
    });

    test(`${label(name, params)}: streaming equals batch, and reset then re-feeding is identical`, () => {
      const batch = computeBatch(create(name, params), ORCL);
      const streamed = stream(create(name, params), ORCL);
      const reused = create(name, params);
      stream(reused, ORCL_2000.slice(0, 555));
      reused.reset();
      assert.equal(reused.count, 0);
      const again = stream(reused, ORCL);
      for (const output of Object.keys(streamed)) {
        assert.deepEqual(Array.from(batch[output]), streamed[output], `batch ${output}`);
        assert.deepEqual(again[output], streamed[output], `reset ${output}`);
      }
    });

    test(`${label(name, params)}: shifting every price ${LEVELS.has(name) ? 'shifts the levels' : 'leaves the signal'}`, () => {
      const base = stream(create(name, params), ORCL);
      for (const k of [1000, -0.75]) {
        const moved = stream(create(name, params), shifted(ORCL, k));
        for (const output of Object.keys(base)) {
          const expected = LEVELS.has(name) ? base[output].map((v) => v + k) : base[output];
          assertSeriesClose(moved[output], expected, `${label(name, params)} ${output} + ${k}`, 1e-9);
        }
      }
    });

    test(`${label(name, params)}: a constant series (property)`, () => {
      fc.assert(
        fc.property(fc.double({ min: -1e6, max: 1e6, noNaN: true }), (c) => {
          const indicator = create(name, params);
          const bar: BarInput = { open: c, high: c, low: c, close: c, volume: 100, tsEvent: 0 };
          for (let i = 0; i < indicator.warmup + 40; i++) {
            indicator.updateBar(bar);
            if (i < indicator.warmup) continue;
            for (const output of indicator.outputs) {
              const v = indicator.output(output);
              if (name === 'fractals') assert.ok(Number.isNaN(v), 'a flat series has no fractal');
              else if (!LEVELS.has(name)) assert.equal(v, 0, 'no cross on a flat series');
              else if (output === 'r4' || output === 's4') {
                if (params.method === 'camarilla')
                  assert.ok(v === c, `${output} ${v} vs ${c}`); // 0 === -0
                else assert.ok(Number.isNaN(v));
              } else assert.ok(Math.abs(v - c) <= 1e-12 * Math.max(1, Math.abs(c)), `${output} ${v} vs ${c}`);
            }
          }
        }),
        { numRuns: 50 },
      );
    });
  }
});
