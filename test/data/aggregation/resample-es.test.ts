/**
 * Bars of bars on the real ES minute bars (data/es-minute-trade-bars-2013-2020.csv, LEAN, bar
 * start stamps): 1m → 5m, 1m → session-aligned 4h and → Globex daily bars, each checked against
 * values computed here independently (fixed Chicago offsets, plain grouping of the CSV rows).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  type AggregatedBar,
  BarResampler,
  type TimeBarOptions,
} from '../../../src/data/aggregation/index.js';
import { readBarsCsv } from '../../../src/data/csv/index.js';
import { barSeriesFromCsv } from '../../../src/data/load-bars.js';
import { type Bar, BarType } from '../../../src/model/data.js';
import { CME_GLOBEX_EQUITY } from '../../../src/model/sessions.js';
import { MICROS_PER_HOUR, MICROS_PER_MINUTE, microsFromIso } from '../../../src/model/time.js';

const imported = readBarsCsv(
  new URL('../../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname,
);
const allSeries = barSeriesFromCsv(imported);
const seriesOf = (key: string) => allSeries[imported.series.findIndex((s) => s.key === key)];
const ESZ3 = seriesOf('ES 201312');
const ESH0 = seriesOf('ES 202003');

function resample(bars: readonly Bar[], type: string, options: TimeBarOptions = {}) {
  const out: AggregatedBar[] = [];
  const r = new BarResampler(BarType.parse(type), (b) => out.push(b), options);
  for (const b of bars) r.handleBar(b);
  r.flush();
  return { out, dropped: r.dropped };
}

interface Expected {
  open: number;
  high: number;
  low: number;
  close: number;
  volume: number;
  tsOpen: number;
  tsEvent: number;
}

/** Groups minute bars by a key of their start time, in order. */
function group(
  bars: readonly Bar[],
  keyOf: (start: number) => string,
  span: (start: number) => [number, number],
) {
  const groups = new Map<string, Expected>();
  for (const b of bars) {
    const start = b.tsEvent - MICROS_PER_MINUTE;
    const key = keyOf(start);
    const g = groups.get(key);
    if (g === undefined) {
      const [tsOpen, tsEvent] = span(start);
      groups.set(key, {
        open: b.open,
        high: b.high,
        low: b.low,
        close: b.close,
        volume: b.volume,
        tsOpen,
        tsEvent,
      });
    } else {
      g.high = Math.max(g.high, b.high);
      g.low = Math.min(g.low, b.low);
      g.close = b.close;
      g.volume += b.volume;
    }
  }
  return [...groups.values()];
}

const plain = (bars: readonly AggregatedBar[]): Expected[] =>
  bars.map(({ open, high, low, close, volume, tsOpen, tsEvent }) => ({
    open,
    high,
    low,
    close,
    volume,
    tsOpen,
    tsEvent,
  }));

/** Chicago's UTC offset in hours for the dates in the file (CDT until 2013-11-03 07:00Z). */
const ctOffsetHours = (us: number) => (us < microsFromIso('2013-11-03T07:00:00Z') ? -5 : -6);

/** Trade date (as the UTC midnight of that date, in micros) of an instant: Chicago time + 7 h. */
function tradeDate(us: number): number {
  const shifted = us + (ctOffsetHours(us) + 7) * MICROS_PER_HOUR;
  return Math.floor(shifted / (24 * MICROS_PER_HOUR)) * 24 * MICROS_PER_HOUR;
}

/** Globex open (17:00 CT the day before) and close (16:15 CT in 2013, 16:00 CT from 2015-09-21). */
function sessionSpan(us: number): [number, number] {
  const date = tradeDate(us);
  const open = date - 7 * MICROS_PER_HOUR - ctOffsetHours(us) * MICROS_PER_HOUR;
  const closeMinutes = us < microsFromIso('2015-09-21T00:00:00Z') ? 16 * 60 + 15 : 16 * 60;
  const close = date + closeMinutes * MICROS_PER_MINUTE - ctOffsetHours(us) * MICROS_PER_HOUR;
  return [open, close];
}

test('the ES file: a quick look at what it holds', () => {
  assert.equal(ESZ3.bars.length, 16_673);
  assert.equal(ESZ3.barType.key, 'ESZ3.CME-1-MINUTE-LAST');
  assert.equal(ESH0.bars.length, 1_425);
});

test('1m → 5m on ESZ3 equals an independent grouping by 5-minute start; session alignment changes nothing at 5m', () => {
  const FIVE = 5 * MICROS_PER_MINUTE;
  const expected = group(
    ESZ3.bars,
    (s) => String(Math.floor(s / FIVE)),
    (s) => [Math.floor(s / FIVE) * FIVE, Math.floor(s / FIVE) * FIVE + FIVE],
  );
  const utcAligned = resample(ESZ3.bars, 'ESZ3.CME-5-MINUTE-LAST');
  assert.deepEqual(plain(utcAligned.out), expected);
  const sessionAligned = resample(ESZ3.bars, 'ESZ3.CME-5-MINUTE-LAST', { session: CME_GLOBEX_EQUITY });
  assert.equal(sessionAligned.dropped, 0, 'the file has no minute outside the Globex sessions');
  assert.deepEqual(plain(sessionAligned.out), expected);
  // A value by hand: the first 5 minutes of the file, 2013-10-06 22:00–22:05Z (17:00–17:05 CDT).
  assert.deepEqual(expected[0], {
    ...expected[0],
    open: 1676.75,
    tsOpen: microsFromIso('2013-10-06T22:00:00Z'),
    tsEvent: microsFromIso('2013-10-06T22:05:00Z'),
  });
});

