/**
 * The per-kernel half of ServerMetrics: bus subscriptions that count what happens as plain numbers
 * (an array slot or a field incremented per event: no label look-up, no allocation), read and added
 * to the Prometheus counters only when the registry is scraped.
 */
import { performance } from 'node:perf_hooks';
import type { Kernel } from '../kernel/kernel.js';
import type { MarketData } from '../model/data.js';
import { ORDER_EVENT_KINDS, type OrderEvent } from '../model/order-events.js';
import { KILL_SWITCH_TOPIC } from '../risk/kill-switch.js';
import type { SessionState } from './api-types.js';

/** What the server knows that the kernel does not: session state, connection, queues, clients. */
export interface MetricsSource {
  status(): { state: SessionState; connected: boolean; dataTime: number | null };
  /** Current length of each queue by name (WebSocket send queues, the session's input queue…). */
  queueDepths(): Readonly<Record<string, number>>;
  websocketClients(): number;
}

/** `kind` label of market data events (`status` are the instruments' trading status changes). */
export const DATA_KINDS = ['bar', 'quote', 'trade', 'book', 'depth', 'status'] as const;
export type DataKindLabel = (typeof DATA_KINDS)[number];

/** The data point handlers of the bus run between these two: first and last of every data topic. */
const FIRST = Number.MAX_SAFE_INTEGER;
const LAST = -Number.MAX_SAFE_INTEGER;

function dataKindIndex(kind: MarketData['kind']): number {
  switch (kind) {
    case 'bar':
      return 0;
    case 'quote':
      return 1;
    case 'trade':
      return 2;
    case 'book':
    case 'book-level':
      return 3;
    case 'book-depth':
      return 4;
    case 'status':
      return 5;
    default:
      return -1;
  }
}

const ORDER_KIND_INDEX = new Map<string, number>(ORDER_EVENT_KINDS.map((kind, i) => [kind, i]));

/**
 * Watches one kernel. Counts are cumulative since the watch began; `flushed*` record how much of
 * them the registry's counters already hold, so a scrape adds only the difference.
 *
 * Tick-to-order latency: a subscription on every data topic (`data.*`) at the highest priority
 * stamps `performance.now()` before any other handler (the order emulator, strategies) sees the
 * data point, and one at the lowest priority marks the end of its handling. An order submitted in
 * between was submitted while handling that data point. The order is seen by its `submitted`
 * event: strategies create orders (`initialized`, which publishes no event) and hand them to the
 * risk engine, which either denies them or passes them to the execution engine, which publishes
 * `submitted` synchronously just before the venue client's `submitOrder`. So the latency covers
 * the strategy's decision and the pre-trade risk checks; denied orders are not counted (they never
 * leave), and neither are orders sent outside data handling (timers, fills, the API). Stop-type
 * orders the kernel emulates count when submitted (held locally), not when they trigger later.
 * Data derived during handling (a book event's trade and quote are published after it, not inside
 * it) gets its own stamp; a data point published from inside another's handling (nested) counts
 * from the outer one, where the data came in.
 */
export class KernelWatch {
  readonly dataEvents = new Float64Array(DATA_KINDS.length);
  readonly orderEvents = new Float64Array(ORDER_EVENT_KINDS.length);
  /** OrderDenied events by reason code. */
  readonly denials = new Map<string, number>();
  deniedEvents = 0;
  killSwitchPulls = 0;
  /** `performance.now()` of the last data point's arrival (undefined before the first). */
  lastArrival: number | undefined;
  readonly attachedAt = performance.now();

  readonly flushedData = new Float64Array(DATA_KINDS.length);
  readonly flushedOrders = new Float64Array(ORDER_EVENT_KINDS.length);
  readonly flushedDenials = new Map<string, number>();
  flushedModifyDenials = 0;
  flushedKillSwitchPulls = 0;
  flushedBusMessages: number;

  private readonly deniedBaseline: number;
  private depth = 0;
  private stamp = 0;
  private resetQueued = false;
  private readonly unsubscribe: (() => void)[];

  constructor(
    readonly kernel: Kernel,
    readonly source: MetricsSource,
    private readonly observeTickToOrder: (seconds: number) => void,
  ) {
    const { bus } = kernel;
    this.deniedBaseline = kernel.risk.deniedCount;
    this.flushedBusMessages = bus.publishedCount;
    this.unsubscribe = [
      bus.subscribe<MarketData>('data.*', this.onDataStart, FIRST),
      bus.subscribe<MarketData>('data.*', this.onDataEnd, LAST),
      bus.subscribe<OrderEvent>('events.order.*', this.onOrderEvent),
      bus.subscribe(KILL_SWITCH_TOPIC, this.onKillSwitch),
    ];
  }

  /**
   * Denied modifications: the risk engine counts them (`deniedCount`) but publishes no event, so
   * they are the denials counted that no OrderDenied event explains.
   */
  get modifyDenials(): number {
    return Math.max(0, this.kernel.risk.deniedCount - this.deniedBaseline - this.deniedEvents);
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
  }

  private readonly onDataStart = (item: MarketData): void => {
    const now = performance.now();
    this.lastArrival = now;
    const kind = dataKindIndex(item.kind);
    if (kind >= 0) this.dataEvents[kind]++;
    if (this.depth++ === 0) {
      this.stamp = now;
      // A handler that throws skips onDataEnd and would leave the depth raised for good; handling
      // is synchronous, so it is over by the next microtask, which resets it.
      if (!this.resetQueued) {
        this.resetQueued = true;
        queueMicrotask(this.resetDepth);
      }
    }
  };

  private readonly onDataEnd = (): void => {
    if (this.depth > 0) this.depth--;
  };

  private readonly resetDepth = (): void => {
    this.depth = 0;
    this.resetQueued = false;
  };

  private readonly onOrderEvent = (event: OrderEvent): void => {
    const index = ORDER_KIND_INDEX.get(event.kind);
    if (index !== undefined) this.orderEvents[index]++;
    if (event.kind === 'submitted') {
      if (this.depth > 0) this.observeTickToOrder((performance.now() - this.stamp) / 1000);
    } else if (event.kind === 'denied') {
      this.deniedEvents++;
      this.denials.set(event.reasonCode, (this.denials.get(event.reasonCode) ?? 0) + 1);
    }
  };

  private readonly onKillSwitch = (): void => {
    this.killSwitchPulls++;
  };
}
