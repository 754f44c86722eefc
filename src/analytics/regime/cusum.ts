/**
 * Page's (1954) two-sided CUSUM on standardised observations z = (x − μ₀)/σ₀ (Page, "Continuous
 * inspection schemes", Biometrika 41, 100–115; Montgomery, "Introduction to Statistical Quality
 * Control", 7th ed. 2013, §9.1.2, eqs. 9.2–9.3):
 *   S⁺_t = max(0, S⁺_{t−1} + z_t − k),  S⁻_t = max(0, S⁻_{t−1} − z_t − k),
 * alarm when S⁺ or S⁻ exceeds h. The change is estimated at the step after the sum last left 0
 * (Montgomery §9.1.2). k and h are in standard deviations (k = 0.5, h = 5 detects a 1σ shift, with
 * an in-control average run length ≈ 465, Montgomery Table 9.3).
 */
import { requireFinite, requirePositive } from '../statistics/validate.js';

/** CUSUM settings: in-control mean/sd and the reference value k and decision interval h (in σ units). */
export interface CusumOptions {
  readonly targetMean: number;
  readonly standardDeviation: number;
  /** Allowance k (default 0.5σ: tuned to detect a 1σ shift). */
  readonly drift?: number;
  /** Decision interval h (default 5σ). */
  readonly threshold?: number;
}

/** One alarm: when it fired, which side, and the estimated change point. */
export interface CusumAlarm {
  readonly index: number;
  readonly direction: 'up' | 'down';
  /** Estimated first step of the shift (the step after the signalling sum was last 0). */
  readonly changePoint: number;
}

/** A resettable two-sided CUSUM detector fed one observation at a time. */
export class CusumDetector {
  private readonly targetMean: number;
  private readonly standardDeviation: number;
  private readonly drift: number;
  private readonly threshold: number;
  private upper = 0;
  private lower = 0;
  private upperStart = 0;
  private lowerStart = 0;
  private step = 0;

  constructor(options: CusumOptions) {
    this.targetMean = requireFinite('targetMean', options.targetMean);
    this.standardDeviation = requirePositive('standardDeviation', options.standardDeviation);
    this.drift = requireFinite('drift', options.drift ?? 0.5);
    if (this.drift < 0) throw new RangeError(`drift must be >= 0, got ${this.drift}`);
    this.threshold = requirePositive('threshold', options.threshold ?? 5);
  }

  /** Current sums (S⁺, S⁻) in σ units. */
  get sums(): { upper: number; lower: number } {
    return { upper: this.upper, lower: this.lower };
  }

  /** Feeds the next observation; returns an alarm when a sum crosses h (sums are then reset). */
  update(value: number): CusumAlarm | undefined {
    requireFinite('value', value);
    const index = this.step++;
    const z = (value - this.targetMean) / this.standardDeviation;
    if (this.upper === 0) this.upperStart = index;
    if (this.lower === 0) this.lowerStart = index;
    this.upper = Math.max(0, this.upper + z - this.drift);
    this.lower = Math.max(0, this.lower - z - this.drift);
    let alarm: CusumAlarm | undefined;
    if (this.upper > this.threshold) alarm = { index, direction: 'up', changePoint: this.upperStart };
    else if (this.lower > this.threshold) alarm = { index, direction: 'down', changePoint: this.lowerStart };
    if (alarm) this.reset();
    return alarm;
  }

  /** Clears both sums (keeps the step counter, so indices stay those of the whole stream). */
  reset(): void {
    this.upper = 0;
    this.lower = 0;
  }
}

/** Runs a {@link CusumDetector} over a series; returns every alarm (the detector restarts after each). */
export function cusumAlarms(values: ArrayLike<number>, options: CusumOptions): CusumAlarm[] {
  const detector = new CusumDetector(options);
  const alarms: CusumAlarm[] = [];
  for (let t = 0; t < values.length; t++) {
    const alarm = detector.update(values[t] as number);
    if (alarm) alarms.push(alarm);
  }
  return alarms;
}
