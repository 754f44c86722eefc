import type { TimeEventHandler, TimerOptions } from '../../core/clock.js';
import type { OrderSide } from '../../model/enums.js';
import type { InstrumentId } from '../../model/identifiers.js';
import type { Instrument } from '../../model/instruments.js';
import type { Order } from '../../model/order.js';
import type { OrderEvent, OrderFilled } from '../../model/order-events.js';
import type { UnixMicros } from '../../model/time.js';
import { arrivalPriceOf, type ExecutionQuality, ordersQuality } from '../quality.js';
import {
  type AlgorithmCompleted,
  type AlgorithmContext,
  type AlgorithmFailure,
  type AlgorithmHandle,
  type AlgorithmKind,
  type AlgorithmStatus,
  algorithmTopic,
  type ParentOrder,
} from './types.js';

/**
 * What every algorithm shares: child orders sent through the strategy's order path (so through
 * risk), fill tracking from the strategy's order events, the never-more-than-the-parent rule,
 * the failure rule, cancel, completion and the quality report. Subclasses decide when and how
 * much to send (`onStart`, `onChildFilled`, `onChildEnded`, their timers and data).
 *
 * Failure rule: a child denied by risk or rejected by the venue, or canceled or expired without
 * the algorithm asking, ends the algorithm as `failed`: its other working children are canceled and
 * nothing more is sent. Retrying the same order would be refused the same way.
 */
export abstract class ExecutionAlgorithm implements AlgorithmHandle {
  readonly id: string;
  readonly instrumentId: InstrumentId;
  readonly side: OrderSide;
  readonly quantity: number;
  protected readonly instrument: Instrument;
  protected readonly limitPrice: number | undefined;
  private currentStatus: AlgorithmStatus = 'running';
  private done = false;
  private readonly childList: Order[] = [];
  private readonly childIds = new Set<string>();
  /** Children the algorithm itself canceled: their `canceled` event is no failure. */
  private readonly cancelRequested = new Set<string>();
  private readonly unsubscribers: Array<() => void> = [];
  private readonly timerNames = new Set<string>();
  private readonly listeners: Array<(event: AlgorithmCompleted) => void> = [];
  private readonly tags: readonly string[];
  private failureInfo: AlgorithmFailure | undefined;
  private arrival: number | undefined;
  private finalReport: ExecutionQuality | undefined;
  private completedEvent: AlgorithmCompleted | undefined;
  private orderSubscription: (() => void) | undefined;

  protected constructor(
    protected readonly context: AlgorithmContext,
    readonly kind: AlgorithmKind,
    params: ParentOrder,
  ) {
    const instrument = context.cache.requireInstrument(params.instrumentId);
    if (!(params.quantity > 0) || !instrument.sizeGrid.contains(params.quantity))
      throw new RangeError(
        `${kind}: quantity ${params.quantity} must be positive and a multiple of ${instrument.sizeGrid.increment}`,
      );
    if (params.limitPrice !== undefined && !instrument.priceGrid.contains(params.limitPrice))
      throw new RangeError(
        `${kind}: limit price ${params.limitPrice} is not on the ${instrument.priceGrid.increment} tick grid`,
      );
    this.instrument = instrument;
    this.id = params.id ?? context.nextAlgorithmId(kind);
    this.instrumentId = params.instrumentId;
    this.side = params.side;
    this.quantity = params.quantity;
    this.limitPrice = params.limitPrice;
    this.tags = [`algo:${this.id}`, ...(params.tags ?? [])];
    this.arrival = params.arrivalPrice ?? arrivalPriceOf(context.cache, params.instrumentId);
  }

  /** Subscribes to the strategy's order events, then lets the subclass begin. */
  start(): this {
    this.orderSubscription = this.context.subscribeOrderEvents((event) => this.onOrderEvent(event));
    this.context.log.debug(`${this.kind} ${this.id}: ${this.side} ${this.quantity} ${this.instrumentId}`);
    this.onStart();
    this.checkCompleted();
    return this;
  }

  protected abstract onStart(): void;
  /** A child filled (partly or fully); the algorithm's fill totals include it. */
  protected onChildFilled(_order: Order, _event: OrderFilled): void {}
  /** A child reached a terminal state while the algorithm is running (not a failure). */
  protected onChildEnded(_order: Order): void {}

  // ---- state ----
  get status(): AlgorithmStatus {
    return this.currentStatus;
  }

  get isRunning(): boolean {
    return this.currentStatus === 'running';
  }

  get isDone(): boolean {
    return this.done;
  }

  get children(): readonly Order[] {
    return this.childList;
  }

  get failure(): AlgorithmFailure | undefined {
    return this.failureInfo;
  }

  get arrivalPrice(): number | undefined {
    return this.arrival;
  }

  get report(): ExecutionQuality | undefined {
    return this.finalReport;
  }

  get filledQuantity(): number {
    let filled = 0;
    for (const child of this.childList) filled += child.filledQuantity;
    return this.instrument.sizeGrid.round(filled);
  }

  get workingQuantity(): number {
    let working = 0;
    for (const child of this.childList) if (child.isOpen) working += child.leavesQuantity;
    return this.instrument.sizeGrid.round(working);
  }

  get unsentQuantity(): number {
    return this.instrument.sizeGrid.round(
      Math.max(0, this.quantity - this.filledQuantity - this.workingQuantity),
    );
  }

  get averagePrice(): number | undefined {
    let filled = 0;
    let notional = 0;
    for (const child of this.childList) {
      if (child.filledQuantity === 0) continue;
      filled += child.filledQuantity;
      notional += child.filledQuantity * child.averagePrice!;
    }
    return filled > 0 ? notional / filled : undefined;
  }

