import type { TimeEvent, TimerOptions } from '../core/clock.js';
import { Component } from '../core/component.js';
import { BourseError } from '../core/errors.js';
import type { OrderChanges } from '../execution/engine.js';
import { orderTopic } from '../execution/engine.js';
import type { Indicator } from '../indicators/core.js';
import type { Bar, BarType, BookData, QuoteTick, TradeTick } from '../model/data.js';
import type { OrderSide, OrderType, TimeInForce, TrailingOffsetType } from '../model/enums.js';
import type { InstrumentId, StrategyId } from '../model/identifiers.js';
import { Order } from '../model/order.js';
import type { OrderEvent } from '../model/order-events.js';
import type { PositionEvent } from '../portfolio/portfolio.js';
import { positionTopic } from '../portfolio/portfolio.js';
import type { StrategyServices } from './services.js';
import type { SavedStrategyState, StateValue } from './state.js';

export interface OrderOptions {
  /** Default: market; limit when only `price` is given, stop-market when only `triggerPrice`. */
  readonly type?: OrderType;
  readonly price?: number;
  readonly triggerPrice?: number;
  readonly timeInForce?: TimeInForce;
  /** GTD: expiry time (µs). Giving it makes the order GTD unless another TIF is named. */
  readonly expireTime?: number;
  /** Trailing stops (`trailing-stop-market` / `-limit`): distance and its unit (default price). */
  readonly trailingOffset?: number;
  readonly trailingOffsetType?: TrailingOffsetType;
  /** Trailing stop-limit: the limit's distance beyond the trigger (unit of the trailing offset). */
  readonly limitOffset?: number;
  readonly reduceOnly?: boolean;
  /** Limit orders: cancel rather than take liquidity. */
  readonly postOnly?: boolean;
  /** Limit orders: show only this much at a time (iceberg). */
  readonly displayQuantity?: number;
  /** Hedging OMS: the position this order closes or adds to (docs/portfolio.md). */
  readonly positionId?: string;
  readonly tags?: readonly string[];
}

/**
 * Base class of every strategy. Override the handlers you need; place orders with the helpers.
 * A strategy only talks to the kernel through these methods, so it cannot tell backtest from live.
 */
export abstract class Strategy<P extends object = Record<string, unknown>> extends Component {
  readonly id: StrategyId;
  readonly params: Readonly<P>;
  private kernel: StrategyServices | undefined;
  private readonly unsubscribers: Array<() => void> = [];
  private orderSequence = 0;
  /** Indicators updated with each bar of their bar type before onBar runs. */
  private readonly indicatorsByBarType = new Map<BarType, Indicator[]>();
  private readonly subscribedBarTypes = new Set<BarType>();

  constructor(id: StrategyId, params: P) {
    super(id);
    this.id = id;
    this.params = Object.freeze({ ...params });
  }

  /** Called by the kernel once; wires order and position events to the handlers. */
  register(services: StrategyServices): void {
    if (this.kernel)
      throw new BourseError('STRATEGY_REGISTERED', `strategy ${this.id} is registered already`);
    this.kernel = services;
    this.unsubscribers.push(
      services.bus.subscribe<OrderEvent>(orderTopic(this.id), (event) =>
        this.onOrderEvent(event, services.cache.order(event.clientOrderId)!),
      ),
      services.bus.subscribe<PositionEvent>(positionTopic(this.id), (event) => this.onPositionChanged(event)),
    );
    // Indicators registered in the constructor get their bars from now on.
    for (const barType of this.indicatorsByBarType.keys()) this.subscribeBars(barType);
  }

  protected get services(): StrategyServices {
    if (!this.kernel)
      throw new BourseError('STRATEGY_NOT_REGISTERED', `strategy ${this.id} is not registered with a kernel`);
    return this.kernel;
  }

  get clock(): StrategyServices['clock'] {
    return this.services.clock;
  }

  get cache(): StrategyServices['cache'] {
    return this.services.cache;
  }

  get portfolio(): StrategyServices['portfolio'] {
    return this.services.portfolio;
  }

  get log(): StrategyServices['log'] {
    return this.services.log;
  }

  // ---- handlers (override) ----
  onBar(_bar: Bar): void {}
  onQuote(_quote: QuoteTick): void {}
  onTrade(_trade: TradeTick): void {}
  /** A book event (L3 or L2); `this.cache.orderBook(id)` is the book after it (displayed liquidity). */
  onBook(_event: BookData): void {}
  onOrderEvent(_event: OrderEvent, _order: Order): void {}
  onPositionChanged(_event: PositionEvent): void {}
  onTimer(_event: TimeEvent): void {}

  // ---- data ----
  /** Delivers bars of this type to onBar, after updating the indicators registered for it. */
  subscribeBars(barType: BarType): void {
    if (this.subscribedBarTypes.has(barType)) return;
    this.subscribedBarTypes.add(barType);
    const indicators = this.indicatorsFor(barType);
    this.unsubscribers.push(
      this.services.data.subscribeBars(barType, (bar) => {
        for (let i = 0; i < indicators.length; i++) indicators[i].updateBar(bar);
        this.onBar(bar);
      }),
    );
  }

