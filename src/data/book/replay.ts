import { DataError, type DataErrorLocation } from '../../core/errors.js';
import { ASK, BID, type BookSide, type RestingOrder } from './level.js';
import {
  ACTION_ADD,
  ACTION_CANCEL,
  ACTION_CLEAR,
  ACTION_FILL,
  ACTION_MODIFY,
  ACTION_TRADE,
  F_LAST,
  F_SNAPSHOT,
  type MboEvents,
  SIDE_ASK,
  SIDE_BID,
} from './mbo-events.js';
import type { OrderBook } from './order-book.js';

export interface ReplayOptions {
  /** Replay rows [from, to) (default: all). */
  from?: number;
  to?: number;
  /**
   * When a book crossed at the end of an event batch is an error (DataError code BOOK_CROSSED):
   * 'after-first-trade' (default) from the first T row of the replay on. CME's pre-open accepts
   * crossing orders without matching them (the real ES file is crossed from 22:39 to the 23:00
   * opening auction); the auction's trade uncrosses the book and from then on matching keeps it
   * uncrossed. 'always' checks every batch, 'never' none.
   */
  crossCheck?: 'after-first-trade' | 'always' | 'never';
  /**
   * Whether F (fill) reduces the resting order. Default false: in Databento's CME (GLBX.MDP3) MBO,
   * every F is followed by the C or M that removes or shrinks the filled order, so reducing on F
   * would count the fill twice. F is still checked (the order must rest, on that side).
   * Set true for a feed whose fills are not followed by a book update.
   */
  fillsReduce?: boolean;
  /** Called after each complete batch (F_LAST, the end of the snapshot, the last row) with its row index. */
  onBatchEnd?: (index: number) => void;
}

export interface ReplayResult {
  events: number;
  batches: number;
}

/**
 * Applies Databento MBO events to a book: A add, C cancel (size = size removed), M modify (an unknown
 * id is added, as in Databento's reference book), F fill (see `fillsReduce`), T trade and N none (no
 * change), R clear. Errors name the file and line of the offending row.
 */
export function replayMbo(book: OrderBook, events: MboEvents, options: ReplayOptions = {}): ReplayResult {
  const from = options.from ?? 0;
  const to = Math.min(options.to ?? events.length, events.length);
  const crossCheck = options.crossCheck ?? 'after-first-trade';
  let checkCrossed = crossCheck === 'always';
  const fillsReduce = options.fillsReduce ?? false;
  const onBatchEnd = options.onBatchEnd;
  const where: DataErrorLocation = { file: events.file, line: 0 };
  const { action, side, priceTicks, size, orderId, flags, line } = events;
  let batches = 0;
  for (let i = from; i < to; i++) {
    where.line = line[i];
    const code = action[i];
    applyMboRow(book, code, side[i], priceTicks[i], size[i], orderId[i], fillsReduce, where);
    if (code === ACTION_TRADE && crossCheck === 'after-first-trade') checkCrossed = true;
    const flag = flags[i];
    const batchEnd =
      (flag & F_LAST) !== 0 ||
      i === to - 1 ||
      ((flag & F_SNAPSHOT) !== 0 && (flags[i + 1] & F_SNAPSHOT) === 0);
    if (batchEnd) {
      batches++;
      if (checkCrossed && book.isCrossed()) {
        throw new DataError(
          `book crossed at the end of a batch: bid ${book.bestBidTick()} >= ask ${book.bestAskTick()} (ticks)`,
          { ...where },
          'BOOK_CROSSED',
        );
      }
      if (onBatchEnd !== undefined) onBatchEnd(i);
    }
  }
  return { events: to - from, batches };
}

/**
 * Applies one MBO row to a book (the rules of `replayMbo`): A add, C cancel, M modify (an unknown
 * id is added), F fill (checked; reduces only with `fillsReduce`), R clear; T and N change nothing.
 */
export function applyMboRow(
  book: OrderBook,
  code: number,
  side: number,
  tick: number,
  size: number,
  id: number,
  fillsReduce: boolean,
  where?: DataErrorLocation,
): void {
  if (code === ACTION_ADD) {
    book.add(id, sideOf(side, where), tick, size, false, where);
  } else if (code === ACTION_CANCEL) {
    book.cancelOrder(resting(book.order(id), id, side, where), size, where);
  } else if (code === ACTION_MODIFY) {
    const order = book.order(id);
    if (order === undefined) book.add(id, sideOf(side, where), tick, size, false, where);
    else book.modifyOrder(resting(order, id, side, where), tick, size, where);
  } else if (code === ACTION_FILL) {
    if (side === SIDE_BID || side === SIDE_ASK) {
      const order = resting(book.order(id), id, side, where);
      // An iceberg's fill can exceed its displayed size (the M that follows refills it).
      if (fillsReduce) book.cancelOrder(order, Math.min(size, order.size), where);
    }
  } else if (code === ACTION_CLEAR) {
    book.clear();
  }
}

/** The book side of a B/A side code (a DataError naming the row otherwise). */
export function sideOf(code: number, where: DataErrorLocation | undefined): BookSide {
  if (code === SIDE_BID) return BID;
  if (code === SIDE_ASK) return ASK;
  throw new DataError('side must be B or A for this action', {
    ...where,
    field: 'side',
    value: String.fromCharCode(code),
  });
}

/** The feed's resting order an event refers to, checked to be the feed's and on the event's side. */
export function resting(
  order: RestingOrder | undefined,
  id: number,
  code: number,
  where: DataErrorLocation | undefined,
): RestingOrder {
  if (order === undefined) {
    throw new DataError(`no resting order ${id}`, { ...where, field: 'order_id', value: String(id) });
  }
  if (order.isOurs) {
    throw new DataError(`feed event refers to our own order ${id} (give ours negative ids)`, {
      ...where,
      field: 'order_id',
      value: String(id),
    });
  }
  if (order.side !== sideOf(code, where)) {
    throw new DataError(`order ${id} rests on the other side`, {
      ...where,
      field: 'side',
      value: String.fromCharCode(code),
    });
  }
  return order;
}
