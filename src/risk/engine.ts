import type { MessageBus } from '../core/bus.js';
import type { Cache } from '../core/cache.js';
import type { Clock } from '../core/clock.js';
import { BourseError } from '../core/errors.js';
import { type Log, silentLog } from '../core/log.js';
import type { ExecutionEngine, OrderChanges } from '../execution/engine.js';
import type { Account } from '../model/account.js';
import { sideSign } from '../model/enums.js';
import type { InstrumentId, StrategyId } from '../model/identifiers.js';
import { type Instrument, isFuturesLike } from '../model/instruments.js';
import type { Order } from '../model/order.js';
import type { TradingSession } from '../model/sessions.js';
import { MICROS_PER_DAY, type UnixMicros } from '../model/time.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import { checkExposure, checkOpenOrders, checkPosition, checkPriceBand } from './checks.js';
import { checkDefinition } from './definition.js';
import { type EffectiveLimits, effectiveLimits } from './limits.js';
import { type LossBreach, LossWatcher, type TradingDaySpan } from './loss-watcher.js';
import { Throttle } from './throttle.js';
import {
  type OrderCommands,
  RISK_STATE_TOPIC,
  type RiskConfig,
  type RiskDecision,
  type TradingState,
  type TradingStateChanged,
  type TradingStateTrigger,
} from './types.js';

export * from './types.js';

/** Estimated commission of an order, for the affordability check. */
export type CommissionEstimator = (instrument: Instrument, quantity: number, price: number) => number;

/** Who may send orders on the narrow forced path (reduce-only market orders past the trading state). */
export type ForcedOrderSource = 'kill-switch' | 'margin-call';

const STATE_RANK: Record<TradingState, number> = { active: 0, reducing: 1, halted: 2 };

/**
 * Pre-trade checks on every submit and modify; nothing reaches a venue without passing here.
 * A denied order gets an OrderDenied event with a reason code and never leaves the kernel.
 * Strategies get `commandsFor(strategyId)`, never this object (see docs/risk.md).
 */
export class RiskEngine {
  deniedCount = 0;
  /** Every trading-state change, oldest first. */
  readonly stateChanges: TradingStateChanged[] = [];
  readonly #execution: ExecutionEngine;
  #tradingState: TradingState;
  /** Why the state is `reducing` (a daily-loss breach lifts at the next trading day, manual does not). */
  #reducingTrigger: TradingStateTrigger | undefined;
  private readonly globalThrottle: Throttle | undefined;
  private readonly strategyThrottles = new Map<StrategyId, Throttle>();
  private readonly limitsByStrategy = new Map<StrategyId, EffectiveLimits>();
  private readonly untradable = new Map<InstrumentId, string>();
  private readonly sessions = new Map<string, TradingSession>();
  private readonly sessionOfAccount = new Map<Account, TradingSession | null>();
  readonly losses: LossWatcher;