  /**
   * Registers an indicator to be fed every bar of `barType` before onBar sees that bar (so onBar
   * reads up-to-date values). Subscribes to the bars if needed. Returns the indicator.
   */
  registerIndicator<I extends Indicator>(barType: BarType, indicator: I): I {
    this.indicatorsFor(barType).push(indicator);
    if (this.kernel) this.subscribeBars(barType);
    return indicator;
  }

  private indicatorsFor(barType: BarType): Indicator[] {
    let list = this.indicatorsByBarType.get(barType);
    if (!list) {
      list = [];
      this.indicatorsByBarType.set(barType, list);
    }
    return list;
  }

  subscribeQuotes(instrumentId: InstrumentId): void {
    this.unsubscribers.push(this.services.data.subscribeQuotes(instrumentId, (quote) => this.onQuote(quote)));
  }

  subscribeTrades(instrumentId: InstrumentId): void {
    this.unsubscribers.push(this.services.data.subscribeTrades(instrumentId, (trade) => this.onTrade(trade)));
  }

  /** Book events (L3 or L2) of an instrument with a book feed; quotes (and L3 trades) come derived. */
  subscribeBook(instrumentId: InstrumentId): void {
    this.unsubscribers.push(this.services.data.subscribeBook(instrumentId, (event) => this.onBook(event)));
  }

  /**
   * A repeating timer delivered to onTimer under the name given here (the clock's copy of the
   * name is scoped to this strategy, so two strategies may use the same name).
   */
  setTimer(name: string, intervalMicros: number, options?: TimerOptions): void {
    this.clock.setTimer(
      this.timerKey(name),
      intervalMicros,
      (event) => this.onTimer({ ...event, name }),
      options,
    );
  }

  /** A one-shot alert at `time`, delivered to onTimer under `name`. */
  setTimeAlert(name: string, time: number): void {
    this.clock.setTimeAlert(this.timerKey(name), time, (event) => this.onTimer({ ...event, name }));
  }

  cancelTimer(name: string): void {
    this.clock.cancelTimer(this.timerKey(name));
  }

  private timerKey(name: string): string {
    return `${this.id}:${name}`;
  }

  // ---- orders ----
  buy(instrumentId: InstrumentId, quantity: number, options: OrderOptions = {}): Order {
    return this.submit(this.newOrder(instrumentId, 'buy', quantity, options));
  }

  sell(instrumentId: InstrumentId, quantity: number, options: OrderOptions = {}): Order {
    return this.submit(this.newOrder(instrumentId, 'sell', quantity, options));
  }

  /** Market order that flattens the position; undefined when already flat. */
  close(instrumentId: InstrumentId, options: OrderOptions = {}): Order | undefined {
    const quantity = this.position(instrumentId);
    if (quantity === 0) return undefined;
    const side: OrderSide = quantity > 0 ? 'sell' : 'buy';
    return this.submit(
      this.newOrder(instrumentId, side, Math.abs(quantity), { reduceOnly: true, ...options }),
    );
  }

  /** Builds an order with the next client order id (`<strategy>-000001`) without sending it. */
  newOrder(instrumentId: InstrumentId, side: OrderSide, quantity: number, options: OrderOptions = {}): Order {
    const type: OrderType =
      options.type ??
      (options.price !== undefined
        ? options.triggerPrice !== undefined
          ? 'stop-limit'
          : 'limit'
        : options.triggerPrice !== undefined
          ? 'stop-market'
          : 'market');
    this.orderSequence++;
    return new Order({
      clientOrderId: `${this.id}-${String(this.orderSequence).padStart(6, '0')}`,
      strategyId: this.id,
      instrumentId,
      side,
      type,
      quantity,
      price: options.price,
      triggerPrice: options.triggerPrice,
      timeInForce: options.timeInForce ?? (options.expireTime !== undefined ? 'GTD' : 'GTC'),
      expireTime: options.expireTime,
      trailingOffset: options.trailingOffset,
      trailingOffsetType: options.trailingOffsetType,
      limitOffset: options.limitOffset,
      reduceOnly: options.reduceOnly,
      postOnly: options.postOnly,
      displayQuantity: options.displayQuantity,
      positionId: options.positionId,
      tsInit: this.clock.now(),
      tags: options.tags,
    });
  }

  /**
   * Entry plus take-profit (limit) and stop-loss (stop-market) exits: the exits are sent only once
   * the entry fills, sized to its filled quantity, and cancel each other (OTO + OCO, emulated by
   * the kernel). The entry is a market order unless `entry` says otherwise.
   */
  bracket(
    instrumentId: InstrumentId,
    side: OrderSide,
    quantity: number,
    options: { takeProfit: number; stopLoss: number; entry?: OrderOptions },
  ): { entry: Order; takeProfit: Order; stopLoss: Order } {
    const entry = this.newOrder(instrumentId, side, quantity, options.entry ?? {});
    const exitSide: OrderSide = side === 'buy' ? 'sell' : 'buy';
    const takeProfit = this.newOrder(instrumentId, exitSide, quantity, {
      price: options.takeProfit,
      reduceOnly: true,
      tags: ['take-profit'],
    });
    const stopLoss = this.newOrder(instrumentId, exitSide, quantity, {
      triggerPrice: options.stopLoss,
      reduceOnly: true,
      tags: ['stop-loss'],
    });
    this.services.contingencies.oto(entry, [takeProfit, stopLoss]);
    this.services.contingencies.oco([takeProfit, stopLoss]);
    this.submit(entry);
    return { entry, takeProfit, stopLoss };
  }

