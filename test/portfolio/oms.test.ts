/** Netting and hedging order management: how fills become strategy positions. */
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { BacktestEngine } from '../../src/backtest/engine.js';
import { equity } from '../../src/model/instruments.js';
import { Strategy } from '../../src/strategy/strategy.js';
import { minuteBars, STOCK, STOCK_1M } from '../support/scripted-backtest.js';
import { makeBook, mark, trade } from './helpers.js';

const AAPL = equity({ symbol: 'AAPL', venue: 'SIM' });

describe('netting (default)', () => {
  test('buy 2, sell 1: one long position of 1', () => {
    const book = makeBook([AAPL], [{ venue: 'SIM' }]);
    trade(book, 'S', AAPL, 'buy', 2, 100);
    trade(book, 'S', AAPL, 'sell', 1, 103, { positionId: 'ignored-by-netting' });
    const positions = book.portfolio.positionsOf('S');
    assert.deepEqual(
      positions.map((p) => [p.id, p.quantity]),
      [['AAPL.SIM-S', 1]],
    );
    assert.equal(book.portfolio.realizedPnl({ strategyId: 'S' }), 3);
    assert.equal(book.portfolio.netPosition(AAPL.id), 1);
  });

  test('a fill past zero reverses the one position', () => {
    const book = makeBook([AAPL], [{ venue: 'SIM' }]);
    trade(book, 'S', AAPL, 'buy', 2, 100);
    trade(book, 'S', AAPL, 'sell', 5, 101);
    const [p] = book.portfolio.positionsOf('S');
    assert.deepEqual([p.quantity, p.averageOpenPrice, p.realizedPnl], [-3, 101, 2]);
  });
});

describe('hedging', () => {
  const hedged = () => {
    const book = makeBook([AAPL], [{ venue: 'SIM' }]);
    book.portfolio.setVenueOms('SIM', 'hedging');
    return book;
  };

  test('buy 2, sell 1 without positionId: a long of 2 and a short of 1 stay open, net 1', () => {
    const book = hedged();
    const buy = trade(book, 'S', AAPL, 'buy', 2, 100);
    const sell = trade(book, 'S', AAPL, 'sell', 1, 103);
    assert.deepEqual(
      book.portfolio.positions({ strategyId: 'S', open: true }).map((p) => [p.id, p.quantity]),
      [
        [`P-${buy.clientOrderId}`, 2],
        [`P-${sell.clientOrderId}`, -1],
      ],
    );
    assert.equal(book.portfolio.netPosition(AAPL.id), 1);
    assert.equal(book.portfolio.strategyQuantity(AAPL.id, 'S'), 1);
    assert.equal(book.portfolio.realizedPnl({ strategyId: 'S' }), 0);
    assert.equal(book.portfolio.position(AAPL.id, 'S'), undefined); // several positions: no netting one
    // The account books the net: one share long.
    assert.equal(book.account('SIM').quantity(AAPL.id), 1);
    mark(book, AAPL, 104);
    // Long 2 @100 → +8, short 1 @103 → −1.
    assert.equal(book.portfolio.unrealizedPnl({ strategyId: 'S' }), 7);
  });

  test('an order naming a position closes it, and only it', () => {
    const book = hedged();
    const first = trade(book, 'S', AAPL, 'buy', 2, 100);
    const second = trade(book, 'S', AAPL, 'buy', 3, 110);
    trade(book, 'S', AAPL, 'sell', 2, 120, { positionId: `P-${first.clientOrderId}` });
    const p1 = book.portfolio.positionById(`P-${first.clientOrderId}`)!;
    const p2 = book.portfolio.positionById(`P-${second.clientOrderId}`)!;
    assert.deepEqual([p1.quantity, p1.realizedPnl], [0, 40]); // 2 × (120 − 100), not vs the 106 average
    assert.deepEqual([p2.quantity, p2.averageOpenPrice], [3, 110]);
    assert.equal(book.events.at(-1)?.kind, 'closed');
    assert.equal(book.events.at(-1)?.positionId, `P-${first.clientOrderId}`);
  });

  test('a closing order larger than its position opens the excess as its own position', () => {
    const book = hedged();
    const buy = trade(book, 'S', AAPL, 'buy', 2, 100);
    const sell = trade(book, 'S', AAPL, 'sell', 5, 90, {
      positionId: `P-${buy.clientOrderId}`,
      commission: 5,
    });
    const closed = book.portfolio.positionById(`P-${buy.clientOrderId}`)!;
    const opened = book.portfolio.positionById(`P-${sell.clientOrderId}`)!;
    assert.deepEqual([closed.quantity, closed.realizedPnl, closed.commissions], [0, -20, 2]);
    assert.deepEqual([opened.quantity, opened.averageOpenPrice, opened.commissions], [-3, 90, 3]);
    assert.deepEqual(
      book.events.slice(-2).map((e) => [e.kind, e.positionId, e.netQuantity]),
      [
        ['closed', `P-${buy.clientOrderId}`, -3],
        ['opened', `P-${sell.clientOrderId}`, -3],
      ],
    );
  });

  test('naming an unknown or closed position opens the order its own position', () => {
    const book = hedged();
    const sell = trade(book, 'S', AAPL, 'sell', 1, 100, { positionId: 'P-nope' });
    assert.equal(book.portfolio.positionById('P-nope'), undefined);
    assert.equal(book.portfolio.positionById(`P-${sell.clientOrderId}`)?.quantity, -1);
  });

  test('a strategy setting wins over the venue: netting strategy on a hedging venue', () => {
    const book = hedged();
    book.portfolio.setStrategyOms('N', 'netting');
    trade(book, 'N', AAPL, 'buy', 2, 100);
    trade(book, 'N', AAPL, 'sell', 1, 101);
    trade(book, 'H', AAPL, 'buy', 2, 100);
    trade(book, 'H', AAPL, 'sell', 1, 101);
    assert.equal(book.portfolio.positionsOf('N').length, 1);
    assert.equal(book.portfolio.positionsOf('H').length, 2);
    assert.equal(book.portfolio.netPosition(AAPL.id), 2);
  });
});

