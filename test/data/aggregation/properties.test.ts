import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import {
  type AggregatedBar,
  BarResampler,
  TickBarAggregator,
  TimeBarAggregator,
  type TimeBarOptions,
  ValueBarAggregator,
  VolumeBarAggregator,
} from '../../../src/data/aggregation/index.js';
import { BarType } from '../../../src/model/data.js';
import { CME_GLOBEX_EQUITY } from '../../../src/model/sessions.js';
import { MICROS_PER_MINUTE, microsFromIso } from '../../../src/model/time.js';

type Tick = { price: number; size: number; ts: number };

const START = microsFromIso('2016-03-06T20:00:00Z'); // Sunday before the Globex open, 2015 era (halt 15:15–15:30)
/** Saturday before the US spring-forward (2016-03-13 02:00 local): local hour bars change length. */
const DST_WEEKEND = microsFromIso('2016-03-12T20:00:00Z');

/** Ticks shaped like ES trades: quarter-point prices, integer sizes, sorted times (ties allowed). */
const ticksArb = (start: number, maxGapMicros: number) =>
  fc
    .tuple(
      fc.constantFrom(start, DST_WEEKEND),
      fc.array(
        fc.record({
          ticks: fc.integer({ min: 12_000, max: 12_100 }),
          size: fc.integer({ min: 1, max: 40 }),
          gap: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: maxGapMicros })),
        }),
        { minLength: 1, maxLength: 300 },
      ),
    )
    .map(([first, rows]) => {
      let ts = first;
      return rows.map((r): Tick => {
        ts += r.gap;
        return { price: r.ticks * 0.25, size: r.size, ts };
      });
    });

function timeBars(ticks: readonly Tick[], type: string, options: TimeBarOptions = {}) {
  const out: AggregatedBar[] = [];
  const agg = new TimeBarAggregator(BarType.parse(type), (b) => out.push(b), options);
  for (const t of ticks) agg.update(t.price, t.size, t.ts);
  agg.flush();
  return { out, dropped: agg.dropped };
}

function resampled(bars: readonly AggregatedBar[], type: string, options: TimeBarOptions = {}) {
  const out: AggregatedBar[] = [];
  const r = new BarResampler(BarType.parse(type), (b) => out.push(b), options);
  for (const b of bars) r.handleBar(b);
  r.flush();
  return out;
}

const sum = (xs: readonly { volume: number }[]) => xs.reduce((s, x) => s + x.volume, 0);
const ohlcv = (bars: readonly AggregatedBar[]) =>
  bars.map((b) => [b.open, b.high, b.low, b.close, b.volume, b.tsOpen, b.tsEvent]);

function wellFormed(bars: readonly AggregatedBar[]): void {
  let last = Number.NEGATIVE_INFINITY;
  for (const b of bars) {
    assert.ok(b.high >= Math.max(b.open, b.close), 'high ≥ max(open, close)');
    assert.ok(b.low <= Math.min(b.open, b.close), 'low ≤ min(open, close)');
    assert.ok(b.tsOpen <= b.tsEvent && b.tsInit >= b.tsEvent);
    assert.ok(b.tsEvent >= last, 'bars come in time order');
    last = b.tsEvent;
  }
}

const OPTIONS: [string, TimeBarOptions][] = [
  ['utc', {}],
  ['new-york', { timeZone: 'America/New_York' }],
  ['globex', { session: CME_GLOBEX_EQUITY }],
];

