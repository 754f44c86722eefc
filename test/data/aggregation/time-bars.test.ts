import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AggregatedBar,
  TimeBarAggregator,
  type TimeBarOptions,
} from '../../../src/data/aggregation/index.js';
import { BarType, type QuoteTick } from '../../../src/model/data.js';
import { CME_GLOBEX_EQUITY } from '../../../src/model/sessions.js';
import { isoFromMicros, MICROS_PER_SECOND, microsFromIso } from '../../../src/model/time.js';

const utc = microsFromIso;
const S = MICROS_PER_SECOND;
const T0 = utc('2024-03-04T14:00:00Z');

/** Bars as [open, high, low, close, volume, tsOpen ISO, tsEvent ISO] for readable comparisons. */
function rows(bars: readonly AggregatedBar[]): unknown[][] {
  return bars.map((b) => [
    b.open,
    b.high,
    b.low,
    b.close,
    b.volume,
    isoFromMicros(b.tsOpen),
    isoFromMicros(b.tsEvent),
  ]);
}

function aggregator(type: string, options: TimeBarOptions = {}) {
  const out: AggregatedBar[] = [];
  const agg = new TimeBarAggregator(BarType.parse(type), (b) => out.push(b), options);
  return { agg, out };
}

test('1-minute bars from trades: OHLCV by hand, [start, end) intervals, a tick at the edge opens the next bar', () => {
  const { agg, out } = aggregator('ESH4.CME-1-MINUTE-LAST');
  agg.update(100, 2, T0 + 5 * S);
  agg.update(101.5, 1, T0 + 20 * S);
  agg.update(99.75, 3, T0 + 40 * S);
  agg.update(100.25, 1, T0 + 59 * S + 999_999);
  assert.equal(out.length, 0, 'no lookahead: the bar is not known before a tick at or after its end');
  agg.update(102, 4, T0 + 60 * S); // exactly at 14:01:00 → belongs to [14:01, 14:02)
  assert.deepEqual(rows(out), [
    [100, 101.5, 99.75, 100.25, 7, '2024-03-04T14:00:00.000Z', '2024-03-04T14:01:00.000Z'],
  ]);
  assert.equal(out[0].tsInit, T0 + 60 * S);
  assert.equal(out[0].aggregation, 'minute');
  agg.update(101, 1, T0 + 61 * S);
  const last = agg.flush();
  assert.deepEqual(rows(out.slice(1)), [
    [102, 102, 101, 101, 5, '2024-03-04T14:01:00.000Z', '2024-03-04T14:02:00.000Z'],
  ]);
  assert.equal(last, out[1], 'flush emits the partial last bar and returns it');
  assert.equal(agg.flush(), undefined, 'nothing left');
});

test('skip vs carry-forward for empty intervals', () => {
  const ticks: [number, number, number][] = [
    [10, 1, T0 + 10 * S],
    [11, 2, T0 + 3 * 60 * S + 1], // 14:03:00.000001: 14:01 and 14:02 are empty
    [12, 1, T0 + 4 * 60 * S],
  ];
  const skip = aggregator('X.SIM-1-MINUTE-LAST');
  const carry = aggregator('X.SIM-1-MINUTE-LAST', { emptyIntervals: 'carry-forward' });
  for (const [p, s, t] of ticks) {
    skip.agg.update(p, s, t);
    carry.agg.update(p, s, t);
  }
  assert.deepEqual(rows(skip.out), [
    [10, 10, 10, 10, 1, '2024-03-04T14:00:00.000Z', '2024-03-04T14:01:00.000Z'],
    [11, 11, 11, 11, 2, '2024-03-04T14:03:00.000Z', '2024-03-04T14:04:00.000Z'],
  ]);
  assert.deepEqual(rows(carry.out), [
    [10, 10, 10, 10, 1, '2024-03-04T14:00:00.000Z', '2024-03-04T14:01:00.000Z'],
    [10, 10, 10, 10, 0, '2024-03-04T14:01:00.000Z', '2024-03-04T14:02:00.000Z'],
    [10, 10, 10, 10, 0, '2024-03-04T14:02:00.000Z', '2024-03-04T14:03:00.000Z'],
    [11, 11, 11, 11, 2, '2024-03-04T14:03:00.000Z', '2024-03-04T14:04:00.000Z'],
  ]);
  // Flat bars are known only when the next tick comes, and say so in tsInit.
  assert.equal(carry.out[1].tsInit, T0 + 3 * 60 * S + 1);
});

