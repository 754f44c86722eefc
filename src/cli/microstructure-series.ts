import {
  depthImbalance,
  type TopOfBook,
  type Trade,
  type TradeSign,
} from '../analytics/microstructure/index.js';
import {
  ACTION_TRADE,
  ASK,
  applyMboRow,
  BID,
  F_LAST,
  F_SNAPSHOT,
  OrderBook,
  readMboCsv,
  SIDE_ASK,
  SIDE_BID,
} from '../data/book/index.js';
import { LOBSTER_DUMMY_PRICE, LOBSTER_PRICE_SCALE, streamLobster } from '../data/readers/lobster.js';
import { Grid } from '../model/grid.js';

/**
 * The inputs of the microstructure measures rebuilt from a real file: level-1 quotes (each change)
 * and trades with their aggressor sign and prevailing quote, in file order.
 */
export interface MarketSeries {
  readonly quotes: TopOfBook[];
  readonly trades: Trade[];
  readonly tickSize: number;
  /**
   * Depth imbalance over the top `DEPTH_LEVELS` levels, unweighted, at each quote (aligned with
   * `quotes`); only for a full-depth source (MBO).
   */
  readonly depthImbalances?: number[];
}

/** Levels per side of the depth imbalance of an MBO book (as `bourse book --depth 5`). */
export const DEPTH_LEVELS = 5;

/**
 * A LOBSTER message + orderbook pair: a quote whenever the orderbook file's level 1 changes (rows
 * with an empty side give none); a trade for each execution, visible (type 4) or hidden (type 5),
 * signed from the file: the executed limit order's Direction is the passive side, so the
 * aggressor's sign is −Direction (LOBSTER's documentation: "execution of a sell (buy) limit order
 * corresponds to a buyer (seller) initiated trade"). Crosses (type 6) are unsigned.
 */
export async function lobsterSeries(
  messages: string,
  orderbook: string,
  tickSize = 0.01,
): Promise<MarketSeries> {
  const quotes: TopOfBook[] = [];
  const trades: Trade[] = [];
  let last: TopOfBook | undefined;
  for await (const step of streamLobster({ messages, orderbook }, { grid: new Grid(tickSize) })) {
    const m = step.message;
    if (m.type === 4 || m.type === 5 || m.type === 6) {
      const sign: TradeSign = m.type === 6 ? 0 : m.direction === 1 ? -1 : 1;
      const price = m.price / LOBSTER_PRICE_SCALE;
      trades.push({ time: m.tsEvent, price, size: m.size, sign, quoteIndex: quotes.length - 1 });
    }
    const t = step.top;
    if (t.askPrice === LOBSTER_DUMMY_PRICE || t.bidPrice === -LOBSTER_DUMMY_PRICE) continue;
    const quote: TopOfBook = {
      time: m.tsEvent,
      bidPrice: t.bidPrice / LOBSTER_PRICE_SCALE,
      bidSize: t.bidSize,
      askPrice: t.askPrice / LOBSTER_PRICE_SCALE,
      askSize: t.askSize,
    };
    if (last === undefined || !sameQuote(last, quote)) {
      quotes.push(quote);
      last = quote;
    }
  }
  return { quotes, trades, tickSize };
}

/**
 * A Databento MBO file replayed into an order book (the rules of `replayMbo`): a quote after each
 * complete batch whose best bid and ask changed, and a trade for each T row, signed by its
 * aggressor side (B buy +1, A sell −1, N none 0). Times are receive times (ts_recv). Only the
 * continuous session counts: quotes start at the first trade (CME's pre-open book rests crossed
 * orders unmatched until the opening auction), and a crossed book gives no quote.
 */
export async function mboSeries(file: string, tickSize = 0.25): Promise<MarketSeries> {
  const grid = new Grid(tickSize);
  const events = await readMboCsv(file, { grid });
  const book = new OrderBook();
  const quotes: TopOfBook[] = [];
  const trades: Trade[] = [];
  const depthImbalances: number[] = [];
  const { action, side, priceTicks, size, orderId, flags, tsRecv, line } = events;
  let last: TopOfBook | undefined;
  for (let i = 0; i < events.length; i++) {
    const where = { file: events.file, line: line[i] };
    applyMboRow(book, action[i], side[i], priceTicks[i], size[i], orderId[i], false, where);
    if (action[i] === ACTION_TRADE) {
      const sign: TradeSign = side[i] === SIDE_BID ? 1 : side[i] === SIDE_ASK ? -1 : 0;
      const price = grid.fromTicks(priceTicks[i]);
      trades.push({ time: tsRecv[i], price, size: size[i], sign, quoteIndex: quotes.length - 1 });
    }
    const batchEnd =
      (flags[i] & F_LAST) !== 0 ||
      i === events.length - 1 ||
      ((flags[i] & F_SNAPSHOT) !== 0 && (flags[i + 1] & F_SNAPSHOT) === 0);
    if (!batchEnd || trades.length === 0) continue;
    const bid = book.bestBid();
    const ask = book.bestAsk();
    if (bid === undefined || ask === undefined || bid.tick >= ask.tick) continue;
    const quote: TopOfBook = {
      time: tsRecv[i],
      bidPrice: grid.fromTicks(bid.tick),
      bidSize: bid.size,
      askPrice: grid.fromTicks(ask.tick),
      askSize: ask.size,
    };
    if (last === undefined || !sameQuote(last, quote)) {
      quotes.push(quote);
      last = quote;
      const sizes = (side: typeof BID | typeof ASK) => book.topLevels(side, DEPTH_LEVELS).map((l) => l.size);
      depthImbalances.push(depthImbalance(sizes(BID), sizes(ASK)));
    }
  }
  return { quotes, trades, tickSize, depthImbalances };
}

function sameQuote(a: TopOfBook, b: TopOfBook): boolean {
  return (
    a.bidPrice === b.bidPrice &&
    a.bidSize === b.bidSize &&
    a.askPrice === b.askPrice &&
    a.askSize === b.askSize
  );
}
