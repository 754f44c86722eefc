/**
 * Accounting invariants of the whole booking path (ExecutionEngine → Portfolio → Account, Position,
 * RoundTripTracker) on random fills and bars with on-grid prices, for a stock in a cash account and
 * ES futures in a margin account.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { equity, futureContract, type Instrument } from '../../src/model/instruments.js';
import { MICROS_PER_DAY, MICROS_PER_HOUR } from '../../src/model/time.js';
import {
  assertCents,
  fillArbitrary,
  netQuantity,
  pnlFromFills,
  segmentNetPnl,
  segmentsFromFills,
  type TestFill,
  totalCommission,
} from '../support/fills.js';
import { bookFill, feedBar, type Harness, makeHarness } from '../support/kernel-harness.js';

const START = 1_000_000;
const AAPL = equity({ symbol: 'AAPL', venue: 'SIM' });
const ES = futureContract('ES', 2025, 12, { initialMargin: 20_000 });

interface Case {
  readonly name: string;
  readonly instrument: Instrument;
  readonly accountType: 'cash' | 'margin';
  readonly tick: number;
  readonly center: number;
}
const CASES: readonly Case[] = [
  {
    name: 'stock-like AAPL, cash account',
    instrument: AAPL,
    accountType: 'cash',
    tick: 0.01,
    center: 15_000,
  },
  {
    name: 'futures-like ESZ5, margin account',
    instrument: ES,
    accountType: 'margin',
    tick: 0.25,
    center: 24_000,
  },
];

/** A step of a run: a fill, or a bar whose close marks the position (minute or daily bars). */
type Step =
  | { kind: 'fill'; fill: TestFill }
  | { kind: 'bar'; closeTicks: number; daily: boolean; gapHours: number };

function stepArbitrary(c: Case, perUnitFee: boolean): fc.Arbitrary<Step> {
  const fill = fillArbitrary(c.center).map((f) =>
    perUnitFee ? { ...f, commissionCents: f.quantity * (f.commissionCents % 300) } : f,
  );
  return fc.oneof(
    { weight: 3, arbitrary: fill.map((f) => ({ kind: 'fill' as const, fill: f })) },
    {
      weight: 2,
      arbitrary: fc.record({
        kind: fc.constant('bar' as const),
        closeTicks: fc.integer({ min: c.center - 300, max: c.center + 300 }),
        daily: fc.boolean(),
        gapHours: fc.integer({ min: 0, max: 30 }),
      }),
    },
  );
}

interface RunResult {
  readonly h: Harness;
  readonly fills: TestFill[];
  /** Price of the latest fill or bar: where the position is marked. */
  readonly markTicks: number;
}

/** Runs the steps through a fresh kernel, checking `each` after every step. */
function run(
  c: Case,
  steps: readonly Step[],
  fees = true,
  each?: (r: RunResult, step: Step) => void,
): RunResult {
  const h = makeHarness({
    instruments: [c.instrument],
    accountType: c.accountType,
    startingCash: START,
    withExchange: false,
  });
  const fills: TestFill[] = [];
  let markTicks = c.center;
  for (const step of steps) {
    if (step.kind === 'fill') {
      const f = step.fill;
      bookFill(h, c.instrument, f.side, f.quantity, f.ticks * c.tick, fees ? f.commissionCents / 100 : 0);
      fills.push(f);
      markTicks = f.ticks;
    } else {
      const p = step.closeTicks * c.tick;
      const ts = h.clock.now() + step.gapHours * MICROS_PER_HOUR + 1;
      feedBar(h, c.instrument, [p, p, p, p], { ts, aggregation: step.daily ? 'day' : 'minute' });
      markTicks = step.closeTicks;
    }
    each?.({ h, fills, markTicks }, step);
  }
  return { h, fills, markTicks };
}

const runs = (c: Case, perUnitFee = false) =>
  fc.array(stepArbitrary(c, perUnitFee), { minLength: 1, maxLength: 40 });

