/**
 * The simulated IB venue: a kernel-free wrapper around the project's SimulatedExchange (fills by
 * the same rules as a backtest) plus IB's order book-keeping: ids per client, permIds, brackets
 * with transmit flags, OCA groups, executions, and the account. Driven by replayed bars
 * (`processBar`); its clock follows data time. See docs/ib-gateway-sim.md.
 */
import { type FeeModel, ibFees } from '../../../../backtest/fees/index.js';
import { TestClock } from '../../../../core/clock.js';
import { type Log, silentLog } from '../../../../core/log.js';
import { type Bar, instrumentOf, type MarketData } from '../../../../model/data.js';
import type { Instrument } from '../../../../model/instruments.js';
import type { OrderEvent, OrderFilled } from '../../../../model/order-events.js';
import type { UnixMicros } from '../../../../model/time.js';
import type { SimContract } from '../contracts.js';
import { SimAccountBook } from './account-book.js';
import { VenueMarkets } from './markets.js';
import { isTerminal, SimOrderBook } from './order-book.js';
import { checkModify, checkRequest, kernelOrder, marginRefusal } from './order-rules.js';
import {
  type IbOrderRequest,
  OrderErrorCode,
  type VenueExecution,
  type VenueNotice,
  type VenueOrder,
  type VenueRefusal,
} from './types.js';

export interface SimVenueOptions {
  readonly accounts: readonly string[];
  /** Cash of each account at the start, USD (default 1,000,000). */
  readonly startingCash?: number;
  /** First permId (default 1,000,001): permIds are unique and increasing. */
  readonly firstPermId?: number;
  /** Fee schedule of the fills (default IB tiered: `ibFees()`, the backtest's IB schedule). */
  readonly fees?: FeeModel;
  /** Start of the venue's clock (it then follows the replayed data). */
  readonly startTime: UnixMicros;
  readonly log?: Log;
}

const USER_CANCEL = '';

export class SimVenue {
  readonly clock: TestClock;
  readonly book: SimOrderBook;
  private readonly markets: VenueMarkets;
  private readonly byClientOrderId = new Map<string, VenueOrder>();
  private readonly accountBooks = new Map<string, SimAccountBook>();
  private readonly cancelReasons = new Map<VenueOrder, string>();
  private readonly modifying = new Set<VenueOrder>();
  private readonly touched = new Map<string, { account: string; conId: number }>();
  private readonly log: Log;
  private listener: (notice: VenueNotice) => void = () => {};

  constructor(private readonly options: SimVenueOptions) {
    this.clock = new TestClock(options.startTime);
    this.book = new SimOrderBook(options.firstPermId ?? 1_000_001);
    this.log = options.log ?? silentLog;
    this.markets = new VenueMarkets(
      this.clock,
      options.fees ?? ibFees(),
      (event) => this.onExchangeEvent(event),
      this.log,
    );
    for (const account of options.accounts)
      this.accountBooks.set(account, new SimAccountBook(account, options.startingCash ?? 1_000_000));
  }

  /** Where notices go (the gateway; one listener). */
  onNotice(listener: (notice: VenueNotice) => void): void {
    this.listener = listener;
  }

  account(account: string): SimAccountBook {
    const book = this.accountBooks.get(account);
    if (book === undefined) throw new RangeError(`unknown account '${account}'`);
    return book;
  }

  accounts(): SimAccountBook[] {
    return [...this.accountBooks.values()];
  }

  /** Moves the clock forward to `time` (never back), firing due venue timers. */
  advanceClock(time: UnixMicros): void {
    if (time > this.clock.now()) this.clock.advanceTo(time);
  }

  // ---- market data ----

  /** Matches working orders against a replayed bar and marks positions to its close. */
  processBar(bar: Bar): void {
    this.processData(bar);
  }

