import type { MessageBus } from '../core/bus.js';
import type { Cache } from '../core/cache.js';
import type { Clock } from '../core/clock.js';
import { type Log, silentLog } from '../core/log.js';
import type { ClientOrderId, InstrumentId } from '../model/identifiers.js';
import { Order } from '../model/order.js';
import type { UnixMicros } from '../model/time.js';
import type { RiskEngine } from './engine.js';

/** One audited command: who did what, to what, from where. */
export interface AuditEntry {
  readonly actor: string;
  readonly action: string;
  readonly target?: string;
  readonly details?: Record<string, unknown>;
  readonly source: string;
}

/** Where audited commands are recorded (the store's audit log, when wired). */
export type AuditSink = (entry: {
  actor: string;
  action: string;
  target?: string;
  details?: Record<string, unknown>;
  source: string;
}) => void | Promise<void>;

export interface KillSwitchRequest {
  /** Who pulled it (user name, `system`, …). */
  readonly actor: string;
  /** From where (`cli`, `api`, `dashboard`, `risk`…). */
  readonly source: string;
  readonly reason: string;
}

export interface KillSwitchSummary {
  readonly actor: string;
  readonly source: string;
  readonly reason: string;
  /** Working orders a cancel was sent for. */
  readonly ordersCanceled: readonly ClientOrderId[];
  /** Flattening orders sent, one per open position. */
  readonly flattenOrders: readonly ClientOrderId[];
  readonly positionsFlattened: readonly { readonly instrumentId: InstrumentId; readonly quantity: number }[];
  readonly tsEvent: UnixMicros;
}

export const KILL_SWITCH_TOPIC = 'events.risk.kill-switch';
/** Strategy id and tag of the flattening orders. */
export const KILL_SWITCH_STRATEGY_ID = 'RISK-KILL-SWITCH';

/**
 * Stops all trading at once: sets the trading state to halted, cancels every open order and sends
 * a reduce-only market order per open position (through the risk engine's forced path: past the
 * halted state, still booked and reduce-only checked). Publishes the summary on
 * `events.risk.kill-switch` and records it in the audit sink.
 */
export class KillSwitch {
  private sequence = 0;
  readonly engagements: KillSwitchSummary[] = [];

  constructor(
    private readonly cache: Cache,
    private readonly risk: RiskEngine,
    private readonly clock: Clock,
    private readonly bus: MessageBus,
    private readonly audit: AuditSink | undefined = undefined,
    private readonly log: Log = silentLog,
  ) {}

  /**
   * Halts, cancels and flattens synchronously (the cancels and flattening orders are sent before
   * this returns its promise), then awaits the audit sink; a failing sink rejects the promise.
   */
  engage(request: KillSwitchRequest): Promise<KillSwitchSummary> {
    const summary = this.act(request);
    const audit = this.audit;
    if (!audit) return Promise.resolve(summary);
    try {
      return Promise.resolve(audit(this.auditEntry(summary))).then(() => summary);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private act(request: KillSwitchRequest): KillSwitchSummary {
    this.risk.setTradingState(
      'halted',
      'kill-switch',
      `kill switch by ${request.actor} (${request.source}): ${request.reason}`,
    );
    const ordersCanceled: ClientOrderId[] = [];
    for (const order of this.cache.openOrders()) {
      if (order.strategyId === KILL_SWITCH_STRATEGY_ID) continue;
      ordersCanceled.push(order.clientOrderId);
      this.risk.cancel(order);
    }
    const flattenOrders: ClientOrderId[] = [];
    const positionsFlattened: { instrumentId: InstrumentId; quantity: number }[] = [];
    const now = this.clock.now();
    for (const position of this.cache.positions()) {
      if (position.isFlat) continue;
      const order = new Order({
        clientOrderId: `KILL-${String(++this.sequence).padStart(6, '0')}`,
        strategyId: KILL_SWITCH_STRATEGY_ID,
        instrumentId: position.instrumentId,
        side: position.quantity > 0 ? 'sell' : 'buy',
        type: 'market',
        quantity: Math.abs(position.quantity),
        timeInForce: 'GTC',
        reduceOnly: true,
        tsInit: now,
        tags: ['kill-switch'],
      });
      this.risk.submitForced(order, 'kill-switch');
      flattenOrders.push(order.clientOrderId);
      positionsFlattened.push({ instrumentId: position.instrumentId, quantity: position.quantity });
    }
    const summary: KillSwitchSummary = {
      actor: request.actor,
      source: request.source,
      reason: request.reason,
      ordersCanceled,
      flattenOrders,
      positionsFlattened,
      tsEvent: now,
    };
    this.engagements.push(summary);
    this.log.warn(
      `kill switch engaged by ${request.actor} (${request.source}): ${request.reason}; ${ordersCanceled.length} order(s) canceled, ${positionsFlattened.length} position(s) being flattened`,
    );
    this.bus.publish(KILL_SWITCH_TOPIC, summary);
    return summary;
  }

  private auditEntry(summary: KillSwitchSummary): AuditEntry {
    return {
      actor: summary.actor,
      action: 'kill-switch.engage',
      target: 'all',
      source: summary.source,
      details: {
        reason: summary.reason,
        ordersCanceled: summary.ordersCanceled,
        flattenOrders: summary.flattenOrders,
        positionsFlattened: summary.positionsFlattened,
        tsEvent: summary.tsEvent,
      },
    };
  }
}
