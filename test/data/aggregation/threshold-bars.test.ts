import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AggregatedBar,
  TickBarAggregator,
  ValueBarAggregator,
  VolumeBarAggregator,
} from '../../../src/data/aggregation/index.js';
import { BarType } from '../../../src/model/data.js';

/** [open, high, low, close, volume, tsOpen, tsEvent] */
const rows = (bars: readonly AggregatedBar[]) =>
  bars.map((b) => [b.open, b.high, b.low, b.close, b.volume, b.tsOpen, b.tsEvent]);

const TICKS: [number, number, number][] = [
  // price, size, ts
  [100, 2, 1],
  [101, 1, 2],
  [99, 4, 3],
  [100.5, 1, 4],
  [102, 3, 5],
  [101, 1, 6],
  [100, 2, 7],
];

test('tick bars: a bar every N trades, stamped at the completing trade; flush emits the rest', () => {
  const out: AggregatedBar[] = [];
  const agg = new TickBarAggregator(BarType.parse('ESH4.CME-3-TICK-LAST'), (b) => out.push(b));
  for (const [p, s, t] of TICKS) agg.update(p, s, t);
  assert.deepEqual(rows(out), [
    [100, 101, 99, 99, 7, 1, 3],
    [100.5, 102, 100.5, 101, 5, 4, 6],
  ]);
  assert.equal(out[0].aggregation, 'tick');
  const rest = agg.flush();
  assert.deepEqual(rows(out.slice(2)), [[100, 100, 100, 100, 2, 7, 7]]);
  assert.equal(rest, out[2]);
  assert.equal(agg.flush(), undefined);
});

test('volume bars: exactly N units each, an overfilling trade is split into the next bar(s)', () => {
  const out: AggregatedBar[] = [];
  const agg = new VolumeBarAggregator(BarType.parse('ESH4.CME-4-VOLUME-LAST'), (b) => out.push(b));
  for (const [p, s, t] of TICKS) agg.update(p, s, t);
  // sizes 2,1,4,1,3,1,2 = 14 → bars of 4: [2+1+1(of 4)], [3(of 4)+1], [3+1], rest 2
  assert.deepEqual(rows(out), [
    [100, 101, 99, 99, 4, 1, 3],
    [99, 100.5, 99, 100.5, 4, 3, 4],
    [102, 102, 101, 101, 4, 5, 6],
  ]);
  agg.update(105, 9, 8); // with 2 in hand: completes one bar (2), one full bar (4), leaves 3
  assert.deepEqual(rows(out.slice(3)), [
    [100, 105, 100, 105, 4, 7, 8],
    [105, 105, 105, 105, 4, 8, 8],
  ]);
  agg.flush();
  assert.deepEqual(rows(out.slice(5)), [[105, 105, 105, 105, 3, 8, 8]]);
});

test('value bars: close when price × size × multiplier reaches the notional; not split', () => {
  const out: AggregatedBar[] = [];
  const agg = new ValueBarAggregator('ESH4.CME', 25_000, 'last', (b) => out.push(b), { multiplier: 50 });
  // notional per trade: 100·2·50 = 10,000; 101·1·50 = 5,050; 99·4·50 = 19,800 → 34,850 ≥ 25,000
  for (const [p, s, t] of TICKS.slice(0, 5)) agg.update(p, s, t);
  // then 100.5·1·50 = 5,025; 102·3·50 = 15,300 → 20,325 < 25,000: open
  assert.deepEqual(rows(out), [[100, 101, 99, 99, 7, 1, 3]]);
  assert.equal(out[0].aggregation, 'value');
  assert.equal(out[0].barType.key, 'ESH4.CME-25000-VOLUME-LAST', 'stand-in bar type until BarType has VALUE');
  agg.update(101, 1, 6); // + 5,050 = 25,375
  assert.deepEqual(rows(out.slice(1)), [[100.5, 102, 100.5, 101, 5, 4, 6]]);
  assert.equal(agg.flush(), undefined);
});

test('threshold bars from quotes use the price type; wrong inputs and types are refused', () => {
  const out: AggregatedBar[] = [];
  const agg = new TickBarAggregator(BarType.parse('X.SIM-2-TICK-ASK'), (b) => out.push(b));
  const q = (bid: number, ask: number, t: number) => ({
    kind: 'quote' as const,
    instrumentId: 'X.SIM',
    bidPrice: bid,
    askPrice: ask,
    bidSize: 1,
    askSize: 2,
    tsEvent: t,
    tsInit: t,
  });
  agg.handleQuote(q(9, 10, 1));
  agg.handleQuote(q(10, 11, 2));
  assert.deepEqual(rows(out), [[10, 11, 10, 11, 4, 1, 2]]);
  assert.throws(() => agg.update(1, 1, 0), /out of time order/);
  assert.throws(() => new TickBarAggregator(BarType.parse('X.SIM-2-VOLUME-LAST'), () => {}), /TICK/);
  assert.throws(() => new VolumeBarAggregator(BarType.parse('X.SIM-2-TICK-LAST'), () => {}), /VOLUME/);
  assert.throws(() => new ValueBarAggregator('X.SIM', 0, 'last', () => {}), /positive notional/);
});
