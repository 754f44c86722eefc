/**
 * Accounting invariants under random fill sequences of two strategies in three instruments (a USD
 * stock, a EUR stock, a EUR future) booked into one USD account, netting and hedging:
 * - equity = cash of every currency + marked positions, converted at the FX rate;
 * - equity − start = realised + unrealised − commissions (over the strategy positions, to within
 *   the half cent each position's rounded realised P&L may be off);
 * - the strategy positions sum to the net position of each instrument;
 * - once everything is closed, realised P&L equals the sum over the round trips.
 */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import fc from 'fast-check';
import { currency } from '../../src/model/currency.js';
import type { OrderSide } from '../../src/model/enums.js';
import { equity, genericFuture, type Instrument } from '../../src/model/instruments.js';
import type { OmsType } from '../../src/portfolio/position-book.js';
import { type Book, makeBook, mark, trade } from './helpers.js';

const EUR = currency('EUR');
const START = 10_000_000;
const AAPL = equity({ symbol: 'AAPL', venue: 'SIM' });
const SAP = equity({ symbol: 'SAP', venue: 'SIM', currency: EUR });
const FESX = genericFuture({
  symbol: 'FESX',
  venue: 'SIM',
  priceIncrement: 1,
  multiplier: 10,
  initialMargin: 3_000,
  currency: EUR,
});
const INSTRUMENTS: readonly Instrument[] = [AAPL, SAP, FESX];
const STRATEGIES = ['A', 'B'] as const;

interface Step {
  readonly strategy: 0 | 1;
  readonly instrument: 0 | 1 | 2;
  readonly side: OrderSide;
  readonly quantity: number;
  /** Price in ticks around 100.00 (stocks) or 5,000 (future). */
  readonly priceTicks: number;
  readonly markTicks: number;
  readonly commissionCents: number;
  /** Hedging: name an open position of the strategy in the instrument (and trade against it). */
  readonly closesOpen: boolean;
}

const stepArbitrary: fc.Arbitrary<Step> = fc.record({
  strategy: fc.constantFrom(0 as const, 1 as const),
  instrument: fc.constantFrom(0 as const, 1 as const, 2 as const),
  side: fc.constantFrom<OrderSide>('buy', 'sell'),
  quantity: fc.integer({ min: 1, max: 5 }),
  priceTicks: fc.integer({ min: -500, max: 500 }),
  markTicks: fc.integer({ min: -500, max: 500 }),
  commissionCents: fc.integer({ min: 0, max: 500 }),
  closesOpen: fc.boolean(),
});

const priceOf = (instrument: Instrument, ticks: number): number =>
  instrument === FESX ? 5_000 + ticks : Math.round(10_000 + ticks) / 100;

function runSteps(oms: OmsType, rate: number, steps: readonly Step[]): Book {
  const book = makeBook(INSTRUMENTS, [{ venue: 'SIM', cash: START }]);
  book.portfolio.setVenueOms('SIM', oms);
  book.portfolio.fx.set('EUR', 'USD', rate);
  for (const s of steps) {
    const instrument = INSTRUMENTS[s.instrument];
    const strategyId = STRATEGIES[s.strategy];
    const open = book.portfolio.positions({ strategyId, instrumentId: instrument.id, open: true })[0];
    const closing = oms === 'hedging' && s.closesOpen && open !== undefined;
    const side: OrderSide = closing ? (open.isLong ? 'sell' : 'buy') : s.side;
    trade(book, strategyId, instrument, side, s.quantity, priceOf(instrument, s.priceTicks), {
      commission: s.commissionCents / 100,
      positionId: closing ? open.id : undefined,
    });
    mark(book, instrument, priceOf(instrument, s.markTicks));
  }
  return book;
}

/** Closes every open strategy position at its instrument's last price (naming it under hedging). */
function closeAll(book: Book): void {
  for (const p of book.portfolio.positions({ open: true })) {
    const instrument = INSTRUMENTS.find((i) => i.id === p.instrumentId)!;
    const price = book.cache.lastPrice(p.instrumentId)!;
    trade(book, p.strategyId!, instrument, p.isLong ? 'sell' : 'buy', Math.abs(p.quantity), price, {
      positionId: p.id,
    });
  }
}

