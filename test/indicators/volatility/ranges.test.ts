import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import type { BarInput } from '../../../src/indicators/core.js';
import { volatilityDefinitions } from '../../../src/indicators/volatility/index.js';
import { NormalizedAverageTrueRange } from '../../../src/indicators/volatility/natr.js';
import { assertSeriesClose, ORCL, stream } from '../support/data.js';
import { talib } from '../support/talib.js';
import { checkProperties, create } from './checks.js';

const byName = (name: string) => {
  const definition = volatilityDefinitions.find((d) => d.name === name);
  if (!definition) throw new Error(`no definition ${name}`);
  return definition;
};

const bar = (high: number, low: number, close: number): BarInput => ({
  open: close,
  high,
  low,
  close,
  volume: 0,
  tsEvent: 0,
});

describe('trange (TrueRange)', () => {
  const definition = byName('trange');

  test('equals TA-Lib TRANGE on ORCL', () => {
    const ours = stream(create(definition), ORCL);
    assertSeriesClose(ours.value, talib('TRANGE', ORCL).outReal, 'TRANGE');
  });

  test('hand example', () => {
    const tr = create(definition);
    tr.updateBar(bar(11, 9, 10));
    assert.ok(Number.isNaN(tr.value)); // no previous close
    tr.updateBar(bar(13, 12, 12.5));
    assert.equal(tr.value, 3); // gap up: |13 − 10| = 3 > 13 − 12 = 1
    tr.updateBar(bar(12, 8, 9));
    assert.equal(tr.value, 4.5); // |8 − 12.5| = 4.5 > 12 − 8 = 4
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

describe('atr (AverageTrueRange)', () => {
  const definition = byName('atr');

  test('equals TA-Lib ATR on ORCL (14 and 5)', () => {
    for (const period of [14, 5]) {
      const ours = stream(create(definition, { period }), ORCL);
      assertSeriesClose(ours.value, talib('ATR', ORCL, { optInTimePeriod: period }).outReal, `ATR ${period}`);
    }
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

describe('natr (NormalizedAverageTrueRange)', () => {
  const definition = byName('natr');

  test('equals TA-Lib NATR on ORCL (14 and 7)', () => {
    for (const period of [14, 7]) {
      const ours = stream(create(definition, { period }), ORCL);
      assertSeriesClose(
        ours.value,
        talib('NATR', ORCL, { optInTimePeriod: period }).outReal,
        `NATR ${period}`,
      );
    }
  });

  test('hand example: 100 × ATR / close', () => {
    const natr = new NormalizedAverageTrueRange(2);
    natr.update(bar(11, 9, 10));
    natr.update(bar(12, 10, 11)); // TR = max(2, |12 − 10|, |10 − 10|) = 2
    assert.ok(Number.isNaN(natr.value));
    natr.update(bar(12, 11, 11.5)); // TR = 1; ATR = (2 + 1) / 2 = 1.5
    assert.equal(natr.value, (100 * 1.5) / 11.5);
    natr.update(bar(12.5, 11.5, 12)); // TR = 1; ATR = 1.5 + (1 − 1.5) / 2 = 1.25
    assert.equal(natr.value, (100 * 1.25) / 12);
    natr.update(bar(1, -1, 0)); // close 0: undefined ratio
    assert.ok(Number.isNaN(natr.value));
  });

  test('properties (NATR divides by the close, so a price shift changes it)', () => {
    checkProperties({
      definition,
      bars: ORCL.slice(0, 600),
      shift: { value: 'skip' },
      constant: { value: 0 },
    });
  });
});
