/** Book side of an order: bids buy, asks sell. */
export const BID = 0;
export const ASK = 1;
export type BookSide = typeof BID | typeof ASK;

/** One resting order: a node of its price level's FIFO queue (a doubly linked list, O(1) removal). */
export interface RestingOrder {
  readonly id: number;
  readonly side: BookSide;
  tick: number;
  size: number;
  /** Arrival sequence in this book (monotonic); a priority loss gives a new one. */
  sequence: number;
  readonly isOurs: boolean;
  level: PriceLevel | null;
  prev: RestingOrder | null;
  next: RestingOrder | null;
}

/**
 * A price level: FIFO queue of orders with aggregates. `size`/`count` are the displayed market
 * liquidity (orders from the feed); `oursSize`/`oursCount` are our own simulated resting orders,
 * which sit in the same queue (they have a queue position) but are never part of the displayed size.
 */
export class PriceLevel {
  readonly tick: number;
  size = 0;
  count = 0;
  oursSize = 0;
  oursCount = 0;
  head: RestingOrder | null = null;
  tail: RestingOrder | null = null;

  constructor(tick: number) {
    this.tick = tick;
  }

  get isEmpty(): boolean {
    return this.head === null;
  }

  /** Appends at the back of the queue. */
  push(order: RestingOrder): void {
    order.level = this;
    order.prev = this.tail;
    order.next = null;
    if (this.tail === null) this.head = order;
    else this.tail.next = order;
    this.tail = order;
    this.account(order, order.size, 1);
  }

  /** Unlinks an order (its size as currently recorded). */
  remove(order: RestingOrder): void {
    if (order.prev === null) this.head = order.next;
    else order.prev.next = order.next;
    if (order.next === null) this.tail = order.prev;
    else order.next.prev = order.prev;
    this.account(order, -order.size, -1);
    order.prev = null;
    order.next = null;
    order.level = null;
  }

  /** Changes an order's size in place (keeps priority). */
  resize(order: RestingOrder, newSize: number): void {
    this.account(order, newSize - order.size, 0);
    order.size = newSize;
  }

  /** Total size (market and ours) resting ahead of an order in this queue. */
  sizeAhead(order: RestingOrder): number {
    let ahead = 0;
    for (let node = order.prev; node !== null; node = node.prev) ahead += node.size;
    return ahead;
  }

  private account(order: RestingOrder, sizeDelta: number, countDelta: number): void {
    if (order.isOurs) {
      this.oursSize += sizeDelta;
      this.oursCount += countDelta;
    } else {
      this.size += sizeDelta;
      this.count += countDelta;
    }
  }
}