  /**
   * Matches working orders against one replayed item (bar, quote, trade or book update) and marks
   * positions to its price (a bar's close, a trade's price, a quote's mid).
   */
  processData(item: MarketData): void {
    this.advanceClock(item.tsEvent);
    const instrument = this.markets.instrumentOf(instrumentOf(item), item.tsEvent);
    if (instrument === undefined) return;
    const exchange = this.markets.exchangeFor(instrument);
    let mark: number | undefined;
    switch (item.kind) {
      case 'bar':
        this.markets.cache.addBar(item);
        exchange.processBar(item);
        mark = item.close;
        break;
      case 'trade':
        exchange.processTrade(item);
        mark = item.price;
        break;
      case 'quote':
        exchange.processQuote(item);
        mark = (item.bidPrice + item.askPrice) / 2;
        break;
      case 'book':
        exchange.processBook(item);
        break;
      case 'book-level':
        exchange.processBookLevel(item);
        break;
      default:
        return;
    }
    if (mark !== undefined) for (const book of this.accountBooks.values()) book.mark(instrument.id, mark);
    const touched = [...this.touched.values()];
    this.touched.clear();
    for (const t of touched) this.listener({ kind: 'portfolio', ...t });
  }

  // ---- requests ----

  /** placeOrder: a new order, or a modification of an open one (same client and order id). */
  place(
    clientId: number,
    req: IbOrderRequest,
    contract: SimContract,
    instrument: Instrument,
  ): VenueRefusal | undefined {
    const checked = checkRequest(req, instrument);
    if ('code' in checked) return checked;
    const account = req.account === '' ? this.options.accounts[0] : req.account;
    if (!this.accountBooks.has(account))
      return {
        code: OrderErrorCode.ORDER_REJECTED,
        text: `Order rejected - reason:Invalid account code '${req.account}'`,
      };
    const existing = this.book.get(clientId, req.orderId);
    if (existing !== undefined) return this.modify(existing, req, checked.type);
    const parent = req.parentId === 0 ? undefined : this.book.get(clientId, req.parentId);
    if (req.parentId !== 0 && (parent === undefined || isTerminal(parent)))
      return {
        code: OrderErrorCode.ORDER_REJECTED,
        text: `Order rejected - reason:Parent order ${req.parentId} is not open`,
      };
    if (parent === undefined) {
      const price = req.lmtPrice ?? req.auxPrice ?? this.markets.lastPrice(instrument.id) ?? 0;
      const margin = marginRefusal(this.account(account), instrument, req, price);
      if (margin !== undefined) return margin;
    }
    this.markets.add(instrument);
    const order: VenueOrder = {
      orderId: req.orderId,
      clientId,
      permId: this.book.nextPermId(),
      account,
      contract,
      instrument,
      action: req.action as 'BUY' | 'SELL',
      totalQuantity: req.totalQuantity,
      orderType: checked.type,
      lmtPrice: req.lmtPrice,
      auxPrice: req.auxPrice,
      trailingPercent: req.trailingPercent,
      trailStopPrice: req.trailStopPrice,
      tif: checked.tif,
      ocaGroup: req.ocaGroup,
      ocaType: req.ocaType,
      orderRef: req.orderRef,
      transmit: req.transmit,
      parentId: req.parentId,
      outsideRth: req.outsideRth,
      status: 'PreSubmitted',
      filled: 0,
      avgFillPrice: 0,
      lastFillPrice: 0,
      whyHeld: '',
      kernelOrder: undefined,
      placedAt: this.clock.now(),
    };
    this.book.add(order);
    this.log.info(
      `ib-gateway-sim: order ${order.orderId} (client ${clientId}, permId ${order.permId}) ${order.action} ${order.totalQuantity} ${contract.localSymbol} ${order.orderType}`,
    );
    this.route(order, parent);
    return undefined;
  }

  /** cancelOrder from a client: its own order by id. */
  cancel(clientId: number, orderId: number): VenueRefusal | undefined {
    const order = this.book.get(clientId, orderId);
    if (order === undefined)
      return { code: OrderErrorCode.ORDER_NOT_FOUND, text: `Can't find order with id =${orderId}` };
    if (isTerminal(order))
      return {
        code: OrderErrorCode.NOT_CANCELLABLE,
        text: `Cancel attempted when order is not in a cancellable state.  Order permId =${order.permId}`,
      };
    this.cancelOrder(order, USER_CANCEL);
    return undefined;
  }