  quality(endPrice?: number): ExecutionQuality | undefined {
    const arrival = this.arrival;
    if (arrival === undefined) return undefined;
    return ordersQuality({
      instrument: this.instrument,
      side: this.side,
      quantity: this.quantity,
      arrivalPrice: arrival,
      orders: this.childList,
      endPrice: endPrice ?? this.context.cache.lastPrice(this.instrumentId) ?? arrival,
    });
  }

  onDone(listener: (event: AlgorithmCompleted) => void): void {
    if (this.completedEvent) listener(this.completedEvent);
    else this.listeners.push(listener);
  }

  cancel(): void {
    this.finish('canceled');
  }

  // ---- for subclasses ----
  /**
   * Sends a child of `quantity` (floored to the size grid and capped by what is unsent: the
   * parent quantity minus fills minus working children). Returns undefined when nothing can go,
   * or when the algorithm is not running. The child may come back denied: watch `status`.
   */
  protected sendChild(quantity: number): Order | undefined {
    if (!this.isRunning) return undefined;
    const size = this.instrument.sizeGrid.floor(Math.min(quantity, this.unsentQuantity));
    if (!(size > 0)) return undefined;
    const order = this.context.newOrder(this.instrumentId, this.side, size, {
      price: this.limitPrice,
      tags: this.tags,
    });
    // Tracked before it is sent: a denial comes back while submit() runs.
    this.childList.push(order);
    this.childIds.add(order.clientOrderId);
    this.arrival ??= arrivalPriceOf(this.context.cache, this.instrumentId);
    this.context.submit(order);
    return order;
  }

  /** A repeating timer on the kernel clock, named `<strategy>:algo:<id>:<name>`, dropped at the end. */
  protected setTimer(
    name: string,
    intervalMicros: number,
    handler: TimeEventHandler,
    options?: TimerOptions,
  ): void {
    const key = this.timerKey(name);
    this.timerNames.add(key);
    this.context.clock.setTimer(key, intervalMicros, handler, options);
  }

  protected setTimeAlert(name: string, time: UnixMicros, handler: TimeEventHandler): void {
    const key = this.timerKey(name);
    this.timerNames.add(key);
    this.context.clock.setTimeAlert(key, time, (event) => {
      this.timerNames.delete(key);
      handler(event);
    });
  }

  /** Keeps a data subscription until the algorithm ends. */
  protected keep(unsubscribe: () => void): void {
    this.unsubscribers.push(unsubscribe);
  }

  /**
   * Ends the algorithm: no more children, timers and data dropped, working children canceled.
   * It is done (completion emitted) once every child is terminal.
   */
  protected finish(status: Exclude<AlgorithmStatus, 'running'>, failure?: AlgorithmFailure): void {
    if (!this.isRunning) return;
    this.currentStatus = status;
    this.failureInfo = failure;
    for (const key of this.timerNames) this.context.clock.cancelTimer(key);
    this.timerNames.clear();
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
    for (const child of this.childList) {
      if (!child.isOpen) continue;
      this.cancelRequested.add(child.clientOrderId);
      this.context.cancel(child);
    }
    if (failure)
      this.context.log.warn(
        `${this.kind} ${this.id} failed: child ${failure.clientOrderId} ${failure.code}: ${failure.reason}`,
      );
    this.checkDone();
  }

  private timerKey(name: string): string {
    return `${this.context.strategyId}:algo:${this.id}:${name}`;
  }

  private onOrderEvent(event: OrderEvent): void {
    if (!this.childIds.has(event.clientOrderId)) return;
    const order = this.context.cache.order(event.clientOrderId)!;
    if (this.isRunning) {
      switch (event.kind) {
        case 'denied':
        case 'rejected':
          this.finish('failed', {
            clientOrderId: order.clientOrderId,
            code: event.reasonCode,
            reason: event.reason,
          });
          break;
        case 'canceled':
        case 'expired':
          if (!this.cancelRequested.has(order.clientOrderId))
            this.finish('failed', {
              clientOrderId: order.clientOrderId,
              code: event.kind === 'canceled' ? 'CHILD_CANCELED' : 'CHILD_EXPIRED',
              reason: event.kind === 'canceled' ? event.reason : 'the child order expired',
            });
          break;
        case 'filled':
          this.onChildFilled(order, event);
          break;
        default:
          break;
      }
      if (this.isRunning && order.isTerminal) this.onChildEnded(order);
      this.checkCompleted();
    }
    this.checkDone();
  }

  /** Running and the whole quantity filled: completed. */
  private checkCompleted(): void {
    if (this.isRunning && this.filledQuantity >= this.quantity) this.finish('completed');
  }

  private checkDone(): void {
    if (this.done || this.isRunning || this.childList.some((c) => c.isOpen)) return;
    this.done = true;
    this.orderSubscription?.();
    this.finalReport = this.quality();
    const event: AlgorithmCompleted = {
      kind: 'algorithm-completed',
      algorithmId: this.id,
      algorithm: this.kind,
      strategyId: this.context.strategyId,
      status: this.currentStatus as Exclude<AlgorithmStatus, 'running'>,
      filledQuantity: this.filledQuantity,
      quantity: this.quantity,
      failure: this.failureInfo,
      report: this.finalReport,
      tsEvent: this.context.clock.now(),
    };
    this.completedEvent = event;
    this.context.log.info(
      `${this.kind} ${this.id} ${event.status}: filled ${event.filledQuantity} of ${this.quantity}`,
    );
    this.context.publish(algorithmTopic(this.context.strategyId), event);
    for (const listener of this.listeners.splice(0)) listener(event);
  }
}