  constructor(
    private readonly cache: Cache,
    private readonly clock: Clock,
    private readonly portfolio: Portfolio,
    execution: ExecutionEngine,
    private readonly config: RiskConfig = {},
    private readonly estimateCommission: CommissionEstimator = () => 0,
    private readonly log: Log = silentLog,
    private readonly bus?: MessageBus,
  ) {
    this.#execution = execution;
    this.#tradingState = config.tradingState ?? 'active';
    if (this.#tradingState === 'reducing') this.#reducingTrigger = 'manual';
    this.globalThrottle = config.maxOrderSubmitRate ? new Throttle(config.maxOrderSubmitRate) : undefined;
    for (const id of config.untradableInstruments ?? []) this.untradable.set(id, 'configured as untradable');
    this.losses = new LossWatcher(portfolio, config.maxDailyLoss, config.maxDrawdownPct, {
      dayOf: (account, now) => this.tradingDayOf(account, now),
      onBreach: (kind, account, reason) => this.onLossBreach(kind, account, reason),
      onNewDay: (account, day) => this.onNewTradingDay(account, day),
    });
    if (this.losses.enabled) bus?.subscribe('events.position.*', () => this.losses.check(this.clock.now()));
  }

  // ---- trading state ----

  get tradingState(): TradingState {
    return this.#tradingState;
  }

  /** Setting the state directly is a manual change (published and logged like any other). */
  set tradingState(state: TradingState) {
    this.setTradingState(state, 'manual', 'set by an operator');
  }

  /** Changes the trading state, logs it and publishes a TradingStateChanged on `events.risk.state`. */
  setTradingState(
    state: TradingState,
    trigger: TradingStateTrigger,
    reason: string,
    accountId?: string,
  ): void {
    const previous = this.#tradingState;
    if (state === previous) return;
    this.#tradingState = state;
    this.#reducingTrigger = state === 'reducing' ? trigger : undefined;
    const event: TradingStateChanged = {
      previous,
      state,
      trigger,
      reason,
      ...(accountId !== undefined ? { accountId } : {}),
      tsEvent: this.clock.now(),
    };
    this.stateChanges.push(event);
    this.log.warn(`trading state ${previous} → ${state} (${trigger}): ${reason}`);
    this.bus?.publish(RISK_STATE_TOPIC, event);
  }

  private onLossBreach(kind: LossBreach, account: Account, reason: string): void {
    const target: TradingState = kind === 'drawdown' ? 'halted' : 'reducing';
    if (STATE_RANK[this.#tradingState] >= STATE_RANK[target]) return; // never loosens
    this.setTradingState(target, kind, reason, account.id);
  }

  private onNewTradingDay(account: Account, day: number): void {
    if (this.#tradingState === 'reducing' && this.#reducingTrigger === 'daily-loss') {
      this.setTradingState(
        'active',
        'new-trading-day',
        `a new trading day (${new Date((day * MICROS_PER_DAY) / 1000).toISOString().slice(0, 10)}) began for ${account.id}: the daily loss resets`,
        account.id,
      );
    }
  }

  /** Per data point (by the margin monitor) and before every order: O(1) without loss limits. */
  watchLosses(): void {
    if (this.losses.enabled) this.losses.check(this.clock.now());
  }

  // ---- instruments and sessions ----

  /** Marks an instrument (not) tradable: orders for an untradable one are denied. */
  setTradable(instrumentId: InstrumentId, tradable: boolean, reason = 'marked not tradable'): void {
    if (tradable) this.untradable.delete(instrumentId);
    else this.untradable.set(instrumentId, reason);
  }

  isTradable(instrumentId: InstrumentId): boolean {
    return !this.untradable.has(instrumentId);
  }

  /** The venue's trading session: orders are denied while it is closed; it also sets the trading day. */
  setSession(venue: string, session: TradingSession): void {
    this.sessions.set(venue, session);
    this.sessionOfAccount.clear();
  }

  private sessionFor(account: Account): TradingSession | undefined {
    let session = this.sessionOfAccount.get(account);
    if (session === undefined) {
      session = null;
      for (const [venue, candidate] of this.sessions) {
        const instrument = this.cache.instruments().find((i) => i.venue === venue);
        if (instrument && this.portfolio.accountFor(instrument) === account) session = candidate;
      }
      this.sessionOfAccount.set(account, session);
    }
    return session ?? undefined;
  }

  private tradingDayOf(account: Account, now: UnixMicros): TradingDaySpan {
    const session = this.sessionFor(account);
    if (session) {
      const current = session.currentOrNext(now);
      return { day: Math.floor(Date.parse(`${current.date}T00:00:00Z`) / 86_400_000), until: current.close };
    }
    const day = Math.floor(now / MICROS_PER_DAY);
    return { day, until: (day + 1) * MICROS_PER_DAY };
  }

  // ---- commands ----

  /**
   * The order commands of one strategy: only its own orders (by strategy id) are accepted, so a
   * strategy cannot send under another's (looser) limits. Closures only: no path to the engine.
   */
  commandsFor(strategyId: StrategyId): OrderCommands {
    const own = (order: Order, what: string): void => {
      if (order.strategyId !== strategyId)
        throw new BourseError(
          'STRATEGY_MISMATCH',
          `strategy ${strategyId} cannot ${what} order ${order.clientOrderId} of strategy ${order.strategyId}`,
        );
    };
    return Object.freeze({
      submit: (order: Order) => {
        own(order, 'submit');
        this.submit(order);
      },
      modify: (order: Order, changes: OrderChanges) => {
        own(order, 'modify');
        return this.modify(order, changes);
      },
      cancel: (order: Order) => {
        own(order, 'cancel');
        this.cancel(order);
      },
    });
  }

  /** Entry point for every new order: records it, checks it, then sends or denies it. */
  submit(order: Order): void {
    this.record(order);
    this.watchLosses();
    const limits = this.limitsFor(order.strategyId);
    const denial =
      this.check(order, order.quantity, order.price, order.triggerPrice, false, limits) ??
      this.checkRate(order, limits);
    if (denial) {
      this.deny(order, denial);
      return;
    }
    this.#execution.submit(order);
  }

  /**
   * The forced path of the kill switch and the margin monitor: a reduce-only market order that
   * flattens a position is sent past the trading state, limits, band, session and throttles; the
   * order definition and reduce-only checks still apply, and it is booked like any order.
   */
  submitForced(order: Order, source: ForcedOrderSource): void {
    if (!order.reduceOnly || order.type !== 'market')
      throw new BourseError(
        'FORCED_ORDER_INVALID',
        `forced order ${order.clientOrderId} (${source}) must be a reduce-only market order`,
      );
    this.record(order);
    const denial = checkDefinition(this.cache, order, order.quantity, order.price, order.triggerPrice);
    const instrument = this.cache.instrument(order.instrumentId);
    const current = this.portfolio.netPosition(order.instrumentId);
    const after = current + sideSign(order.side) * order.quantity;
    const reduceOnly =
      instrument &&
      (current === 0 || Math.abs(after) > Math.abs(current) || Math.sign(after) === -Math.sign(current))
        ? {
            code: 'REDUCE_ONLY_WOULD_INCREASE' as const,
            reason: `forced order would take the position from ${current} to ${after}`,
          }
        : undefined;
    const result = denial ?? reduceOnly;
    if (result) {
      this.deny(order, result);
      return;
    }
    this.log.warn(
      `forced order ${order.clientOrderId} (${source}): ${order.side} ${order.quantity} ${order.instrumentId}`,
    );
    this.#execution.submit(order);
  }

  /** Checks a modification as if the order were new with the changed values; returns the denial. */
  modify(order: Order, changes: OrderChanges): RiskDecision | undefined {
    this.watchLosses();
    const limits = this.limitsFor(order.strategyId);
    const denial =
      this.check(
        order,
        changes.quantity ?? order.quantity,
        changes.price ?? order.price,
        changes.triggerPrice ?? order.triggerPrice,
        true,
        limits,
      ) ?? this.checkRate(order, limits);
    if (denial) {
      this.deniedCount++;
      this.log.warn(`modify of ${order.clientOrderId} denied: ${denial.code}: ${denial.reason}`);
      return denial;
    }
    this.#execution.modify(order, changes);
    return undefined;
  }

  cancel(order: Order): void {
    this.#execution.cancel(order); // canceling always reduces risk: allowed in every state
  }

  /** The limits a strategy's orders are checked against (global and its own, stricter wins). */
  limitsFor(strategyId: StrategyId): EffectiveLimits {
    let limits = this.limitsByStrategy.get(strategyId);
    if (!limits) {
      limits = effectiveLimits(this.config, strategyId);
      this.limitsByStrategy.set(strategyId, limits);
    }
    return limits;
  }

  private record(order: Order): void {
    const known = this.cache.order(order.clientOrderId);
    // An order held in the cache unsent (a contingent child) may be submitted once; any other
    // order with a known id is a duplicate (an OrderDenied would land on the existing order).
    if (known !== undefined && (known !== order || order.status !== 'initialized')) {
      throw new BourseError('DUPLICATE_ORDER_ID', `client order id '${order.clientOrderId}' is used already`);
    }
    if (known === undefined) this.cache.addOrder(order);
  }

  private deny(order: Order, denial: RiskDecision): void {
    this.deniedCount++;
    this.log.warn(`order ${order.clientOrderId} denied: ${denial.code}: ${denial.reason}`);
    this.#execution.deny(order, denial.code, denial.reason);
  }

  /** The first failed check, or undefined when the order may go. */
  check(
    order: Order,
    quantity: number,
    price: number | undefined,
    triggerPrice: number | undefined,
    isModify = false,
    limits: EffectiveLimits = this.limitsFor(order.strategyId),
  ): RiskDecision | undefined {
    const invalid = checkDefinition(this.cache, order, quantity, price, triggerPrice);
    if (invalid) return invalid;
    const instrument = this.cache.requireInstrument(order.instrumentId);
    const untradable = this.untradable.get(instrument.id);
    if (untradable !== undefined)
      return { code: 'INSTRUMENT_NOT_TRADABLE', reason: `${instrument.id} is not tradable: ${untradable}` };
    if (this.config.checkSessionOpen === true && !isAuctionOrder(order)) {
      const session = this.sessions.get(instrument.venue);
      const now = this.clock.now();
      if (session && !session.isOpen(now)) {
        return {
          code: 'SESSION_CLOSED',
          reason: `the ${session.name} session of ${instrument.venue} is closed at ${new Date(now / 1000).toISOString()} (next open ${new Date(session.openOf(now) / 1000).toISOString()})`,
        };
      }
    }
    const remaining = isModify ? quantity - order.filledQuantity : quantity;
    const current = this.portfolio.netPosition(instrument.id);
    const after = current + sideSign(order.side) * remaining;
    const increases = Math.abs(after) > Math.abs(current) + 1e-9;
    const reverses = current !== 0 && Math.sign(after) === -Math.sign(current);
    const state = this.#tradingState;
    if (state === 'halted')
      return {
        code: 'TRADING_HALTED',
        reason: `trading is halted: only cancels are allowed${isModify ? ' (no modifications)' : ''}`,
      };
    if ((increases || reverses) && state === 'reducing') {
      return {
        code: 'TRADING_REDUCING',
        reason: `trading state is reducing: only orders that reduce a position are allowed (${order.side} ${remaining} would take ${instrument.id} from ${current} to ${after})`,
      };
    }
    // Reduce-only checks the order alone: several exits may work at once (stop and target), and the
    // venue never fills a reduce-only order beyond the position left (SimulatedExchange.fill).
    if (order.reduceOnly && (current === 0 || increases || reverses)) {
      return {
        code: 'REDUCE_ONLY_WOULD_INCREASE',
        reason: `reduce-only order would take the position from ${current} to ${after}`,
      };
    }
    const max = limits.maxOrderQuantity;
    if (max !== undefined && quantity > max) {
      return {
        code: 'MAX_ORDER_QUANTITY_EXCEEDED',
        reason: `quantity ${quantity} exceeds the maximum ${max}${this.strategyNote(order, limits, 'maxOrderQuantity')}`,
      };
    }
    const band = checkPriceBand(this.cache, limits, instrument, price, triggerPrice);
    if (band) return band;
    const reference = price ?? triggerPrice ?? this.cache.lastPrice(instrument.id);
    if (reference === undefined) {
      return {
        code: 'NO_PRICE_FOR_CHECKS',
        reason: `no price known yet for ${instrument.id} to check notional and funds`,
      };
    }
    const notional = quantity * reference * instrument.multiplier;
    const maxNotional = limits.maxOrderNotional;
    if (maxNotional !== undefined && notional > maxNotional) {
      return {
        code: 'MAX_ORDER_NOTIONAL_EXCEEDED',
        reason: `notional ${notional.toFixed(2)} exceeds the maximum ${maxNotional}${this.strategyNote(order, limits, 'maxOrderNotional')}`,
      };
    }
    const position = checkPosition(
      this.cache,
      limits.maxPositionQuantity,
      instrument,
      order,
      remaining,
      current,
    );
    if (position) return position;
    const account = this.portfolio.accountFor(instrument);
    if (increases || reverses) {
      const exposure = checkExposure(
        this.cache,
        limits,
        instrument,
        sideSign(order.side) * remaining,
        reference,
        account.currency.code,
      );
      if (exposure) return exposure;
    }
    if (!isModify) {
      const open = checkOpenOrders(this.cache, limits, order);
      if (open) return open;
    }
    if (account.type === 'cash' && !isFuturesLike(instrument) && after < 0) {
      return {
        code: 'SHORT_SELLING_NOT_ALLOWED',
        reason: `a cash account cannot sell short: ${order.side} ${quantity} ${instrument.id} would leave ${after}`,
      };
    }
    const commission = this.estimateCommission(instrument, quantity, reference);
    if (increases && !account.canAfford(instrument, order.side, quantity, reference, commission)) {
      return {
        code: 'INSUFFICIENT_FUNDS',
        reason: this.fundsReason(account, instrument, order, quantity, reference, current, after),
      };
    }
    return undefined;
  }

  private fundsReason(
    account: Account,
    instrument: Instrument,
    order: Order,
    quantity: number,
    reference: number,
    current: number,
    after: number,
  ): string {
    const cash = `${account.freeCash.toFixed(account.currency.precision)} ${account.currency.code}`;
    if (!isFuturesLike(instrument))
      return `${order.side} ${quantity} ${instrument.id} at ~${reference} needs more than the free cash ${cash}`;
    const reverses = current !== 0 && Math.sign(after) === -Math.sign(current);
    const added = reverses ? Math.abs(after) : Math.abs(after) - Math.abs(current);
    return `${order.side} ${quantity} ${instrument.id} needs initial margin ${added} × ${instrument.initialMargin} = ${(added * instrument.initialMargin).toFixed(2)} ${account.currency.code}, more than the free margin ${cash}`;
  }

  private strategyNote(
    order: Order,
    limits: EffectiveLimits,
    key: 'maxOrderQuantity' | 'maxOrderNotional',
  ): string {
    const own = limits.strategy?.[key];
    return own !== undefined && own === limits[key] ? ` (limit of strategy ${order.strategyId})` : '';
  }

  /** Global and per-strategy submit-rate windows; both must allow the order, which then counts in both. */
  private checkRate(order: Order, limits: EffectiveLimits): RiskDecision | undefined {
    const now = this.clock.now();
    const global = this.globalThrottle;
    if (global && !global.allows(now)) {
      return {
        code: 'SUBMIT_RATE_EXCEEDED',
        reason: `more than ${global.rate.count} orders in ${global.rate.intervalMs} ms`,
      };
    }
    let own: Throttle | undefined;
    if (limits.strategyRate) {
      own = this.strategyThrottles.get(order.strategyId);
      if (!own) {
        own = new Throttle(limits.strategyRate);
        this.strategyThrottles.set(order.strategyId, own);
      }
      if (!own.allows(now))
        return {
          code: 'SUBMIT_RATE_EXCEEDED',
          reason: `strategy ${order.strategyId} sent more than ${own.rate.count} orders in ${own.rate.intervalMs} ms`,
        };
    }
    global?.record(now);
    own?.record(now);
    return undefined;
  }
}

/** Orders meant for the next opening or closing auction: placed while the market is shut, by design. */
function isAuctionOrder(order: Order): boolean {
  return (
    order.type === 'market-on-open' ||
    order.type === 'market-on-close' ||
    order.timeInForce === 'AT_THE_OPEN' ||
    order.timeInForce === 'AT_THE_CLOSE'
  );
}
