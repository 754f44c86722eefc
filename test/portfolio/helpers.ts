/** A bare Portfolio over a real bus and cache, fed fills directly (no venue, no risk). */
import { MessageBus } from '../../src/core/bus.js';
import { Cache } from '../../src/core/cache.js';
import { Account, type AccountType } from '../../src/model/account.js';
import { type Currency, USD } from '../../src/model/currency.js';
import { BarType, bar } from '../../src/model/data.js';
import type { OrderSide } from '../../src/model/enums.js';
import type { Instrument } from '../../src/model/instruments.js';
import { Order } from '../../src/model/order.js';
import { Portfolio, type PositionEvent } from '../../src/portfolio/portfolio.js';
import { fillEvent, T0 } from '../support/order-builders.js';

export interface Book {
  readonly portfolio: Portfolio;
  readonly cache: Cache;
  readonly events: PositionEvent[];
  account(venue: string): Account;
}

export function makeBook(
  instruments: readonly Instrument[],
  venues: ReadonlyArray<{ venue: string; type?: AccountType; cash?: number; currency?: Currency }>,
): Book {
  const bus = new MessageBus();
  const cache = new Cache();
  const portfolio = new Portfolio(bus, cache);
  const accounts = new Map<string, Account>();
  for (const v of venues) {
    const account = new Account(`${v.venue}-001`, v.type ?? 'margin', v.currency ?? USD, v.cash ?? 1_000_000);
    accounts.set(v.venue, account);
    portfolio.registerAccount(v.venue, account);
  }
  for (const i of instruments) cache.addInstrument(i);
  const events: PositionEvent[] = [];
  bus.subscribe<PositionEvent>('events.position.*', (e) => events.push(e));
  return { portfolio, cache, events, account: (venue) => accounts.get(venue)! };
}

let sequence = 0;
let clock = T0;

/** Books a whole order of `quantity` at `price` for `strategyId` (optionally naming a position). */
export function trade(
  book: Book,
  strategyId: string,
  instrument: Instrument,
  side: OrderSide,
  quantity: number,
  price: number,
  options: { commission?: number; positionId?: string } = {},
): Order {
  sequence++;
  const order = new Order({
    clientOrderId: `${strategyId}-${String(sequence).padStart(6, '0')}`,
    strategyId,
    instrumentId: instrument.id,
    side,
    type: 'market',
    quantity,
    timeInForce: 'GTC',
    positionId: options.positionId,
    tsInit: T0,
  });
  book.portfolio.applyFill(order, fillEvent(order, quantity, price, { commission: options.commission }));
  return order;
}

/** A one-minute bar of `instrument` closing at `close`, written to the cache and marked. */
export function mark(book: Book, instrument: Instrument, close: number): void {
  clock += 60_000_000;
  const item = bar(BarType.of(instrument.id, 1, 'minute'), close, close, close, close, 100, clock);
  book.cache.addBar(item);
  book.portfolio.onData(item);
}
