import type { Order } from '../model/order.js';
import type { TradingSession } from '../model/sessions.js';
import type { TradingDayOf, UnixMicros } from '../model/time.js';

/**
 * When an at-the-open or at-the-close order (MOO, MOC, TIF AT_THE_OPEN / AT_THE_CLOSE) executes.
 * With a session: the open of the next session to open after the order arrives (a MOO sent during
 * a session waits for the next one), or the close of the session it arrives in (between sessions:
 * of the next one). Without one, trading days come from the venue's day function: the open is the
 * first data of a later day, the close the last data of the arrival's day.
 */
export interface AuctionTarget {
  readonly kind: 'open' | 'close';
  /** Session open/close time (µs), or NaN when there is no session. */
  readonly time: UnixMicros;
  /** Trading day of arrival (used without a session). */
  readonly day: number;
}

export function auctionTarget(
  order: Order,
  arrival: UnixMicros,
  session: TradingSession | undefined,
  dayOf: TradingDayOf,
): AuctionTarget | undefined {
  const kind = order.auction;
  if (kind === undefined) return undefined;
  const day = dayOf(arrival);
  if (session === undefined) return { kind, time: Number.NaN, day };
  const current = session.currentOrNext(arrival);
  if (kind === 'close') return { kind, time: current.close, day };
  const open = arrival < current.open ? current.open : session.currentOrNext(current.close).open;
  return { kind, time: open, day };
}

/** Has the auction's moment come by data spanning [start, end]? `day` is the data's trading day. */
export function auctionReached(target: AuctionTarget, start: UnixMicros, day: number): boolean {
  return Number.isNaN(target.time) ? day > target.day : start >= target.time;
}