test('1m → Globex daily bars: one per trade date 17:00–16:15 CT, stamped at the session close', () => {
  for (const series of [ESZ3, ESH0]) {
    const expected = group(series.bars, (s) => String(tradeDate(s)), sessionSpan);
    const { out } = resample(series.bars, `${series.barType.instrumentId}-1-DAY-LAST`, {
      session: CME_GLOBEX_EQUITY,
    });
    assert.deepEqual(plain(out), expected, series.barType.key);
  }
  const z3 = resample(ESZ3.bars, 'ESZ3.CME-1-DAY-LAST', { session: CME_GLOBEX_EQUITY }).out;
  // Trade date 2013-10-07 (Sunday 17:00 CDT → Monday 16:15 CDT), summed with awk from the CSV.
  assert.deepEqual(plain(z3.slice(0, 1)), [
    {
      open: 1676.75,
      high: 1679.5,
      low: 1666.5,
      close: 1667.5,
      volume: 790_575,
      tsOpen: microsFromIso('2013-10-06T22:00:00Z'),
      tsEvent: microsFromIso('2013-10-07T21:15:00Z'),
    },
  ]);
  // Trade date 2020-01-06 (Sunday 17:00 CST → Monday 16:00 CST, the 2015 era close).
  const h0 = resample(ESH0.bars, 'ESH0.CME-1-DAY-LAST', { session: CME_GLOBEX_EQUITY }).out;
  const jan6 = h0.find((b) => b.tsEvent === microsFromIso('2020-01-06T22:00:00Z'));
  assert.deepEqual(plain(jan6 ? [jan6] : []), [
    {
      open: 3220.25,
      high: 3249.5,
      low: 3208.75,
      close: 3242.75,
      volume: 1_397_596,
      tsOpen: microsFromIso('2020-01-05T23:00:00Z'),
      tsEvent: microsFromIso('2020-01-06T22:00:00Z'),
    },
  ]);
});

test('1m → 4h aligned to the Globex open (17:00, 21:00, 01:00 … CT), the 13:00 bar cut at 16:15', () => {
  const FOUR = 4 * MICROS_PER_HOUR;
  const expected = group(
    ESZ3.bars,
    (s) => {
      const [open] = sessionSpan(s);
      return `${open}:${Math.floor((s - open) / FOUR)}`;
    },
    (s) => {
      const [open, close] = sessionSpan(s);
      const start = open + Math.floor((s - open) / FOUR) * FOUR;
      return [start, Math.min(start + FOUR, close)];
    },
  );
  const { out } = resample(ESZ3.bars, 'ESZ3.CME-4-HOUR-LAST', { session: CME_GLOBEX_EQUITY });
  assert.deepEqual(plain(out), expected);
  const cut = out.find((b) => b.tsOpen === microsFromIso('2013-10-07T18:00:00Z')); // 13:00 CDT
  assert.equal(cut?.tsEvent, microsFromIso('2013-10-07T21:15:00Z'), 'the last bar ends at the close');
  // UTC alignment would start the bars at 00:00, 04:00 … UTC instead: a different set of bars.
  const utcBars = resample(ESZ3.bars, 'ESZ3.CME-4-HOUR-LAST').out;
  assert.ok(utcBars.some((b) => b.tsOpen === microsFromIso('2013-10-07T00:00:00Z')));
  assert.ok(!out.some((b) => b.tsOpen === microsFromIso('2013-10-07T00:00:00Z')));
});

test('bars of bars of bars: 1m → 5m → daily equals 1m → daily; a completed bar is emitted by its last input', () => {
  const direct = resample(ESZ3.bars, 'ESZ3.CME-1-DAY-LAST', { session: CME_GLOBEX_EQUITY }).out;
  const five = resample(ESZ3.bars, 'ESZ3.CME-5-MINUTE-LAST', { session: CME_GLOBEX_EQUITY }).out;
  const viaFive = resample(five, 'ESZ3.CME-1-DAY-LAST', { session: CME_GLOBEX_EQUITY }).out;
  assert.deepEqual(plain(viaFive), plain(direct));
  // No lookahead and no delay: the 5m bar [22:00, 22:05) is emitted by the 1m bar closing at 22:05.
  const seen: AggregatedBar[] = [];
  const r = new BarResampler(BarType.parse('ESZ3.CME-5-MINUTE-LAST'), (b) => seen.push(b));
  for (let i = 0; i < 5; i++) r.handleBar(ESZ3.bars[i]);
  assert.equal(seen.length, 1);
  assert.equal(seen[0].tsInit, microsFromIso('2013-10-06T22:05:00Z'));
});
