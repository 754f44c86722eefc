/** Volume profile (pure) and VWAP through a real backtest following a hand-computed profile. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import {
  profileSteps,
  targetSchedule,
  volumeProfile,
  vwap,
} from '../../../src/execution/algorithms/index.js';
import { equity } from '../../../src/model/instruments.js';
import { MICROS_PER_DAY, MICROS_PER_MINUTE, microsFromIso } from '../../../src/model/time.js';
import { minuteBars, runAlgo } from './harness.js';

const ABC = equity({ symbol: 'ABC', venue: 'SIM' });
const MIN = MICROS_PER_MINUTE;
const DAY1_1431 = microsFromIso('2024-03-04T14:31:00Z'); // close of the 14:30 bar

/** Two days of 14:30, 14:31, 14:32 UTC bars: volumes 100/200/700 and 300/300/400. */
function history() {
  const row = (v: number) => [10, 10, 10, 10, v] as const;
  return [
    ...minuteBars(ABC, [row(100), row(200), row(700)], DAY1_1431),
    ...minuteBars(ABC, [row(300), row(300), row(400)], DAY1_1431 + MICROS_PER_DAY),
  ];
}

describe('volumeProfile', () => {
  test('mean share of daily volume per bucket: (0.1 + 0.3) / 2, (0.2 + 0.3) / 2, (0.7 + 0.4) / 2', () => {
    const profile = volumeProfile(history(), 1);
    assert.equal(profile.days, 2);
    assert.deepEqual(
      profile.buckets.map((b) => [b.startMinute, Number(b.share.toFixed(12))]),
      [
        [870, 0.2],
        [871, 0.25],
        [872, 0.55],
      ],
    );
  });

  test('buckets are local time in the given zone: 14:30–14:32 UTC is 09:30 New York (EST), one 30-minute bucket', () => {
    const profile = volumeProfile(history(), 30, 'America/New_York');
    assert.deepEqual(profile.buckets, [{ startMinute: 570, share: 1 }]);
  });

  test('a window starting mid-bucket weights that bucket by the part it covers', () => {
    const profile = volumeProfile(history(), 1);
    const start = microsFromIso('2024-03-06T14:30:30Z');
    const steps = profileSteps(profile, start, microsFromIso('2024-03-06T14:33:00Z'));
    assert.deepEqual(
      steps.map((s) => [s.time - start, Number(s.weight.toFixed(12))]),
      [
        [0, 0.1],
        [MIN / 2, 0.25],
        [MIN / 2 + MIN, 0.55],
      ],
    );
    // 20 × 0.1 / 0.9 = 2.2 → 2; 20 × 0.35 / 0.9 = 7.8 → 7; the last takes the rest.
    assert.deepEqual(
      targetSchedule(
        20,
        steps.map((s) => s.weight),
        ABC.sizeGrid,
      ),
      [2, 7, 20],
    );
  });
});

describe('VWAP', () => {
  test('20 over 14:30–14:33 with shares 0.2, 0.25, 0.55: children 4, 5, 11 at the bucket starts', () => {
    const profile = volumeProfile(history(), 1);
    const day3 = DAY1_1431 + 2 * MICROS_PER_DAY - MIN; // 2024-03-06 14:30
    const bars = minuteBars(
      ABC,
      [
        [10, 10.5, 9.5, 10, 1000],
        [11, 11.5, 10.5, 11, 1000],
        [12, 12.5, 11.5, 12, 1000],
        [13, 13.5, 12.5, 13, 1000],
        [14, 14.5, 13.5, 14, 1000],
      ],
      day3, // the first bar (14:29–14:30) closes at 14:30: the algorithm starts then
    );
    const { handle } = runAlgo({
      instrument: ABC,
      data: bars,
      launch: () =>
        vwap({ instrumentId: ABC.id, side: 'buy', quantity: 20, profile, endTime: day3 + 3 * MIN }),
    });
    assert.equal(handle.status, 'completed');
    assert.deepEqual(
      handle.children.map((c) => [c.quantity, c.tsInit - day3, c.averagePrice]),
      [
        [4, 0, 11],
        [5, MIN, 12],
        [11, 2 * MIN, 13],
      ],
    );
    // (4 × 11 + 5 × 12 + 11 × 13) / 20 = 12.35 against an arrival of 10 (bar 1's close).
    assert.equal(handle.averagePrice, 12.35);
    assert.equal(handle.report?.shortfall.execution, 47);
  });

  test('a window without profile volume is refused', () => {
    const profile = volumeProfile(history(), 1);
    assert.throws(
      () =>
        runAlgo({
          instrument: ABC,
          data: minuteBars(ABC, [[10, 10, 10, 10, 1]], DAY1_1431 + 2 * MICROS_PER_DAY + 60 * MIN),
          launch: () =>
            vwap({
              instrumentId: ABC.id,
              side: 'buy',
              quantity: 20,
              profile,
              endTime: DAY1_1431 + 2 * MICROS_PER_DAY + 90 * MIN,
            }),
        }),
      /no volume between start and end/,
    );
  });
});
