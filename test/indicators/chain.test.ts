import assert from 'node:assert/strict';
import { test } from 'node:test';
import { SimpleMovingAverage } from '../../src/indicators/averages/sma.js';
import { computeBatch } from '../../src/indicators/batch.js';
import { Chain } from '../../src/indicators/chain.js';
import { RelativeStrengthIndex } from '../../src/indicators/momentum/rsi.js';
import { BollingerBands } from '../../src/indicators/volatility/bollinger.js';
import { ORCL_2000 } from './support/data.js';

test('a chain is the target indicator applied to the source values that exist', () => {
  const chain = new Chain(new RelativeStrengthIndex(14), 'value', new SimpleMovingAverage(5));
  assert.equal(chain.warmup, 14 + 4);
  const chained = computeBatch(chain, ORCL_2000).value;
  const rsi = computeBatch(new RelativeStrengthIndex(14), ORCL_2000).value;
  // Independently: SMA(5) over the RSI series from its first value on.
  for (let i = 0; i < ORCL_2000.length; i++) {
    if (i < 18) {
      assert.ok(Number.isNaN(chained[i]), `index ${i} warming up`);
      continue;
    }
    const expected = (rsi[i] + rsi[i - 1] + rsi[i - 2] + rsi[i - 3] + rsi[i - 4]) / 5;
    assert.ok(Math.abs(chained[i] - expected) < 1e-9, `index ${i}: ${chained[i]} vs ${expected}`);
  }
});

test('any output of the source can feed the target, and reset starts over', () => {
  const chain = new Chain(new BollingerBands(20, 2), 'upper', new SimpleMovingAverage(3));
  const first = computeBatch(chain, ORCL_2000).value;
  chain.reset();
  assert.deepEqual(computeBatch(chain, ORCL_2000).value, first);
  assert.throws(
    () => new Chain(new SimpleMovingAverage(3), 'upper', new SimpleMovingAverage(3)),
    /no output 'upper'/,
  );
});