  /** reqGlobalCancel: every open order of every client. */
  cancelAll(): number {
    const open = this.book.open();
    for (const order of open) if (!isTerminal(order)) this.cancelOrder(order, USER_CANCEL);
    return open.length;
  }

  // ---- routing: transmit flags, brackets, OCA ----

  private route(order: VenueOrder, parent: VenueOrder | undefined): void {
    if (!order.transmit) {
      this.hold(order, 'transmit');
      return;
    }
    if (parent !== undefined) {
      // The last child transmitted sends the whole bracket: the parent and its held siblings.
      this.transmitFamily(parent);
      if (parent.status !== 'Filled') {
        this.hold(order, 'child');
        return;
      }
    }
    this.activate(order);
  }

  private transmitFamily(parent: VenueOrder): void {
    if (!parent.transmit) {
      parent.transmit = true;
      this.activate(parent);
    }
    for (const sibling of this.book.children(parent))
      if (!sibling.transmit && !isTerminal(sibling)) {
        sibling.transmit = true;
        this.hold(sibling, 'child');
      }
  }

  private hold(order: VenueOrder, why: 'transmit' | 'child'): void {
    order.status = 'PreSubmitted';
    order.whyHeld = why === 'child' ? 'child' : '';
    this.listener({ kind: 'order', order, openOrder: true });
  }

  /** Sends the order to the exchange; its `accepted` reports Submitted. */
  private activate(order: VenueOrder): void {
    const kernel = kernelOrder(order, this.clock.now());
    order.kernelOrder = kernel;
    this.byClientOrderId.set(kernel.clientOrderId, order);
    this.markets.exchangeFor(order.instrument).submitOrder(kernel);
  }

  private cancelOrder(order: VenueOrder, reason: string): void {
    if (order.kernelOrder !== undefined && order.status !== 'PreSubmitted') {
      this.cancelReasons.set(order, reason);
      this.markets.exchangeFor(order.instrument).cancelOrder(order.kernelOrder);
      return;
    }
    this.canceled(order, reason);
  }

  private canceled(order: VenueOrder, reason: string): void {
    order.status = 'Cancelled';
    order.completedAt = this.clock.now();
    order.whyHeld = '';
    this.listener({ kind: 'order', order, openOrder: false });
    this.listener({
      kind: 'error',
      order,
      code: OrderErrorCode.ORDER_CANCELED,
      text: `Order Canceled - reason:${reason}`,
    });
    for (const child of this.book.children(order))
      if (!isTerminal(child)) this.cancelOrder(child, 'parent order canceled');
    this.cancelPeers(order);
  }

  private cancelPeers(order: VenueOrder): void {
    for (const peer of this.book.ocaPeers(order))
      if (!isTerminal(peer)) this.cancelOrder(peer, 'OCA group cancel');
  }

  private modify(
    existing: VenueOrder,
    req: IbOrderRequest,
    type: VenueOrder['orderType'],
  ): VenueRefusal | undefined {
    const refusal = checkModify(existing, req, type);
    if (refusal !== undefined) return refusal;
    const working = existing.kernelOrder !== undefined && existing.status !== 'PreSubmitted';
    if (!working) {
      existing.totalQuantity = req.totalQuantity;
      existing.lmtPrice = req.lmtPrice;
      existing.auxPrice = req.auxPrice;
      if (req.transmit && !existing.transmit) {
        existing.transmit = true;
        this.route(existing, this.book.parentOf(existing));
      } else this.listener({ kind: 'order', order: existing, openOrder: true });
      return undefined;
    }
    this.modifying.add(existing);
    this.markets.exchangeFor(existing.instrument).modifyOrder(existing.kernelOrder!, {
      quantity: req.totalQuantity,
      price: type === 'LMT' || type === 'STP LMT' ? req.lmtPrice : undefined,
      triggerPrice: type === 'STP' || type === 'STP LMT' ? req.auxPrice : undefined,
    });
    return undefined;
  }

  // ---- exchange events ----

