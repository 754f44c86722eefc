/**
 * Runs an execution algorithm inside a real BacktestEngine: a strategy starts it on the first data
 * point it sees (so the cache has a price) or in onStart, and may act on later data through `onData`.
 * An algorithm started inside a data handler does not see that data point (its subscription is new).
 */
import { BacktestEngine } from '../../../src/backtest/engine.js';
import type { AlgorithmHandle, AlgorithmSpec } from '../../../src/execution/algorithms/index.js';
import type { AccountType } from '../../../src/model/account.js';
import { type Bar, BarType, bar, type MarketData, type TradeTick } from '../../../src/model/data.js';
import type { Instrument } from '../../../src/model/instruments.js';
import { MICROS_PER_MINUTE, microsFromIso } from '../../../src/model/time.js';
import type { RiskConfig } from '../../../src/risk/engine.js';
import { Strategy } from '../../../src/strategy/strategy.js';

/** 2024-03-04 14:31 UTC: the close of the first test bar. */
export const T1 = microsFromIso('2024-03-04T14:31:00Z');

/** One-minute bars from [open, high, low, close, volume] rows; the first closes at `firstClose`. */
export function minuteBars(
  instrument: Instrument,
  rows: readonly (readonly [number, number, number, number, number])[],
  firstClose = T1,
): Bar[] {
  const type = BarType.of(instrument.id, 1, 'minute');
  return rows.map(([o, h, l, c, v], i) => bar(type, o, h, l, c, v, firstClose + i * MICROS_PER_MINUTE));
}

export function trades(
  instrument: Instrument,
  rows: readonly (readonly [number, number])[],
  first = T1,
): TradeTick[] {
  return rows.map(([price, size], i) => ({
    kind: 'trade',
    instrumentId: instrument.id,
    price,
    size,
    aggressor: 'none',
    tradeId: `t${i + 1}`,
    tsEvent: first + i * 1_000_000,
    tsInit: first + i * 1_000_000,
  }));
}

export class AlgoRunner extends Strategy<Record<string, never>> {
  handle: AlgorithmHandle | undefined;
  dataCount = 0;

  constructor(
    private readonly instrument: Instrument,
    private readonly feed: 'bars' | 'trades',
    private readonly launch: () => AlgorithmSpec,
    private readonly onData?: (runner: AlgoRunner, index: number) => void,
    private readonly launchAtStart = false,
  ) {
    super('ALGO', {});
  }

  protected override onStart(): void {
    if (this.feed === 'bars') this.subscribeBars(BarType.of(this.instrument.id, 1, 'minute'));
    else this.subscribeTrades(this.instrument.id);
    if (this.launchAtStart) this.handle = this.execute(this.launch());
  }

  /** The kernel's bus, for tests that listen to algorithm completions. */
  get bus() {
    return this.services.bus;
  }

  /** Called after each of the strategy's order events (tests check invariants there). */
  afterOrderEvent: ((runner: AlgoRunner) => void) | undefined;

  override onOrderEvent(): void {
    this.afterOrderEvent?.(this);
  }

  override onBar(): void {
    this.step();
  }

  override onTrade(): void {
    this.step();
  }

  private step(): void {
    this.handle ??= this.execute(this.launch());
    this.onData?.(this, this.dataCount++);
  }
}

export interface RunOptions {
  readonly instrument: Instrument;
  readonly data: MarketData[];
  readonly launch: () => AlgorithmSpec;
  readonly onData?: (runner: AlgoRunner, index: number) => void;
  readonly risk?: RiskConfig;
  readonly accountType?: AccountType;
  readonly volumeParticipation?: number;
  /** Start the algorithm in onStart (before any data) instead of on the first data point. */
  readonly launchAtStart?: boolean;
  readonly afterOrderEvent?: (runner: AlgoRunner) => void;
}

export function runAlgo(options: RunOptions) {
  const engine = new BacktestEngine({
    venues: [
      {
        name: options.instrument.venue,
        accountType: options.accountType ?? (options.instrument.kind === 'future' ? 'margin' : 'cash'),
        startingCash: 10_000_000,
        volumeParticipation: options.volumeParticipation,
      },
    ],
    risk: options.risk,
  });
  engine.addInstrument(options.instrument);
  engine.addData(options.data);
  const feed = options.data[0].kind === 'trade' ? 'trades' : 'bars';
  const runner = new AlgoRunner(
    options.instrument,
    feed,
    options.launch,
    options.onData,
    options.launchAtStart,
  );
  runner.afterOrderEvent = options.afterOrderEvent;
  engine.addStrategy(runner);
  const result = engine.run();
  return { engine, result, runner, handle: runner.handle! };
}

/** Per child: quantity, and its fills as [time, quantity, price]. */
export function childFills(handle: AlgorithmHandle): Array<{ quantity: number; fills: number[][] }> {
  return handle.children.map((child) => ({
    quantity: child.quantity,
    fills: child.events.flatMap((e) =>
      e.kind === 'filled' ? [[e.tsEvent, e.lastQuantity, e.lastPrice]] : [],
    ),
  }));
}