  /** Submits orders that cancel each other when one fills (or ends). */
  submitOco(orders: readonly Order[]): void {
    this.services.contingencies.oco(orders);
    for (const order of orders) this.submit(order);
  }

  /** Submits `parent`; `children` are sent when it fills, sized to its filled quantity. */
  submitOto(parent: Order, children: readonly Order[]): void {
    this.services.contingencies.oto(parent, children);
    this.submit(parent);
  }

  /** Sends an order through the risk engine (which may deny it: watch onOrderEvent). */
  submit(order: Order): Order {
    this.services.risk.submit(order);
    return order;
  }

  cancel(order: Order): void {
    this.services.risk.cancel(order);
  }

  /** Cancels every open order of this strategy (optionally of one instrument). */
  cancelAll(instrumentId?: InstrumentId): void {
    for (const order of this.openOrders(instrumentId)) this.cancel(order);
  }

  /** Modifies a working order; returns the denial when risk refuses the change. */
  modify(order: Order, changes: OrderChanges): ReturnType<StrategyServices['risk']['modify']> {
    return this.services.risk.modify(order, changes);
  }

  // ---- execution algorithms ----
  private executionAlgorithmCount = 0;

  /**
   * Starts an execution algorithm: `twap(…)`, `vwap(…)`, `iceberg(…)` or `pov(…)` from
   * src/execution/algorithms. Its children are this strategy's orders, sent through risk like any
   * order and tagged `algo:<id>`. Returns its handle (progress, cancel, onDone, quality report).
   */
  execute(
    algorithm: import('../execution/algorithms/types.js').AlgorithmSpec,
  ): import('../execution/algorithms/types.js').AlgorithmHandle {
    const services = this.services;
    return algorithm.start({
      strategyId: this.id,
      clock: services.clock,
      cache: services.cache,
      log: services.log,
      newOrder: (instrumentId, side, quantity, options) =>
        this.newOrder(instrumentId, side, quantity, options),
      submit: (order) => {
        this.submit(order);
      },
      cancel: (order) => this.cancel(order),
      subscribeOrderEvents: (handler) => services.bus.subscribe<OrderEvent>(orderTopic(this.id), handler),
      subscribeBars: (barType, handler) => services.data.subscribeBars(barType, handler),
      subscribeTrades: (instrumentId, handler) => services.data.subscribeTrades(instrumentId, handler),
      publish: (topic, message) => services.bus.publish(topic, message),
      nextAlgorithmId: (kind) => `${kind}-${++this.executionAlgorithmCount}`,
    });
  }

  // ---- saved state ----
  /**
   * What the strategy needs to carry on after a restart without replaying its data: the order id
   * sequence (ids stay unique) and what `onSaveState` returns.
   */
  saveState(): SavedStrategyState {
    return { orderSequence: this.orderSequence, custom: this.onSaveState() ?? null };
  }

  /** Restores a saved state; only before the strategy starts. */
  loadState(state: SavedStrategyState): void {
    if (this.isRunning)
      throw new BourseError('STRATEGY_RUNNING', `strategy ${this.id}: load its state before it starts`);
    if (!Number.isSafeInteger(state.orderSequence) || state.orderSequence < 0) {
      throw new BourseError(
        'STRATEGY_STATE_INVALID',
        `strategy ${this.id}: saved orderSequence must be an integer >= 0, got ${state.orderSequence}`,
      );
    }
    this.orderSequence = state.orderSequence;
    if (state.custom !== null) this.onLoadState(state.custom);
  }

  /** Override to save what the strategy needs after a restart (indicator windows, flags…). */
  protected onSaveState(): StateValue | undefined {
    return undefined;
  }

  /** Override to restore what `onSaveState` returned. */
  protected onLoadState(_state: StateValue): void {}

  // ---- state ----
  /** Signed net position in an instrument. */
  position(instrumentId: InstrumentId): number {
    return this.portfolio.netPosition(instrumentId);
  }

  isFlat(instrumentId: InstrumentId): boolean {
    return this.position(instrumentId) === 0;
  }

  openOrders(instrumentId?: InstrumentId): Order[] {
    return this.cache.openOrders({ strategyId: this.id, instrumentId });
  }

  hasOpenOrders(instrumentId?: InstrumentId): boolean {
    return this.openOrders(instrumentId).length > 0;
  }

  protected override onDispose(): void {
    for (const unsubscribe of this.unsubscribers.splice(0)) unsubscribe();
  }
}
