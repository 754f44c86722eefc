import type { UnixMicros } from '../../model/time.js';
import { ExecutionAlgorithm } from './algorithm.js';
import { scheduleStart, targetSchedule } from './schedule.js';
import type { AlgorithmContext, AlgorithmHandle, AlgorithmSpec, ParentOrder } from './types.js';
import { type ProfileStep, profileSteps, type VolumeProfile } from './volume-profile.js';

export interface VwapParams extends ParentOrder {
  /** From `volumeProfile(historicalBars, bucketMinutes, timeZone)`. */
  readonly profile: VolumeProfile;
  /** Default now (the first step is sent at once). Must not be in the past. */
  readonly startTime?: UnixMicros;
  /** Steps are the profile's buckets within [start, end). */
  readonly endTime: UnixMicros;
  /** Optional deadline after which working children are canceled (`expired`); default none. */
  readonly deadline?: UnixMicros;
}

/**
 * Volume-weighted schedule: one step per profile bucket within [start, end), sent at the bucket's
 * start (the first at `start`), each bringing the parent up to its cumulative share of the
 * profile's volume in the window (floored to the size grid; the last step takes the remainder).
 * Unfilled quantity of earlier steps is caught up by later ones.
 */
export class Vwap extends ExecutionAlgorithm {
  private readonly steps: readonly ProfileStep[];
  private readonly targets: readonly number[];
  private next = 0;

  constructor(
    context: AlgorithmContext,
    private readonly params: VwapParams,
  ) {
    super(context, 'vwap', params);
    const start = scheduleStart('vwap', context.clock.now(), params.startTime);
    if (!(params.endTime > start))
      throw new RangeError(`vwap: end time ${params.endTime} must be after the start ${start}`);
    this.steps = profileSteps(params.profile, start, params.endTime);
    if (this.steps.length === 0)
      throw new RangeError('vwap: the profile has no volume between start and end');
    this.targets = targetSchedule(
      params.quantity,
      this.steps.map((s) => s.weight),
      this.instrument.sizeGrid,
    );
  }

  /** Cumulative target after each step (for inspection and tests). */
  get schedule(): readonly { readonly time: UnixMicros; readonly target: number }[] {
    return this.steps.map((s, j) => ({ time: s.time, target: this.targets[j] }));
  }

  protected onStart(): void {
    if (this.params.deadline !== undefined)
      this.setTimeAlert('deadline', this.params.deadline, () => this.finish('expired'));
    this.armNext();
  }

  /** One alert at a time: the next step's. A step due now runs at once. */
  private armNext(): void {
    while (this.isRunning && this.next < this.steps.length) {
      const step = this.steps[this.next];
      if (step.time > this.context.clock.now()) {
        this.setTimeAlert('step', step.time, () => this.runStep());
        return;
      }
      this.runStep(false);
    }
  }

  private runStep(rearm = true): void {
    const target = this.targets[this.next++];
    this.sendChild(target - this.filledQuantity - this.workingQuantity);
    if (rearm) this.armNext();
  }
}

export function vwap(params: VwapParams): AlgorithmSpec {
  return { start: (context): AlgorithmHandle => new Vwap(context, params).start() };
}
