import type { BarType } from '../../model/data.js';
import type { UnixMicros } from '../../model/time.js';
import { ExecutionAlgorithm } from './algorithm.js';
import type { AlgorithmContext, AlgorithmHandle, AlgorithmSpec, ParentOrder } from './types.js';

export interface PovParams extends ParentOrder {
  /** Target share of market volume, in (0, 1]. */
  readonly rate: number;
  /** Observe bars of this type; default: the instrument's trade ticks. */
  readonly barType?: BarType;
  /** Volume before this time is not counted; default now. */
  readonly startTime?: UnixMicros;
  /** Optional deadline: working children are canceled and the algorithm ends `expired`. */
  readonly deadline?: UnixMicros;
  /** No child smaller than this, except the parent's last piece. */
  readonly minChildQuantity?: number;
  /** No child larger than this (the rest waits for the next observation). */
  readonly maxChildQuantity?: number;
}

/**
 * Percentage of volume: after each observed trade (or bar) of the instrument at or after the start,
 * the market volume since the start grows by its size, and the algorithm sends a child for
 * target − filled − working, where target = rate × market volume (floored to the size grid, capped
 * by the parent quantity), within the min/max child sizes. Market volume is what the data reports
 * (live it includes our own trades).
 */
export class Pov extends ExecutionAlgorithm {
  private readonly startTime: UnixMicros;
  private marketVolume = 0;

  constructor(
    context: AlgorithmContext,
    private readonly params: PovParams,
  ) {
    super(context, 'pov', params);
    if (!(params.rate > 0 && params.rate <= 1))
      throw new RangeError(`pov: rate must be in (0, 1], got ${params.rate}`);
    const { minChildQuantity: min, maxChildQuantity: max } = params;
    if (min !== undefined && !(min > 0))
      throw new RangeError(`pov: min child quantity must be positive, got ${min}`);
    if (max !== undefined && !(max > 0 && max >= (min ?? 0)))
      throw new RangeError(`pov: max child quantity ${max} must be positive and at least the minimum`);
    if (params.barType !== undefined && params.barType.instrumentId !== params.instrumentId)
      throw new RangeError(`pov: bar type ${params.barType.key} is not of ${params.instrumentId}`);
    this.startTime = params.startTime ?? context.clock.now();
  }

  /** Volume observed since the start. */
  get observedVolume(): number {
    return this.marketVolume;
  }

  protected onStart(): void {
    const { params, context } = this;
    if (params.deadline !== undefined)
      this.setTimeAlert('deadline', params.deadline, () => this.finish('expired'));
    this.keep(
      params.barType !== undefined
        ? context.subscribeBars(params.barType, (bar) => this.observe(bar.tsEvent, bar.volume))
        : context.subscribeTrades(params.instrumentId, (trade) => this.observe(trade.tsEvent, trade.size)),
    );
  }

  private observe(ts: UnixMicros, volume: number): void {
    if (ts < this.startTime || !this.isRunning) return;
    this.marketVolume += volume;
    const grid = this.instrument.sizeGrid;
    const target = Math.min(this.quantity, grid.floor(this.params.rate * this.marketVolume));
    let size = grid.round(target - this.filledQuantity - this.workingQuantity);
    if (this.params.maxChildQuantity !== undefined) size = Math.min(size, this.params.maxChildQuantity);
    const min = this.params.minChildQuantity;
    if (min !== undefined && size < min && size < this.unsentQuantity) return;
    this.sendChild(size);
  }
}

export function pov(params: PovParams): AlgorithmSpec {
  return { start: (context): AlgorithmHandle => new Pov(context, params).start() };
}