  private onExchangeEvent(event: OrderEvent): void {
    const order = this.byClientOrderId.get(event.clientOrderId);
    if (order === undefined) return;
    const kernel = order.kernelOrder!;
    if (kernel.canApply(event)) kernel.apply(event);
    switch (event.kind) {
      case 'accepted':
        order.status = 'Submitted';
        order.whyHeld = '';
        this.listener({ kind: 'order', order, openOrder: true });
        return;
      case 'rejected':
        order.status = 'Inactive';
        order.completedAt = this.clock.now();
        this.listener({
          kind: 'error',
          order,
          code: OrderErrorCode.ORDER_REJECTED,
          text: `Order rejected - reason:${event.reason}`,
        });
        this.listener({ kind: 'order', order, openOrder: false });
        return;
      case 'canceled':
      case 'expired': {
        const reason =
          this.cancelReasons.get(order) ??
          (event.kind === 'expired' ? `time in force ${order.tif} expired` : event.reason);
        this.cancelReasons.delete(order);
        this.canceled(order, reason);
        return;
      }
      case 'updated':
        order.totalQuantity = event.quantity;
        if (order.orderType === 'TRAIL') order.trailStopPrice = event.triggerPrice ?? order.trailStopPrice;
        else {
          if (event.price !== undefined) order.lmtPrice = event.price;
          if (event.triggerPrice !== undefined) order.auxPrice = event.triggerPrice;
        }
        if (this.modifying.delete(order)) this.listener({ kind: 'order', order, openOrder: true });
        return;
      case 'modify-rejected':
        this.modifying.delete(order);
        this.listener({
          kind: 'error',
          order,
          code: OrderErrorCode.ORDER_REJECTED,
          text: `Order rejected - reason:${event.reason}`,
        });
        return;
      case 'cancel-rejected':
        this.cancelReasons.delete(order);
        this.listener({
          kind: 'error',
          order,
          code: OrderErrorCode.NOT_CANCELLABLE,
          text: `Cancel attempted when order is not in a cancellable state.  Order permId =${order.permId}`,
        });
        return;
      case 'filled':
        this.onFill(order, event);
        return;
      default:
        return;
    }
  }

  private onFill(order: VenueOrder, fill: OrderFilled): void {
    const quantity = fill.lastQuantity;
    const notional = order.avgFillPrice * order.filled + fill.lastPrice * quantity;
    order.filled += quantity;
    order.avgFillPrice = notional / order.filled;
    order.lastFillPrice = fill.lastPrice;
    const done = order.filled >= order.totalQuantity - 1e-9;
    if (done) {
      order.status = 'Filled';
      order.completedAt = fill.tsEvent;
    }
    const book = this.account(order.account);
    const signed = order.action === 'BUY' ? quantity : -quantity;
    const realized = book.fill(order.contract, order.instrument, signed, fill.lastPrice, fill.commission);
    const execution: VenueExecution = {
      execId: this.book.nextExecId(),
      orderId: order.orderId,
      clientId: order.clientId,
      permId: order.permId,
      account: order.account,
      contract: order.contract,
      time: fill.tsEvent,
      side: order.action === 'BUY' ? 'BOT' : 'SLD',
      shares: quantity,
      price: fill.lastPrice,
      cumQty: order.filled,
      avgPrice: order.avgFillPrice,
      orderRef: order.orderRef,
      exchange: order.contract.secType === 'FUT' ? order.contract.exchange : order.contract.primaryExch,
      commission: fill.commission,
      currency: order.contract.currency,
      realizedPnl: realized,
    };
    this.book.addExecution(execution);
    this.listener({ kind: 'execution', execution, order });
    this.listener({ kind: 'order', order, openOrder: done });
    this.listener({ kind: 'commission', execution, order });
    // Reported once the bar is done and positions are marked to its close.
    this.touched.set(`${order.account}/${order.contract.conId}`, {
      account: order.account,
      conId: order.contract.conId,
    });
    if (!done) return;
    this.cancelPeers(order);
    for (const child of this.book.children(order))
      if (child.status === 'PreSubmitted' && child.transmit && child.kernelOrder === undefined)
        this.activate(child);
  }
}