test('advanceTo closes bars on the clock, without waiting for the next tick', () => {
  const { agg, out } = aggregator('X.SIM-30-SECOND-LAST', { emptyIntervals: 'carry-forward' });
  agg.update(5, 1, T0 + 1);
  agg.advanceTo(T0 + 29 * S);
  assert.equal(out.length, 0);
  agg.advanceTo(T0 + 90 * S); // closes [0, 30) and the flat [30, 60), [60, 90)
  assert.deepEqual(
    out.map((b) => [b.volume, isoFromMicros(b.tsEvent)]),
    [
      [1, '2024-03-04T14:00:30.000Z'],
      [0, '2024-03-04T14:01:00.000Z'],
      [0, '2024-03-04T14:01:30.000Z'],
    ],
  );
  agg.update(6, 1, T0 + 100 * S);
  assert.equal(out.length, 3);
  assert.throws(() => agg.update(6, 1, T0 + 99 * S), /out of time order/);
});

test('hour bars aligned to a time zone: 4-hour bars follow the local wall clock across DST', () => {
  // New York, 2024-03-10 is the spring-forward day (23 hours): 00:00 EST = 05:00Z, next midnight 04:00Z.
  const { agg, out } = aggregator('X.SIM-4-HOUR-LAST', { timeZone: 'America/New_York' });
  agg.update(1, 1, utc('2024-03-09T05:00:00Z')); // 00:00 EST on the 9th
  agg.update(2, 1, utc('2024-03-09T08:59:59Z')); // 03:59:59 EST, same bar
  agg.update(3, 1, utc('2024-03-10T02:00:00Z')); // 21:00 EST on the 9th: bar 20:00–24:00 local
  agg.update(4, 1, utc('2024-03-10T05:30:00Z')); // 00:30 EST on the 10th
  agg.update(5, 1, utc('2024-03-11T03:30:00Z')); // 23:30 EDT on the 10th: bar cut at midnight
  agg.flush();
  assert.deepEqual(
    out.map((b) => [b.close, isoFromMicros(b.tsOpen), isoFromMicros(b.tsEvent)]),
    [
      [2, '2024-03-09T05:00:00.000Z', '2024-03-09T09:00:00.000Z'],
      [3, '2024-03-10T01:00:00.000Z', '2024-03-10T05:00:00.000Z'],
      // 00:00–04:00 local on the spring-forward day lasts 3 hours (04:00 EDT = 08:00Z).
      [4, '2024-03-10T05:00:00.000Z', '2024-03-10T08:00:00.000Z'],
      // 20:00–24:00 EDT.
      [5, '2024-03-11T00:00:00.000Z', '2024-03-11T04:00:00.000Z'],
    ],
  );
});

test('Globex session alignment: bars start at 17:00 CT, the last is cut at the close, nothing between sessions', () => {
  // Trade date 2020-01-06 (Monday): Sunday 17:00 CST = 23:00Z → Monday 16:00 CST = 22:00Z,
  // halt 15:15–15:30 CT (21:15Z–21:30Z). 7-hour bars: 17:00, 00:00, 07:00, 14:00 → cut at 16:00.
  const { agg, out } = aggregator('ESH0.CME-7-HOUR-LAST', { session: CME_GLOBEX_EQUITY });
  agg.update(3230, 5, utc('2020-01-05T22:30:00Z')); // Sunday 16:30 CT: before the open, dropped
  agg.update(3231, 2, utc('2020-01-05T23:00:00Z')); // the open
  agg.update(3235, 1, utc('2020-01-06T05:59:59Z'));
  agg.update(3236, 1, utc('2020-01-06T06:00:00Z')); // 00:00 CT: second bar
  agg.update(3240, 1, utc('2020-01-06T21:59:59Z')); // 15:59:59 CT
  agg.update(3241, 3, utc('2020-01-06T22:30:00Z')); // 16:30 CT, in the daily break: dropped
  agg.update(3242, 1, utc('2020-01-06T23:00:00Z')); // next session's open
  agg.flush();
  assert.equal(agg.dropped, 2);
  assert.deepEqual(
    out.map((b) => [b.open, b.close, b.volume, isoFromMicros(b.tsOpen), isoFromMicros(b.tsEvent)]),
    [
      [3231, 3235, 3, '2020-01-05T23:00:00.000Z', '2020-01-06T06:00:00.000Z'],
      [3236, 3236, 1, '2020-01-06T06:00:00.000Z', '2020-01-06T13:00:00.000Z'],
      [3240, 3240, 1, '2020-01-06T20:00:00.000Z', '2020-01-06T22:00:00.000Z'],
      [3242, 3242, 1, '2020-01-06T23:00:00.000Z', '2020-01-07T06:00:00.000Z'],
    ],
  );
});

