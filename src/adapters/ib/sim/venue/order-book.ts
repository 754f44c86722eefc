/**
 * The simulated broker's order book-keeping: IB order ids (per client id) ↔ orders, permIds
 * (unique, increasing), parent/child links and OCA groups. Pure state; the venue drives it.
 */
import type { IbOrderStatus, VenueExecution, VenueOrder } from './types.js';

const TERMINAL: ReadonlySet<IbOrderStatus> = new Set(['Filled', 'Cancelled', 'Inactive']);

export function isTerminal(order: VenueOrder): boolean {
  return TERMINAL.has(order.status);
}

export class SimOrderBook {
  private readonly byKey = new Map<string, VenueOrder>();
  private readonly byPerm = new Map<number, VenueOrder>();
  private readonly executionList: VenueExecution[] = [];
  private permSequence: number;
  private execSequence = 0;

  constructor(firstPermId: number) {
    if (!Number.isSafeInteger(firstPermId) || firstPermId <= 0 || firstPermId > 2_000_000_000)
      throw new RangeError(`firstPermId must be an integer in 1..2e9, got ${firstPermId}`);
    this.permSequence = firstPermId;
  }

  /** The next permId (unique and increasing for the simulator's lifetime). */
  nextPermId(): number {
    return this.permSequence++;
  }

  /** A unique execution id shaped like IB's (`0000e0d5.00000001.01.01`). */
  nextExecId(): string {
    this.execSequence++;
    return `0000e0d5.${this.execSequence.toString(16).padStart(8, '0')}.01.01`;
  }

  add(order: VenueOrder): void {
    this.byKey.set(key(order.clientId, order.orderId), order);
    this.byPerm.set(order.permId, order);
  }

  get(clientId: number, orderId: number): VenueOrder | undefined {
    return this.byKey.get(key(clientId, orderId));
  }

  byPermId(permId: number): VenueOrder | undefined {
    return this.byPerm.get(permId);
  }

  all(): VenueOrder[] {
    return [...this.byPerm.values()];
  }

  /** Orders not yet filled, cancelled or inactive, in permId order. */
  open(): VenueOrder[] {
    return this.all().filter((o) => !isTerminal(o));
  }

  parentOf(order: VenueOrder): VenueOrder | undefined {
    return order.parentId === 0 ? undefined : this.get(order.clientId, order.parentId);
  }

  children(parent: VenueOrder): VenueOrder[] {
    return this.all().filter(
      (o) => o.parentId === parent.orderId && o.clientId === parent.clientId && o !== parent,
    );
  }

  /**
   * Orders that one-cancels-all with `order`: the same OCA group in the same account, and a
   * bracket's siblings (IB treats the children of one parent as one OCA group).
   */
  ocaPeers(order: VenueOrder): VenueOrder[] {
    return this.open().filter(
      (o) =>
        o !== order &&
        ((order.ocaGroup !== '' && o.ocaGroup === order.ocaGroup && o.account === order.account) ||
          (order.parentId !== 0 && o.parentId === order.parentId && o.clientId === order.clientId)),
    );
  }

  addExecution(execution: VenueExecution): void {
    this.executionList.push(execution);
  }

  executions(): readonly VenueExecution[] {
    return this.executionList;
  }
}

function key(clientId: number, orderId: number): string {
  return `${clientId}/${orderId}`;
}