test('time bars: volume is conserved (skip and carry-forward), OHLC well formed, every tick inside its bar', () => {
  fc.assert(
    fc.property(
      ticksArb(START, 20 * MICROS_PER_MINUTE),
      fc.constantFrom(
        'ESH6.CME-1-MINUTE-LAST',
        'ESH6.CME-7-MINUTE-LAST',
        'ESH6.CME-3-HOUR-LAST',
        'ESH6.CME-1-DAY-LAST',
      ),
      fc.constantFrom(...OPTIONS),
      fc.constantFrom<'skip' | 'carry-forward'>('skip', 'carry-forward'),
      (ticks, type, [, alignment], policy) => {
        const { out, dropped } = timeBars(ticks, type, { ...alignment, emptyIntervals: policy });
        wellFormed(out);
        let kept = 0;
        let keptCount = 0;
        for (const t of ticks) {
          const bar = out.find((b) => t.ts >= b.tsOpen && t.ts < b.tsEvent);
          if (bar === undefined) continue; // between sessions
          kept += t.size;
          keptCount++;
          assert.ok(t.price <= bar.high && t.price >= bar.low);
        }
        assert.equal(keptCount + dropped, ticks.length);
        assert.equal(sum(out), kept);
        if (alignment.session === undefined) assert.equal(dropped, 0);
        if (policy === 'skip') assert.ok(out.every((b) => b.volume > 0));
      },
    ),
    { numRuns: 150 },
  );
});

test('bars of bars equal bars built directly from the ticks (1m → 5m, 1h, 1d; UTC, New York, Globex)', () => {
  fc.assert(
    fc.property(
      ticksArb(START, 10 * MICROS_PER_MINUTE),
      fc.constantFrom(...OPTIONS),
      (ticks, [, alignment]) => {
        const minute = timeBars(ticks, 'ESH6.CME-1-MINUTE-LAST', alignment).out;
        for (const type of ['ESH6.CME-5-MINUTE-LAST', 'ESH6.CME-1-HOUR-LAST', 'ESH6.CME-1-DAY-LAST']) {
          const direct = timeBars(ticks, type, alignment).out;
          assert.deepEqual(ohlcv(resampled(minute, type, alignment)), ohlcv(direct), type);
        }
        // and in two steps: 1m → 5m → 1h
        const five = resampled(minute, 'ESH6.CME-5-MINUTE-LAST', alignment);
        assert.deepEqual(
          ohlcv(resampled(five, 'ESH6.CME-1-HOUR-LAST', alignment)),
          ohlcv(timeBars(ticks, 'ESH6.CME-1-HOUR-LAST', alignment).out),
        );
      },
    ),
    { numRuns: 150 },
  );
});

test('tick, volume and value bars: volume conserved, OHLC well formed, bars of exactly N', () => {
  fc.assert(
    fc.property(
      ticksArb(START, 5_000_000),
      fc.integer({ min: 1, max: 20 }),
      fc.integer({ min: 1, max: 60 }),
      (ticks, n, units) => {
        const total = sum(ticks.map((t) => ({ volume: t.size })));
        const tick: AggregatedBar[] = [];
        const vol: AggregatedBar[] = [];
        const val: AggregatedBar[] = [];
        const a = new TickBarAggregator(BarType.parse(`ESH6.CME-${n}-TICK-LAST`), (b) => tick.push(b));
        const b = new VolumeBarAggregator(BarType.parse(`ESH6.CME-${units}-VOLUME-LAST`), (x) => vol.push(x));
        const c = new ValueBarAggregator('ESH6.CME', units * 150_000, 'last', (x) => val.push(x), {
          multiplier: 50,
        });
        for (const t of ticks) {
          a.update(t.price, t.size, t.ts);
          b.update(t.price, t.size, t.ts);
          c.update(t.price, t.size, t.ts);
        }
        const full = [tick.length, vol.length, val.length];
        a.flush();
        b.flush();
        c.flush();
        for (const bars of [tick, vol, val]) {
          wellFormed(bars);
          assert.equal(sum(bars), total);
        }
        assert.equal(full[0], Math.floor(ticks.length / n));
        assert.ok(vol.slice(0, full[1]).every((x) => x.volume === units));
        assert.equal(full[1], Math.floor(total / units));
      },
    ),
    { numRuns: 200 },
  );
});
