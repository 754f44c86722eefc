/** Per-strategy positions and P&L beside the net position per instrument. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { equity } from '../../src/model/instruments.js';
import { makeBook, mark, trade } from './helpers.js';

const AAPL = equity({ symbol: 'AAPL', venue: 'SIM' });
const MSFT = equity({ symbol: 'MSFT', venue: 'ALT' });

describe('per-strategy positions', () => {
  test('two strategies trading one instrument: each has its own position, the net is their sum', () => {
    const book = makeBook([AAPL], [{ venue: 'SIM' }]);
    const { portfolio } = book;
    trade(book, 'A', AAPL, 'buy', 10, 100);
    trade(book, 'B', AAPL, 'sell', 4, 101);
    trade(book, 'A', AAPL, 'sell', 3, 102);
    trade(book, 'B', AAPL, 'sell', 2, 103);

    assert.equal(portfolio.position(AAPL.id, 'A')?.quantity, 7);
    assert.equal(portfolio.position(AAPL.id, 'B')?.quantity, -6);
    assert.equal(portfolio.netPosition(AAPL.id), 1);
    assert.equal(portfolio.position(AAPL.id, 'A')?.id, 'AAPL.SIM-A');
    assert.equal(portfolio.positionsOf('B').length, 1);
    // A realised 3 × (102 - 100) = 6; B has only added to its short.
    assert.equal(portfolio.realizedPnl({ strategyId: 'A' }), 6);
    assert.equal(portfolio.realizedPnl({ strategyId: 'B' }), 0);
    mark(book, AAPL, 105);
    // A: 7 × (105 - 100) = 35; B: short 4 @101 and 2 @103 → 6 × 105 − 610 = 20 lost.
    assert.equal(portfolio.unrealizedPnl({ strategyId: 'A' }), 35);
    assert.equal(portfolio.unrealizedPnl({ strategyId: 'B' }), -20);
    // Totals agree with the account: starting 1,000,000 + realised + unrealised over strategies.
    const total = portfolio.realizedPnl() + portfolio.unrealizedPnl();
    assert.equal(book.account('SIM').equity - 1_000_000, total);
  });

  test('position events carry the strategy position, its id and the net quantity', () => {
    const book = makeBook([AAPL], [{ venue: 'SIM' }]);
    trade(book, 'A', AAPL, 'buy', 5, 100);
    trade(book, 'B', AAPL, 'buy', 2, 100);
    trade(book, 'A', AAPL, 'sell', 5, 110);
    assert.deepEqual(
      book.events.map((e) => [e.strategyId, e.kind, e.positionId, e.quantity, e.netQuantity, e.realizedPnl]),
      [
        ['A', 'opened', 'AAPL.SIM-A', 5, 5, 0],
        ['B', 'opened', 'AAPL.SIM-B', 2, 7, 0],
        ['A', 'closed', 'AAPL.SIM-A', 0, 2, 50],
      ],
    );
    assert.equal(book.events[2].accountId, 'SIM-001');
  });

  test('P&L per account and per strategy across two venues', () => {
    const book = makeBook([AAPL, MSFT], [{ venue: 'SIM' }, { venue: 'ALT' }]);
    const { portfolio } = book;
    trade(book, 'A', AAPL, 'buy', 1, 100);
    trade(book, 'A', AAPL, 'sell', 1, 104);
    trade(book, 'A', MSFT, 'buy', 2, 50);
    trade(book, 'A', MSFT, 'sell', 2, 49);
    trade(book, 'B', MSFT, 'buy', 1, 50);
    trade(book, 'B', MSFT, 'sell', 1, 60);
    assert.equal(portfolio.realizedPnl({ accountId: 'SIM-001' }), 4);
    assert.equal(portfolio.realizedPnl({ accountId: 'ALT-001' }), 8);
    assert.equal(portfolio.realizedPnl({ strategyId: 'A' }), 2);
    assert.equal(portfolio.realizedPnl({ strategyId: 'A', accountId: 'ALT-001' }), -2);
    assert.equal(portfolio.realizedPnl(), 12);
    assert.deepEqual(
      portfolio.positions({ accountId: 'ALT-001' }).map((p) => p.id),
      ['MSFT.ALT-A', 'MSFT.ALT-B'],
    );
    assert.equal(portfolio.positions({ open: true }).length, 0);
  });
});