const close = (actual: number, expected: number, what: string): void =>
  assert.ok(
    Math.abs(actual - expected) <= 1e-6 * Math.max(1, Math.abs(expected)),
    `${what}: ${actual} vs ${expected}`,
  );

const omsArbitrary = fc.constantFrom<OmsType>('netting', 'hedging');
const rateArbitrary = fc.integer({ min: 50, max: 200 }).map((r) => r / 100);
const stepsArbitrary = fc.array(stepArbitrary, { minLength: 1, maxLength: 40 });

describe('accounting invariants (netting and hedging, USD account with EUR instruments)', () => {
  test('equity = cash per currency + marked positions, converted; = start + realised + unrealised − fees', () => {
    fc.assert(
      fc.property(omsArbitrary, rateArbitrary, stepsArbitrary, (oms, rate, steps) => {
        const book = runSteps(oms, rate, steps);
        const account = book.account('SIM');
        const toUsd = (amount: number, code: string): number => (code === 'USD' ? amount : amount * rate);
        // Futures hold no notional: their mark is the variation not yet settled into cash.
        book.portfolio.settleAll();
        let marked = 0;
        for (const b of account.balances()) marked += toUsd(b.amount, b.currency);
        for (const instrument of [AAPL, SAP]) {
          const quantity = book.portfolio.netPosition(instrument.id);
          const price = book.cache.lastPrice(instrument.id) ?? 0;
          marked += toUsd(quantity * price * instrument.multiplier, instrument.currency.code);
        }
        close(account.equity, marked, 'equity vs cash + marked positions');
        let fees = 0;
        for (const p of book.portfolio.positions()) fees += toUsd(p.commissions, p.currency.code);
        const pnl = book.portfolio.realizedPnl() + book.portfolio.unrealizedPnl() - fees;
        // Each position books its running realised P&L rounded to the cent (half a cent at most off
        // its exact value); unrealised P&L is a mark, not rounded. Cash is exact.
        const positions = book.portfolio.positions().length;
        const diff = Math.abs(account.equity - START - pnl);
        assert.ok(
          diff <= 0.005 * positions * Math.max(1, rate) + 1e-6,
          `equity change vs P&L: off by ${diff}`,
        );
      }),
      { numRuns: 150 },
    );
  });

  test('strategy positions sum to the net position of each instrument', () => {
    fc.assert(
      fc.property(omsArbitrary, stepsArbitrary, (oms, steps) => {
        const book = runSteps(oms, 1.1, steps);
        for (const instrument of INSTRUMENTS) {
          let sum = 0;
          for (const p of book.portfolio.positions({ instrumentId: instrument.id })) sum += p.quantity;
          close(sum, book.portfolio.netPosition(instrument.id), `${instrument.id} strategy sum vs net`);
          close(
            book.account('SIM').quantity(instrument.id),
            book.portfolio.netPosition(instrument.id),
            'account',
          );
        }
      }),
      { numRuns: 150 },
    );
  });

  test('after closing everything, realised P&L equals the sum over round trips', () => {
    fc.assert(
      fc.property(omsArbitrary, rateArbitrary, stepsArbitrary, (oms, rate, steps) => {
        const book = runSteps(oms, rate, steps);
        closeAll(book);
        for (const instrument of INSTRUMENTS) assert.equal(book.portfolio.netPosition(instrument.id), 0);
        let roundTrips = 0;
        for (const t of book.portfolio.closedTrades) {
          const instrument = INSTRUMENTS.find((i) => i.id === t.instrumentId)!;
          roundTrips += instrument.currency.code === 'USD' ? t.grossPnl : t.grossPnl * rate;
        }
        close(book.portfolio.realizedPnl(), roundTrips, 'realised vs round trips');
        // Per currency, unconverted, the same holds exactly in cents.
        const byCurrency = book.portfolio.realizedPnlByCurrency();
        for (const code of ['USD', 'EUR']) {
          let trips = 0;
          for (const t of book.portfolio.closedTrades)
            if (INSTRUMENTS.find((i) => i.id === t.instrumentId)!.currency.code === code) trips += t.grossPnl;
          close(byCurrency.get(code) ?? 0, trips, `${code} realised vs round trips`);
        }
      }),
      { numRuns: 150 },
    );
  });
});
