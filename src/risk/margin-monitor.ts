import type { MessageBus } from '../core/bus.js';
import type { Cache } from '../core/cache.js';
import type { Clock } from '../core/clock.js';
import type { Log } from '../core/log.js';
import type { Account } from '../model/account.js';
import { isFuturesLike } from '../model/instruments.js';
import { Order } from '../model/order.js';
import type { UnixMicros } from '../model/time.js';
import type { Portfolio } from '../portfolio/portfolio.js';
import type { RiskEngine } from './engine.js';

export interface MarginCall {
  readonly accountId: string;
  readonly equity: number;
  readonly maintenanceRequired: number;
  readonly tsEvent: UnixMicros;
}

export const MARGIN_CALL_TOPIC = 'events.account.margin-call';
/** Strategy id the forced-liquidation orders are sent under. */
export const LIQUIDATION_STRATEGY_ID = 'RISK-LIQUIDATION';

/**
 * Watches futures accounts: when equity falls below the maintenance margin of the open futures
 * positions, it publishes a MarginCall on `events.account.margin-call` and liquidates — a
 * reduce-only market order per open futures position, through the risk engine's forced path (it
 * passes whatever the trading state, and fills like any market order: at the next bar's open in a
 * bar backtest). One liquidation per
 * position at a time; a new call can follow if equity is still short after it.
 */
export class MarginMonitor {
  readonly calls: MarginCall[] = [];
  private sequence = 0;
  private readonly pending = new Map<string, Order>();

  constructor(
    private readonly cache: Cache,
    private readonly portfolio: Portfolio,
    private readonly risk: RiskEngine,
    private readonly clock: Clock,
    private readonly bus: MessageBus,
    private readonly log: Log,
  ) {}

  /** Checks every account (call after positions are marked); also the daily-loss/drawdown watch. */
  check(): void {
    this.risk.watchLosses(); // one boolean test when no loss limit is configured
    const accounts = this.portfolio.accounts();
    for (let i = 0; i < accounts.length; i++) {
      const account = accounts[i];
      // Cash accounts hold no futures; skip them before summing margins on every data point.
      if (account.type === 'cash' || account.marginUsed === 0) continue;
      const required = account.maintenanceMarginRequired;
      if (account.equity < required) this.liquidate(account, required);
    }
  }

  private liquidate(account: Account, required: number): void {
    let sent = 0;
    for (const position of this.cache.positions()) {
      if (position.isFlat) continue;
      const instrument = this.cache.requireInstrument(position.instrumentId);
      if (!isFuturesLike(instrument) || this.portfolio.accountFor(instrument) !== account) continue;
      const open = this.pending.get(instrument.id);
      if (open?.isOpen) continue; // a liquidation is already on its way
      const order = new Order({
        clientOrderId: `LIQ-${String(++this.sequence).padStart(6, '0')}`,
        strategyId: LIQUIDATION_STRATEGY_ID,
        instrumentId: instrument.id,
        side: position.isLong ? 'sell' : 'buy',
        type: 'market',
        quantity: Math.abs(position.quantity),
        timeInForce: 'GTC',
        reduceOnly: true,
        tsInit: this.clock.now(),
        tags: ['margin-call'],
      });
      this.pending.set(instrument.id, order);
      this.risk.submitForced(order, 'margin-call');
      sent++;
    }
    if (sent === 0) return;
    const call: MarginCall = {
      accountId: account.id,
      equity: account.equity,
      maintenanceRequired: required,
      tsEvent: this.clock.now(),
    };
    this.calls.push(call);
    this.log.warn(
      `margin call on ${account.id}: equity ${account.equity.toFixed(2)} below maintenance ${required.toFixed(2)}; liquidating ${sent} position(s)`,
    );
    this.bus.publish(MARGIN_CALL_TOPIC, call);
  }
}