test('carry-forward in a session: no flat bars in a halt or between sessions', () => {
  // Trade date 2016-03-08: halt 15:15–15:30 CT = 21:15Z–21:30Z (CST), close 16:00 CT = 22:00Z.
  const { agg, out } = aggregator('ESH6.CME-15-MINUTE-LAST', {
    session: CME_GLOBEX_EQUITY,
    emptyIntervals: 'carry-forward',
  });
  agg.update(2000, 1, utc('2016-03-08T21:00:00Z')); // 15:00 CT
  agg.update(2001, 1, utc('2016-03-08T23:00:00Z')); // next session open (17:00 CT)
  assert.deepEqual(
    out.map((b) => [b.close, b.volume, isoFromMicros(b.tsOpen), isoFromMicros(b.tsEvent)]),
    [
      [2000, 1, '2016-03-08T21:00:00.000Z', '2016-03-08T21:15:00.000Z'],
      // [21:15, 21:30) is the halt: no bar
      [2000, 0, '2016-03-08T21:30:00.000Z', '2016-03-08T21:45:00.000Z'],
      [2000, 0, '2016-03-08T21:45:00.000Z', '2016-03-08T22:00:00.000Z'],
    ],
  );
});

test('session daily bars from ticks: one bar per trade date, stamped at the close; holidays follow the calendar', () => {
  const { agg, out } = aggregator('ESZ3.CME-1-DAY-LAST', { session: CME_GLOBEX_EQUITY });
  // Christmas Eve 2013 is an early close (12:15 CT = 18:15Z); Christmas is closed.
  agg.update(1800, 1, utc('2013-12-23T23:00:00Z')); // 17:00 CT Monday → trade date 12-24
  agg.update(1805, 2, utc('2013-12-24T18:00:00Z'));
  agg.update(1810, 1, utc('2013-12-25T23:00:00Z')); // 17:00 CT on Christmas → trade date 12-26
  agg.flush();
  assert.deepEqual(
    out.map((b) => [b.open, b.close, b.volume, isoFromMicros(b.tsOpen), isoFromMicros(b.tsEvent)]),
    [
      [1800, 1805, 3, '2013-12-23T23:00:00.000Z', '2013-12-24T18:15:00.000Z'],
      [1810, 1810, 1, '2013-12-25T23:00:00.000Z', '2013-12-26T22:15:00.000Z'],
    ],
  );
});

test('bars from quotes: bid, ask and mid price types', () => {
  const quote = (bid: number, ask: number, bs: number, as: number, t: number): QuoteTick => ({
    kind: 'quote',
    instrumentId: 'EURUSD.SIM',
    bidPrice: bid,
    askPrice: ask,
    bidSize: bs,
    askSize: as,
    tsEvent: t,
    tsInit: t,
  });
  const quotes = [
    quote(1.1, 1.1002, 5, 7, T0),
    quote(1.1004, 1.1006, 1, 3, T0 + S),
    quote(1.0998, 1.1, 2, 2, T0 + 2 * S),
    quote(1.2, 1.2, 1, 1, T0 + 60 * S),
  ];
  const result: Record<string, unknown[]> = {};
  for (const pt of ['BID', 'ASK', 'MID']) {
    const { agg, out } = aggregator(`EURUSD.SIM-1-MINUTE-${pt}`);
    for (const q of quotes) agg.handleQuote(q);
    result[pt] = rows(out)[0].slice(0, 5);
    assert.throws(() =>
      agg.handleTrade({
        kind: 'trade',
        instrumentId: 'EURUSD.SIM',
        price: 1,
        size: 1,
        aggressor: 'none',
        tradeId: '1',
        tsEvent: T0 + 61 * S,
        tsInit: T0 + 61 * S,
      }),
    );
  }
  assert.deepEqual(result.BID, [1.1, 1.1004, 1.0998, 1.0998, 8]);
  assert.deepEqual(result.ASK, [1.1002, 1.1006, 1.1, 1.1, 12]);
  const mid = result.MID as number[];
  const expected = [1.1001, 1.1005, 1.0999, 1.0999, 10];
  for (let i = 0; i < 5; i++) assert.ok(Math.abs(mid[i] - expected[i]) < 1e-12, `mid field ${i}`);
});

test('bad bar types are refused', () => {
  assert.throws(() => aggregator('X.SIM-100-TICK-LAST'), /second, minute, hour or day/);
  assert.throws(() => aggregator('X.SIM-1-WEEK-LAST'), /week and month/);
  assert.throws(() => aggregator('X.SIM-2-DAY-LAST'), /step 1/);
  const { agg } = aggregator('X.SIM-1-MINUTE-LAST');
  assert.throws(() => agg.handleQuote({} as QuoteTick), /from trades/);
});