for (const c of CASES) {
  const m = c.instrument.multiplier;
  const margin = c.instrument.kind === 'future' ? c.instrument.initialMargin : 0;
  const feesOf = (fills: readonly TestFill[], fees = true) => (fees ? totalCommission(fills) : 0);

  describe(`portfolio accounting: ${c.name}`, () => {
    test('cash + position value = equity = start + P&L of the fills − fees, after every step', () => {
      fc.assert(
        fc.property(runs(c), (steps) => {
          run(c, steps, true, ({ h, fills, markTicks }) => {
            const { account, kernel } = h;
            const q = netQuantity(fills);
            const last = markTicks * c.tick;
            assert.equal(kernel.portfolio.netPosition(c.instrument.id), q);
            assert.equal(account.quantity(c.instrument.id), q);
            const expected = START + pnlFromFills(fills, c.tick, m, last) - feesOf(fills);
            assertCents(account.equity, expected, 'equity');
            assertCents(kernel.portfolio.totalEquity(), expected, 'portfolio total equity');
            if (c.accountType === 'cash')
              assertCents(account.balance + q * last * m, account.equity, 'cash + holdings');
            assertCents(account.freeCash, account.balance - Math.abs(q) * margin, 'free cash');
          });
        }),
        { numRuns: 300 },
      );
    });

    test('equity = start + position realised + unrealised P&L − commissions', () => {
      fc.assert(
        fc.property(runs(c), (steps) => {
          const { h, fills, markTicks } = run(c, steps);
          const position = h.kernel.cache.position(c.instrument.id);
          if (!position) return;
          const last = markTicks * c.tick;
          const fromPosition =
            START + position.realizedPnl + position.unrealizedPnl(last) - position.commissions;
          assertCents(h.account.equity, fromPosition, 'equity vs position');
          assertCents(position.commissions, totalCommission(fills), 'position commissions');
          assertCents(
            position.realizedPnl + position.unrealizedPnl(last),
            pnlFromFills(fills, c.tick, m, last),
            'position P&L',
          );
        }),
        { numRuns: 300 },
      );
    });

    test('commissions lower equity by exactly their sum', () => {
      fc.assert(
        fc.property(runs(c), (steps) => {
          const withFees = run(c, steps, true);
          const noFees = run(c, steps, false);
          assertCents(
            noFees.h.account.equity - withFees.h.account.equity,
            totalCommission(withFees.fills),
            'equity gap',
          );
          assertCents(
            withFees.h.account.totalCommissions,
            totalCommission(withFees.fills),
            'commissions booked',
          );
        }),
        { numRuns: 200 },
      );
    });

    test('round trips: closed net P&L + open trade P&L = equity change; splits at every reversal', () => {
      fc.assert(
        fc.property(runs(c, true), (steps) => {
          const { h, fills, markTicks } = run(c, steps);
          const { closed, open } = segmentsFromFills(fills);
          const trades = h.kernel.portfolio.closedTrades;
          assert.deepEqual(
            trades.map((t) => [t.direction, t.quantity]),
            closed.map((s) => [s.direction, s.maxQuantity]),
          );
          closed.forEach((s, i) => {
            assertCents(trades[i].netPnl, segmentNetPnl(s, c.tick, m), `net P&L of trade ${i}`);
          });
          const openPnl = open ? segmentNetPnl(open, c.tick, m, markTicks) : 0;
          const closedPnl = trades.reduce((sum, t) => sum + t.netPnl, 0);
          assertCents(closedPnl + openPnl, h.account.equity - START, 'closed + open P&L vs equity change');
        }),
        { numRuns: 300 },
      );
    });
  });
}

describe('futures settlement through the portfolio', () => {
  const c = CASES[1];

  test('daily bars and new days settle variation into cash; equity is the same as if never settled', () => {
    fc.assert(
      fc.property(runs(c), (steps) => {
        run(c, steps, true, ({ h, fills, markTicks }, step) => {
          const last = markTicks * c.tick;
          assertCents(
            h.account.equity,
            START + pnlFromFills(fills, c.tick, 50, last) - totalCommission(fills),
            'equity',
          );
          if (step.kind === 'bar' && step.daily)
            assertCents(h.account.equity - h.account.balance, 0, 'unsettled after a daily close');
        });
      }),
      { numRuns: 300 },
    );
  });

  test('a new UTC day settles at the previous day’s last price', () => {
    const h = makeHarness({
      instruments: [ES],
      accountType: 'margin',
      startingCash: START,
      withExchange: false,
    });
    bookFill(h, ES, 'buy', 2, 6000, 0);
    const day0 = Math.floor(h.clock.now() / MICROS_PER_DAY) * MICROS_PER_DAY;
    feedBar(h, ES, [6010, 6010, 6010, 6010], { ts: day0 + 23 * MICROS_PER_HOUR });
    assert.deepEqual([h.account.balance, h.account.equity], [START, START + 1_000], 'marked, not settled');
    feedBar(h, ES, [6004, 6004, 6004, 6004], { ts: day0 + MICROS_PER_DAY + MICROS_PER_HOUR });
    assert.deepEqual(
      [h.account.balance, h.account.equity],
      [START + 1_000, START + 400],
      'settled at 6010 on the new day',
    );
  });
});
