/**
 * Account booking: stock-like fills move the notional through cash; futures-like fills block margin
 * and pay price variation on settlement. Unit cases, affordability, and property tests of the
 * accounting identities on random fill sequences with on-grid prices.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { Account } from '../../src/model/account.js';
import { currency, USD } from '../../src/model/currency.js';
import { equity, futureContract, genericFuture, type Instrument } from '../../src/model/instruments.js';
import {
  assertCents,
  fillArbitrary,
  netQuantity,
  pnlFromFills,
  type TestFill,
  totalCommission,
} from '../support/fills.js';

const AAPL = equity({ symbol: 'AAPL', venue: 'NASDAQ' });
const ES = futureContract('ES', 2025, 12); // tick 0.25, multiplier 50, initial margin 24 200
const GEN = genericFuture({
  symbol: 'CL',
  venue: 'SIM',
  priceIncrement: 0.01,
  multiplier: 10,
  initialMargin: 1_000,
});

const book = (
  account: Account,
  instrument: Instrument,
  fills: readonly TestFill[],
  tick: number,
  fees = true,
): void => {
  for (const f of fills)
    account.applyFill(instrument, f.side, f.quantity, f.ticks * tick, fees ? f.commissionCents / 100 : 0);
};

describe('stock-like booking (cash account)', () => {
  test('a buy moves the notional out of cash; equity changes only by the commission', () => {
    const account = new Account('A', 'cash', USD, 10_000);
    account.applyFill(AAPL, 'buy', 10, 150.25, 1.5);
    assert.equal(account.balance, 10_000 - 1502.5 - 1.5);
    assert.equal(account.quantity(AAPL.id), 10);
    assertCents(account.equity, 9998.5, 'equity after the buy');
    assert.equal(account.totalCommissions, 1.5);
    assert.equal(account.marginUsed, 0);
  });

  test('marking moves equity, not cash; a sale brings the proceeds back', () => {
    const account = new Account('A', 'cash', USD, 10_000);
    account.applyFill(AAPL, 'buy', 10, 150, 0);
    account.mark(AAPL.id, 151.37);
    assert.equal(account.balance, 8_500);
    assertCents(account.equity, 10_013.7, 'marked equity');
    account.applyFill(AAPL, 'sell', 10, 149.99, 0);
    assert.equal(account.balance, 9_999.9);
    assert.equal(account.quantity(AAPL.id), 0);
    assert.equal(account.equity, 9_999.9);
  });

  test('marking or settling an instrument never traded is a no-op', () => {
    const account = new Account('A', 'cash', USD, 5_000);
    account.mark(AAPL.id, 100);
    account.settle(ES.id, 4000);
    assert.deepEqual([account.balance, account.equity], [5_000, 5_000]);
  });
});

describe('futures-like booking (margin account)', () => {
  test('opening moves no notional; margin is blocked per contract', () => {
    const account = new Account('M', 'margin', USD, 100_000);
    account.applyFill(ES, 'buy', 2, 6000.25, 4.5);
    assert.equal(account.balance, 99_995.5);
    assert.equal(account.marginUsed, 48_400);
    assert.equal(account.freeCash, 99_995.5 - 48_400);
    assert.equal(account.equity, 99_995.5);
  });

  test('variation shows in equity when marked and moves to cash when settled', () => {
    const account = new Account('M', 'margin', USD, 100_000);
    account.applyFill(ES, 'sell', 3, 6000, 0);
    account.mark(ES.id, 5998.75);
    assert.equal(account.balance, 100_000);
    assert.equal(account.equity, 100_187.5);
    account.settle(ES.id);
    assert.equal(account.balance, 100_187.5);
    assert.equal(account.equity, 100_187.5);
    account.settle(ES.id, 6001); // settles at an explicit price too
    assert.equal(account.balance, 99_850);
    account.applyFill(ES, 'buy', 3, 6002, 0); // a fill settles to the fill price
    assert.deepEqual([account.balance, account.equity, account.marginUsed], [99_700, 99_700, 0]);
  });

  test('settleAll settles every futures holding at its last price and leaves stocks alone', () => {
    const account = new Account('M', 'margin', USD, 100_000);
    account.applyFill(ES, 'buy', 1, 6000, 0);
    account.applyFill(GEN, 'sell', 2, 70.5, 0);
    account.applyFill(AAPL, 'buy', 1, 200, 0);
    account.mark(ES.id, 6001);
    account.mark(GEN.id, 70.25);
    account.mark(AAPL.id, 210);
    const before = account.equity;
    account.settleAll();
    assert.equal(account.balance, 100_000 + 50 + 5 - 200);
    assertCents(account.equity, before, 'equity across settleAll');
  });
});

describe('account guards', () => {
  test('a negative starting balance is refused', () => {
    assert.throws(() => new Account('A', 'cash', USD, -1), /starting balance must be >= 0/);
  });

  test('an instrument in another currency is refused and books nothing', () => {
    const account = new Account('A', 'cash', currency('EUR'), 1_000);
    assert.throws(
      () => account.applyFill(AAPL, 'buy', 1, 10, 0),
      /multi-currency accounts are not supported/,
    );
    assert.deepEqual([account.balance, account.quantity(AAPL.id)], [1_000, 0]);
  });
});

describe('canAfford', () => {
  test('stock: a buy needs its notional plus commission in cash', () => {
    const account = new Account('A', 'cash', USD, 10_000);
    assert.equal(account.canAfford(AAPL, 'buy', 100, 100, 0), true);
    assert.equal(account.canAfford(AAPL, 'buy', 100, 100, 0.01), false);
    assert.equal(account.canAfford(AAPL, 'buy', 101, 100, 0), false);
  });

  test('stock: selling what is held is always affordable', () => {
    const account = new Account('A', 'cash', USD, 10_000);
    account.applyFill(AAPL, 'buy', 100, 100, 0); // all cash spent
    assert.equal(account.balance, 0);
    assert.equal(account.canAfford(AAPL, 'sell', 100, 1, 0), true);
  });

  test('futures: each added contract needs its initial margin out of free cash', () => {
    const account = new Account('M', 'margin', USD, 50_000);
    assert.equal(account.canAfford(ES, 'buy', 2, 6000, 0), true);
    assert.equal(account.canAfford(ES, 'buy', 2, 6000, 1_600.01), false);
    assert.equal(account.canAfford(ES, 'buy', 3, 6000, 0), false);
    account.applyFill(ES, 'buy', 2, 6000, 0);
    assert.equal(account.canAfford(ES, 'buy', 1, 6000, 0), false, 'free cash is 1 600');
    assert.equal(account.canAfford(ES, 'sell', 2, 6000, 0), true, 'closing frees margin');
    assert.equal(
      account.canAfford(ES, 'sell', 3, 6000, 0),
      true,
      'a reversal adds one contract, margin freed by two',
    );
    assert.equal(
      account.canAfford(ES, 'sell', 5, 6000, 0),
      false,
      'a reversal to -3 needs margin for 3 contracts',
    );
  });
});

interface Case {
  readonly name: string;
  readonly instrument: Instrument;
  readonly type: 'cash' | 'margin';
  readonly tick: number;
  readonly center: number;
}
const STOCK: Case = {
  name: 'stock-like (AAPL, cash account)',
  instrument: AAPL,
  type: 'cash',
  tick: 0.01,
  center: 15_000,
};
const FUTURES: Case[] = [
  { name: 'futures-like (ESZ5)', instrument: ES, type: 'margin', tick: 0.25, center: 24_000 },
  {
    name: 'futures-like (generic, tick 0.01 × 10)',
    instrument: GEN,
    type: 'margin',
    tick: 0.01,
    center: 7_000,
  },
];
const START = 1_000_000;
const fills = (c: Case) => fc.array(fillArbitrary(c.center), { minLength: 1, maxLength: 40 });
const mark = (c: Case) => fc.integer({ min: c.center - 300, max: c.center + 300 });

describe('accounting identities (property)', () => {
  test(`${STOCK.name}: balance + quantity × last × multiplier = equity = start + P&L − fees`, () => {
    fc.assert(
      fc.property(fills(STOCK), mark(STOCK), (fs, markTicks) => {
        const account = new Account('A', 'cash', USD, START);
        book(account, AAPL, fs, STOCK.tick);
        const last = markTicks * STOCK.tick;
        account.mark(AAPL.id, last);
        const q = netQuantity(fs);
        assert.equal(account.quantity(AAPL.id), q);
        assertCents(account.balance + q * last * AAPL.multiplier, account.equity, 'cash + holdings');
        const expected = START + pnlFromFills(fs, STOCK.tick, 1, last) - totalCommission(fs);
        assertCents(account.equity, expected, 'equity from the fill list');
        assertCents(account.totalCommissions, totalCommission(fs), 'total commissions');
      }),
      { numRuns: 400 },
    );
  });

  for (const c of FUTURES) {
    test(`${c.name}: equity = start + realised + unrealised − fees; freeCash = balance − |qty| × margin`, () => {
      fc.assert(
        fc.property(fills(c), mark(c), (fs, markTicks) => {
          const account = new Account('M', 'margin', USD, START);
          book(account, c.instrument, fs, c.tick);
          const last = markTicks * c.tick;
          account.mark(c.instrument.id, last);
          const q = netQuantity(fs);
          const expected =
            START + pnlFromFills(fs, c.tick, c.instrument.multiplier, last) - totalCommission(fs);
          assertCents(account.equity, expected, 'equity');
          const margin = c.instrument.kind === 'future' ? c.instrument.initialMargin : 0;
          assertCents(account.marginUsed, Math.abs(q) * margin, 'margin used');
          assertCents(account.freeCash, account.balance - Math.abs(q) * margin, 'free cash');
        }),
        { numRuns: 400 },
      );
    });
  }

  for (const c of [STOCK, ...FUTURES]) {
    test(`${c.name}: commissions lower equity by exactly their sum`, () => {
      fc.assert(
        fc.property(fills(c), mark(c), (fs, markTicks) => {
          const withFees = new Account('F', c.type, USD, START);
          const noFees = new Account('N', c.type, USD, START);
          book(withFees, c.instrument, fs, c.tick, true);
          book(noFees, c.instrument, fs, c.tick, false);
          for (const a of [withFees, noFees]) a.mark(c.instrument.id, markTicks * c.tick);
          assertCents(noFees.equity - withFees.equity, totalCommission(fs), 'equity difference');
          assertCents(noFees.balance - withFees.balance, totalCommission(fs), 'cash difference');
        }),
        { numRuns: 300 },
      );
    });
  }

  for (const c of FUTURES) {
    test(`${c.name}: settling at any sequence of prices moves cash, never equity`, () => {
      const op = fc.oneof(
        fillArbitrary(c.center).map((f) => ({ kind: 'fill' as const, f })),
        mark(c).map((ticks) => ({ kind: 'mark' as const, ticks })),
        mark(c).map((ticks) => ({ kind: 'settle' as const, ticks })),
      );
      fc.assert(
        fc.property(fc.array(op, { minLength: 1, maxLength: 60 }), (ops) => {
          const account = new Account('M', 'margin', USD, START);
          const id = c.instrument.id;
          const m = c.instrument.multiplier;
          const done: TestFill[] = [];
          let settledTicks = 0;
          let lastTicks = 0;
          for (const o of ops) {
            if (o.kind === 'fill') {
              book(account, c.instrument, [o.f], c.tick);
              done.push(o.f);
              settledTicks = lastTicks = o.f.ticks;
              continue;
            }
            if (o.kind === 'mark') {
              account.mark(id, o.ticks * c.tick);
              if (done.length > 0) lastTicks = o.ticks;
              continue;
            }
            const q = netQuantity(done);
            const balance = account.balance;
            if (done.length > 0) account.mark(id, o.ticks * c.tick);
            const equityBefore = account.equity;
            account.settle(id);
            assertCents(account.equity, equityBefore, 'equity across a settlement');
            if (done.length > 0) {
              assertCents(
                account.balance - balance,
                q * (o.ticks - settledTicks) * c.tick * m,
                'variation paid',
              );
              settledTicks = lastTicks = o.ticks;
            }
          }
          const expected = START + pnlFromFills(done, c.tick, m, lastTicks * c.tick) - totalCommission(done);
          assertCents(account.equity, done.length > 0 ? expected : START, 'equity from the fill list');
          assert.equal(account.quantity(id), netQuantity(done));
        }),
        { numRuns: 400 },
      );
    });
  }
});
