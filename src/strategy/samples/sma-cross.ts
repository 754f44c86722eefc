import { z } from 'zod';
import { SimpleMovingAverage } from '../../indicators/averages/sma.js';
import { CrossOver } from '../../indicators/crossover.js';
import type { Bar, BarType } from '../../model/data.js';
import type { InstrumentId } from '../../model/identifiers.js';
import type { Order } from '../../model/order.js';
import type { StrategyDefinition } from '../registry.js';
import type { StateValue } from '../state.js';
import { Strategy } from '../strategy.js';

export const smaCrossParameters = z
  .object({
    fast: z.number().int().min(1).default(10).describe('fast SMA period (1 = the close itself)'),
    slow: z.number().int().min(2).default(30).describe('slow SMA period'),
    quantity: z.number().positive().default(1).describe('units bought on each entry'),
  })
  .refine((p) => p.fast < p.slow, { message: 'fast must be smaller than slow', path: ['fast'] });

export type SmaCrossParams = z.infer<typeof smaCrossParameters>;

/**
 * Long-only moving-average crossover: buy `quantity` when SMA(fast) crosses above SMA(slow),
 * close the whole position when it crosses below. A cross is a change of sign of fast - slow
 * (equal values keep the previous sign). Nothing happens until both averages exist, and no new
 * order is sent while one is pending.
 */
export class SmaCross extends Strategy<SmaCrossParams> {
  private readonly fast: SimpleMovingAverage;
  private readonly slow: SimpleMovingAverage;
  private readonly cross = new CrossOver();
  private pending: Order | undefined;

  constructor(
    id: string,
    params: SmaCrossParams,
    private readonly instrumentId: InstrumentId,
    private readonly barType: BarType,
  ) {
    super(id, params);
    this.fast = new SimpleMovingAverage(params.fast);
    this.slow = new SimpleMovingAverage(params.slow);
  }

  protected override onStart(): void {
    this.subscribeBars(this.barType);
  }

  /** The slow window's closes (the fast one is its tail) and the cross's sign. */
  protected override onSaveState(): StateValue {
    return { closes: this.slow.windowValues(), crossSign: this.cross.lastSign };
  }

  protected override onLoadState(state: StateValue): void {
    const { closes, crossSign } = state as { closes: number[]; crossSign: number };
    this.fast.reset();
    this.slow.reset();
    for (const close of closes) {
      this.fast.update(close);
      this.slow.update(close);
    }
    this.cross.restore(crossSign);
  }

  override onBar(bar: Bar): void {
    const fast = this.fast.update(bar.close);
    const slow = this.slow.update(bar.close);
    if (!this.slow.isReady || !this.fast.isReady) return;
    const cross = this.cross.update(fast, slow);
    // Check the order itself, not only onOrderEvent: at a venue that fills synchronously (fill at
    // close) the order is already terminal before buy() returns it.
    if (this.pending !== undefined && !this.pending.isTerminal) return;
    if (this.isFlat(this.instrumentId)) {
      if (cross > 0) this.pending = this.buy(this.instrumentId, this.params.quantity);
    } else if (cross < 0) {
      this.pending = this.close(this.instrumentId);
    }
  }
}

export const smaCrossDefinition: StrategyDefinition<typeof smaCrossParameters> = {
  name: 'sma-cross',
  description: 'Long-only SMA(fast)/SMA(slow) crossover: buy on the cross up, close on the cross down.',
  parameters: smaCrossParameters,
  create: ({ id, params, instrument, barType }) => new SmaCross(id, params, instrument.id, barType),
};
