import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BacktestEngine } from '../../src/backtest/engine.js';
import type { BacktestResult } from '../../src/backtest/result.js';
import { readBarsCsv } from '../../src/data/csv/index.js';
import { type BarSeries, barSeriesFromCsv } from '../../src/data/load-bars.js';
import { type Bar, BarType, bar } from '../../src/model/data.js';
import { futureContract, type Instrument } from '../../src/model/instruments.js';
import type { Order } from '../../src/model/order.js';
import { CME_GLOBEX_EQUITY } from '../../src/model/sessions.js';
import { MICROS_PER_DAY, MICROS_PER_MINUTE, microsFromIso } from '../../src/model/time.js';
import {
  EsOpeningRange,
  type EsOpeningRangeParams,
  esOpeningRangeDefinition,
  esOpeningRangeParameters,
} from '../../src/strategy/samples/es-opening-range.js';

const MIN = MICROS_PER_MINUTE;
const utc = (iso: string): number => microsFromIso(iso);
const ES_FILE = fileURLToPath(new URL('../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url));

interface Run {
  readonly result: BacktestResult;
  readonly orders: Order[];
  readonly strategy: EsOpeningRange;
}

function run(
  instrument: Instrument,
  barType: BarType,
  bars: Bar[],
  params: Partial<EsOpeningRangeParams> = {},
): Run {
  const engine = new BacktestEngine({
    venues: [
      {
        name: 'CME',
        accountType: 'margin',
        startingCash: 100_000,
        commission: { kind: 'per-unit', amount: 2.5 },
      },
    ],
  });
  engine.addInstrument(instrument);
  engine.addData(bars);
  const strategy = new EsOpeningRange('ORB', esOpeningRangeParameters.parse(params), instrument, barType);
  engine.addStrategy(strategy);
  const result = engine.run();
  return { result, orders: engine.kernel.cache.orders(), strategy };
}

// ---------------------------------------------------------------------------------------------
// Hand-made minute bars on Tuesday 2013-10-08 (CDT, UTC-5): the cash open is 13:30Z, the range
// 13:30–14:00Z, the Globex close 21:15Z (16:15 CDT), so the default flatten time is 21:00Z.
// ---------------------------------------------------------------------------------------------

const ESZ3 = futureContract('ES', 2013, 12);
const ESZ3_BARS = BarType.of(ESZ3.id, 1, 'minute');

type Ohlc = readonly [open: number, high: number, low: number, close: number];

/** The range: 1695–1705 (one bar to 1705, one to 1695), everything else flat at 1700. */
const RANGE: Record<string, Ohlc> = {
  '13:40': [1700, 1705, 1700, 1700],
  '13:50': [1700, 1700, 1695, 1700],
};

/**
 * Minute bars of a UTC date whose *open* times run from `from` to `to` (exclusive, HH:MM). A bar
 * listed in `moves` is used as given; the others are flat at the last close. Skipped minutes
 * (`gaps`) have no bar, as in real data.
 */
function dayBars(
  moves: Record<string, Ohlc>,
  opts: { date?: string; from?: string; to?: string; start?: number; gaps?: readonly string[] } = {},
): Bar[] {
  const date = opts.date ?? '2013-10-08';
  const first = utc(`${date}T${opts.from ?? '12:00'}Z`);
  const last = utc(`${date}T${opts.to ?? '21:15'}Z`);
  const gaps = new Set(opts.gaps ?? []);
  const all = { ...RANGE, ...moves };
  const out: Bar[] = [];
  let level = opts.start ?? 1700;
  for (let t = first; t < last; t += MIN) {
    const hhmm = new Date(t / 1000).toISOString().slice(11, 16);
    if (gaps.has(hhmm)) continue;
    const m = all[hhmm] ?? [level, level, level, level];
    out.push(bar(ESZ3_BARS, m[0], m[1], m[2], m[3], 10, t + MIN));
    level = m[3];
  }
  return out;
}

function fillsOf(r: Run): Array<[string, string, number]> {
  return r.result.fills.map((f) => [new Date(f.time / 1000).toISOString().slice(11, 16), f.side, f.price]);
}

function byTag(r: Run, tag: string): Order[] {
  return r.orders.filter((o) => o.tags.includes(tag));
}

describe('es-opening-range on hand-made bars', () => {
  test('a close above the range buys; the stop waits at the range low; flat 15 minutes before the close', () => {
    const r = run(ESZ3, ESZ3_BARS, dayBars({ '14:10': [1700, 1706, 1700, 1706] }));
    // Signal on the bar closing 14:11; market orders fill at the next bar's open.
    assert.deepEqual(fillsOf(r), [
      ['14:11', 'buy', 1706],
      ['21:00', 'sell', 1706],
    ]);
    const [stop] = byTag(r, 'stop');
    assert.equal(byTag(r, 'stop').length, 1);
    assert.equal(stop.type, 'stop-market');
    assert.equal(stop.side, 'sell');
    assert.equal(stop.triggerPrice, 1695);
    assert.equal(stop.reduceOnly, true);
    assert.equal(stop.status, 'canceled', 'the stop is canceled once flat');
    assert.equal(byTag(r, 'target').length, 0, 'no take-profit by default');
    assert.equal(r.result.positions[0].quantity, 0);
    assert.equal(r.strategy.currentDay?.high, 1705);
    assert.equal(r.strategy.currentDay?.low, 1695);
  });

  test('a close below the range sells; the stop at the range high exits; one trade per day by default', () => {
    const r = run(
      ESZ3,
      ESZ3_BARS,
      dayBars({
        '14:10': [1700, 1700, 1694, 1694],
        '15:00': [1694, 1706, 1694, 1704], // trades through 1705: the buy stop fills at its trigger
        '16:00': [1696, 1710, 1696, 1710], // a new breakout, but the day's trade is used
      }),
    );
    assert.deepEqual(fillsOf(r), [
      ['14:11', 'sell', 1694],
      ['15:00', 'buy', 1705],
    ]);
    assert.equal(r.result.trades.length, 1);
    assert.equal(r.result.trades[0].direction, 'short');
    assert.equal(r.result.trades[0].grossPnl, -550);
    const [stop] = byTag(r, 'stop');
    assert.equal(stop.side, 'buy');
    assert.equal(stop.triggerPrice, 1705);
    assert.equal(stop.status, 'filled');
  });

  test('no entry inside the range, on a close equal to its edge, or from bars in the range window', () => {
    const r = run(
      ESZ3,
      ESZ3_BARS,
      dayBars({
        '13:35': [1700, 1704, 1700, 1704], // inside the window: builds the range, never trades
        '14:10': [1700, 1705, 1700, 1705], // equal to the high: no breakout
        '14:20': [1705, 1705, 1695, 1695], // equal to the low: no breakout
      }),
    );
    assert.equal(r.orders.length, 0);
  });

  test('take-profit at targetMultiple × range height from the fill; the stop is canceled when it fills', () => {
    const r = run(
      ESZ3,
      ESZ3_BARS,
      dayBars({ '14:10': [1700, 1706, 1700, 1706], '15:00': [1706, 1717, 1706, 1712] }),
      { targetMultiple: 1 },
    );
    assert.deepEqual(fillsOf(r), [
      ['14:11', 'buy', 1706],
      ['15:00', 'sell', 1716],
    ]);
    const [target] = byTag(r, 'target');
    assert.equal(target.type, 'limit');
    assert.equal(target.price, 1716);
    assert.equal(byTag(r, 'stop')[0].status, 'canceled');
  });

  test('a second trade needs maxTradesPerDay >= 2 and a close back inside the range first', () => {
    const moves: Record<string, Ohlc> = {
      '14:10': [1700, 1706, 1700, 1706],
      '15:00': [1706, 1717, 1706, 1712], // target 1716 fills; 1712 is still above the range
      '15:30': [1712, 1714, 1710, 1713], // above the range again, but not re-armed yet
      '16:00': [1713, 1713, 1704, 1704], // back inside: re-arms the long side
      '16:30': [1704, 1708, 1704, 1708], // breaks out again
    };
    const two = run(ESZ3, ESZ3_BARS, dayBars(moves), { targetMultiple: 1, maxTradesPerDay: 2 });
    assert.deepEqual(fillsOf(two), [
      ['14:11', 'buy', 1706],
      ['15:00', 'sell', 1716],
      ['16:31', 'buy', 1708],
      ['21:00', 'sell', 1708],
    ]);
    const one = run(ESZ3, ESZ3_BARS, dayBars(moves), { targetMultiple: 1 });
    assert.equal(one.result.fills.length, 2);
  });

  test('a late position is flattened at the flat time and nothing is entered after it', () => {
    const r = run(
      ESZ3,
      ESZ3_BARS,
      dayBars({ '20:50': [1700, 1706, 1700, 1706], '21:05': [1706, 1712, 1706, 1712] }),
      { maxTradesPerDay: 3 },
    );
    assert.deepEqual(fillsOf(r), [
      ['20:51', 'buy', 1706],
      ['21:00', 'sell', 1706],
    ]);
    assert.ok(byTag(r, 'flatten').length === 1);
  });

  test('the flat-time alert flattens even when no bar closes at that time', () => {
    const gaps = ['20:56', '20:57', '20:58', '20:59', '21:00', '21:01', '21:02', '21:03', '21:04'];
    const r = run(ESZ3, ESZ3_BARS, dayBars({ '14:10': [1700, 1706, 1700, 1706] }, { gaps }));
    // The alert at 21:00 sends the close; the next bar (21:05) fills it at its open.
    assert.deepEqual(fillsOf(r), [
      ['14:11', 'buy', 1706],
      ['21:05', 'sell', 1706],
    ]);
  });

  test('flatMinutesBeforeClose moves the flat time', () => {
    const r = run(ESZ3, ESZ3_BARS, dayBars({ '14:10': [1700, 1706, 1700, 1706] }), {
      flatMinutesBeforeClose: 60,
    });
    assert.deepEqual(fillsOf(r).at(-1), ['20:15', 'sell', 1706]);
  });

  test('an entry still pending at the flat time never leaves a position', () => {
    const r = run(ESZ3, ESZ3_BARS, dayBars({ '20:58': [1700, 1706, 1700, 1706] }));
    const [entry] = byTag(r, 'entry-long');
    assert.ok(entry.isTerminal);
    assert.equal(r.result.positions[0]?.quantity ?? 0, 0);
    for (const f of r.result.fills) assert.ok(f.time <= utc('2013-10-08T21:01Z'));
  });

  test('no trade when the strategy starts after the range began', () => {
    const r = run(ESZ3, ESZ3_BARS, dayBars({ '14:10': [1700, 1706, 1700, 1706] }, { from: '13:45' }));
    assert.equal(r.orders.length, 0);
  });

  test('no trade on the expiry day: ESZ3 stops at 09:30 New York, before the range ends', () => {
    const r = run(ESZ3, ESZ3_BARS, dayBars({ '15:10': [1700, 1712, 1700, 1712] }, { date: '2013-12-20' }));
    assert.equal(r.orders.length, 0);
  });

  test('the Dec 2013 (CST) close is 22:15Z, so the flat time is 22:00Z', () => {
    const bars = dayBars(
      {
        '14:30': [1700, 1705, 1700, 1700],
        '14:40': [1700, 1700, 1695, 1700],
        '15:10': [1700, 1700, 1690, 1690],
      },
      { date: '2013-12-03', from: '13:00', to: '22:15' },
    );
    const r = run(ESZ3, ESZ3_BARS, bars);
    // The 13:40/13:50 range bars of the default moves sit before the 14:30Z cash open here.
    assert.deepEqual(fillsOf(r), [
      ['15:11', 'sell', 1690],
      ['22:00', 'buy', 1690],
    ]);
  });
});

describe('es-opening-range parameters and definition', () => {
  test('defaults, descriptions and validation', () => {
    const defaults = esOpeningRangeParameters.parse({});
    assert.deepEqual(defaults, {
      rangeMinutes: 30,
      maxTradesPerDay: 1,
      targetMultiple: 0,
      flatMinutesBeforeClose: 15,
      quantity: 1,
    });
    for (const [key, field] of Object.entries(esOpeningRangeParameters.shape)) {
      assert.ok(field.description, `${key} has a description`);
    }
    assert.equal(esOpeningRangeParameters.safeParse({ rangeMinutes: 0 }).success, false);
    assert.equal(esOpeningRangeParameters.safeParse({ flatMinutesBeforeClose: 0 }).success, false);
    assert.equal(esOpeningRangeParameters.safeParse({ targetMultiple: -1 }).success, false);
    assert.equal(esOpeningRangeParameters.safeParse({ maxTradesPerDay: 1.5 }).success, false);
    assert.equal(esOpeningRangeDefinition.name, 'es-opening-range');
  });
});

// ---------------------------------------------------------------------------------------------
// The real ES minute bars (QuantConnect LEAN sample data, UTC): Oct–Dec 2013 and Jan 2020.
// ---------------------------------------------------------------------------------------------

const ALL_SERIES: BarSeries[] = barSeriesFromCsv(readBarsCsv(ES_FILE));

function series(symbol: string): BarSeries {
  const s = ALL_SERIES.find((x) => x.instrument.symbol === symbol);
  assert.ok(s, `${symbol} in ${ES_FILE}`);
  return s;
}

function runReal(s: BarSeries, params: Partial<EsOpeningRangeParams> = {}): Run {
  return run(s.instrument, s.barType, s.bars, params);
}

/** The invariants every run on real data must keep. */
function checkIntraday(s: BarSeries, r: Run, maxTradesPerDay: number): void {
  const fills = r.result.fills;
  const grid = s.instrument.priceGrid;
  for (const f of fills) {
    assert.ok(
      grid.contains(f.price) && Number.isInteger(f.price * 4),
      `fill price ${f.price} on the 0.25 grid`,
    );
    assert.ok(
      CME_GLOBEX_EQUITY.isOpen(f.time),
      `fill at ${new Date(f.time / 1000).toISOString()} while Globex trades`,
    );
  }
  // Position replayed from the fills: flat at every session close in the data's span.
  const first = s.bars[0].tsEvent;
  const last = s.bars[s.bars.length - 1].tsEvent;
  const sessions = CME_GLOBEX_EQUITY.sessionsBetween(first - MICROS_PER_DAY, last + MIN);
  assert.ok(sessions.length > 0);
  const entriesByDate = new Map<string, number>();
  let position = 0;
  let i = 0;
  for (const session of sessions) {
    for (; i < fills.length && fills[i].time < session.close; i++) {
      const before = position;
      position += (fills[i].side === 'buy' ? 1 : -1) * fills[i].quantity;
      if (before === 0 && position !== 0) {
        const date = CME_GLOBEX_EQUITY.sessionDate(fills[i].time);
        assert.equal(date, session.date, 'an entry belongs to the session it happens in');
        entriesByDate.set(date, (entriesByDate.get(date) ?? 0) + 1);
      }
    }
    assert.equal(position, 0, `flat at the ${session.date} close`);
  }
  assert.equal(i, fills.length, 'every fill falls inside a session');
  for (const [date, n] of entriesByDate) assert.ok(n <= maxTradesPerDay, `${n} entries on ${date}`);
  // Closed trades open and close within one session.
  for (const t of r.result.trades) {
    assert.equal(CME_GLOBEX_EQUITY.sessionDate(t.entryTime), CME_GLOBEX_EQUITY.sessionDate(t.exitTime));
    assert.ok(t.exitTime < CME_GLOBEX_EQUITY.closeOf(t.entryTime));
  }
  // The equity curve's exposure flag is 0 at the last sample before each close.
  const { time, inMarket } = r.result.equity;
  for (const session of sessions) {
    let k = -1;
    for (let j = 0; j < time.length && time[j] <= session.close; j++) k = j;
    if (k >= 0 && time[k] >= session.open)
      assert.equal(inMarket[k], 0, `out of the market by the ${session.date} close`);
  }
  assert.ok(
    r.result.positions.every((p) => p.quantity === 0),
    'flat at the end',
  );
}

describe('es-opening-range on the real ES minute bars', () => {
  const front = [...ALL_SERIES].sort((a, b) => b.bars.length - a.bars.length)[0];

  test('the front contract by bar count is ESZ3', () => {
    assert.equal(front.instrument.id, 'ESZ3.CME');
  });

  test('ESZ3, defaults: trades, flat at every close, fills on the grid, one entry a day, deterministic', () => {
    const a = runReal(front);
    const b = runReal(front);
    assert.ok(a.result.trades.length > 0, 'it trades');
    checkIntraday(front, a, 1);
    assert.deepEqual(a.result.fills, b.result.fills, 'two runs, the same fills');
    assert.deepEqual(a.result.trades, b.result.trades);
    assert.equal(a.result.finalValue, b.result.finalValue);
  });

  test('ESZ3 with a take-profit and two trades a day keeps the same invariants', () => {
    const r = runReal(front, { targetMultiple: 1, maxTradesPerDay: 2 });
    assert.ok(r.result.trades.length > 0);
    checkIntraday(front, r, 2);
    assert.ok(
      byTag(r, 'target').some((o) => o.status === 'filled'),
      'some targets fill',
    );
    assert.ok(
      byTag(r, 'stop').some((o) => o.status === 'filled'),
      'some stops fill',
    );
  });

  test('ESH0 in Jan 2020 (16:00 CT close): flat by 21:45Z', () => {
    const s = series('ESH0');
    const r = runReal(s);
    checkIntraday(s, r, 1);
    for (const f of r.result.fills) assert.ok(f.time <= utc('2020-01-06T21:45Z'));
  });
});
