import type { Cache } from '../core/cache.js';
import type { Order } from '../model/order.js';
import type { OrderEvent } from '../model/order-events.js';
import type { OrderChanges } from './engine.js';

/** What the manager needs from the kernel: the same risk path as every other order. */
export interface ContingencyActions {
  submit(order: Order): void;
  cancel(order: Order): void;
  modify(order: Order, changes: OrderChanges): void;
}

/**
 * Contingent orders emulated in the kernel, whatever the venue supports:
 * - **OTO** (one triggers other): children are held, unsent, until the parent fills; each parent
 *   fill sizes the children to the parent's filled quantity (the first fill submits them, later
 *   partial fills modify them); a parent that ends without any fill cancels them.
 * - **OCO** (one cancels other): when a member fills completely the others are canceled; a partial
 *   fill reduces the others to the member's remaining quantity; a member canceled, expired or
 *   rejected cancels the others.
 * - A **bracket** is OTO(entry → take-profit, stop-loss) plus OCO(take-profit, stop-loss). When the
 *   venue takes brackets natively (`ExecutionClient.submitBracket`), the execution engine sends it
 *   whole and hands it over (`handOver`): the manager then no longer emulates that group.
 */
export class ContingencyManager {
  private readonly childrenOf = new Map<string, Order[]>();
  private readonly ocoGroupOf = new Map<string, Order[]>();
  /** Brackets handed over to their venue, until their entry fills or ends. */
  private readonly venueBrackets = new Map<string, { parent: Order; children: readonly Order[] }>();

  constructor(
    private readonly cache: Cache,
    private readonly actions: ContingencyActions,
  ) {}

  /** Holds `children` until `parent` fills. The children must not be submitted by anyone else. */
  oto(parent: Order, children: readonly Order[]): void {
    for (const child of children) {
      if (child.status !== 'initialized')
        throw new RangeError(`OTO child ${child.clientOrderId} was sent already`);
      this.cache.addOrder(child); // held, in state initialized, until the parent fills
    }
    this.childrenOf.set(parent.clientOrderId, [...children]);
  }

  /** Links orders so that one filling or ending cancels (or shrinks) the others. */
  oco(orders: readonly Order[]): void {
    if (orders.length < 2) throw new RangeError('an OCO group needs at least two orders');
    const group = [...orders];
    for (const order of group) this.ocoGroupOf.set(order.clientOrderId, group);
  }

  /** The children of `parent` when they are all unsent and form exactly one OCO group (a bracket). */
  bracketOf(parent: Order): readonly Order[] | undefined {
    const children = this.childrenOf.get(parent.clientOrderId);
    if (children === undefined || children.length < 2) return undefined;
    if (children.some((c) => c.status !== 'initialized')) return undefined;
    const group = this.ocoGroupOf.get(children[0].clientOrderId);
    if (group === undefined || group.length !== children.length) return undefined;
    return children.every((c) => group.includes(c)) ? children : undefined;
  }

  /** The venue manages this bracket now: forget its OTO and OCO links. */
  handOver(parent: Order, children: readonly Order[]): void {
    this.childrenOf.delete(parent.clientOrderId);
    for (const child of children) this.ocoGroupOf.delete(child.clientOrderId);
    this.venueBrackets.set(parent.clientOrderId, { parent, children: [...children] });
  }

  /**
   * Open legs of venue-managed brackets that lost an exit before their entry filled — e.g. the
   * exits never reached the broker because the connection dropped, and reconciliation found them
   * missing: an entry without its protection is not what the strategy asked for, so the live node
   * cancels what is left of such a bracket.
   */
  orphanedBracketLegs(): Order[] {
    const legs: Order[] = [];
    for (const [id, { parent, children }] of this.venueBrackets) {
      if (parent.filledQuantity > 0 || parent.isTerminal) {
        this.venueBrackets.delete(id); // the venue runs the exits from here
        continue;
      }
      if (children.some((c) => c.isTerminal && c.filledQuantity === 0))
        legs.push(...[parent, ...children].filter((o) => o.isOpen));
    }
    return legs;
  }

  /** Called by the execution engine after each event is applied to its order. */
  onEvent(order: Order, event: OrderEvent): void {
    const children = this.childrenOf.get(order.clientOrderId);
    if (children) this.onParentEvent(order, event, children);
    const group = this.ocoGroupOf.get(order.clientOrderId);
    if (group) this.onOcoEvent(order, event, group);
  }

  private onParentEvent(parent: Order, event: OrderEvent, children: Order[]): void {
    if (event.kind === 'filled') {
      for (const child of children) {
        if (child.status === 'initialized') {
          child.quantity = parent.filledQuantity;
          this.actions.submit(child);
        } else if (child.isOpen && child.quantity !== parent.filledQuantity) {
          this.actions.modify(child, { quantity: parent.filledQuantity });
        }
      }
    } else if (parent.isTerminal && parent.filledQuantity === 0) {
      for (const child of children) this.actions.cancel(child);
    }
    if (parent.isTerminal) this.childrenOf.delete(parent.clientOrderId);
  }

  private onOcoEvent(member: Order, event: OrderEvent, group: Order[]): void {
    const others = group.filter((o) => o !== member && o.isOpen);
    if (event.kind === 'filled') {
      for (const other of others) {
        if (member.status === 'filled') this.actions.cancel(other);
        else if (other.isWorking && other.leavesQuantity > member.leavesQuantity) {
          this.actions.modify(other, { quantity: other.filledQuantity + member.leavesQuantity });
        }
      }
    } else if (event.kind === 'canceled' || event.kind === 'expired' || event.kind === 'rejected') {
      for (const other of others) this.actions.cancel(other);
    }
    if (group.every((o) => o.isTerminal)) for (const o of group) this.ocoGroupOf.delete(o.clientOrderId);
  }
}
