/**
 * Gaps against the session calendar: on the real ES minute bars the Globex halts, daily breaks and
 * weekends come out as closures, never as gaps; holidays are named; missing minutes inside open
 * hours are gaps, merged into runs (hand-computed on small synthetic series).
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { readBarsCsv } from '../../src/data/csv/index.js';
import { findGaps } from '../../src/data/gaps.js';
import { barSeriesFromCsv } from '../../src/data/load-bars.js';
import { CME_GLOBEX_EQUITY } from '../../src/model/sessions.js';

const MIN = 60_000_000;
const utc = (iso: string): number => Date.parse(iso) * 1000;
const iso = (us: number): string => new Date(us / 1000).toISOString();

describe('findGaps on the real ES minute bars (ESZ3, October 2013)', () => {
  const series = barSeriesFromCsv(
    readBarsCsv(new URL('../../data/es-minute-trade-bars-2013-2020.csv', import.meta.url).pathname),
  );
  const esz3 = series.find((s) => s.instrument.id === 'ESZ3.CME')!;
  // The week of 2013-10-07 … 10-11 (trade dates), as the file's first week.
  const week = esz3.bars.filter((b) => b.tsEvent <= utc('2013-10-11T21:15:00Z')).map((b) => b.tsEvent);
  const report = findGaps(week, MIN, CME_GLOBEX_EQUITY);

  test('every bar lies in a session; the halts and daily breaks are closures', () => {
    assert.equal(report.outsideSessions, 0);
    assert.equal(report.presentBars, week.length);
    // 2012–2015 era: halt 15:15–15:30 CT (20:15–20:30 UTC in CDT), break 16:15–17:00 CT.
    const halts = report.closures.filter((c) => c.reason === 'halt').map((c) => [iso(c.from), iso(c.to)]);
    assert.deepEqual(halts[0], ['2013-10-07T20:15:00.000Z', '2013-10-07T20:30:00.000Z']);
    const breaks = report.closures
      .filter((c) => c.reason === 'daily-break')
      .map((c) => [iso(c.from), iso(c.to)]);
    assert.deepEqual(breaks[0], ['2013-10-07T21:15:00.000Z', '2013-10-07T22:00:00.000Z']);
    // No gap starts inside a halt or a break.
    for (const gap of report.gaps)
      for (const c of report.closures)
        assert.ok(!(gap.from >= c.from && gap.from < c.to), `gap ${iso(gap.from)} in ${c.reason}`);
  });

  test('the weekend after the week is a closure, not a gap', () => {
    const twoWeeks = esz3.bars.filter((b) => b.tsEvent <= utc('2013-10-14T21:15:00Z')).map((b) => b.tsEvent);
    const r = findGaps(twoWeeks, MIN, CME_GLOBEX_EQUITY);
    const weekend = r.closures.find((c) => c.reason === 'weekend');
    assert.deepEqual(weekend && [iso(weekend.from), iso(weekend.to)], [
      '2013-10-11T21:15:00.000Z',
      '2013-10-13T22:00:00.000Z',
    ]);
    for (const gap of r.gaps) assert.ok(gap.from < weekend!.from || gap.from >= weekend!.to);
  });
});

describe('findGaps by hand', () => {
  test('missing minutes inside open hours are merged into runs', () => {
    // Monday 2023-12-18 trade date opens Sunday 17:00 CT = 23:00 UTC. Bars at 23:01, 23:02, 23:05.
    const open = utc('2023-12-17T23:00:00Z');
    const times = [open + MIN, open + 2 * MIN, open + 5 * MIN];
    const r = findGaps(times, MIN, CME_GLOBEX_EQUITY);
    // Slots [23:02, 23:03) and [23:03, 23:04): one gap of 2 bars; the data's span ends at 23:05.
    assert.deepEqual(
      r.gaps.map((g) => [iso(g.from), iso(g.to), g.missingBars]),
      [['2023-12-17T23:02:00.000Z', '2023-12-17T23:04:00.000Z', 2]],
    );
    assert.deepEqual([r.expectedBars, r.presentBars, r.outsideSessions], [5, 3, 0]);
  });

  test('a holiday between two sessions is named; a bar in the daily break is outside the sessions', () => {
    // Thanksgiving 2013 (Thu 11-28) is a CME holiday: the session before is Wed 11-27's (close
    // 16:15 CT = 22:15 UTC); the next trade date is Fri 11-29, whose session opens Wed 17:00 CT.
    const wedLast = utc('2013-11-27T22:15:00Z');
    const friFirst = utc('2013-11-27T23:01:00Z');
    const r = findGaps([wedLast, friFirst], MIN, CME_GLOBEX_EQUITY);
    assert.deepEqual(r.outsideSessions, 0);
    const between = r.closures.find((c) => c.from === wedLast);
    assert.equal(between?.reason, 'holiday');
    assert.match(between?.note ?? '', /Thanksgiving/);
    const inBreak = findGaps([wedLast, utc('2013-11-27T22:30:00Z'), friFirst], MIN, CME_GLOBEX_EQUITY);
    assert.equal(inBreak.outsideSessions, 1);
  });

  test('bad input', () => {
    assert.throws(() => findGaps([1], 0, CME_GLOBEX_EQUITY), /bar length must be positive/);
    assert.deepEqual(findGaps([], MIN, CME_GLOBEX_EQUITY).gaps, []);
  });
});
