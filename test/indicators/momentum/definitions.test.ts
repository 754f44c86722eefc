import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { barsFromPrices, computeBatch } from '../../../src/indicators/batch.js';
import { PriceIndicator, priceOf } from '../../../src/indicators/core.js';
import { momentumDefinitions } from '../../../src/indicators/momentum/index.js';
import { assertSeriesClose, ORCL_2000 } from '../support/data.js';

const NAMES =
  'rsi stoch stochf stochrsi willr cci roc rocp mom trix tsi ultosc macd ppo apo ao kst dpo'.split(' ');

const byName = (name: string) => {
  const d = momentumDefinitions.find((x) => x.name === name);
  assert.ok(d, name);
  return d;
};

describe('momentum definitions', () => {
  test('exactly the assigned indicators, category momentum, documented', () => {
    assert.deepEqual(
      momentumDefinitions.map((d) => d.name),
      NAMES,
    );
    for (const d of momentumDefinitions) {
      assert.equal(d.category, 'momentum');
      assert.ok(d.formula.trim().length > 40 && d.warmupText && d.reference && d.title, d.name);
      for (const [key, schema] of Object.entries(d.parameters.shape)) {
        const info = schema as { description?: string; def?: { defaultValue?: unknown } };
        assert.ok(info.description, `${d.name}.${key} has a description`);
        assert.notEqual(info.def?.defaultValue, undefined, `${d.name}.${key} has a default`);
      }
    }
  });

  test('defaults build the declared outputs and input kind; the first value comes at `warmup`', () => {
    for (const d of momentumDefinitions) {
      const indicator = d.create(d.parameters.parse({}));
      assert.deepEqual([...indicator.outputs], [...d.outputs], d.name);
      assert.equal(indicator instanceof PriceIndicator, d.input === 'price', `${d.name} input`);
      assert.equal('source' in d.parameters.shape, d.input === 'price', `${d.name} source parameter`);
      const primary = computeBatch(indicator, ORCL_2000)[d.outputs[0]];
      assert.equal(
        primary.findIndex((v) => !Number.isNaN(v)),
        indicator.warmup,
        d.name,
      );
    }
  });

  test('price indicators read the `source` price', () => {
    for (const d of momentumDefinitions.filter((x) => x.input === 'price')) {
      const fromHl2 = computeBatch(d.create(d.parameters.parse({ source: 'hl2' })), ORCL_2000);
      const hl2Bars = barsFromPrices(ORCL_2000.map((b) => priceOf(b, 'hl2')));
      const expected = computeBatch(d.create(d.parameters.parse({})), hl2Bars);
      for (const name of d.outputs) assertSeriesClose(fromHl2[name], expected[name], `${d.name}.${name}`, 0);
    }
  });

  test('non-default parameters reach the indicator', () => {
    assert.equal(byName('rsi').create(byName('rsi').parameters.parse({ period: 9 })).warmup, 9);
    assert.equal(
      byName('stoch').create(byName('stoch').parameters.parse({ fastK: 14, slowK: 1 })).warmup,
      15,
    );
    assert.equal(
      byName('macd').create(byName('macd').parameters.parse({ fast: 5, slow: 35, signal: 5 })).warmup,
      38,
    );
    assert.equal(byName('tsi').create(byName('tsi').parameters.parse({ long: 20, short: 5 })).warmup, 24);
    assert.equal(byName('kst').create(byName('kst').parameters.parse({ roc4: 40 })).warmup, 54);
    assert.equal(byName('ultosc').create(byName('ultosc').parameters.parse({ long: 40 })).warmup, 40);
  });

  test('invalid parameters are refused by the schema, not by a RangeError later', () => {
    for (const name of ['macd', 'ppo', 'apo', 'ao']) {
      const result = byName(name).parameters.safeParse({ fast: 30, slow: 10 });
      assert.equal(result.success, false, name);
      assert.deepEqual(result.error?.issues[0].path, ['fast'], name);
    }
    assert.equal(byName('ultosc').parameters.safeParse({ short: 20 }).success, false);
    assert.equal(byName('rsi').parameters.safeParse({ period: 1 }).success, false);
    assert.equal(byName('roc').parameters.safeParse({ period: 2.5 }).success, false);
    assert.equal(byName('rsi').parameters.safeParse({ source: 'vwap' }).success, false);
  });

  test('every indicator handles a constant series without NaN or Infinity after warm-up', () => {
    const bars = barsFromPrices(new Array(120).fill(42.42));
    for (const d of momentumDefinitions) {
      const indicator = d.create(d.parameters.parse({}));
      const columns = computeBatch(indicator, bars);
      for (const name of d.outputs) {
        const column = columns[name];
        for (let i = 100; i < column.length; i++)
          assert.ok(Number.isFinite(column[i]), `${d.name}.${name}[${i}]`);
      }
    }
  });
});
