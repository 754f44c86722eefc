import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { continuousBars } from '../../src/data/continuous.js';
import { readBarsCsv } from '../../src/data/csv/index.js';
import { type BarSeries, barSeriesFromCsv } from '../../src/data/load-bars.js';
import {
  calendarRolls,
  contractAt,
  frontMonth,
  openInterestRolls,
  type Roll,
  utcDate,
  volumeRolls,
} from '../../src/data/rolls.js';
import { type Bar, BarType, bar } from '../../src/model/data.js';
import { futureContract } from '../../src/model/instruments.js';
import { isoFromMicros, MICROS_PER_MINUTE, microsFromIso } from '../../src/model/time.js';

const at = (iso: string): number => microsFromIso(iso);
const ES_FILE = new URL('../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname;
const ALL = barSeriesFromCsv(readBarsCsv(ES_FILE));
const series = (id: string): BarSeries => {
  const s = ALL.find((x) => x.instrument.id === id);
  if (!s) throw new Error(`no ${id}`);
  return s;
};
const Z3 = series('ESZ3.CME');
const H4 = series('ESH4.CME');

describe('front month and rolls on the real ES minute bars (Dec 2013)', () => {
  test('ESZ3 last trade is 2013-12-20 14:30Z, and its last bar closes then', () => {
    assert.equal(isoFromMicros(futureContract('ES', 2013, 12).expiry ?? 0), '2013-12-20T14:30:00.000Z');
    assert.equal(Z3.bars[Z3.bars.length - 1].tsEvent, at('2013-12-20T14:30:00Z'));
  });

  test('frontMonth by calendar: ESZ3 until its last trade, then ESH4', () => {
    assert.equal(frontMonth('ES', at('2013-12-02T15:00:00Z')).id, 'ESZ3.CME');
    assert.equal(frontMonth('ES', at('2013-12-20T14:29:59Z')).id, 'ESZ3.CME');
    assert.equal(frontMonth('ES', at('2013-12-20T14:30:00Z')).id, 'ESH4.CME');
    assert.equal(frontMonth('ES', at('2013-10-01T00:00:00Z')).id, 'ESZ3.CME');
    assert.equal(frontMonth('CL', at('2013-12-19T20:00:00Z')).id, 'CLG4.NYMEX');
    assert.equal(frontMonth('GC', at('2014-01-10T00:00:00Z')).id, 'GCG4.COMEX');
  });

  test('volume crossover: ESZ3 → ESH4 after 2013-12-02 and by the end of 2013-12-18', () => {
    for (const rolls of [volumeRolls([H4, Z3]), volumeRolls([Z3, H4], { day: utcDate })]) {
      assert.equal(rolls.length, 1);
      const [r] = rolls;
      assert.deepEqual([r.from, r.to, r.reason], ['ESZ3.CME', 'ESH4.CME', 'volume']);
      assert.ok(
        r.time > at('2013-12-03T00:00:00Z') && r.time <= at('2013-12-19T00:00:00Z'),
        isoFromMicros(r.time),
      );
      assert.equal(contractAt(rolls, at('2013-12-02T15:00:00Z')), 'ESZ3.CME');
      assert.equal(contractAt(rolls, at('2013-12-20T12:00:00Z')), 'ESH4.CME');
      assert.equal(r.gap, r.toPrice - r.fromPrice);
    }
    // Trade date 2013-12-18 ends 16:15 CT = 22:15Z; the pair is the last bars of that session.
    const [r] = volumeRolls([Z3, H4]);
    assert.deepEqual(
      [isoFromMicros(r.time), isoFromMicros(r.priceTime), r.fromPrice, r.toPrice, r.gap],
      ['2013-12-18T22:15:00.000Z', '2013-12-18T22:15:00.000Z', 1810.25, 1804, -6.25],
    );
  });

  test('calendar roll 8 business days before expiry: 2013-12-10 08:30 CT, priced on the latest same-time pair', () => {
    const [r] = calendarRolls([Z3, H4]);
    assert.equal(isoFromMicros(r.time), '2013-12-10T14:30:00.000Z');
    assert.equal(r.reason, 'calendar');
    // No bars 12-04 … 12-17 in the file, and ESH4 has none on 12-03: the pair is late on 12-02.
    assert.deepEqual(
      [isoFromMicros(r.priceTime), r.fromPrice, r.toPrice, r.gap],
      ['2013-12-02T23:51:00.000Z', 1800.75, 1794.75, -6],
    );
    assert.equal(
      isoFromMicros(calendarRolls([Z3, H4], { businessDays: 3 })[0].time),
      '2013-12-17T14:30:00.000Z',
    );
  });

  test('a chain that ends in the data before expiry makes no roll; unknown roots need an offset', () => {
    assert.deepEqual(volumeRolls([series('ESH0.CME'), series('ESM0.CME')]), []);
    assert.throws(() => calendarRolls([Z3, Z3]), /ESZ3.CME is given twice/);
    assert.throws(() => calendarRolls([Z3, H4], { businessDays: -1 }), RangeError);
  });

  test('open-interest crossover on the real LEAN open interest (ESZ3 2,799,542 vs ESH4 105,989 on 12-02)', () => {
    // Last observation of each day in LEAN's future/cme/minute/es/<date>_openinterest.zip
    // (ms since UTC midnight 52,920,000 / 52,980,000 = 14:42Z / 14:43Z).
    const oi = [
      { instrumentId: 'ESZ3.CME', tsEvent: at('2013-12-02T14:42:00Z'), openInterest: 2_799_542 },
      { instrumentId: 'ESH4.CME', tsEvent: at('2013-12-02T14:42:00Z'), openInterest: 105_989 },
      { instrumentId: 'ESZ3.CME', tsEvent: at('2013-12-18T14:43:00Z'), openInterest: 1_037_604 },
      { instrumentId: 'ESH4.CME', tsEvent: at('2013-12-18T14:43:00Z'), openInterest: 2_327_433 },
    ];
    const [r] = openInterestRolls([Z3, H4], oi);
    assert.equal(r.reason, 'open-interest');
    assert.equal(isoFromMicros(r.time), '2013-12-18T22:15:00.000Z');
  });
});

describe('continuous series across the Dec 2013 roll', () => {
  const rolls = volumeRolls([Z3, H4]);
  const [roll] = rolls;
  const none = continuousBars([Z3, H4], rolls, { adjustment: 'none' });
  const back = continuousBars([Z3, H4], rolls, { adjustment: 'additive' });
  const ratio = continuousBars([Z3, H4], rolls, { adjustment: 'ratio' });
  const rollIndex = none.sources.indexOf('ESH4.CME');

  test('segments: ESZ3 bars up to the roll, ESH4 after; ids and bar type', () => {
    assert.equal(
      none.bars.length,
      Z3.bars.filter((b) => b.tsEvent <= roll.time).length +
        H4.bars.filter((b) => b.tsEvent > roll.time).length,
    );
    assert.equal(none.bars[rollIndex - 1].tsEvent, roll.priceTime);
    assert.ok(none.bars[rollIndex].tsEvent > roll.time);
    assert.equal(back.barType.key, 'ES-CONT.CME-1-MINUTE-LAST');
    for (let i = 1; i < none.bars.length; i++) assert.ok(none.bars[i].tsEvent > none.bars[i - 1].tsEvent);
  });

  test('unadjusted jumps by the gap at the roll; back-adjusted does not', () => {
    const next = none.bars[rollIndex].close; // first ESH4 bar after the switch
    const h4AtPair = roll.toPrice;
    assert.equal(none.bars[rollIndex - 1].close, roll.fromPrice);
    assert.equal(next - none.bars[rollIndex - 1].close, next - h4AtPair + roll.gap);
    assert.equal(back.bars[rollIndex - 1].close, roll.toPrice);
    assert.equal(next - back.bars[rollIndex - 1].close, next - h4AtPair);
  });

  test('back-adjusted: latest segment is ESH4 exactly, history shifted by the gap on the tick grid', () => {
    const h4 = H4.bars.filter((b) => b.tsEvent > roll.time);
    assert.deepEqual(
      back.bars.slice(rollIndex).map((b) => [b.tsEvent, b.open, b.high, b.low, b.close, b.volume]),
      h4.map((b) => [b.tsEvent, b.open, b.high, b.low, b.close, b.volume]),
    );
    const grid = H4.instrument.priceGrid;
    for (let i = 0; i < rollIndex; i++) {
      assert.equal(back.bars[i].close, none.bars[i].close + roll.gap);
      assert.ok(grid.contains(back.bars[i].low) && grid.contains(back.bars[i].high));
    }
  });

  test('ratio-adjusted preserves returns within segments and meets ESH4 at the pair', () => {
    const f = roll.toPrice / roll.fromPrice;
    assert.equal(ratio.bars[rollIndex - 1].close, roll.fromPrice * f);
    assert.ok(Math.abs(ratio.bars[rollIndex - 1].close - roll.toPrice) < 1e-9);
    for (let i = 1; i < ratio.bars.length; i++) {
      if (i === rollIndex) continue;
      const adjusted = ratio.bars[i].close / ratio.bars[i - 1].close;
      const raw = none.bars[i].close / none.bars[i - 1].close;
      assert.ok(Math.abs(adjusted - raw) < 1e-12, `bar ${i}`);
    }
    assert.deepEqual(
      ratio.bars.slice(rollIndex).map((b) => b.close),
      H4.bars.filter((b) => b.tsEvent > roll.time).map((b) => b.close),
    );
  });

  test('a roll list that does not chain, or names a contract without bars, throws', () => {
    assert.throws(
      () => continuousBars([Z3], rolls, { adjustment: 'none' }),
      /no bars given for contract ESH4.CME/,
    );
    const broken: Roll[] = [roll, { ...roll, from: 'ESM4.CME', time: roll.time + 1 }];
    assert.throws(() => continuousBars([Z3, H4], broken, { adjustment: 'none' }), /starts from ESM4.CME/);
  });
});

describe('adjustment properties (synthetic contracts on a 0.25 grid)', () => {
  const contract = (year: number, month: number) => futureContract('ES', year, month);
  const makeSeries = (year: number, month: number, ticks: readonly number[], start: number): BarSeries => {
    const instrument = contract(year, month);
    const barType = BarType.of(instrument.id, 1, 'minute');
    const bars: Bar[] = ticks.map((t, i) => {
      const p = instrument.priceGrid.fromTicks(t);
      return bar(barType, p, p + 0.25, p - 0.25, p, 1, start + (i + 1) * MICROS_PER_MINUTE);
    });
    return { instrument, barType, bars };
  };
  const walk = fc.array(fc.integer({ min: -8, max: 8 }), { minLength: 6, maxLength: 60 });
  const start = at('2013-12-02T00:00:00Z');

  test('property: back-adjusted differences equal unadjusted ones except at rolls; ratio keeps returns', () => {
    fc.assert(
      fc.property(
        walk,
        fc.integer({ min: -400, max: 400 }),
        fc.integer({ min: 1, max: 1000 }),
        (steps, spread, cut) => {
          const base = 7200;
          const a: number[] = [];
          let level = base;
          for (const step of steps) {
            level += step;
            a.push(level);
          }
          const b = a.map((t, i) => t + spread + (i % 3));
          const s1 = makeSeries(2013, 12, a, start);
          const s2 = makeSeries(2014, 3, b, start);
          const rollAt = s1.bars[cut % (s1.bars.length - 1)].tsEvent;
          const fromPrice = s1.bars.find((x) => x.tsEvent === rollAt)?.close ?? Number.NaN;
          const toPrice = s2.bars.find((x) => x.tsEvent === rollAt)?.close ?? Number.NaN;
          const priced: Roll = {
            time: rollAt,
            from: s1.instrument.id,
            to: s2.instrument.id,
            priceTime: rollAt,
            fromPrice,
            toPrice,
            gap: s1.instrument.priceGrid.round(toPrice - fromPrice),
            reason: 'calendar',
          };
          const none = continuousBars([s1, s2], [priced], { adjustment: 'none' });
          const back = continuousBars([s1, s2], [priced], { adjustment: 'additive' });
          const ratio = continuousBars([s1, s2], [priced], { adjustment: 'ratio' });
          const k = none.sources.indexOf(s2.instrument.id);
          for (let i = 1; i < none.bars.length; i++) {
            const dNone = none.bars[i].close - none.bars[i - 1].close;
            const dBack = back.bars[i].close - back.bars[i - 1].close;
            if (i === k) assert.equal(dNone - dBack, priced.gap);
            else assert.ok(Math.abs(dNone - dBack) < 1e-9);
            if (i !== k) {
              const rNone = none.bars[i].close / none.bars[i - 1].close;
              const rRatio = ratio.bars[i].close / ratio.bars[i - 1].close;
              assert.ok(Math.abs(rNone - rRatio) < 1e-12);
            }
          }
          assert.equal(back.bars[k - 1].close, priced.toPrice);
        },
      ),
      { numRuns: 200 },
    );
  });
});
