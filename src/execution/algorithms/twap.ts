import type { UnixMicros } from '../../model/time.js';
import { ExecutionAlgorithm } from './algorithm.js';
import { scheduleStart, targetSchedule } from './schedule.js';
import type { AlgorithmContext, AlgorithmHandle, AlgorithmSpec, ParentOrder } from './types.js';

export interface TwapParams extends ParentOrder {
  /** Number of slices (≥ 1). */
  readonly slices: number;
  /** Time between slices, µs. */
  readonly intervalMicros: number;
  /** First slice; default now (sent at once). Must not be in the past. */
  readonly startTime?: UnixMicros;
  /**
   * Optional deadline: working children are canceled and the algorithm ends `expired` if the
   * parent has not filled by then. Without it, children work until they fill.
   */
  readonly deadline?: UnixMicros;
}

/**
 * Time-weighted average price: slice k (k = 0 … slices − 1) is sent at start + k × interval and
 * brings the parent up to its target, k + 1 equal slices (floored to the size grid; the last
 * slice's target is the whole quantity, so it takes the remainder). What an earlier slice left
 * unfilled is caught up by the next one, never beyond the unsent quantity.
 */
export class Twap extends ExecutionAlgorithm {
  private readonly targets: readonly number[];
  private readonly startTime: UnixMicros;
  private next = 0;

  constructor(
    context: AlgorithmContext,
    private readonly params: TwapParams,
  ) {
    super(context, 'twap', params);
    if (!Number.isInteger(params.slices) || params.slices < 1)
      throw new RangeError(`twap: slices must be a positive integer, got ${params.slices}`);
    if (!(params.intervalMicros > 0))
      throw new RangeError(`twap: interval must be positive, got ${params.intervalMicros}`);
    this.startTime = scheduleStart('twap', context.clock.now(), params.startTime);
    const weights = new Array<number>(params.slices).fill(1);
    this.targets = targetSchedule(params.quantity, weights, this.instrument.sizeGrid);
  }

  protected onStart(): void {
    const { params } = this;
    if (params.deadline !== undefined)
      this.setTimeAlert('deadline', params.deadline, () => this.finish('expired'));
    const now = this.context.clock.now();
    if (this.startTime === now) this.slice();
    if (this.next < this.targets.length && this.isRunning)
      this.setTimer('slice', params.intervalMicros, () => this.slice(), {
        start: this.startTime === now ? now + params.intervalMicros : this.startTime,
        stop: this.startTime + (params.slices - 1) * params.intervalMicros,
      });
  }

  private slice(): void {
    const target = this.targets[this.next++];
    if (target === undefined) return;
    this.sendChild(target - this.filledQuantity - this.workingQuantity);
  }
}

export function twap(params: TwapParams): AlgorithmSpec {
  return { start: (context): AlgorithmHandle => new Twap(context, params).start() };
}