/** Buys 2 on bar 0, sells 1 on bar 1 (no positionId), sells 2 naming the long on bar 2. */
class HedgeScript extends Strategy {
  private step = 0;
  private longId = '';

  override onStart(): void {
    this.subscribeBars(STOCK_1M);
  }

  override onBar(): void {
    this.step++;
    if (this.step === 1) this.longId = `P-${this.buy(STOCK.id, 2).clientOrderId}`;
    if (this.step === 2) this.sell(STOCK.id, 1);
    if (this.step === 3) this.sell(STOCK.id, 2, { positionId: this.longId });
  }
}

describe('OMS config through the backtest engine', () => {
  const bars = minuteBars([
    [100, 100, 100, 100],
    [101, 101, 101, 101],
    [102, 102, 102, 102],
    [103, 103, 103, 103],
    [104, 104, 104, 104],
  ]);

  const run = (oms: 'netting' | 'hedging') => {
    const engine = new BacktestEngine({
      venues: [{ name: 'SIM', accountType: 'margin', startingCash: 100_000, oms }],
    });
    engine.addInstrument(STOCK);
    engine.addData(bars);
    engine.addStrategy(new HedgeScript('H', {}));
    const result = engine.run();
    return { result, portfolio: engine.kernel.portfolio };
  };

  test('hedging: long closed by id at 103 (+4), the short of 1 stays open; the venue saw the net', () => {
    const { result, portfolio } = run('hedging');
    assert.deepEqual(
      result.strategyPositions.map((p) => [p.positionId, p.quantity, p.realizedPnl]),
      [
        ['P-H-000001', 0, 4],
        ['P-H-000002', -1, 0],
      ],
    );
    assert.equal(portfolio.netPosition(STOCK.id), -1);
    assert.deepEqual(
      result.positions.map((p) => p.quantity),
      [-1],
    );
  });

  test('netting: the same orders give one position (buy 2, sell 1, sell 2 → short 1)', () => {
    const { result } = run('netting');
    assert.deepEqual(
      result.strategyPositions.map((p) => [p.positionId, p.quantity, p.realizedPnl]),
      [['TEST.SIM-H', -1, 3]],
    );
  });
});
