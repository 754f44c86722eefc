/**
 * A backtest driven by the real CME ES MBO file (data/esh4-mbo-20231225.csv.gz) through the whole
 * kernel: the data engine rebuilds the book, strategies see L3 events plus derived trades and
 * quotes, and the simulated exchange matches our orders in its L3 matcher. Expectations come from
 * an independent replay of the same rows (replayMbo + walkBook).
 */
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { BacktestEngine } from '../../src/backtest/engine.js';
import {
  ACTION_TRADE,
  BID,
  bookEvents,
  F_LAST,
  type MboEvents,
  OrderBook,
  readMboCsv,
  replayMbo,
  walkBook,
} from '../../src/data/book/index.js';
import type { OrderBookEvent, QuoteTick } from '../../src/model/data.js';
import { futureContract } from '../../src/model/instruments.js';
import type { Order } from '../../src/model/order.js';
import { Strategy } from '../../src/strategy/strategy.js';

const FILE = fileURLToPath(new URL('../../data/esh4-mbo-20231225.csv.gz', import.meta.url));
const ES = futureContract('ES', 2024, 3);
let events: MboEvents;
/** A batch end well after the opening auction (row index). */
let at = -1;

before(async () => {
  events = await readMboCsv(FILE);
  let trades = 0;
  for (let i = 0; i < events.length; i++) {
    if (events.action[i] === ACTION_TRADE) trades++;
    if (trades >= 200 && (events.flags[i] & F_LAST) !== 0) {
      at = i;
      break;
    }
  }
});

/** Acts once, on the book event at row `row`, then watches. */
class BookProbe extends Strategy<{ row: number; act: (s: BookProbe) => void }> {
  seen = 0;
  quotes: QuoteTick[] = [];
  topAtRow: { bid: number; ask: number } | undefined;

  override onStart(): void {
    this.subscribeBook(ES.id);
    this.subscribeQuotes(ES.id);
  }

  override onBook(_event: OrderBookEvent): void {
    if (this.seen++ !== this.params.row) return;
    const book = this.cache.orderBook(ES.id)!;
    this.topAtRow = { bid: book.bestBidTick(), ask: book.bestAskTick() };
    this.params.act(this);
  }

  override onQuote(quote: QuoteTick): void {
    this.quotes.push(quote);
  }
}

function run(act: (s: BookProbe) => void) {
  const engine = new BacktestEngine({
    venues: [{ name: 'CME', accountType: 'margin', startingCash: 10_000_000 }],
  });
  engine.addInstrument(ES);
  engine.addData(bookEvents(events, ES.id), 'ESH4 MBO');
  const strategy = new BookProbe('PROBE', { row: at, act });
  engine.addStrategy(strategy);
  const result = engine.run();
  return { result, strategy };
}

/** The book as an independent replay leaves it after row `row`. */
function replayTo(row: number): OrderBook {
  const book = new OrderBook();
  replayMbo(book, events, { to: row + 1 });
  return book;
}

describe('backtest on the real ES MBO file', () => {
  test('the data engine rebuilds the book: its top at the probe row equals an independent replay', () => {
    const { strategy } = run(() => {});
    const book = replayTo(at);
    assert.deepEqual(strategy.topAtRow, { bid: book.bestBidTick(), ask: book.bestAskTick() });
    assert.ok(strategy.quotes.length > 100, `${strategy.quotes.length} derived quotes`);
    // Every derived quote is uncrossed and on the ES grid.
    for (const q of strategy.quotes) {
      assert.ok(q.bidPrice < q.askPrice);
      assert.ok(ES.priceGrid.contains(q.bidPrice) && ES.priceGrid.contains(q.askPrice));
    }
  });

  for (const [side, quantity] of [
    ['buy', 40],
    ['sell', 25],
    ['buy', 150],
  ] as const) {
    test(`a market ${side} of ${quantity} fills level by level at the volume-weighted price of the levels it consumes`, () => {
      let order: Order | undefined;
      const { result } = run((s) => {
        order = side === 'buy' ? s.buy(ES.id, quantity) : s.sell(ES.id, quantity);
      });
      const walk = walkBook(replayTo(at), side, quantity, { grid: ES.priceGrid });
      assert.ok(walk.complete, 'the book holds enough for the test');
      assert.ok(walk.fills.length >= 2, 'the order consumes more than one level');
      const fills = result.fills.filter((f) => f.clientOrderId === order!.clientOrderId);
      assert.deepEqual(
        fills.map((f) => [f.price, f.quantity]),
        walk.fills.map((f) => [f.price, f.quantity]),
      );
      assert.ok(fills.every((f) => f.liquidity === 'taker'));
      assert.equal(order!.status, 'filled');
      // The order's average price is the walk's VWAP (rounded for float sums).
      assert.ok(Math.abs(order!.averagePrice! - walk.averagePrice) < 1e-9);
    });
  }

  test('a limit buy joined at the best bid rests in the queue and later fills as maker at its price', () => {
    let order: Order | undefined;
    const { result } = run((s) => {
      const book = s.cache.orderBook(ES.id)!;
      order = s.buy(ES.id, 3, { price: ES.priceGrid.fromTicks(book.bestBidTick()) });
    });
    const bid = ES.priceGrid.fromTicks(replayTo(at).levels(BID).at(0)!.tick);
    assert.equal(order!.price, bid);
    const fills = result.fills.filter((f) => f.clientOrderId === order!.clientOrderId);
    assert.ok(fills.length > 0, 'the bid trades later in the file');
    for (const f of fills) {
      assert.equal(f.price, bid);
      assert.equal(f.liquidity, 'maker');
    }
    assert.ok(fills.reduce((n, f) => n + f.quantity, 0) <= 3);
  });

  test('a post-only limit at the best ask would take liquidity and is canceled', () => {
    let order: Order | undefined;
    run((s) => {
      const book = s.cache.orderBook(ES.id)!;
      order = s.buy(ES.id, 1, { price: ES.priceGrid.fromTicks(book.bestAskTick()), postOnly: true });
    });
    assert.equal(order!.status, 'canceled');
    assert.match(JSON.stringify(order!.events.at(-1)), /post-only/);
  });
});
